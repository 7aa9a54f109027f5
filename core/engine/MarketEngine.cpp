#include "engine/MarketEngine.h"

#include <algorithm>
#include <cstring>

#include <QDateTime>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "indicators/IndicatorRegistry.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

namespace wick {

namespace {

constexpr std::uint32_t kAllTimeframesMask = (1u << kTimeframeCount) - 1;
constexpr int kCloseCheckIntervalMs = 250;
constexpr TimeMs kDefaultGraceMs = 2000;
constexpr TimeMs kRateWindowMs = 1000;

std::uint32_t bit(Timeframe tf)
{
    return 1u << timeframeIndex(tf);
}

void registerMetaTypes()
{
    qRegisterMetaType<wick::TickBatch>();
    qRegisterMetaType<wick::BarsPtr>();
    qRegisterMetaType<wick::MarketSnapshotPtr>();
    qRegisterMetaType<wick::FeedState>();
    qRegisterMetaType<wick::SymbolId>("wick::SymbolId");
    qRegisterMetaType<wick::Timeframe>();
    qRegisterMetaType<std::vector<wick::Tick>>();
    qRegisterMetaType<wick::ClosedMinutesPtr>();
}

// One indicator running on one series: its outputs grow with the closed bars.
struct IndicatorRun {
    QString spec;
    QString label;
    QStringList outputs;
    QString error;
    std::unique_ptr<Indicator> indicator;  // null when the spec was refused
    std::vector<ValueSeriesWriter> values;  // one per output, aligned with the closed bars
};

}  // namespace

// A symbol's derived state just before its newest closed minute was added:
// the aggregator, how many closed bars each timeframe had, and a copy of each
// indicator's state then.
struct MarketEngine::TailCheckpoint {
    std::size_t minutes = 0;  // closed 1m bars before the newest one
    Aggregator aggregator;
    std::array<std::size_t, kTimeframeCount> closedCount {};
    std::array<std::vector<std::unique_ptr<Indicator>>, kTimeframeCount> indicators;
};

struct MarketEngine::SymbolState {
    SymbolState(SymbolId id, const Symbol &symbol)
        : id(id)
        , source(symbol.source)
        , zone(symbol.timeZone())
        , minute(TimeframeCalendar(Timeframe::M1))
        , aggregator(zone)
        , alwaysOpen(symbol.session.alwaysOpen)
    {
        quote.symbol = id;
    }

    SymbolId id;
    QString source;
    QTimeZone zone;
    BarBuilder minute;
    Aggregator aggregator;
    bool alwaysOpen;
    std::array<BarSeriesWriter, kTimeframeCount> closed;
    std::array<std::vector<IndicatorRun>, kTimeframeCount> indicators;
    std::array<std::uint64_t, kTimeframeCount> indicatorGeneration {};
    std::array<std::uint64_t, kTimeframeCount> generation {};
    std::array<int, kTimeframeCount> subscribers {};
    Quote quote;
    TimeMs sweptMinute = INT64_MIN;  // minute of the clock at the last closeDue()
    std::unique_ptr<TailCheckpoint> tail;  // before the newest closed minute, when known
    std::uint32_t changedMask = 0;  // timeframes changed since the last publish
    bool quoteChanged = false;
    bool dirty = false;  // listed in m_dirty
};

MarketEngine::MarketEngine(std::shared_ptr<SymbolRegistry> symbols, QObject *parent)
    : QObject(parent)
    , m_symbols(std::move(symbols))
    , m_publishTimer(new QTimer(this))
    , m_closeTimer(new QTimer(this))
    , m_flushTimer(new QTimer(this))
{
    registerMetaTypes();
    m_publishTimer->setSingleShot(true);
    m_publishTimer->setTimerType(Qt::PreciseTimer);
    connect(m_publishTimer, &QTimer::timeout, this, &MarketEngine::publish);
    m_closeTimer->setInterval(kCloseCheckIntervalMs);
    connect(m_closeTimer, &QTimer::timeout, this, &MarketEngine::closeDueBars);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kClosedFlushMs);
    connect(m_flushTimer, &QTimer::timeout, this, &MarketEngine::flushClosedMinutes);
    // Timers must start on the thread the engine lives on; a queued call runs
    // there once that thread's event loop turns (moveToThread carries it along).
    QMetaObject::invokeMethod(
        this, [this] { m_closeTimer->start(); }, Qt::QueuedConnection);
    m_rateWindow.start();
    m_sincePublish.start();
}

