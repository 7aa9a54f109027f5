#include "feeds/binance/BinanceFeed.h"

#include <algorithm>
#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <spdlog/spdlog.h>

#include "feeds/binance/BinanceRestParser.h"
#include "feeds/binance/BinanceStreamParser.h"
#include "feeds/binance/BinanceSymbols.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "net/TokenBucket.h"
#include "net/WeightLimiter.h"

namespace wick {

namespace {

constexpr int kKlinesWeight = 2;
constexpr int kTradesWeight = 25;
constexpr int kExchangeInfoWeight = 20;
constexpr int kTradePageLimit = 1000;
constexpr int kStreamsPerSymbol = 2;  // trade + kline_1m

std::string upper(QStringView code)
{
    return code.toString().toUpper().toStdString();
}

void registerMetaTypes()
{
    qRegisterMetaType<wick::TickBatch>();
    qRegisterMetaType<wick::BarsPtr>();
    qRegisterMetaType<wick::FeedState>();
    qRegisterMetaType<wick::SymbolId>("wick::SymbolId");
    qRegisterMetaType<std::vector<wick::ListedSymbol>>();
    qRegisterMetaType<wick::FeedHealth>();
    qRegisterMetaType<wick::Timeframe>();
}

}  // namespace

BinanceFeedConfig BinanceFeedConfig::fromEnvironment(BinanceFeedConfig base)
{
    const QByteArray ws = qgetenv("WICK_BINANCE_WS_URL");
    const QByteArray rest = qgetenv("WICK_BINANCE_REST_URL");
    if (!ws.isEmpty())
        base.wsUrl = QUrl(QString::fromUtf8(ws));
    if (!rest.isEmpty())
        base.restUrl = QUrl(QString::fromUtf8(rest));
    return base;
}

// One combined-stream connection: up to maxStreamsPerConnection streams.
struct BinanceFeed::Connection {
    enum class Phase : std::uint8_t { Idle, Connecting, Open, Waiting };

    Connection(int index, const BinanceFeedConfig &config)
        : index(index)
        // Binance counts messages per second of real time, as they reach it: one
        // token at a time at 60 % of the limit, so that a delay of up to 2/3 s on
        // the way (or in the server) cannot squeeze six into one second.
        , bucket(
              std::max(0.1, config.messagesPerSecond * 0.6), 1.0, std::make_shared<SystemClock>())
        , backoff(config.backoff)
    { }

    int index;
    QWebSocket *socket = nullptr;
    std::vector<SymbolId> symbols;
    QSet<QString> subscribed;  // streams the server confirmed or we asked for
    TokenBucket bucket;
    Backoff backoff;
    std::deque<QString> outbox;
    std::unordered_map<std::int64_t, QStringList> awaiting;  // request id -> streams
    QTimer *sendTimer = nullptr;
    QTimer *heartbeat = nullptr;
    QTimer *lifetime = nullptr;
    QTimer *retry = nullptr;
    Phase phase = Phase::Idle;
    TimeMs retryAt = 0;  // Waiting: when the next attempt goes out (feed clock)
    bool everOpened = false;
    bool gotData = false;  // a frame arrived since the last (re)connect
};

struct BinanceFeed::SymbolFeed {
    enum class Recovery : std::uint8_t { None, Klines, AwaitTrade, Trades };

