#include "feeds/demo/DemoFeed.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <thread>

#include <QTimer>

#include <spdlog/spdlog.h>

#include "feeds/demo/DemoMarket.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

namespace wick {

DemoFeed::DemoFeed(std::shared_ptr<SymbolRegistry> symbols, DemoFeedConfig config, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(symbols))
    , m_config(std::move(config))
{
    chooseInstruments();
    buildMarket();
}

void DemoFeed::chooseInstruments()
{
    m_instruments.clear();
    m_ids.clear();
    for (DemoInstrument &instrument : demoInstruments()) {
        if (m_config.symbols.isEmpty() || m_config.symbols.contains(instrument.symbol.code))
            m_instruments.push_back(std::move(instrument));
    }
    for (const DemoInstrument &instrument : m_instruments)
        m_ids.push_back(m_registry->intern(instrument.symbol));
}

bool DemoFeed::canReconfigure(const char *what) const
{
    if (m_state == FeedState::Offline && !m_historySent)
        return true;
    spdlog::warn("demo: {} ignored: the demo market is built for its symbols at start", what);
    return false;
}

void DemoFeed::addSymbols(const QStringList &codes)
{
    QStringList known;
    for (const DemoInstrument &instrument : demoInstruments())
        known.append(instrument.symbol.code);
    QStringList added;
    for (const QString &code : codes) {
        if (!known.contains(code)) {
            const SymbolId id = m_registry->intern(Symbol {source(), code, code, AssetClass::Crypto,
                QByteArrayLiteral("UTC"), SessionHours::twentyFourSeven(), 0.01});
            emit symbolError(id, QStringLiteral("demo:%1: not in the demo catalogue").arg(code));
            continue;
        }
        added.append(code);
    }
    // An empty list runs the whole catalogue already: nothing to add.
    if (added.isEmpty() || m_config.symbols.isEmpty() || !canReconfigure("addSymbols"))
        return;
    for (const QString &code : std::as_const(added)) {
        if (!m_config.symbols.contains(code))
            m_config.symbols.append(code);
    }
    chooseInstruments();
    buildMarket();
}

void DemoFeed::removeSymbols(const QStringList &codes)
{
    if (codes.isEmpty() || !canReconfigure("removeSymbols"))
        return;
    QStringList kept = m_config.symbols;
    if (kept.isEmpty()) {
        for (const DemoInstrument &instrument : m_instruments)
            kept.append(instrument.symbol.code);
    }
    for (const QString &code : codes)
        kept.removeAll(code);
    if (kept.isEmpty()) {
        spdlog::warn("demo: removeSymbols would leave no symbol; kept the catalogue");
        return;
    }
    m_config.symbols = kept;
    chooseInstruments();
    buildMarket();
}

std::optional<Symbol> DemoFeed::describeSymbol(const QString &code) const
{
    for (const DemoInstrument &instrument : demoInstruments()) {
        if (instrument.symbol.code == code)
            return instrument.symbol;
    }
    return std::nullopt;
}

QStringList DemoFeed::symbolCodes() const
{
    QStringList codes;
    for (const DemoInstrument &instrument : m_instruments)
        codes.append(instrument.symbol.code);
    return codes;
}

FeedHealth DemoFeed::health() const
{
    FeedHealth health;
    health.hasCircuits = false;  // simulated locally: nothing to guard
    health.tradesReceived = m_ticksSent.load(std::memory_order_relaxed);
    health.messagesReceived = health.tradesReceived;
    return health;
}

void DemoFeed::buildMarket()
{
    std::vector<std::optional<DemoResumePoint>> resume;
    TimeMs start = m_config.start;
    for (const DemoInstrument &instrument : m_instruments) {
        const auto point = m_config.resume.constFind(instrument.symbol.code);
        if (point == m_config.resume.constEnd()) {
            resume.emplace_back();
            continue;
        }
        resume.emplace_back(*point);
        start = std::max(start, point->lastBarTime + kMinuteMs);
    }
    m_config.start = start;
    m_market = std::make_unique<DemoMarket>(m_config.seed, m_config.start, m_config.historyDays,
        m_config.rate, m_instruments, m_ids, resume);
    if (m_config.clock) {
        m_clock = m_config.clock;
    } else {
        m_simulatedClock = std::make_shared<SimulatedClock>(m_market->start(), m_config.speed);
        m_clock = m_simulatedClock;
    }
    m_advancedTo = m_market->start() - 1;
}

void DemoFeed::resumeFrom(const QHash<QString, ResumePoint> &points)
{
    if (!canReconfigure("resumeFrom"))
        return;
    m_config.resume.clear();
    for (auto it = points.cbegin(); it != points.cend(); ++it)
        m_config.resume.insert(
            it.key(), DemoResumePoint {it.value().lastClosed, it.value().lastClose});
    buildMarket();
}

DemoFeed::~DemoFeed() = default;

QString DemoFeed::source() const
{
    return QStringLiteral("demo");
}

std::shared_ptr<const Clock> DemoFeed::clock() const
{
    return m_clock;
}

TimeMs DemoFeed::closeGraceMs() const
{
    if (m_config.closeGraceMs >= 0)
        return m_config.closeGraceMs;
    // A trade reaches the engine up to one timer step (in simulated time) after
    // it happened; allow two steps and some scheduling slack.
    const double speed = m_config.speed > 0.0 ? m_config.speed : 1.0;
    const double step = std::max(m_config.timerIntervalMs, 1) * speed;
    return static_cast<TimeMs>(std::ceil(2.0 * step)) + static_cast<TimeMs>(250.0 * speed);
}

void DemoFeed::start()
{
    if (m_state == FeedState::Live)
        return;
    setState(FeedState::Connecting, QStringLiteral("generating demo history"));
    sendHistory();
    // Simulated time starts with the live stream: while the history was being
    // generated the market stood still, so no trade is late for the engine.
    if (m_simulatedClock)
        m_simulatedClock->start();
    setState(FeedState::Live, QStringLiteral("simulated data"));
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, [this] { advanceTo(m_clock->now()); });
    }
    m_timer->start(std::max(m_config.timerIntervalMs, 1));
}

