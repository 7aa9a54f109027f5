#include "feeds/binance/BinanceFeed.h"

#include <algorithm>

#include <QTimer>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include "feeds/binance/BinanceFeedStatus.h"
#include "feeds/binance/BinanceFormingMinute.h"
#include "feeds/binance/BinanceListing.h"
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
            [this](SymbolId id) { m_forming->caughtUp(id); }});
    m_forming = std::make_unique<BinanceFormingMinute>(*m_rest, *m_recovery, m_clock,
        m_config.formingFromKline, m_config.tradeFillQueueLimit,
        BinanceFormingMinute::Callbacks {
            [this](SymbolId id, const Bar &bar) { emit formingBarChanged(id, Timeframe::M1, bar); },
            [this](const Tick &trade) {
                m_pending.ticks.push_back(trade);
                if (!m_flushTimer->isActive())
                    m_flushTimer->start(0);
            },
            [this] { flushTicks(); }, [this] { updateState(); }});
    m_listing = std::make_unique<BinanceListing>(*m_rest, m_config.requestWeightLimit);
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
    m_forming->track(s->id, s->code);
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
    h.backfilledTrades = m_forming->backfilledTrades();
    h.auxiliaryFailures = m_forming->auxiliaryFailures();
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
            m_forming->checkKlineWaits();
            updateState();
        });
    }
    m_stateTimer->start();
    updateState();
    m_listing->request([this](std::optional<std::vector<ListedSymbol>> listed) {
        if (listed) {
            emit symbolsListed(*listed);
            for (auto &s : m_symbols) {
                if (s->active && !m_listing->lists(s->code))
                    dropSymbol(*s, BinanceListing::notListedMessage(s->code));
            }
        }
        startStreams();
    });
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
    if (!m_running || !m_listing->isLoaded())
        return;  // start() / exchangeInfo will take them
    for (SymbolFeed *s : added) {
        if (!m_listing->lists(s->code))
            dropSymbol(*s, BinanceListing::notListedMessage(s->code));
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
        m_forming->reset(s->id);
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
        m_forming->reset(s.id);
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
    m_forming->onTrade(trade.toTick(s->id));
}

void BinanceFeed::handleKline(const BinanceKline &kline)
{
    SymbolFeed *s = kline.interval == "1m" ? findByCode(kline.symbol) : nullptr;
    if (!s || !s->active)
        return;
    if (!kline.closed) {
        m_forming->onUnclosedKline(s->id, kline);
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
    m_forming->restart(s.id);
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

// ---------------------------------------------------------------- state

void BinanceFeed::updateState()
{
    const BinanceFeedStatus status = binanceFeedStatus(*m_pool, *m_rest, m_running,
        m_listing->isLoaded(), m_recovery->anyFetching(), m_clock->now());
    {
        std::lock_guard lock(m_mutex);
        m_health.streamCircuit = m_pool->circuit().state();
        if (status.state == m_state && status.detail == m_stateDetail)
            return;
        m_state = status.state;
        m_stateDetail = status.detail;
    }
    spdlog::info(
        "binance: {} ({})", feedStateName(status.state).toStdString(), status.detail.toStdString());
    emit stateChanged(status.state, status.detail);
}

}  // namespace wick