    QString code;  // "BTCUSDT"
    SymbolId id = kInvalidSymbol;
    int connection = -1;
    bool active = true;  // subscribed and valid
    TimeMs lastClosed = -1;  // open time of the newest closed minute sent as history
    std::int64_t lastTradeId = -1;
    Recovery recovery = Recovery::None;
    std::vector<Tick> buffer;  // live trades held back while the gap is filled
};

struct BinanceFeed::RestRequest {
    QString path;
    QUrlQuery query;
    int weight = 1;
    int attempts = 0;
    // status 200: body; otherwise the parsed API error (code -1121 ...).
    std::function<void(const QByteArray &body)> onSuccess;
    std::function<void(int status, const BinanceApiError &error)> onFailure;
};

BinanceFeed::BinanceFeed(
    std::shared_ptr<SymbolRegistry> registry, BinanceFeedConfig config, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(registry))
    , m_config(std::move(config))
    , m_clock(m_config.clock ? m_config.clock : std::make_shared<SystemClock>())
    , m_restBackoff(m_config.backoff)
{
    registerMetaTypes();
    if (m_config.clockRate <= 0.0)
        m_config.clockRate = 1.0;
    m_config.maxStreamsPerConnection = std::clamp(m_config.maxStreamsPerConnection, 2, 1024);
    m_config.klinesPageLimit = std::clamp(m_config.klinesPageLimit, 1, 1000);
    m_limiter = std::make_unique<WeightLimiter>(
        m_clock, m_config.requestWeightLimit, m_config.weightWindowMs);
    m_restCircuit = std::make_unique<CircuitBreaker>(m_config.circuit, m_clock);
    m_streamCircuit = std::make_unique<CircuitBreaker>(m_config.circuit, m_clock);
    for (const QString &code : std::as_const(m_config.symbols)) {
        if (isValidBinanceCode(code) && !m_byCode.count(upper(code)))
            registerSymbol(code);
    }
}

BinanceFeed::SymbolFeed &BinanceFeed::registerSymbol(const QString &code)
{
    auto s = std::make_unique<SymbolFeed>();
    s->code = code.toUpper();
    s->id = m_registry->intern(binanceSymbol(QStringView(s->code)));
    m_byId[s->id] = s.get();
    m_byCode[s->code.toStdString()] = s.get();
    m_symbols.push_back(std::move(s));
    return *m_symbols.back();
}

BinanceFeed::~BinanceFeed() = default;

QString BinanceFeed::source() const
{
    return QString(kBinanceSource);
}

FeedState BinanceFeed::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

Feed::Capabilities BinanceFeed::capabilities() const
{
    return LiveTrades | LiveBars | RestHistory | SymbolSearch | DynamicSymbols;
}

std::optional<Symbol> BinanceFeed::describeSymbol(const QString &code) const
{
    if (!isValidBinanceCode(code))
        return std::nullopt;
    return binanceSymbol(QStringView(code));
}

QStringList BinanceFeed::symbolCodes() const
{
    QStringList codes;
    for (const auto &s : m_symbols) {
        if (s->active)
            codes.append(s->code);
    }
    return codes;
}

std::vector<SymbolId> BinanceFeed::symbolIds() const
{
    std::vector<SymbolId> ids;
    for (const auto &s : m_symbols)
        ids.push_back(s->id);
    return ids;
}

FeedHealth BinanceFeed::health() const
{
    std::lock_guard lock(m_mutex);
    return m_health;
}

int BinanceFeed::timerMs(TimeMs clockMs) const
{
    const double real = double(std::max<TimeMs>(clockMs, 0)) / m_config.clockRate;
    return int(std::clamp(std::ceil(real), 0.0, 2.0e9));
}

BinanceFeed::SymbolFeed *BinanceFeed::findByCode(std::string_view upperCode)
{
    const auto it = m_byCode.find(std::string(upperCode));
    return it == m_byCode.end() ? nullptr : it->second;
}

// ---------------------------------------------------------------- lifecycle

void BinanceFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setTransferTimeout(timerMs(m_config.restTimeoutMs));
        m_restTimer = new QTimer(this);
        m_restTimer->setSingleShot(true);
        connect(m_restTimer, &QTimer::timeout, this, &BinanceFeed::dispatchRest);
        m_flushTimer = new QTimer(this);
        m_flushTimer->setSingleShot(true);
        connect(m_flushTimer, &QTimer::timeout, this, &BinanceFeed::flushTicks);
        // "reconnecting in N s" counts down.
        m_stateTimer = new QTimer(this);
        m_stateTimer->setInterval(std::max(50, timerMs(1000)));
        connect(m_stateTimer, &QTimer::timeout, this, &BinanceFeed::updateState);
    }
    m_stateTimer->start();
    updateState();
    requestExchangeInfo();
}

void BinanceFeed::stop()
{
    if (!m_running)
        return;
    m_running = false;
    flushTicks();
    for (auto &c : m_connections) {
        for (QTimer *t : {c->sendTimer, c->heartbeat, c->lifetime, c->retry}) {
            if (t)
                t->stop();
        }
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
            c->socket->deleteLater();
            c->socket = nullptr;
        }
        c->phase = Connection::Phase::Idle;
    }
    m_restQueue.clear();
    m_restInFlight.reset();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_restTimer)
        m_restTimer->stop();
    if (m_stateTimer)
        m_stateTimer->stop();
    updateState();
}

void BinanceFeed::resumeFrom(const QHash<QString, ResumePoint> &points)
{
    for (auto it = points.cbegin(); it != points.cend(); ++it)
        m_resume.insert(it.key().toUpper(), it.value().lastClosed);
}

void BinanceFeed::addSymbols(const QStringList &codes)
{
    std::vector<SymbolFeed *> added;
    for (const QString &code : codes) {
        if (!isValidBinanceCode(code))
            continue;
        if (SymbolFeed *known = findByCode(upper(code))) {
            if (known->active)
                continue;
            known->active = true;
            known->connection = -1;
            added.push_back(known);
            continue;
        }
        added.push_back(&registerSymbol(code));
    }
    if (!m_running || !m_infoLoaded)
        return;  // start() / exchangeInfo will take them
    for (SymbolFeed *s : added) {
        if (!m_listed.contains(s->code))
            dropSymbol(*s,
                QStringLiteral("binance:%1: Invalid symbol (not listed by exchangeInfo)")
                    .arg(s->code));
    }
    ensureConnections();
}