MarketEngine::~MarketEngine() = default;

MarketEngine *MarketEngine::startOnThread(std::shared_ptr<SymbolRegistry> symbols, QThread **thread)
{
    auto *worker = new QThread;
    worker->setObjectName(QStringLiteral("wick-engine"));
    auto *engine = new MarketEngine(std::move(symbols));
    engine->moveToThread(worker);
    connect(worker, &QThread::finished, engine, &QObject::deleteLater);
    worker->start();
    *thread = worker;
    return engine;
}

void MarketEngine::shutdown(QThread *thread)
{
    if (!thread)
        return;
    thread->quit();
    thread->wait();
    delete thread;
}

void MarketEngine::attachFeed(Feed *feed)
{
    const QString source = feed->source();
    const std::shared_ptr<const Clock> clock = feed->clock();
    const TimeMs grace = feed->closeGraceMs();
    QMetaObject::invokeMethod(
        this, [this, source, clock, grace] { setSourceClock(source, clock, grace); },
        Qt::QueuedConnection);
    connect(feed, &Feed::ticksReceived, this,
        [this, source](const TickBatch &batch) { processBatch(batch, source); });
    connect(feed, &Feed::barsReceived, this, &MarketEngine::loadBars);
}

void MarketEngine::addTicks(const TickBatch &batch)
{
    processBatch(batch, QString());
}

void MarketEngine::addFeedTicks(const QString &source, const TickBatch &batch)
{
    processBatch(batch, source);
}

void MarketEngine::loadBars(SymbolId symbol, Timeframe timeframe, const BarsPtr &bars)
{
    if (timeframe == Timeframe::M1) {
        loadHistory(symbol, bars);
        return;
    }
    spdlog::warn("engine: {} bars of {} not taken", timeframeName(timeframe).toStdString(),
        m_symbols->symbol(symbol).key().toStdString());
}

void MarketEngine::mergeFormingBar(SymbolId, Timeframe, const Bar &) { }

std::vector<ClosedMinute> MarketEngine::formingMinutes() const
{
    std::vector<ClosedMinute> forming;
    for (const auto &s : m_states) {
        if (s && s->minute.hasForming())
            forming.push_back(ClosedMinute {s->id, s->minute.formingBar()});
    }
    return forming;
}

void MarketEngine::processBatch(const TickBatch &batch, const QString &source)
{
    for (const Tick &tick : batch.ticks) {
        SymbolState &s = state(tick.symbol);
        const TickOutcome outcome
            = s.minute.addTick(tick.time, tick.price, tick.size, m_closedScratch);
        if (outcome == TickOutcome::Late) {
            m_lateScratch.push_back(tick);
            ++s.quote.lateTickCount;
            s.quoteChanged = true;
            markChanged(s, 0);
            continue;
        }
        if (outcome == TickOutcome::Opened) {
            absorbClosedMinutes(s);
            // Every higher bucket that ended before this minute is complete now.
            s.aggregator.closeDue(s.minute.formingBar().time, m_closedHigherScratch);
            absorbClosedHigher(s);
        }
        s.quote.last = tick.price;
        s.quote.time = tick.time;
        ++s.quote.tickCount;
        s.quoteChanged = true;
        markChanged(s, kAllTimeframesMask);
    }
    m_totalTicks += batch.ticks.size();
    m_ticksInWindow += batch.ticks.size();

    // The feed vouches that every trade up to feedTime has been delivered.
    if (batch.feedTime > 0) {
        if (!source.isEmpty()) {
            // Nothing can come due until the clock crosses a minute boundary.
            TimeMs &swept = m_sourceSwept[source];
            if (minuteFloor(batch.feedTime) > swept) {
                swept = minuteFloor(batch.feedTime);
                for (auto &s : m_states) {
                    if (s && s->source == source)
                        closeDue(*s, batch.feedTime);
                }
            }
        } else {
            for (const Tick &tick : batch.ticks)
                closeDue(*m_states[tick.symbol], batch.feedTime);
        }
    }

    if (!m_lateScratch.empty()) {
        spdlog::debug(
            "engine: {} late trades in a batch of {}", m_lateScratch.size(), batch.ticks.size());
        emit lateTicks(m_lateScratch);
        m_lateScratch.clear();
    }
    // Publish inline once the minimum interval has passed: the batch's trades
    // leave in a snapshot now, and under a flood of batches the timer cannot starve.
    if (m_publishScheduled
        && m_sincePublish.nsecsElapsed() >= m_minPublishIntervalMs * 1'000'000LL) {
        m_publishTimer->stop();
        publish();
    }
}

