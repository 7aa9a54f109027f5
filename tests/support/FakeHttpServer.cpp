#include "FakeHttpServer.h"

#include <QDateTime>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace wick {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 418:
        return "I'm a teapot";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

}  // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

HttpReply HttpReply::json(int status, QByteArray body)
{
    HttpReply reply;
    reply.status = status;
    reply.headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("application/json;charset=UTF-8")));
    reply.body = std::move(body);
    return reply;
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
    , m_fallback([](const HttpRequest &) { return HttpReply::json(404, "{}"); })
{ }

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::listen(quint16 port)
{
    if (!m_server) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onConnection);
    }
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

QUrl FakeHttpServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeHttpServer::route(const QString &path, Handler handler)
{
    m_routes.insert(path, std::move(handler));
}

void FakeHttpServer::setFallback(Handler handler)
{
    m_fallback = std::move(handler);
}

void FakeHttpServer::setFilter(std::function<std::optional<HttpReply>(const HttpRequest &)> filter)
{
    m_filter = std::move(filter);
}

void FakeHttpServer::setDecorator(std::function<void(const HttpRequest &, HttpReply &)> decorator)
{
    m_decorator = std::move(decorator);
}

void FakeHttpServer::failNext(const QString &pathPart, HttpReply reply, int count)
{
    m_scripted.push_back({pathPart, std::move(reply), count});
}

void FakeHttpServer::setDelay(const QString &pathPart, int realMs)
{
    if (realMs <= 0)
        m_delays.remove(pathPart);
    else
        m_delays.insert(pathPart, realMs);
}

void FakeHttpServer::setDown(bool down)
{
    if (down == m_down || !m_server)
        return;
    m_down = down;
    if (down) {
        m_server->close();
        const QList<QTcpSocket *> sockets = m_buffers.keys();
        for (QTcpSocket *socket : sockets)
            socket->abort();
    } else {
        m_server->listen(QHostAddress::LocalHost, m_port);
    }
}

int FakeHttpServer::requests(const QString &pathPart) const
{
    int n = 0;
    for (const HttpRequest &r : m_log) {
        if (r.path.contains(pathPart))
            ++n;
    }
    return n;
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeHttpServer::onData(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        HttpRequest request;
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            request.headers.append(
                qMakePair(line.left(colon).trimmed(), line.mid(colon + 1).trimmed()));
            if (line.left(colon).trimmed().compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;  // the body is still coming
        request.body = buffer.mid(end + 4, length);
        const QList<QByteArray> words = lines.value(0).trimmed().split(' ');
        buffer.remove(0, end + 4 + length);
        request.method = words.value(0);
        const QUrl target(QString::fromUtf8(words.value(1)));
        request.path = target.path();
        request.query = QUrlQuery(target);
        m_log.push_back(request);
        m_times.push_back(QDateTime::currentMSecsSinceEpoch());

        std::optional<HttpReply> reply;
        for (auto it = m_scripted.begin(); it != m_scripted.end(); ++it) {
            if (!request.path.contains(it->pathPart))
                continue;
            reply = it->reply;
            if (--it->count <= 0)
                m_scripted.erase(it);
            break;
        }
        if (!reply && m_filter)
            reply = m_filter(request);
        if (!reply) {
            const auto route = m_routes.constFind(request.path);
            reply = route != m_routes.cend() ? (*route)(request) : m_fallback(request);
        }
        for (auto it = m_delays.cbegin(); it != m_delays.cend(); ++it) {
            if (request.path.contains(it.key()))
                reply->delayMs = std::max(reply->delayMs, it.value());
        }
        write(socket, request, std::move(*reply));
    }
}

void FakeHttpServer::write(QTcpSocket *socket, const HttpRequest &request, HttpReply reply)
{
    if (reply.hangUp) {
        socket->abort();
        return;
    }
    if (reply.delayMs > 0) {
        const int delay = reply.delayMs;
        reply.delayMs = 0;
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(delay, this, [this, guard, request, reply] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                write(guard, request, reply);
        });
        return;
    }
    if (m_decorator)
        m_decorator(request, reply);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' '
        + reasonPhrase(reply.status) + "\r\n";
    bool typed = false;
    for (const auto &[name, value] : std::as_const(reply.headers))
        typed = typed || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    if (!typed)
        out += "Content-Type: application/json;charset=UTF-8\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &[name, value] : std::as_const(reply.headers))
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += reply.body;
    socket->write(out);
}

}  // namespace wick