void BinanceFeed::removeSymbols(const QStringList &codes)
{
    for (const QString &code : codes) {
        SymbolFeed *s = findByCode(upper(code));
        if (!s || !s->active)
            continue;
        s->active = false;
        s->recovery = SymbolFeed::Recovery::None;
        s->buffer.clear();
        if (s->connection >= 0) {
            Connection &c = *m_connections[std::size_t(s->connection)];
            std::erase(c.symbols, s->id);
            const QStringList streams {binanceStreamName(s->code, QStringLiteral("trade")),
                binanceStreamName(s->code, QStringLiteral("kline_1m"))};
            for (const QString &stream : streams)
                c.subscribed.remove(stream);
            if (c.phase == Connection::Phase::Open)
                queueControl(c, QStringLiteral("UNSUBSCRIBE"), streams);
        }
        s->connection = -1;
    }
}

// ---------------------------------------------------------------- streams

void BinanceFeed::ensureConnections()
{
    const std::size_t perConnection
        = std::size_t(m_config.maxStreamsPerConnection / kStreamsPerSymbol);
    for (auto &symbol : m_symbols) {
        SymbolFeed &s = *symbol;
        if (!s.active || s.connection >= 0)
            continue;
        Connection *target = nullptr;
        for (auto &c : m_connections) {
            if (c->symbols.size() < perConnection) {
                target = c.get();
                break;
            }
        }
        if (!target) {
            m_connections.push_back(
                std::make_unique<Connection>(int(m_connections.size()), m_config));
            target = m_connections.back().get();
        }
        target->symbols.push_back(s.id);
        s.connection = target->index;
        if (target->phase == Connection::Phase::Open) {
            const QStringList streams {binanceStreamName(s.code, QStringLiteral("trade")),
                binanceStreamName(s.code, QStringLiteral("kline_1m"))};
            queueControl(*target, QStringLiteral("SUBSCRIBE"), streams);
            startRecovery(s);
        }
    }
    for (auto &c : m_connections) {
        if (c->phase == Connection::Phase::Idle && !c->symbols.empty())
            openConnection(*c);
    }
    updateState();
}

void BinanceFeed::openConnection(Connection &c)
{
    if (!m_running)
        return;
    if (!m_streamCircuit->allowRequest()) {
        const TimeMs wait = std::max<TimeMs>(m_streamCircuit->reopensAt() - m_clock->now(), 1);
        scheduleReconnect(c, wait, QStringLiteral("circuit open"));
        return;
    }
    if (c.socket) {
        c.socket->disconnect(this);
        c.socket->abort();
        c.socket->deleteLater();
    }
    c.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    c.socket->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
    if (!c.sendTimer) {
        c.sendTimer = new QTimer(this);
        c.sendTimer->setSingleShot(true);
        connect(c.sendTimer, &QTimer::timeout, this, [this, &c] { drainOutbox(c); });
        c.heartbeat = new QTimer(this);
        c.heartbeat->setSingleShot(true);
        connect(c.heartbeat, &QTimer::timeout, this, [this, &c] {
            spdlog::warn("binance: connection {} silent for {} ms, reconnecting", c.index,
                m_config.heartbeatTimeoutMs);
            onDisconnected(c,
                QStringLiteral("no frames for %1 s (heartbeat timeout)")
                    .arg(double(m_config.heartbeatTimeoutMs) / 1000.0));
        });
        c.lifetime = new QTimer(this);
        c.lifetime->setSingleShot(true);
        connect(c.lifetime, &QTimer::timeout, this, [this, &c] {
            spdlog::info(
                "binance: connection {} reached its planned lifetime, reconnecting", c.index);
            if (c.socket) {
                c.socket->disconnect(this);
                c.socket->close();
                c.socket->deleteLater();
                c.socket = nullptr;
            }
            c.phase = Connection::Phase::Idle;
            {
                std::lock_guard lock(m_mutex);
                ++m_health.reconnects;
            }
            for (SymbolId id : c.symbols)
                m_byId[id]->recovery = SymbolFeed::Recovery::None;
            openConnection(c);
        });
        c.retry = new QTimer(this);
        c.retry->setSingleShot(true);
        connect(c.retry, &QTimer::timeout, this, [this, &c] { openConnection(c); });
    }
    QWebSocket *socket = c.socket;
    connect(socket, &QWebSocket::connected, this, [this, &c] { onConnected(c); });
    connect(socket, &QWebSocket::disconnected, this, [this, &c, socket] {
        if (c.socket == socket)
            onDisconnected(
                c, socket->closeReason().isEmpty() ? socket->errorString() : socket->closeReason());
    });
    // A refused or failed connect may end without `disconnected`.
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this, &c, socket](QAbstractSocket::SocketError) {
            if (c.socket == socket)
                onDisconnected(c, socket->errorString());
        });
    connect(socket, &QWebSocket::textMessageReceived, this,
        [this, &c](const QString &text) { onFrame(c, text); });
    c.phase = Connection::Phase::Connecting;
    c.gotData = false;
    c.outbox.clear();
    c.awaiting.clear();
    c.subscribed.clear();
    QUrl url = m_config.wsUrl;
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path() + QStringLiteral("stream")
                                                      : url.path() + QStringLiteral("/stream"));
    spdlog::info("binance: connection {} opening {}", c.index, url.toString().toStdString());
    socket->open(url);
    c.heartbeat->start(timerMs(m_config.heartbeatTimeoutMs));
    updateState();
}