void MarketEngine::loadHistory(SymbolId symbol, const BarsPtr &minutes)
{
    if (minutes && !minutes->empty() && symbol < m_states.size() && m_states[symbol]
        && mergeHistoryAtTail(*m_states[symbol], *minutes)) {
        ++m_incrementalHistoryLoads;
        return;
    }
    ++m_fullHistoryLoads;
    if (!minutes || minutes->empty())
        return;
    SymbolState &s = state(symbol);

    std::vector<Bar> bars = *minutes;
    const bool ordered = std::is_sorted(bars.begin(), bars.end(), [](const Bar &a, const Bar &b) {
        return a.time <= b.time;
    }) && std::adjacent_find(bars.begin(), bars.end(), [](const Bar &a, const Bar &b) {
        return a.time == b.time;
    }) == bars.end();
    if (!ordered) {
        // Keep the newest copy of each minute, in time order; say how many were merged.
        std::stable_sort(
            bars.begin(), bars.end(), [](const Bar &a, const Bar &b) { return a.time < b.time; });
        std::vector<Bar> unique;
        unique.reserve(bars.size());
        for (const Bar &bar : bars) {
            if (!unique.empty() && unique.back().time == bar.time)
                unique.back() = bar;
            else
                unique.push_back(bar);
        }
        spdlog::warn("engine: history of {} was out of order; {} duplicate minutes replaced",
            m_symbols->symbol(symbol).key().toStdString(), bars.size() - unique.size());
        bars = std::move(unique);
    }

    // Minutes known before this history arrived stay where it has none: older
    // ones (cached history under a backfill, or the bars after an older page) and
    // newer ones (built live meanwhile). A forming minute the history already
    // covers is superseded by it.
    BarSeriesWriter &liveMinutes = s.closed[timeframeIndex(Timeframe::M1)];
    const TimeMs historyFirst = bars.empty() ? INT64_MAX : bars.front().time;
    const TimeMs historyLast = bars.empty() ? INT64_MIN : bars.back().time;
    const BarSeries known = liveMinutes.view();
    if (!known.empty() && (known.front().time < historyFirst || known.back().time > historyLast)) {
        std::vector<Bar> merged;
        merged.reserve(known.size() + bars.size());
        for (const Bar &bar : known) {
            if (bar.time < historyFirst)
                merged.push_back(bar);
        }
        merged.insert(merged.end(), bars.begin(), bars.end());
        for (const Bar &bar : known) {
            if (bar.time > historyLast)
                merged.push_back(bar);
        }
        bars = std::move(merged);
    }
    if (s.minute.hasForming() && s.minute.formingBar().time <= historyLast)
        s.minute = BarBuilder(TimeframeCalendar(Timeframe::M1));

    s.tail.reset();
    liveMinutes.assign(bars.data(), bars.size());
    for (std::size_t i = 1; i < kTimeframeCount; ++i)
        s.closed[i].clear();
    s.aggregator = Aggregator(s.zone);
    // Indicators are recomputed in batch below, not bar by bar.
    for (const Bar &bar : bars) {
        s.aggregator.addMinute(bar, m_closedHigherScratch);
        for (const ClosedBar &closed : m_closedHigherScratch)
            s.closed[timeframeIndex(closed.timeframe)].append(closed.bar);
        m_closedHigherScratch.clear();
    }
    if (!bars.empty()) {
        const TimeMs historyEnd = bars.back().time + kMinuteMs;
        s.aggregator.closeDue(historyEnd, m_closedHigherScratch);
        for (const ClosedBar &closed : m_closedHigherScratch)
            s.closed[timeframeIndex(closed.timeframe)].append(closed.bar);
        m_closedHigherScratch.clear();
        s.minute.setClosedUntil(historyEnd);
        if (s.quote.time < bars.back().time) {
            s.quote.last = bars.back().close;
            s.quote.time = bars.back().time;
        }
    }
    for (auto &generation : s.generation)
        ++generation;
    for (Timeframe tf : kAllTimeframes)
        recomputeIndicators(s, tf);
    s.quoteChanged = true;
    markChanged(s, kAllTimeframesMask);
}

