// tests/support: FakeWebSocketServer, a QWebSocketServer on 127.0.0.1 (port 0)
// for the fakes of streaming sources: it accepts connections, hands their text
// frames to the fake, sends frames and pings, drops or stalls connections and
// goes down (refused) on command, and counts what clients send per real second.
// Lives on the test's thread.
#pragma once

#include <deque>
#include <vector>

#include <QObject>
#include <QString>
#include <QUrl>

class QWebSocket;
class QWebSocketServer;

namespace wick {

class FakeWebSocketServer final : public QObject
{
    Q_OBJECT

public:
    explicit FakeWebSocketServer(const QString &name, QObject *parent = nullptr);
    ~FakeWebSocketServer() override;

    bool listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl url() const;  // ws://127.0.0.1:PORT

    // Open connections, oldest first.
    std::vector<QWebSocket *> clients() const;
    void sendText(QWebSocket *client, const QString &text);
    void broadcast(const QString &text);
    void pingAll(const QByteArray &payload);
    void dropAll();  // abort every connection
    // Close every connection with a close frame and a reason.
    void closeAll(const QString &reason);
    void setDown(bool down);  // refused / listening again on the same port
    bool isDown() const { return m_down; }

    int connectionsAccepted() const { return m_accepted; }
    int openConnections() const;
    int pongsReceived() const { return m_pongs; }
    int messagesReceived() const { return m_messages; }
    // The most messages one client sent within any second of real time.
    int maxMessagesPerSecond() const { return m_maxPerSecond; }

signals:
    void clientConnected(QWebSocket *client);
    void textReceived(QWebSocket *client, const QString &text);
    // Queued: the socket is still valid here and deleted after it.
    void clientDisconnected(QWebSocket *client);

private:
    struct Client {
        QWebSocket *socket;
        std::deque<qint64> times;  // real ms of recent messages
    };

    void onConnection();

    QWebSocketServer *m_server;
    quint16 m_port = 0;
    bool m_down = false;
    std::vector<Client> m_clients;
    int m_accepted = 0;
    int m_pongs = 0;
    int m_messages = 0;
    int m_maxPerSecond = 0;
};

}  // namespace wick
