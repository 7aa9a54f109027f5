#include "feeds/binance/BinanceStreamPool.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <spdlog/spdlog.h>

#include "feeds/binance/BinanceFeed.h"
#include "feeds/binance/BinanceMessages.h"
#include "feeds/binance/BinanceNetPolicy.h"
#include "feeds/binance/BinanceSymbols.h"
#include "net/CircuitBreaker.h"
#include "net/StreamConnection.h"

namespace wick {

namespace {

// trade + kline_1m + miniTicker (the 24 h window, whose open is the reference
// of the watchlist's Chg %). A stream, not polled /api/v3/ticker/24hr: no REST
// weight taken from history backfill, and an update every second.
constexpr int kStreamsPerSymbol = 3;

QStringList streamsOf(const QString &code)
{
    return {binanceStreamName(code, QStringLiteral("trade")),
        binanceStreamName(code, QStringLiteral("kline_1m")),
        binanceStreamName(code, QStringLiteral("miniTicker"))};
}

}  // namespace

struct BinanceStreamPool::Connection {
    int index = 0;
    StreamConnection *stream = nullptr;
    QStringList codes;
    std::unordered_map<std::int64_t, QStringList> awaiting;  // request id -> streams
};

BinanceStreamPool::BinanceStreamPool(
    const BinanceFeedConfig &config, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(std::move(clock))
    , m_circuit(std::make_shared<CircuitBreaker>(config.circuit, m_clock))
{
    m_url = config.wsUrl;
    m_url.setPath(m_url.path().endsWith(QLatin1Char('/'))
            ? m_url.path() + QStringLiteral("stream")
            : m_url.path() + QStringLiteral("/stream"));
}

BinanceStreamPool::~BinanceStreamPool() = default;

BinanceStreamPool::Connection &BinanceStreamPool::connectionWithRoom()
{
    const qsizetype perConnection = m_config.maxStreamsPerConnection / kStreamsPerSymbol;
    for (auto &c : m_connections) {
        if (c->codes.size() < perConnection)
            return *c;
    }
    auto c = std::make_unique<Connection>();
    c->index = int(m_connections.size());
    c->stream = new StreamConnection(
        binanceStreamPolicy(m_config, c->index), m_circuit, m_clock, m_config.clockRate, this);
    Connection *raw = c.get();
    connect(c->stream, &StreamConnection::opened, this, [this, raw] { onOpened(*raw); });
    connect(c->stream, &StreamConnection::closed, this, [this, raw] {
        raw->awaiting.clear();
        emit closed(raw->codes);
    });
    connect(c->stream, &StreamConnection::frame, this,
        [this, raw](const QString &text) { emit frame(raw->index, text); });
    connect(c->stream, &StreamConnection::stateChanged, this, &BinanceStreamPool::stateChanged);
    m_connections.push_back(std::move(c));
    return *m_connections.back();
}

void BinanceStreamPool::add(const QString &code)
{
    if (m_connectionOf.count(code))
        return;
    Connection &c = connectionWithRoom();
    c.codes << code;
    m_connectionOf[code] = c.index;
    if (c.stream->state() == StreamConnection::State::Open) {
        send(c, QStringLiteral("SUBSCRIBE"), streamsOf(code));
        emit opened({code});
    } else if (m_running && c.stream->state() == StreamConnection::State::Idle) {
        c.stream->open(m_url);
    }
}

void BinanceStreamPool::remove(const QString &code)
{
    const auto it = m_connectionOf.find(code);
    if (it == m_connectionOf.end())
        return;
    Connection &c = *m_connections[std::size_t(it->second)];
    m_connectionOf.erase(it);
    c.codes.removeAll(code);
    if (c.stream->state() == StreamConnection::State::Open)
        send(c, QStringLiteral("UNSUBSCRIBE"), streamsOf(code));
}

void BinanceStreamPool::start()
{
    m_running = true;
    for (auto &c : m_connections) {
        if (!c->codes.isEmpty() && c->stream->state() == StreamConnection::State::Idle)
            c->stream->open(m_url);
    }
}

void BinanceStreamPool::stop()
{
    m_running = false;
    for (auto &c : m_connections) {
        c->stream->close();
        c->awaiting.clear();
    }
}

void BinanceStreamPool::reconnectNow(int index, const QString &why)
{
    if (index >= 0 && index < int(m_connections.size()))
        m_connections[std::size_t(index)]->stream->reconnectNow(why);
}

void BinanceStreamPool::onOpened(Connection &c)
{
    c.awaiting.clear();
    QStringList streams;
    for (const QString &code : std::as_const(c.codes))
        streams << streamsOf(code);
    const int batch = std::max(1, m_config.subscribeBatch);
    for (qsizetype i = 0; i < streams.size(); i += batch)
        send(c, QStringLiteral("SUBSCRIBE"), streams.mid(i, batch));
    spdlog::info("binance: connection {} open, subscribing {} streams", c.index, streams.size());
    emit opened(c.codes);
}

void BinanceStreamPool::send(Connection &c, const QString &method, const QStringList &streams)
{
    const std::int64_t id = m_nextId++;
    QJsonObject message;
    message[QStringLiteral("method")] = method;
    message[QStringLiteral("params")] = QJsonArray::fromStringList(streams);
    message[QStringLiteral("id")] = qint64(id);
    c.awaiting[id] = streams;
    c.stream->send(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void BinanceStreamPool::onReply(int index, const BinanceReply &reply)
{
    if (index < 0 || index >= int(m_connections.size()))
        return;
    Connection &c = *m_connections[std::size_t(index)];
    const auto it = reply.id.kind == BinanceRequestId::Kind::Number
        ? c.awaiting.find(reply.id.number)
        : c.awaiting.end();
    if (reply.isError)
        spdlog::error("binance: request {} ({}) refused: {} {}", reply.id.number,
            it == c.awaiting.end() ? std::string("?")
                                   : it->second.join(QLatin1Char(',')).toStdString(),
            reply.errorCode, reply.errorMessage.toStdString());
    if (it != c.awaiting.end())
        c.awaiting.erase(it);
}

BinanceStreamPool::Summary BinanceStreamPool::summary() const
{
    Summary s;
    for (const auto &c : m_connections) {
        if (c->codes.isEmpty())
            continue;
        const StreamConnection::State state = c->stream->state();
        if (state == StreamConnection::State::Waiting) {
            s.anyWaiting = true;
            const TimeMs at = c->stream->retryAt();
            s.soonestRetry = s.soonestRetry == 0 ? at : std::min(s.soonestRetry, at);
        } else if (state != StreamConnection::State::Open || !c->stream->hasData()) {
            s.anyConnecting = true;
        }
    }
    return s;
}

}  // namespace wick
