#include "FakeWebSocketServer.h"

#include <algorithm>

#include <QDateTime>
#include <QWebSocket>
#include <QWebSocketServer>

namespace wick {

FakeWebSocketServer::FakeWebSocketServer(const QString &name, QObject *parent)
    : QObject(parent)
    , m_server(new QWebSocketServer(name, QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeWebSocketServer::onConnection);
}

FakeWebSocketServer::~FakeWebSocketServer()
{
    for (Client &c : m_clients)
        c.socket->disconnect(this);
}

bool FakeWebSocketServer::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

QUrl FakeWebSocketServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port));
}

std::vector<QWebSocket *> FakeWebSocketServer::clients() const
{
    std::vector<QWebSocket *> out;
    for (const Client &c : m_clients) {
        if (c.socket->state() == QAbstractSocket::ConnectedState)
            out.push_back(c.socket);
    }
    return out;
}

void FakeWebSocketServer::sendText(QWebSocket *client, const QString &text)
{
    client->sendTextMessage(text);
}

void FakeWebSocketServer::broadcast(const QString &text)
{
    for (QWebSocket *socket : clients())
        socket->sendTextMessage(text);
}

void FakeWebSocketServer::pingAll(const QByteArray &payload)
{
    for (QWebSocket *socket : clients())
        socket->ping(payload);
}

void FakeWebSocketServer::dropAll()
{
    std::vector<QWebSocket *> sockets;
    for (const Client &c : m_clients)
        sockets.push_back(c.socket);
    for (QWebSocket *socket : sockets)
        socket->abort();
}

void FakeWebSocketServer::closeAll(const QString &reason)
{
    for (QWebSocket *socket : clients())
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, reason);
}

void FakeWebSocketServer::setDown(bool down)
{
    if (down == m_down)
        return;
    m_down = down;
    if (down) {
        m_server->close();
        dropAll();
    } else {
        m_server->listen(QHostAddress::LocalHost, m_port);
    }
}

int FakeWebSocketServer::openConnections() const
{
    return int(clients().size());
}

void FakeWebSocketServer::onConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        socket->setParent(this);
        m_clients.push_back({socket, {}});
        connect(
            socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
                ++m_messages;
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                for (Client &c : m_clients) {
                    if (c.socket != socket)
                        continue;
                    c.times.push_back(now);
                    while (!c.times.empty() && c.times.front() + 1000 <= now)
                        c.times.pop_front();
                    m_maxPerSecond = std::max(m_maxPerSecond, int(c.times.size()));
                }
                emit textReceived(socket, text);
            });
        connect(socket, &QWebSocket::pong, this, [this] { ++m_pongs; });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            // Later: the socket may be aborted from inside a loop over the clients.
            QMetaObject::invokeMethod(
                this,
                [this, socket] {
                    std::erase_if(
                        m_clients, [socket](const Client &c) { return c.socket == socket; });
                    emit clientDisconnected(socket);
                    socket->deleteLater();
                },
                Qt::QueuedConnection);
        });
        emit clientConnected(socket);
    }
}

}  // namespace wick
