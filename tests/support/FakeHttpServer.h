// tests/support: FakeHttpServer, a small HTTP/1.1 server on 127.0.0.1 (port 0)
// for the fakes of REST sources. Routes by exact path; a filter may answer
// first (a source's rate-limit state), a decorator adds headers to every reply;
// scripted failures, delays, hang-ups and "down" (refused) on command. Keep-alive
// connections, Content-Length bodies. Lives on the test's thread.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

class QTcpServer;
class QTcpSocket;

namespace wick {

using FakeHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
    QByteArray method;
    QString path;
    QUrlQuery query;
    FakeHeaders headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const;  // empty when absent
};

struct HttpReply {
    int status = 200;
    FakeHeaders headers;
    QByteArray body;
    int delayMs = 0;  // real ms before the answer goes out
    bool hangUp = false;  // close the connection without answering

    static HttpReply json(int status, QByteArray body);
};

class FakeHttpServer final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<HttpReply(const HttpRequest &request)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    bool listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl url() const;

    void route(const QString &path, Handler handler);
    // For paths without a route (default: 404 with an empty JSON object).
    void setFallback(Handler handler);
    // Runs before the routes; an answer here is the reply.
    void setFilter(std::function<std::optional<HttpReply>(const HttpRequest &)> filter);
    // Runs on every reply just before it is written (headers every answer carries).
    void setDecorator(std::function<void(const HttpRequest &, HttpReply &)> decorator);
    // The next `count` requests whose path contains `pathPart` get `reply`.
    void failNext(const QString &pathPart, HttpReply reply, int count = 1);
    // Every answer to a path containing `pathPart` waits `realMs` (0: none).
    void setDelay(const QString &pathPart, int realMs);
    // Closed (connections refused, open ones dropped) / listening again on the same port.
    void setDown(bool down);
    bool isDown() const { return m_down; }

    // Requests received whose path contains `pathPart` (empty: all).
    int requests(const QString &pathPart = {}) const;
    const std::vector<HttpRequest> &requestLog() const { return m_log; }
    // Wall-clock ms of every request received, in order.
    const std::vector<qint64> &requestTimes() const { return m_times; }

private:
    struct Scripted {
        QString pathPart;
        HttpReply reply;
        int count;
    };

    void onConnection();
    void onData(QTcpSocket *socket);
    void write(QTcpSocket *socket, const HttpRequest &request, HttpReply reply);

    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    bool m_down = false;
    QHash<QString, Handler> m_routes;
    Handler m_fallback;
    std::function<std::optional<HttpReply>(const HttpRequest &)> m_filter;
    std::function<void(const HttpRequest &, HttpReply &)> m_decorator;
    std::vector<Scripted> m_scripted;
    QHash<QString, int> m_delays;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    std::vector<HttpRequest> m_log;
    std::vector<qint64> m_times;
};

}  // namespace wick