void DemoFeed::stop()
{
    if (m_timer)
        m_timer->stop();
    if (m_state != FeedState::Offline)
        setState(FeedState::Offline, QStringLiteral("stopped"));
}

void DemoFeed::advanceTo(TimeMs simTime)
{
    if (simTime <= m_advancedTo)
        return;
    m_historySent = true;  // history not sent by now is skipped, never sent late
    m_advancedTo = simTime;
    TickBatch batch;
    m_market->ticksThrough(simTime, batch.ticks);
    if (batch.ticks.empty())
        return;
    batch.feedTime = simTime;
    m_ticksSent.fetch_add(std::int64_t(batch.ticks.size()), std::memory_order_relaxed);
    emit ticksReceived(batch);
}

void DemoFeed::setState(FeedState state, const QString &detail)
{
    m_state = state;
    emit stateChanged(state, detail);
}

void DemoFeed::sendHistory()
{
    if (m_historySent)
        return;
    m_historySent = true;
    // Symbols are independent processes: worker threads build their histories
    // in parallel; this thread sends each as soon as it is ready, in catalogue order.
    const std::size_t count = m_ids.size();
    const std::size_t workers = std::clamp<std::size_t>(
        std::thread::hardware_concurrency(), 1, std::clamp<std::size_t>(count, 1, 8));
    std::vector<std::promise<std::vector<Bar>>> promises(count);
    std::vector<std::future<std::vector<Bar>>> histories;
    for (auto &promise : promises)
        histories.push_back(promise.get_future());
    std::atomic<std::size_t> nextIndex {0};
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            for (std::size_t i = nextIndex++; i < count; i = nextIndex++)
                promises[i].set_value(m_market->history(i));
        });
    }
    for (std::size_t i = 0; i < count; ++i)
        emit barsReceived(
            m_ids[i], Timeframe::M1, std::make_shared<const std::vector<Bar>>(histories[i].get()));
    for (std::thread &thread : threads)
        thread.join();
}

}  // namespace wick