void BinanceFeed::onConnected(Connection &c)
{
    c.phase = Connection::Phase::Open;
    m_streamCircuit->recordSuccess();
    c.lifetime->start(timerMs(m_config.connectionLifetimeMs));
    c.heartbeat->start(timerMs(m_config.heartbeatTimeoutMs));
    QStringList streams;
    for (SymbolId id : c.symbols) {
        const SymbolFeed &s = *m_byId[id];
        streams << binanceStreamName(s.code, QStringLiteral("trade"))
                << binanceStreamName(s.code, QStringLiteral("kline_1m"));
    }
    const int batch = std::max(1, m_config.subscribeBatch);
    for (qsizetype i = 0; i < streams.size(); i += batch)
        queueControl(c, QStringLiteral("SUBSCRIBE"), streams.mid(i, batch));
    spdlog::info("binance: connection {} open, subscribing {} streams", c.index, streams.size());
    // Whatever happened before (first start or an outage), fetch what is missing.
    for (SymbolId id : c.symbols)
        startRecovery(*m_byId[id]);
    c.everOpened = true;
    updateState();
}

void BinanceFeed::onDisconnected(Connection &c, const QString &why)
{
    if (!m_running || c.phase == Connection::Phase::Waiting)
        return;
    if (c.socket) {
        QWebSocket *socket = c.socket;
        c.socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    c.heartbeat->stop();
    c.lifetime->stop();
    c.sendTimer->stop();
    // A connection that delivered data was healthy: its drop starts the backoff afresh.
    if (c.gotData)
        c.backoff.reset();
    else
        m_streamCircuit->recordFailure();
    {
        std::lock_guard lock(m_mutex);
        ++m_health.reconnects;
    }
    // Trades held for a gap fill are stale now; the next connection starts over.
    for (SymbolId id : c.symbols) {
        SymbolFeed &s = *m_byId[id];
        if (s.recovery != SymbolFeed::Recovery::None) {
            s.recovery = SymbolFeed::Recovery::None;
            s.buffer.clear();
        }
    }
    spdlog::warn("binance: connection {} lost: {}", c.index, why.toStdString());
    scheduleReconnect(c, c.backoff.nextDelayMs(), why);
}

void BinanceFeed::scheduleReconnect(Connection &c, TimeMs delayMs, const QString &why)
{
    Q_UNUSED(why);
    if (m_streamCircuit->state() == CircuitState::Open)
        delayMs = std::max(delayMs, m_streamCircuit->reopensAt() - m_clock->now());
    c.phase = Connection::Phase::Waiting;
    c.retryAt = m_clock->now() + delayMs;
    c.retry->start(timerMs(delayMs));
    updateState();
}

void BinanceFeed::queueControl(Connection &c, const QString &method, const QStringList &streams)
{
    const std::int64_t id = m_nextRequestId++;
    QJsonObject message;
    message[QStringLiteral("method")] = method;
    message[QStringLiteral("params")] = QJsonArray::fromStringList(streams);
    message[QStringLiteral("id")] = qint64(id);
    c.awaiting[id] = streams;
    if (method == QLatin1String("SUBSCRIBE")) {
        for (const QString &stream : streams)
            c.subscribed.insert(stream);
    }
    c.outbox.push_back(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    drainOutbox(c);
}

void BinanceFeed::drainOutbox(Connection &c)
{
    // At most messagesPerSecond control messages go out per connection.
    while (!c.outbox.empty() && c.socket && c.phase == Connection::Phase::Open) {
        if (!c.bucket.tryAcquire()) {
            if (!c.sendTimer->isActive())
                c.sendTimer->start(int(std::max<TimeMs>(1, c.bucket.waitMs())));
            return;
        }
        c.socket->sendTextMessage(c.outbox.front());
        c.outbox.pop_front();
    }
}

void BinanceFeed::onFrame(Connection &c, const QString &text)
{
    c.heartbeat->start(timerMs(m_config.heartbeatTimeoutMs));
    if (!c.gotData) {
        c.gotData = true;
        updateState();
    }
    const QByteArray utf8 = text.toUtf8();
    const Parsed<BinanceFrame> parsed
        = parseBinanceStreamFrame(std::string_view(utf8.constData(), std::size_t(utf8.size())));
    {
        std::lock_guard lock(m_mutex);
        ++m_health.messagesReceived;
        if (!parsed)
            ++m_health.malformedMessages;
    }
    if (!parsed) {
        spdlog::warn("binance: malformed frame on connection {} ({}): {}", c.index,
            parsed.error().toString().toStdString(), utf8.left(200).toStdString());
        return;
    }
    const BinanceFrame &frame = parsed.value();
    switch (frame.kind) {
    case BinanceFrame::Kind::Trade:
        handleTrade(frame.trade);
        break;
    case BinanceFrame::Kind::Kline:
        handleKline(frame.kline);
        break;
    case BinanceFrame::Kind::Reply: {
        const BinanceReply &reply = frame.reply;
        if (reply.id.kind == BinanceRequestId::Kind::Number) {
            const auto it = c.awaiting.find(reply.id.number);
            if (it != c.awaiting.end()) {
                if (reply.isError)
                    spdlog::error("binance: request {} ({}) refused: {} {}", reply.id.number,
                        it->second.join(QLatin1Char(',')).toStdString(), reply.errorCode,
                        reply.errorMessage.toStdString());
                c.awaiting.erase(it);
            }
        } else if (reply.isError) {
            spdlog::error(
                "binance: error frame {} {}", reply.errorCode, reply.errorMessage.toStdString());
        }
        updateState();
        break;
    }
    case BinanceFrame::Kind::ServerShutdown:
        spdlog::info("binance: connection {}: serverShutdown, reconnecting now", c.index);
        if (c.socket) {
            QWebSocket *socket = c.socket;
            c.socket = nullptr;
            socket->disconnect(this);
            socket->close();
            socket->deleteLater();
        }
        c.heartbeat->stop();
        c.lifetime->stop();
        for (SymbolId id : c.symbols) {
            SymbolFeed &s = *m_byId[id];
            s.recovery = SymbolFeed::Recovery::None;
            s.buffer.clear();
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_health.reconnects;
        }
        c.phase = Connection::Phase::Idle;
        openConnection(c);
        break;
    case BinanceFrame::Kind::Other:
        break;
    }
}

void BinanceFeed::handleTrade(const BinanceTrade &trade)
{
    SymbolFeed *s = findByCode(trade.symbol);
    if (!s || !s->active)
        return;
    {
        std::lock_guard lock(m_mutex);
        ++m_health.tradesReceived;
    }
    const Tick tick = trade.toTick(s->id);
    if (s->recovery != SymbolFeed::Recovery::None) {
        s->buffer.push_back(tick);
        if (s->recovery == SymbolFeed::Recovery::AwaitTrade)
            requestTradeFill(*s);
        return;
    }
    s->lastTradeId = std::max(s->lastTradeId, tick.tradeId);
    m_pending.ticks.push_back(tick);
    scheduleFlush();
}

void BinanceFeed::handleKline(const BinanceKline &kline)
{
    if (!kline.closed || kline.interval != "1m")
        return;  // the forming minute is built from trades
    SymbolFeed *s = findByCode(kline.symbol);
    if (!s || !s->active)
        return;
    {
        std::lock_guard lock(m_mutex);
        ++m_health.barsReceived;
    }
    sendHistory(*s, {kline.bar});
}

void BinanceFeed::scheduleFlush()
{
    if (!m_flushTimer->isActive())
        m_flushTimer->start(0);
}

void BinanceFeed::flushTicks()
{
    if (m_pending.ticks.empty())
        return;
    // Trades only: the engine closes minutes by this feed's clock and grace.
    m_pending.feedTime = 0;
    emit ticksReceived(m_pending);
    m_pending.ticks.clear();
}

// ---------------------------------------------------------------- backfill

void BinanceFeed::sendHistory(SymbolFeed &s, std::vector<Bar> bars)
{
    // Trades received before these bars go to the engine first (arrival order).
    flushTicks();
    if (bars.empty())
        return;
    s.lastClosed = std::max(s.lastClosed, bars.back().time);
    emit barsReceived(
        s.id, Timeframe::M1, std::make_shared<const std::vector<Bar>>(std::move(bars)));
}

void BinanceFeed::startRecovery(SymbolFeed &s)
{
    if (!s.active)
        return;
    s.buffer.clear();
    TimeMs from = -1;
    if (s.lastClosed < 0) {
        const auto held = m_resume.constFind(s.code);
        if (held != m_resume.cend())
            s.lastClosed = *held;
    }
    if (s.lastClosed >= 0)
        from = s.lastClosed + kMinuteMs;
    else if (m_config.backfillFrom > 0)
        from = minuteFloor(m_config.backfillFrom);
    else if (m_config.backfillWindowMs > 0)
        from = minuteFloor(m_clock->now() - m_config.backfillWindowMs);
    if (from >= 0 && from + kMinuteMs <= m_clock->now()) {
        s.recovery = SymbolFeed::Recovery::Klines;
        requestKlines(s.id, from);
    } else {
        s.recovery = SymbolFeed::Recovery::AwaitTrade;
    }
}

void BinanceFeed::requestKlines(SymbolId id, TimeMs from)
{
    SymbolFeed &s = *m_byId[id];
    RestRequest r;
    r.path = QStringLiteral("/api/v3/klines");
    r.query.addQueryItem(QStringLiteral("symbol"), s.code);
    r.query.addQueryItem(QStringLiteral("interval"), QStringLiteral("1m"));
    r.query.addQueryItem(QStringLiteral("startTime"), QString::number(from));
    r.query.addQueryItem(QStringLiteral("limit"), QString::number(m_config.klinesPageLimit));
    r.weight = kKlinesWeight;
    r.onSuccess = [this, id, from](const QByteArray &body) {
        const auto rows = parseBinanceKlines(std::string_view(body.constData(), body.size()));
        if (!rows) {
            spdlog::error("binance: klines of {} unreadable: {}", m_byId[id]->code.toStdString(),
                rows.error().toString().toStdString());
            onKlines(id, from, {});
            return;
        }
        onKlines(id, from, rows.value());
    };
    r.onFailure = [this, id](int status, const BinanceApiError &error) {
        SymbolFeed &s = *m_byId[id];
        dropSymbol(s,
            QStringLiteral("binance:%1: %2 (%3, HTTP %4)")
                .arg(s.code, error.message)
                .arg(error.code)
                .arg(status));
    };
    enqueueRest(std::move(r));
}

void BinanceFeed::onKlines(SymbolId id, TimeMs from, const std::vector<BinanceRestKline> &rows)
{
    SymbolFeed &s = *m_byId[id];
    if (!s.active || s.recovery != SymbolFeed::Recovery::Klines)
        return;
    const TimeMs now = m_clock->now();
    std::vector<Bar> closed;
    for (const BinanceRestKline &row : rows) {
        // Binance includes the minute still forming; only closed minutes are history.
        if (row.bar.time >= from && row.bar.time + kMinuteMs <= now)
            closed.push_back(row.bar);
    }
    {
        std::lock_guard lock(m_mutex);
        m_health.backfilledBars += std::int64_t(closed.size());
    }
    const bool fullPage = int(rows.size()) >= m_config.klinesPageLimit;
    const TimeMs next = closed.empty() ? 0 : closed.back().time + kMinuteMs;
    if (!closed.empty())
        sendHistory(s, std::move(closed));
    if (fullPage && next > from && next + kMinuteMs <= now) {
        requestKlines(id, next);
        return;
    }
    s.recovery = SymbolFeed::Recovery::AwaitTrade;
    if (!s.buffer.empty())
        requestTradeFill(s);
}

void BinanceFeed::requestTradeFill(SymbolFeed &s)
{
    if (s.recovery != SymbolFeed::Recovery::AwaitTrade || s.buffer.empty())
        return;
    std::int64_t first = s.buffer.front().tradeId;
    for (const Tick &t : s.buffer)
        first = std::min(first, t.tradeId);
    // The trades between the last one we had (or the start of the forming minute)
    // and the first live one: the forming bar needs them too.
    std::int64_t from = s.lastTradeId >= 0 ? s.lastTradeId + 1 : first - kTradePageLimit;
    from = std::max<std::int64_t>({from, first - kTradePageLimit, 0});
    if (from >= first) {
        finishRecovery(s, {});
        return;
    }
    if (int(m_restQueue.size()) >= m_config.tradeFillQueueLimit) {
        // Live data is not held back behind a long REST queue.
        if (m_skippedFills++ % 1000 == 0)
            spdlog::warn("binance: {}: {} REST requests waiting; the forming minute's earlier "
                         "trades are not fetched (its bar is whole once its kline closes); "
                         "{} such symbols so far",
                s.code.toStdString(), m_restQueue.size(), m_skippedFills);
        finishRecovery(s, {});
        return;
    }
    s.recovery = SymbolFeed::Recovery::Trades;
    const TimeMs historyEnd
        = s.lastClosed >= 0 ? s.lastClosed + kMinuteMs : minuteFloor(s.buffer.front().time);
    const SymbolId id = s.id;
    const QString code = s.code;
    RestRequest r;
    r.path = QStringLiteral("/api/v3/historicalTrades");
    r.query.addQueryItem(QStringLiteral("symbol"), s.code);
    r.query.addQueryItem(QStringLiteral("fromId"), QString::number(from));
    r.query.addQueryItem(QStringLiteral("limit"), QString::number(first - from));
    r.weight = kTradesWeight;
    r.onSuccess = [this, id, code, from, first, historyEnd](const QByteArray &body) {
        SymbolFeed &s = *m_byId[id];
        if (!s.active || s.recovery != SymbolFeed::Recovery::Trades)
            return;
        const auto trades = parseBinanceHistoricalTrades(
            std::string_view(body.constData(), body.size()), code.toStdString());
        std::vector<Tick> gap;
        if (!trades) {
            spdlog::error("binance: trades of {} unreadable: {}", code.toStdString(),
                trades.error().toString().toStdString());
        } else {
            for (const BinanceTrade &t : trades.value()) {
                if (t.tradeId >= from && t.tradeId < first && t.tradeTime >= historyEnd)
                    gap.push_back(t.toTick(id));
            }
            if (!trades.value().empty() && trades.value().front().tradeId == from
                && trades.value().front().tradeTime >= historyEnd && s.lastTradeId < 0 && from > 0)
                spdlog::warn("binance: {}: more than {} trades before the first live one; "
                             "the forming bar misses the oldest",
                    code.toStdString(), kTradePageLimit);
        }
        finishRecovery(s, std::move(gap));
    };
    r.onFailure = [this, id](int status, const BinanceApiError &error) {
        SymbolFeed &s = *m_byId[id];
        dropSymbol(s,
            QStringLiteral("binance:%1: %2 (%3, HTTP %4)")
                .arg(s.code, error.message)
                .arg(error.code)
                .arg(status));
    };
    enqueueRest(std::move(r));
}

void BinanceFeed::finishRecovery(SymbolFeed &s, std::vector<Tick> gapTrades)
{
    {
        std::lock_guard lock(m_mutex);
        m_health.backfilledTrades += std::int64_t(gapTrades.size());
    }
    s.recovery = SymbolFeed::Recovery::None;
    for (Tick &t : gapTrades) {
        s.lastTradeId = std::max(s.lastTradeId, t.tradeId);
        m_pending.ticks.push_back(t);
    }
    for (const Tick &t : s.buffer) {
        s.lastTradeId = std::max(s.lastTradeId, t.tradeId);
        m_pending.ticks.push_back(t);
    }
    s.buffer.clear();
    flushTicks();
}

void BinanceFeed::dropSymbol(SymbolFeed &s, const QString &message)
{
    spdlog::error("binance: {}", message.toStdString());
    removeSymbols({s.code});
    emit symbolError(s.id, message);
}

// ---------------------------------------------------------------- REST

void BinanceFeed::requestExchangeInfo()
{
    RestRequest r;
    r.path = QStringLiteral("/api/v3/exchangeInfo");
    r.weight = kExchangeInfoWeight;
    r.onSuccess = [this](const QByteArray &body) {
        const auto info = parseBinanceExchangeInfo(std::string_view(body.constData(), body.size()));
        if (!info) {
            spdlog::error(
                "binance: exchangeInfo unreadable: {}", info.error().toString().toStdString());
        } else {
            if (const auto limit = info.value().requestWeightPerMinute())
                m_limiter->setLimit(std::min(*limit, m_config.requestWeightLimit));
            m_listed.clear();
            for (const BinanceSymbolInfo &symbol : info.value().symbols)
                m_listed.insert(symbol.symbol.toUpper());
            std::vector<ListedSymbol> listed;
            listed.reserve(info.value().symbols.size());
            for (const BinanceSymbolInfo &symbol : info.value().symbols)
                listed.push_back(ListedSymbol {binanceSymbol(symbol), QStringLiteral("Spot"),
                    symbol.isTrading() ? QString() : symbol.status});
            emit symbolsListed(listed);
        }
        m_infoLoaded = true;
        for (auto &s : m_symbols) {
            if (s->active && info && !m_listed.contains(s->code))
                dropSymbol(*s,
                    QStringLiteral("binance:%1: Invalid symbol (not listed by exchangeInfo)")
                        .arg(s->code));
        }
        ensureConnections();
    };
    r.onFailure = [this](int status, const BinanceApiError &error) {
        spdlog::error("binance: exchangeInfo refused: HTTP {} {} {}", status, error.code,
            error.message.toStdString());
        m_infoLoaded = true;
        ensureConnections();
    };
    enqueueRest(std::move(r));
}

void BinanceFeed::enqueueRest(RestRequest request)
{
    m_restQueue.push_back(std::move(request));
    if (!m_restInFlight && !m_restTimer->isActive())
        dispatchRest();
}

void BinanceFeed::scheduleDispatch(TimeMs clockDelayMs)
{
    m_restTimer->start(std::max(1, timerMs(clockDelayMs)));
    updateState();
}

void BinanceFeed::dispatchRest()
{
    if (!m_running || m_restInFlight || m_restQueue.empty())
        return;
    const TimeMs now = m_clock->now();
    if (!m_restCircuit->allowRequest()) {
        scheduleDispatch(std::max<TimeMs>(m_restCircuit->reopensAt() - now, 1));
        return;
    }
    RestRequest &next = m_restQueue.front();
    const WeightLimiter::Admission admission = m_limiter->tryAcquire(next.weight);
    if (admission.decision == WeightLimiter::Decision::Wait) {
        {
            std::lock_guard lock(m_mutex);
            ++m_health.rateLimitWaits;
        }
        // A half-open probe that did not go out is given back by the next success.
        scheduleDispatch(admission.retryAt - now);
        return;
    }
    m_restInFlight = std::make_unique<RestRequest>(std::move(next));
    m_restQueue.pop_front();
    if (admission.decision == WeightLimiter::Decision::Impossible) {
        spdlog::error(
            "binance: request {} weighs more than the limit", m_restInFlight->path.toStdString());
        m_restInFlight.reset();
        dispatchRest();
        return;
    }
    QUrl url = m_config.restUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + m_restInFlight->path);
    url.setQuery(m_restInFlight->query);
    QNetworkRequest request(url);
    request.setTransferTimeout(timerMs(m_config.restTimeoutMs));
    ++m_restInFlight->attempts;
    {
        std::lock_guard lock(m_mutex);
        ++m_health.restRequests;
    }
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onRestReply(reply); });
}