bool MarketEngine::mergeHistoryAtTail(SymbolState &s, const std::vector<Bar> &bars)
{
    BarSeriesWriter &liveMinutes = s.closed[timeframeIndex(Timeframe::M1)];
    if (liveMinutes.empty())
        return false;
    for (std::size_t i = 1; i < bars.size(); ++i) {
        if (bars[i].time <= bars[i - 1].time)
            return false;  // the rebuild sorts and reports it
    }
    const TimeMs first = bars.front().time;
    const TimeMs newest = liveMinutes.back().time;
    if (first < newest)
        return false;
    const bool replacesNewest = first == newest;
    // The source's bar equal, bit for bit, to the one built from trades changes
    // nothing: no roll-back, and no new generation for readers to redraw.
    const bool unchanged
        = replacesNewest && std::memcmp(&bars.front(), &liveMinutes.back(), sizeof(Bar)) == 0;
    const bool rollBack = replacesNewest && !unchanged;
    if (rollBack && (!s.tail || s.tail->minutes + 1 != liveMinutes.size()))
        return false;
    // The rebuild rolls every higher timeframe up from the minutes alone and
    // closes what ended by the last one's end; the state here equals it only when
    // no higher bar closed (by the clock) over a bucket that a minute added now
    // falls in, or (nothing added) that ends later.
    const TimeMs firstAdded = !unchanged ? first
        : bars.size() > 1                ? bars[1].time
                                         : first + kMinuteMs;
    for (std::size_t i = 1; i < kTimeframeCount; ++i) {
        const std::size_t count = rollBack ? s.tail->closedCount[i] : s.closed[i].size();
        if (count == 0)
            continue;
        const Bar &last = s.closed[i].view()[count - 1];
        if (bucketAt(kAllTimeframes[i], last.time, s.zone).end > firstAdded)
            return false;
    }

    std::uint32_t rebuilt = 0;
    if (rollBack) {
        // Back to the state before the newest minute: the bars closed since
        // then and the indicator values over them go; the minutes come again.
        TailCheckpoint &cp = *s.tail;
        s.aggregator = cp.aggregator;
        for (std::size_t i = 0; i < kTimeframeCount; ++i) {
            const std::size_t count = i == 0 ? cp.minutes : cp.closedCount[i];
            if (s.closed[i].size() == count)
                continue;
            const BarSeries kept = s.closed[i].view();
            s.closed[i].assign(kept.begin(), count);
            for (std::size_t r = 0; r < s.indicators[i].size(); ++r) {
                IndicatorRun &run = s.indicators[i][r];
                if (!run.indicator)
                    continue;
                run.indicator = std::move(cp.indicators[i][r]);
                for (ValueSeriesWriter &values : run.values) {
                    const ValueSeries old = values.view();
                    values.assign(old.begin(), count);
                }
            }
            rebuilt |= 1u << i;
        }
        s.tail.reset();
    }

    for (std::size_t i = unchanged ? 1 : 0; i < bars.size(); ++i) {
        if (i + 1 == bars.size())
            saveTailCheckpoint(s);
        appendMinute(s, bars[i]);
    }
    const TimeMs historyEnd = bars.back().time + kMinuteMs;
    s.aggregator.closeDue(historyEnd, m_closedHigherScratch);
    absorbClosedHigher(s);
    if (s.minute.hasForming() && s.minute.formingBar().time <= bars.back().time)
        s.minute = BarBuilder(TimeframeCalendar(Timeframe::M1));
    s.minute.setClosedUntil(historyEnd);
    if (s.quote.time < bars.back().time) {
        s.quote.last = bars.back().close;
        s.quote.time = bars.back().time;
    }
    // A replaced bar is a new series to a reader that only appends.
    for (std::size_t i = 0; i < kTimeframeCount; ++i) {
        if (rebuilt & (1u << i)) {
            ++s.generation[i];
            ++s.indicatorGeneration[i];
        }
    }
    s.quoteChanged = true;
    markChanged(s, kAllTimeframesMask);
    return true;
}

