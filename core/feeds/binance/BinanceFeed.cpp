#include "feeds/binance/BinanceFeed.h"

#include <algorithm>

#include <QTimer>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include "feeds/binance/BinanceNetPolicy.h"
#include "feeds/binance/BinanceRestParser.h"
#include "feeds/binance/BinanceStreamParser.h"
#include "feeds/binance/BinanceStreamPool.h"
#include "feeds/binance/BinanceSymbols.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "net/GapRecovery.h"
#include "net/RestClient.h"
#include "session/CoreMetaTypes.h"

namespace wick {

namespace {

constexpr int kKlinesWeight = 2;
constexpr int kTradesWeight = 25;
constexpr int kExchangeInfoWeight = 20;
constexpr int kTradePageLimit = 1000;
// Binance pushes klines every 2 s: without one in 3 pushes, trades go on alone.
constexpr TimeMs kKlineWaitMs = 6000;

std::string upper(QStringView code)
{
    return code.toString().toUpper().toStdString();
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

struct BinanceFeed::SymbolFeed {
    QString code;  // "BTCUSDT"
    SymbolId id = kInvalidSymbol;
    bool active = true;  // subscribed and valid
    std::int64_t lastTradeId = -1;
    // Caught up: live trades are held until the stream's unclosed kline says
    // where the forming minute stands (since this clock time).
    bool awaitingKline = false;
    TimeMs awaitingSince = 0;
    bool filling = false;  // historicalTrades between the kline and the first live trade
    // The kline's trades (ids <= L) may still come on the trade stream after it:
    // they are in the forming bar already. Cleared by the first trade after L.
    std::int64_t inFormingBar = -1;
    double dayReference = 0.0;  // the miniTicker's 24 h open last emitted
};

BinanceFeed::BinanceFeed(
    std::shared_ptr<SymbolRegistry> registry, BinanceFeedConfig config, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(registry))
    , m_config(std::move(config))
    , m_clock(m_config.clock ? m_config.clock : std::make_shared<SystemClock>())
{
    registerCoreMetaTypes();
    if (m_config.clockRate <= 0.0)
        m_config.clockRate = 1.0;
    m_config.maxStreamsPerConnection = std::clamp(m_config.maxStreamsPerConnection, 3, 1024);
    m_config.klinesPageLimit = std::clamp(m_config.klinesPageLimit, 1, 1000);
    m_rest = new RestClient(binanceRestPolicy(m_config), m_clock, m_config.clockRate, this);
    connect(m_rest, &RestClient::stateChanged, this, &BinanceFeed::updateState);
    m_pool = new BinanceStreamPool(m_config, m_clock, this);
    connect(m_pool, &BinanceStreamPool::opened, this, [this](const QStringList &codes) {
        for (const QString &code : codes)
            startRecovery(*findByCode(code.toStdString()));
    });
    connect(m_pool, &BinanceStreamPool::closed, this, &BinanceFeed::onClosed);
    connect(m_pool, &BinanceStreamPool::frame, this, &BinanceFeed::onFrame);
    connect(m_pool, &BinanceStreamPool::stateChanged, this, &BinanceFeed::updateState);
    m_recovery = std::make_unique<GapRecovery>(kMinuteMs, m_clock,
        GapRecovery::Callbacks {[this](SymbolId id, TimeMs from) { requestKlines(id, from); },
            [this](SymbolId id, std::vector<Bar> bars) {
                {
                    std::lock_guard lock(m_mutex);
                    m_health.backfilledBars += std::int64_t(bars.size());
                }
                sendHistory(*m_byId[id], std::move(bars));
            },
            [this](SymbolId id) {
                SymbolFeed &s = *m_byId[id];
                s.awaitingKline = m_config.formingFromKline;
                s.awaitingSince = m_clock->now();
                requestTradeFill(s);
            }});
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
    return LiveTrades | LiveBars | RestHistory | SymbolSearch | DynamicSymbols
        | (m_config.formingFromKline ? FormingBars : Capabilities());
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
    const RestHealth rest = m_rest->health();
    std::lock_guard lock(m_mutex);
    FeedHealth h = m_health;
    h.restRequests = rest.requests;
    h.restFailures = rest.failures;
    h.rateLimitWaits = rest.rateLimitWaits;
    h.usedWeight = rest.usedWeight;
    h.weightLimit = rest.weightLimit;
    h.restCircuit = rest.circuit;
    return h;
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
    if (!m_flushTimer) {
        m_flushTimer = new QTimer(this);
        m_flushTimer->setSingleShot(true);
        connect(m_flushTimer, &QTimer::timeout, this, &BinanceFeed::flushTicks);
        // "reconnecting in N s" counts down.
        m_stateTimer = new QTimer(this);
        m_stateTimer->setInterval(std::max(50, int(1000 / m_config.clockRate)));
        connect(m_stateTimer, &QTimer::timeout, this, [this] {
            // A quiet symbol's held trades are not kept waiting for a kline.
            for (const auto &symbol : m_symbols) {
                if (stopAwaitingKline(*symbol))
                    requestTradeFill(*symbol);
            }
            updateState();
        });
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
    m_pool->stop();
    for (auto &s : m_symbols)
        m_recovery->abort(s->id);
    m_rest->stop();
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
        else
            m_pool->add(s->code);
    }
    updateState();
}

void BinanceFeed::removeSymbols(const QStringList &codes)
{
    for (const QString &code : codes) {
        SymbolFeed *s = findByCode(upper(code));
        if (!s || !s->active)
            continue;
        s->active = false;
        s->filling = false;
        s->awaitingKline = false;
        s->inFormingBar = -1;
        m_recovery->abort(s->id);
        m_pool->remove(s->code);
    }
}

// ---------------------------------------------------------------- streams

void BinanceFeed::onClosed(const QStringList &codes)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_health.reconnects;
    }
    // Trades held for a gap fill are stale now; the next connection starts over.
    for (const QString &code : codes) {
        SymbolFeed &s = *findByCode(code.toStdString());
        m_recovery->abort(s.id);
        s.filling = false;
        s.awaitingKline = false;
        s.inFormingBar = -1;
    }
    updateState();
}

void BinanceFeed::onFrame(int connection, const QString &text)
{
    if (m_state != FeedState::Live)  // written on this thread only
        updateState();
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
        spdlog::warn("binance: malformed frame on connection {} ({}): {}", connection,
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
    case BinanceFrame::Kind::MiniTicker:
        handleMiniTicker(frame.miniTicker);
        break;
    case BinanceFrame::Kind::Reply:
        m_pool->onReply(connection, frame.reply);
        break;
    case BinanceFrame::Kind::ServerShutdown:
        spdlog::info("binance: connection {}: serverShutdown, reconnecting now", connection);
        m_pool->reconnectNow(connection, QStringLiteral("serverShutdown"));
        break;
    case BinanceFrame::Kind::Other:
        break;
    }
}

void BinanceFeed::handleMiniTicker(const BinanceMiniTicker &ticker)
{
    SymbolFeed *s = findByCode(ticker.symbol);
    if (!s || !s->active || ticker.open == s->dayReference)
        return;
    // The window's open moves with every trade that leaves the 24 h: emitted
    // only when it changed (at most once a second per symbol, Binance's push).
    s->dayReference = ticker.open;
    emit dayReferenceChanged(s->id, ticker.open, QStringLiteral("24 h"));
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
    Tick tick = trade.toTick(s->id);
    if (s->inFormingBar >= 0) {
        if (tick.tradeId <= s->inFormingBar) {
            // In the kline's bar already: validated (a repeat is a duplicate), not added.
            tick.inSourceBar = true;
            m_pending.ticks.push_back(tick);
            if (!m_flushTimer->isActive())
                m_flushTimer->start(0);
            return;
        }
        s->inFormingBar = -1;
    }
    if (m_recovery->hold(s->id, tick)) {
        stopAwaitingKline(*s);
        requestTradeFill(*s);
        return;
    }
    s->lastTradeId = std::max(s->lastTradeId, tick.tradeId);
    m_pending.ticks.push_back(tick);
    if (!m_flushTimer->isActive())
        m_flushTimer->start(0);
}

void BinanceFeed::handleKline(const BinanceKline &kline)
{
    SymbolFeed *s = kline.interval == "1m" ? findByCode(kline.symbol) : nullptr;
    if (!s || !s->active)
        return;
    if (!kline.closed) {
        // Trades build the forming minute, except where it starts after a (re)connect.
        if (s->awaitingKline)
            startForming(*s, kline);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_health.barsReceived;
    }
    m_recovery->onClosedBar(s->id, kline.bar.time);
    sendHistory(*s, {kline.bar});
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
    if (!bars.empty())
        emit barsReceived(
            s.id, Timeframe::M1, std::make_shared<const std::vector<Bar>>(std::move(bars)));
}

void BinanceFeed::startRecovery(SymbolFeed &s)
{
    if (!s.active)
        return;
    s.filling = false;
    const auto held = m_resume.constFind(s.code);
    if (held != m_resume.cend())
        m_recovery->setResumePoint(s.id, *held);
    TimeMs from = -1;
    if (m_config.backfillFrom > 0)
        from = m_config.backfillFrom;
    else if (m_config.backfillWindowMs > 0)
        from = m_clock->now() - m_config.backfillWindowMs;
    m_recovery->start(s.id, from);
    updateState();
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
    r.onAnswer = [this, id, from](const RestAnswer &a) {
        SymbolFeed &s = *m_byId[id];
        if (a.outcome == RestOutcome::ClientError) {
            dropSymbol(s,
                QStringLiteral("binance:%1: %2 (%3, HTTP %4)")
                    .arg(s.code, a.error.message)
                    .arg(a.error.code)
                    .arg(a.status));
            return;
        }
        const auto rows = a.outcome == RestOutcome::Success
            ? parseBinanceKlines(std::string_view(a.body.constData(), a.body.size()))
            : Parsed<std::vector<BinanceRestKline>>(std::vector<BinanceRestKline> {});
        if (!rows || a.outcome != RestOutcome::Success) {
            spdlog::error("binance: klines of {} unusable ({}): {}", s.code.toStdString(),
                restOutcomeName(a.outcome).toStdString(),
                rows ? std::string() : rows.error().toString().toStdString());
            m_recovery->onPageFailed(id, from);
            return;
        }
        std::vector<Bar> bars;
        for (const BinanceRestKline &row : rows.value())
            bars.push_back(row.bar);
        m_recovery->onPage(id, from, bars, int(bars.size()) >= m_config.klinesPageLimit);
        updateState();
    };
    m_rest->enqueue(std::move(r));
}

void BinanceFeed::requestTradeFill(SymbolFeed &s)
{
    const std::vector<Tick> &held = m_recovery->held(s.id);
    if (s.filling || s.awaitingKline || !s.active
        || m_recovery->phase(s.id) != GapRecovery::Phase::CaughtUp || held.empty())
        return;
    std::int64_t first = held.front().tradeId;
    for (const Tick &t : held)
        first = std::min(first, t.tradeId);
    // The trades between the last one we had (or the start of the forming minute)
    // and the first live one: the forming bar needs them too.
    std::int64_t from = s.lastTradeId >= 0 ? s.lastTradeId + 1 : first - kTradePageLimit;
    from = std::max<std::int64_t>({from, first - kTradePageLimit, 0});
    const TimeMs lastClosed = m_recovery->lastClosed(s.id);
    fillTrades(s, from, first, -1,
        lastClosed >= 0 ? lastClosed + kMinuteMs : minuteFloor(held.front().time));
}

bool BinanceFeed::stopAwaitingKline(SymbolFeed &s)
{
    if (!s.awaitingKline || m_clock->now() - s.awaitingSince <= kKlineWaitMs)
        return false;
    // Klines push every 2 s; without one the minute's earlier trades come from
    // historicalTrades as before (its bar is whole once its kline closes).
    spdlog::warn("binance: {}: no unclosed kline within {} ms; the forming minute goes on "
                 "from its trades",
        s.code.toStdString(), kKlineWaitMs);
    s.awaitingKline = false;
    return true;
}

void BinanceFeed::startForming(SymbolFeed &s, const BinanceKline &kline)
{
    s.awaitingKline = false;
    flushTicks();
    if (kline.bar.tradeCount <= 0 || kline.lastTradeId < 0) {
        finishRecovery(s, {}, -1);  // no trade this minute yet
        return;
    }
    // The minute so far, through trade L; the engine merges later trades into it.
    emit formingBarChanged(s.id, Timeframe::M1, kline.bar);
    const std::int64_t last = kline.lastTradeId;
    s.lastTradeId = std::max(s.lastTradeId, last);
    s.inFormingBar = last;
    std::int64_t first = -1;  // the first held trade after L
    for (const Tick &t : m_recovery->held(s.id)) {
        if (t.tradeId > last && (first < 0 || t.tradeId < first))
            first = t.tradeId;
    }
    // Trades between the kline and the first live one: ids L+1 .. first-1.
    fillTrades(s, last + 1, first, last, kline.bar.time);
}

void BinanceFeed::fillTrades(
    SymbolFeed &s, std::int64_t from, std::int64_t before, std::int64_t after, TimeMs historyEnd)
{
    from = std::max<std::int64_t>(from, before - kTradePageLimit);
    if (from >= before) {
        finishRecovery(s, {}, after);
        return;
    }
    if (int(m_rest->pending()) >= m_config.tradeFillQueueLimit) {
        // Live data is not held back behind a long REST queue.
        if (m_skippedFills++ % 1000 == 0)
            spdlog::warn("binance: {}: {} REST requests waiting; the forming minute's trades "
                         "{}..{} are not fetched (its bar is whole once its kline closes); {} "
                         "such symbols so far",
                s.code.toStdString(), m_rest->pending(), from, before - 1, m_skippedFills);
        finishRecovery(s, {}, after);
        return;
    }
    s.filling = true;
    const SymbolId id = s.id;
    RestRequest r;
    r.path = QStringLiteral("/api/v3/historicalTrades");
    r.query.addQueryItem(QStringLiteral("symbol"), s.code);
    r.query.addQueryItem(QStringLiteral("fromId"), QString::number(from));
    r.query.addQueryItem(QStringLiteral("limit"), QString::number(before - from));
    r.weight = kTradesWeight;
    r.onAnswer = [this, id, from, before, after, historyEnd](const RestAnswer &a) {
        SymbolFeed &s = *m_byId[id];
        if (!s.active || !s.filling)
            return;
        std::vector<Tick> gap;
        const auto trades = parseBinanceHistoricalTrades(
            std::string_view(a.body.constData(), a.body.size()), s.code.toStdString());
        if (a.outcome != RestOutcome::Success || !trades) {
            // An auxiliary endpoint: without it the forming minute is whole once its
            // kline closes. Only exchangeInfo says whether a symbol exists.
            spdlog::warn("binance: {}: historicalTrades unusable ({}, HTTP {}): {}; the "
                         "forming minute goes on from the live trades",
                s.code.toStdString(), restOutcomeName(a.outcome).toStdString(), a.status,
                trades ? a.error.message.toStdString() : trades.error().toString().toStdString());
            std::lock_guard lock(m_mutex);
            ++m_health.auxiliaryFailures;
        } else {
            for (const BinanceTrade &t : trades.value()) {
                if (t.tradeId >= from && t.tradeId < before && t.tradeTime >= historyEnd)
                    gap.push_back(t.toTick(id));
            }
        }
        finishRecovery(s, std::move(gap), after);
    };
    m_rest->enqueue(std::move(r));
}

void BinanceFeed::finishRecovery(SymbolFeed &s, std::vector<Tick> gapTrades, std::int64_t after)
{
    {
        std::lock_guard lock(m_mutex);
        m_health.backfilledTrades += std::int64_t(gapTrades.size());
    }
    s.filling = false;
    // In id order: the held trades the kline's bar holds already (validated, not
    // added again), the fetched gap, then the held ones after it.
    std::vector<Tick> trades;
    std::vector<Tick> held = m_recovery->release(s.id);
    for (Tick t : held) {
        t.inSourceBar = after >= 0 && t.tradeId <= after;
        if (t.inSourceBar)
            trades.push_back(t);
    }
    trades.insert(trades.end(), gapTrades.begin(), gapTrades.end());
    for (const Tick &t : held) {
        if (after < 0 || t.tradeId > after)
            trades.push_back(t);
    }
    for (const Tick &t : trades) {
        s.lastTradeId = std::max(s.lastTradeId, t.tradeId);
        m_pending.ticks.push_back(t);
    }
    flushTicks();
    updateState();
}

void BinanceFeed::dropSymbol(SymbolFeed &s, const QString &message)
{
    spdlog::error("binance: {}", message.toStdString());
    removeSymbols({s.code});
    emit symbolError(s.id, message);
}

void BinanceFeed::startStreams()
{
    for (const auto &s : m_symbols) {
        if (s->active)
            m_pool->add(s->code);
    }
    m_pool->start();
    updateState();
}

void BinanceFeed::requestExchangeInfo()
{
    RestRequest r;
    r.path = QStringLiteral("/api/v3/exchangeInfo");
    r.weight = kExchangeInfoWeight;
    r.onAnswer = [this](const RestAnswer &a) {
        m_infoLoaded = true;
        if (a.outcome != RestOutcome::Success) {
            spdlog::error("binance: exchangeInfo refused: HTTP {} {} {}", a.status, a.error.code,
                a.error.message.toStdString());
            startStreams();
            return;
        }
        const auto info
            = parseBinanceExchangeInfo(std::string_view(a.body.constData(), a.body.size()));
        if (!info) {
            spdlog::error(
                "binance: exchangeInfo unreadable: {}", info.error().toString().toStdString());
            startStreams();
            return;
        }
        if (const auto limit = info.value().requestWeightPerMinute())
            m_rest->setWeightLimit(std::min(*limit, m_config.requestWeightLimit));
        m_listed.clear();
        for (const BinanceSymbolInfo &symbol : info.value().symbols)
            m_listed.insert(symbol.symbol.toUpper());
        std::vector<ListedSymbol> listed;
        listed.reserve(info.value().symbols.size());
        for (const BinanceSymbolInfo &symbol : info.value().symbols)
            listed.push_back(ListedSymbol {binanceSymbol(symbol), QStringLiteral("Spot"),
                symbol.isTrading() ? QString() : symbol.status});
        emit symbolsListed(listed);
        for (auto &s : m_symbols) {
            if (s->active && !m_listed.contains(s->code))
                dropSymbol(*s,
                    QStringLiteral("binance:%1: Invalid symbol (not listed by exchangeInfo)")
                        .arg(s->code));
        }
        startStreams();
    };
    m_rest->enqueue(std::move(r));
}

// ---------------------------------------------------------------- state

void BinanceFeed::updateState()
{
    const TimeMs now = m_clock->now();
    FeedState state = FeedState::Live;
    QString detail;
    auto seconds
        = [&](TimeMs at) { return QString::number(std::max<TimeMs>(0, (at - now + 999) / 1000)); };
    const BinanceStreamPool::Summary streams = m_pool->summary();
    const CircuitState restCircuit = m_rest->circuit().state();
    if (!m_running) {
        state = FeedState::Offline;
        detail = QStringLiteral("stopped");
    } else if (m_pool->circuit().state() == CircuitState::Open) {
        state = FeedState::CircuitOpen;
        detail = QStringLiteral("stream circuit open, retry in %1 s")
                     .arg(seconds(m_pool->circuit().reopensAt()));
    } else if (restCircuit == CircuitState::Open) {
        state = FeedState::CircuitOpen;
        detail = QStringLiteral("REST circuit open, retry in %1 s")
                     .arg(seconds(m_rest->circuit().reopensAt()));
    } else if (streams.anyWaiting) {
        state = FeedState::Reconnecting;
        detail = QStringLiteral("reconnecting in %1 s").arg(seconds(streams.soonestRetry));
    } else if (streams.anyConnecting || !m_infoLoaded) {
        state = FeedState::Connecting;
        detail
            = m_infoLoaded ? QStringLiteral("connecting") : QStringLiteral("loading exchange info");
    } else {
        detail = m_recovery->anyFetching() ? QStringLiteral("live, backfilling")
                                           : QStringLiteral("live");
    }
    if (m_rest->blockedUntil() != 0 && m_running)
        detail += QStringLiteral("; REST %1 for %2 s")
                      .arg(m_rest->isBanned() ? QStringLiteral("banned (418)")
                                              : QStringLiteral("rate-limited (429)"),
                          seconds(m_rest->blockedUntil()));
    {
        std::lock_guard lock(m_mutex);
        m_health.streamCircuit = m_pool->circuit().state();
        if (state == m_state && detail == m_stateDetail)
            return;
        m_state = state;
        m_stateDetail = detail;
    }
    spdlog::info("binance: {} ({})", feedStateName(state).toStdString(), detail.toStdString());
    emit stateChanged(state, detail);
}

}  // namespace wick