void BinanceFeed::onRestReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply || !m_restInFlight)
        return;
    m_reply = nullptr;
    std::unique_ptr<RestRequest> request = std::move(m_restInFlight);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const auto headers = parseBinanceRateLimitHeaders(reply->rawHeaderPairs());
    std::optional<int> used;
    std::optional<std::int64_t> retryAfter;
    if (headers) {
        used = headers.value().usedWeight1m;
        retryAfter = headers.value().retryAfterSeconds;
    }
    m_limiter->onResponse(status, used, retryAfter);
    {
        std::lock_guard lock(m_mutex);
        m_health.usedWeight = m_limiter->usedWeight();
        m_health.weightLimit = m_limiter->limit();
    }
    const QString what = request->path;
    if (status == 200) {
        m_restCircuit->recordSuccess();
        m_restBackoff.reset();
        if (request->onSuccess)
            request->onSuccess(body);
        dispatchRest();
        updateState();
        return;
    }
    if (status == 429 || status == 418) {
        // Not a failure of the server: wait until Retry-After, then the same request again.
        spdlog::warn("binance: {} answered {} (Retry-After {} s); waiting", what.toStdString(),
            status, retryAfter.value_or(-1));
        {
            std::lock_guard lock(m_mutex);
            ++m_health.rateLimitWaits;
        }
        m_restQueue.push_front(std::move(*request));
        scheduleDispatch(std::max<TimeMs>(m_limiter->blockedUntil() - m_clock->now(), 1));
        return;
    }
    if (status >= 400 && status < 500) {
        const auto error = parseBinanceApiError(std::string_view(body.constData(), body.size()));
        BinanceApiError apiError = error ? error.value() : BinanceApiError {};
        if (!error)
            apiError.message = QString::fromUtf8(body.left(200));
        m_restCircuit->recordSuccess();  // the server answered; the request was wrong
        if (request->onFailure)
            request->onFailure(status, apiError);
        dispatchRest();
        updateState();
        return;
    }
    // 5xx ("unknown", not "failed"), timeouts, refused connections: retry later.
    m_restCircuit->recordFailure();
    {
        std::lock_guard lock(m_mutex);
        ++m_health.restFailures;
    }
    const TimeMs delay = m_restBackoff.nextDelayMs();
    spdlog::warn("binance: {} failed (HTTP {}, {}); retry {} in {} ms", what.toStdString(), status,
        reply->errorString().toStdString(), request->attempts, delay);
    m_restQueue.push_front(std::move(*request));
    scheduleDispatch(delay);
}