void MarketEngine::appendMinute(SymbolState &s, const Bar &bar)
{
    appendClosed(s, Timeframe::M1, bar);
    s.aggregator.addMinute(bar, m_closedHigherScratch);
    absorbClosedHigher(s);
}

void MarketEngine::saveTailCheckpoint(SymbolState &s)
{
    if (!s.tail)
        s.tail = std::make_unique<TailCheckpoint>();
    TailCheckpoint &cp = *s.tail;
    cp.minutes = s.closed[timeframeIndex(Timeframe::M1)].size();
    cp.aggregator = s.aggregator;
    for (std::size_t i = 0; i < kTimeframeCount; ++i) {
        cp.closedCount[i] = s.closed[i].size();
        cp.indicators[i].clear();
        for (const IndicatorRun &run : s.indicators[i])
            cp.indicators[i].push_back(run.indicator ? run.indicator->clone() : nullptr);
    }
}

void MarketEngine::setIndicators(SymbolId symbol, Timeframe timeframe, const QStringList &specs)
{
    SymbolState &s = state(symbol);
    IndicatorContext context;
    if (!s.alwaysOpen) {
        // VWAP restarts with each session day in the exchange's zone.
        context.sessionAnchor = [calendar = TimeframeCalendar(Timeframe::D1, s.zone)](
                                    TimeMs t) mutable { return calendar.bucketAt(t).start; };
    }
    std::vector<IndicatorRun> runs;
    for (const QString &text : specs) {
        IndicatorRun run;
        run.spec = text;
        const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &run.error);
        if (spec) {
            run.indicator = createIndicator(*spec, context, &run.error);
            if (run.indicator && run.indicator->outputCount() > kMaxIndicatorOutputs) {
                run.error = QStringLiteral("%1 has more outputs than the engine ships (%2)")
                                .arg(text)
                                .arg(kMaxIndicatorOutputs);
                run.indicator.reset();
            }
            if (run.indicator) {
                run.label = spec->label();
                run.outputs = spec->info().outputs;
                run.values.resize(static_cast<std::size_t>(run.indicator->outputCount()));
            }
        }
        if (!run.indicator)
            spdlog::warn(
                "engine: indicator '{}' refused: {}", text.toStdString(), run.error.toStdString());
        runs.push_back(std::move(run));
    }
    s.indicators[timeframeIndex(timeframe)] = std::move(runs);
    s.tail.reset();  // its indicator copies are of the old runs
    recomputeIndicators(s, timeframe);
    markChanged(s, bit(timeframe));
}

void MarketEngine::subscribe(SymbolId symbol, Timeframe timeframe)
{
    SymbolState &s = state(symbol);
    ++s.subscribers[timeframeIndex(timeframe)];
    // A new subscriber needs the whole series: publish it even if nothing changed.
    s.quoteChanged = true;
    markChanged(s, bit(timeframe));
}

void MarketEngine::unsubscribe(SymbolId symbol, Timeframe timeframe)
{
    SymbolState &s = state(symbol);
    int &count = s.subscribers[timeframeIndex(timeframe)];
    if (count > 0)
        --count;
}

void MarketEngine::requestQuotes(const std::vector<SymbolId> &symbols)
{
    for (SymbolId id : symbols) {
        if (id >= m_states.size() || !m_states[id] || m_states[id]->quote.time == 0)
            continue;
        m_states[id]->quoteChanged = true;
        markChanged(*m_states[id], 0);
    }
}

void MarketEngine::setSourceClock(
    const QString &source, std::shared_ptr<const Clock> clock, TimeMs graceMs)
{
    m_clocks.insert(source, SourceClock {std::move(clock), graceMs});
}

void MarketEngine::closeDueBars()
{
    static const SystemClock systemClock;
    for (auto &s : m_states) {
        if (!s)
            continue;
        const auto it = m_clocks.constFind(s->source);
        const TimeMs now = it != m_clocks.cend() ? it->clock->now() - it->graceMs
                                                 : systemClock.now() - kDefaultGraceMs;
        closeDue(*s, now);
    }
    updateTickRate();
}

MarketEngine::SymbolState &MarketEngine::state(SymbolId symbol)
{
    if (symbol >= m_states.size())
        m_states.resize(symbol + 1);
    auto &slot = m_states[symbol];
    if (!slot)
        slot = std::make_unique<SymbolState>(symbol, m_symbols->symbol(symbol));
    return *slot;
}

void MarketEngine::closeDue(SymbolState &s, TimeMs now)
{
    const TimeMs minute = minuteFloor(now);
    if (minute <= s.sweptMinute)
        return;  // closed through this minute already; nothing new can be due
    s.sweptMinute = minute;
    if (s.minute.closeDue(now, m_closedScratch))
        absorbClosedMinutes(s);
    // The clock has passed every minute before this one: a trade in them now is
    // late, or it would reopen a higher bar that just closed.
    s.minute.setClosedUntil(minute);
    s.aggregator.closeDue(now, m_closedHigherScratch);
    absorbClosedHigher(s);
}

void MarketEngine::absorbClosedMinutes(SymbolState &s)
{
    if (m_closedScratch.empty())
        return;
    for (const Bar &bar : m_closedScratch) {
        // Binance's closed kline for this minute may replace it in a moment.
        saveTailCheckpoint(s);
        appendMinute(s, bar);
        m_closedForCache.push_back(ClosedMinute {s.id, bar});
    }
    m_closedScratch.clear();
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
    markChanged(s, bit(Timeframe::M1));
}

void MarketEngine::flushClosedMinutes()
{
    m_flushTimer->stop();
    if (m_closedForCache.empty())
        return;
    auto bars = std::make_shared<std::vector<ClosedMinute>>();
    bars->swap(m_closedForCache);
    emit minutesClosed(bars);
}

void MarketEngine::appendClosed(SymbolState &s, Timeframe tf, const Bar &bar)
{
    const std::size_t i = timeframeIndex(tf);
    s.closed[i].append(bar);
    double row[kMaxIndicatorOutputs];
    for (IndicatorRun &run : s.indicators[i]) {
        if (!run.indicator)
            continue;
        run.indicator->update(bar, row);
        for (std::size_t k = 0; k < run.values.size(); ++k)
            run.values[k].append(row[k]);
    }
}

void MarketEngine::recomputeIndicators(SymbolState &s, Timeframe tf)
{
    const std::size_t i = timeframeIndex(tf);
    ++s.indicatorGeneration[i];
    if (s.indicators[i].empty())
        return;
    const BarSeries bars = s.closed[i].view();
    std::vector<std::vector<double>> outs;
    // Indicators that read only the close run over a column of closes, built
    // once for all of them (the same doubles as over the Bars, at a fraction of
    // the memory traffic).
    bool haveCloses = false;
    for (IndicatorRun &run : s.indicators[i]) {
        if (!run.indicator)
            continue;
        run.indicator->reset();
        if (run.indicator->valueInput()) {
            if (!haveCloses) {
                m_closeColumn.resize(bars.size());
                for (std::size_t j = 0; j < bars.size(); ++j)
                    m_closeColumn[j] = bars[j].close;
                haveCloses = true;
            }
            run.indicator->batchValues(m_closeColumn.data(), bars.size(), outs);
        } else {
            run.indicator->batch(bars.begin(), bars.size(), outs);
        }
        for (std::size_t k = 0; k < run.values.size(); ++k)
            run.values[k].assign(outs[k].data(), outs[k].size());
    }
}

void MarketEngine::absorbClosedHigher(SymbolState &s)
{
    if (m_closedHigherScratch.empty())
        return;
    std::uint32_t mask = 0;
    for (const ClosedBar &closed : m_closedHigherScratch) {
        appendClosed(s, closed.timeframe, closed.bar);
        mask |= bit(closed.timeframe);
    }
    m_closedHigherScratch.clear();
    markChanged(s, mask);
}

void MarketEngine::markChanged(SymbolState &s, std::uint32_t timeframeMask)
{
    s.changedMask |= timeframeMask;
    if (!s.dirty) {
        s.dirty = true;
        m_dirty.push_back(s.id);
    }
    schedulePublish();
}