// ---------------------------------------------------------------- state

void BinanceFeed::updateState()
{
    const TimeMs now = m_clock->now();
    FeedState state = FeedState::Live;
    QString detail;
    auto seconds
        = [&](TimeMs at) { return QString::number(std::max<TimeMs>(0, (at - now + 999) / 1000)); };
    bool anyWaiting = false;
    bool anyConnecting = false;
    TimeMs soonest = 0;
    for (const auto &c : m_connections) {
        if (c->symbols.empty())
            continue;
        if (c->phase == Connection::Phase::Waiting) {
            anyWaiting = true;
            soonest = soonest == 0 ? c->retryAt : std::min(soonest, c->retryAt);
        } else if (c->phase != Connection::Phase::Open || !c->gotData) {
            anyConnecting = true;
        }
    }
    const bool recovering = std::any_of(m_symbols.begin(), m_symbols.end(),
        [](const auto &s) { return s->active && s->recovery == SymbolFeed::Recovery::Klines; });
    if (!m_running) {
        state = FeedState::Offline;
        detail = QStringLiteral("stopped");
    } else if (m_streamCircuit->state() == CircuitState::Open) {
        state = FeedState::CircuitOpen;
        detail = QStringLiteral("stream circuit open, retry in %1 s")
                     .arg(seconds(m_streamCircuit->reopensAt()));
    } else if (m_restCircuit->state() == CircuitState::Open) {
        state = FeedState::CircuitOpen;
        detail = QStringLiteral("REST circuit open, retry in %1 s")
                     .arg(seconds(m_restCircuit->reopensAt()));
    } else if (anyWaiting) {
        state = FeedState::Reconnecting;
        detail = QStringLiteral("reconnecting in %1 s").arg(seconds(soonest));
    } else if (anyConnecting || !m_infoLoaded) {
        state = FeedState::Connecting;
        detail
            = m_infoLoaded ? QStringLiteral("connecting") : QStringLiteral("loading exchange info");
    } else {
        detail = recovering ? QStringLiteral("live, backfilling") : QStringLiteral("live");
    }
    if (m_limiter->blockedUntil() != 0 && m_running)
        detail += QStringLiteral("; REST %1 for %2 s")
                      .arg(m_limiter->isBanned() ? QStringLiteral("banned (418)")
                                                 : QStringLiteral("rate-limited (429)"),
                          seconds(m_limiter->blockedUntil()));
    {
        std::lock_guard lock(m_mutex);
        m_health.streamCircuit = m_streamCircuit->state();
        m_health.restCircuit = m_restCircuit->state();
        m_health.usedWeight = m_limiter->usedWeight();
        m_health.weightLimit = m_limiter->limit();
        if (state == m_state && detail == m_stateDetail)
            return;
        m_state = state;
        m_stateDetail = detail;
    }
    spdlog::info("binance: {} ({})", feedStateName(state).toStdString(), detail.toStdString());
    emit stateChanged(state, detail);
}

}  // namespace wick