void MarketEngine::setMinPublishInterval(int ms)
{
    m_minPublishIntervalMs = std::max(ms, 1);
}

void MarketEngine::schedulePublish()
{
    if (m_publishScheduled)
        return;
    m_publishScheduled = true;
    // Leading edge: when the last snapshot is old enough, publish as soon as
    // this turn of the event loop is done (a batch publishes inline at its
    // end); otherwise at the interval's end, with every change meanwhile.
    const qint64 waitNs = m_minPublishIntervalMs * 1'000'000LL - m_sincePublish.nsecsElapsed();
    const qint64 waitMs = waitNs <= 0 ? 0 : (waitNs + 999'999) / 1'000'000;
    m_publishTimer->start(static_cast<int>(waitMs));
}

void MarketEngine::updateTickRate()
{
    const qint64 elapsed = m_rateWindow.elapsed();
    if (elapsed < kRateWindowMs)
        return;
    const double rate
        = static_cast<double>(m_ticksInWindow) * 1000.0 / static_cast<double>(elapsed);
    m_ticksInWindow = 0;
    m_rateWindow.restart();
    if (rate != m_ticksPerSecond) {
        m_ticksPerSecond = rate;
        m_rateChanged = true;
        schedulePublish();
    }
}

void MarketEngine::publish()
{
    m_publishScheduled = false;
    m_sincePublish.restart();
    auto snapshot = std::make_shared<MarketSnapshot>();
    snapshot->time = QDateTime::currentMSecsSinceEpoch();
    for (SymbolId id : m_dirty) {
        SymbolState &s = *m_states[id];
        const Bar *formingMinute = s.minute.hasForming() ? &s.minute.formingBar() : nullptr;
        if (s.quoteChanged) {
            Quote quote = s.quote;
            // The session of the last trade: the forming day, or -- overnight and on
            // weekends, once that day has closed -- the newest closed one. Its change is
            // what a trader expects to see until the next session trades.
            const BarSeries days = s.closed[timeframeIndex(Timeframe::D1)].view();
            const std::optional<Bar> today = s.aggregator.formingBar(Timeframe::D1, formingMinute);
            if (today) {
                quote.previousClose = days.empty() ? 0.0 : days.back().close;
                quote.dayVolume = today->volume;
            } else if (!days.empty()) {
                quote.previousClose = days.size() >= 2 ? days[days.size() - 2].close : 0.0;
                quote.dayVolume = days.back().volume;
            }
            snapshot->quotes.push_back(quote);
        }
        for (Timeframe tf : kAllTimeframes) {
            const std::size_t i = timeframeIndex(tf);
            if (!(s.changedMask & bit(tf)) || s.subscribers[i] == 0)
                continue;
            SeriesSnapshot series;
            series.symbol = id;
            series.timeframe = tf;
            series.closed = s.closed[i].view();
            series.forming = s.aggregator.formingBar(tf, formingMinute);
            series.generation = s.generation[i];
            series.indicatorGeneration = s.indicatorGeneration[i];
            for (const IndicatorRun &run : s.indicators[i]) {
                IndicatorSnapshot indicator;
                indicator.spec = run.spec;
                indicator.label = run.label;
                indicator.outputs = run.outputs;
                indicator.error = run.error;
                for (const ValueSeriesWriter &values : run.values)
                    indicator.closed.push_back(values.view());
                if (run.indicator && series.forming) {
                    indicator.forming.resize(run.values.size());
                    run.indicator->peek(*series.forming, indicator.forming.data());
                }
                series.indicators.push_back(std::move(indicator));
            }
            snapshot->series.push_back(std::move(series));
        }
        s.changedMask = 0;
        s.quoteChanged = false;
        s.dirty = false;
    }
    m_dirty.clear();
    snapshot->totalTicks = m_totalTicks;
    snapshot->ticksPerSecond = m_ticksPerSecond;
    const bool rateChanged = std::exchange(m_rateChanged, false);
    if (snapshot->series.empty() && snapshot->quotes.empty() && !rateChanged)
        return;
    emit snapshotReady(snapshot);
}

}  // namespace wick
