#include "engine/MarketEngine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "engine/BarListener.h"
#include "engine/FormingHold.h"
#include "engine/ListenerList.h"
#include "engine/MarketEngineState.h"
#include "engine/SeriesView.h"
#include "indicators/IndicatorRegistry.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

namespace wick {

namespace {

using engine_detail::bit;
using engine_detail::kAllTimeframesMask;

constexpr int kCloseCheckIntervalMs = 250;
constexpr TimeMs kDefaultGraceMs = 2000;

std::atomic<OwnerId> g_nextOwner {MarketEngine::kDefaultOwner + 1};

// Time-ordered bars with one per open time, the newest copy of each.
std::vector<Bar> newestPerTime(std::vector<Bar> bars)
{
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
    return unique;
}

// Two time-ordered series with one bar per open time, merged by open time;
// where both have one, wins's.
std::vector<Bar> mergeByTime(const Bar *base, std::size_t baseCount, const std::vector<Bar> &wins)
{
    std::vector<Bar> out;
    out.reserve(baseCount + wins.size());
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < baseCount || b < wins.size()) {
        if (b == wins.size() || (a < baseCount && base[a].time < wins[b].time)) {
            out.push_back(base[a++]);
        } else {
            if (a < baseCount && base[a].time == wins[b].time)
                ++a;
            out.push_back(wins[b++]);
        }
    }
    return out;
}

}  // namespace

MarketEngine::MarketEngine(std::shared_ptr<SymbolRegistry> symbols, QObject *parent)
    : QObject(parent)
    , m_symbols(std::move(symbols))
    , m_publishTimer(new QTimer(this))
    , m_closeTimer(new QTimer(this))
    , m_flushTimer(new QTimer(this))
    , m_closeClock(std::make_shared<SystemClock>())
{
    registerCoreMetaTypes();
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
        [this, source](const TickBatch &batch) { addFeedTicks(source, batch); });
    connect(feed, &Feed::barsReceived, this, &MarketEngine::loadBars);
    connect(feed, &Feed::quotesReceived, this, &MarketEngine::applySourceQuotes);
}

OwnerId MarketEngine::newOwnerId()
{
    return g_nextOwner.fetch_add(1, std::memory_order_relaxed);
}

void MarketEngine::addTicks(const TickBatch &batch)
{
    processBatch(batch, QString());
}

void MarketEngine::addFeedTicks(const QString &source, const TickBatch &batch)
{
    processBatch(batch, source);
}

std::vector<ClosedMinute> MarketEngine::formingMinutes() const
{
    std::vector<ClosedMinute> forming;
    for (const auto &s : m_states) {
        if (s && s->minute.hasForming())
            forming.push_back(ClosedMinute {s->id, s->minute.formingBar()});
    }
    return forming;
}

// A trade's hold check (MarketEngineListeners.cpp has the calls it spares).
void MarketEngine::touchForming(SymbolState &s)
{
    if (s.listenerCount == 0)
        return;
    if (s.touchedBatch != m_batches) {
        s.touchedBatch = m_batches;
        s.touchedAt = m_formingTouched.size();
        m_formingTouched.push_back({s.id, nullptr, 0});
    }
    // A lone 1m listener's hold is checked here, where the minute bar and
    // the hold are in cache, after each trade (the last one decides):
    // notifyForming() then counts a covered update without reading the state.
    FormingTouch &touch = m_formingTouched[s.touchedAt];
    touch.covered = nullptr;
    if (s.listeners.size() != 1)
        return;
    const ListenerEntry &entry = s.listeners[0];
    if (entry.tf == 0
        && entry.hold.covers(s.minute.formingBar(), s.closed[0].size(), s.runsVersion[0])) {
        touch.covered = entry.hold.covered;
        touch.runsChanges = m_runsChanges;
    }
}

void MarketEngine::processBatch(const TickBatch &batch, const QString &source)
{
    for (const Tick &tick : batch.ticks) {
        if (tick.inSourceBar)
            continue;  // the source's forming bar holds it already
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
        touchForming(s);
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

    for (std::size_t k = 0; k < m_formingTouched.size(); ++k) {
        const FormingTouch touch = m_formingTouched[k];
        // Covered at its last trade, and no run has changed since anywhere
        // (a listener call may acquire runs): not even the state is read.
        if (touch.covered && touch.runsChanges == m_runsChanges)
            ++*touch.covered;
        else
            notifyForming(*m_states[touch.symbol]);
    }
    m_formingTouched.clear();
    ++m_batches;

    if (!m_lateScratch.empty()) {
        spdlog::debug(
            "engine: {} late trades in a batch of {}", m_lateScratch.size(), batch.ticks.size());
        emit lateTicks(m_lateScratch);
        m_lateScratch.clear();
    }
    // Publish inline once the minimum interval has passed: the batch's trades
    // leave in a snapshot now, and under a flood of batches the timer cannot starve.
    if (m_publishScheduled && !m_manualPublish
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
        std::vector<Bar> unique = newestPerTime(bars);
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
    s.aggregator = Aggregator(s.days);
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
    // A source's native bars of a higher timeframe stand over the roll-up.
    for (std::size_t i = 1; i < kTimeframeCount; ++i) {
        if (!s.native[i].empty()) {
            const BarSeries rolled = s.closed[i].view();
            const std::vector<Bar> merged = mergeByTime(rolled.begin(), rolled.size(), s.native[i]);
            s.closed[i].assign(merged.data(), merged.size());
        }
        if (s.nativeForming[i] && !s.closed[i].empty()
            && s.nativeForming[i]->time <= s.closed[i].back().time)
            s.nativeForming[i].reset();
    }
    for (auto &generation : s.generation)
        ++generation;
    for (Timeframe tf : kAllTimeframes)
        recomputeIndicators(s, tf);
    s.quoteChanged = true;
    markChanged(s, kAllTimeframesMask);
    for (std::size_t i = 0; i < kTimeframeCount; ++i)
        notifyListeners(s, i, ListenerCall::Reset);
}

void MarketEngine::loadBars(SymbolId symbol, Timeframe timeframe, const BarsPtr &bars)
{
    if (timeframe == Timeframe::M1) {
        loadHistory(symbol, bars);
        return;
    }
    if (!bars || bars->empty())
        return;
    SymbolState &s = state(symbol);
    const std::size_t i = timeframeIndex(timeframe);
    std::vector<Bar> incoming = *bars;
    for (Bar &bar : incoming)
        bar.time = bucketAt(timeframe, bar.time, s.days).start;
    incoming = newestPerTime(std::move(incoming));
    s.native[i] = mergeByTime(s.native[i].data(), s.native[i].size(), incoming);
    // The newest copy of each bar wins over what the series has: native bars
    // of an earlier load and the bars rolled up from minutes alike.
    const BarSeries known = s.closed[i].view();
    const std::vector<Bar> merged = mergeByTime(known.begin(), known.size(), incoming);
    s.closed[i].assign(merged.data(), merged.size());
    if (s.nativeForming[i] && s.nativeForming[i]->time <= merged.back().time)
        s.nativeForming[i].reset();
    s.tail.reset();  // its closed counts are of the series before
    ++s.generation[i];
    recomputeIndicators(s, timeframe);
    s.quoteChanged = true;
    markChanged(s, bit(timeframe));
    notifyListeners(s, i, ListenerCall::Reset);
}

void MarketEngine::mergeFormingBar(SymbolId symbol, Timeframe timeframe, const Bar &bar)
{
    SymbolState &s = state(symbol);
    const std::size_t i = timeframeIndex(timeframe);
    if (timeframe == Timeframe::M1) {
        const TickOutcome outcome = s.minute.mergeFormingBar(bar, m_closedScratch);
        if (outcome == TickOutcome::Late) {
            ++m_lateFormingBars;
            spdlog::debug("engine: forming bar of {} at {} ignored: that minute is closed",
                m_symbols->symbol(symbol).key().toStdString(), bar.time);
            return;
        }
        if (outcome == TickOutcome::Opened) {
            absorbClosedMinutes(s);
            s.aggregator.closeDue(s.minute.formingBar().time, m_closedHigherScratch);
            absorbClosedHigher(s);
        }
        // The source's bar holds the newest price it knows.
        s.quote.last = s.minute.formingBar().close;
        s.quote.time = std::max(s.quote.time, s.minute.formingBar().time);
        s.quoteChanged = true;
        markChanged(s, kAllTimeframesMask);
        notifyForming(s);
        return;
    }
    const Bucket bucket = bucketAt(timeframe, bar.time, s.days);
    if (!s.closed[i].empty() && bucket.start <= s.closed[i].back().time) {
        ++m_lateFormingBars;
        spdlog::debug("engine: {} forming bar of {} at {} ignored: that bucket is closed",
            timeframeName(timeframe).toStdString(), m_symbols->symbol(symbol).key().toStdString(),
            bar.time);
        return;
    }
    Bar forming = bar;
    forming.time = bucket.start;
    s.nativeForming[i] = forming;
    s.nativeFormingEnd[i] = bucket.end;
    markChanged(s, bit(timeframe));
    notifyListeners(s, i, ListenerCall::Forming);
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
    if (rollBack) {
        for (const auto &runs : s.runs) {
            for (const auto &run : runs) {
                if (run->indicator && !run->tailState)
                    return false;  // no state to roll back to
            }
        }
    }
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
        if (bucketAt(kAllTimeframes[i], last.time, s.days).end > firstAdded)
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
            for (const auto &run : s.runs[i]) {
                if (!run->indicator)
                    continue;
                run->indicator = std::move(run->tailState);
                for (ValueSeriesWriter &values : run->values) {
                    const ValueSeries old = values.view();
                    values.assign(old.begin(), count);
                }
            }
            rebuilt |= 1u << i;
        }
        s.tail.reset();
    }

    // Listeners of a rolled-back series are reset after the merge, not told
    // each re-added bar; the others see the added bars close one by one.
    s.quietMask = rebuilt;
    for (std::size_t i = unchanged ? 1 : 0; i < bars.size(); ++i) {
        if (i + 1 == bars.size())
            saveTailCheckpoint(s);
        appendMinute(s, bars[i]);
    }
    const TimeMs historyEnd = bars.back().time + kMinuteMs;
    s.aggregator.closeDue(historyEnd, m_closedHigherScratch);
    absorbClosedHigher(s);
    s.quietMask = 0;
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
    for (std::size_t i = 0; i < kTimeframeCount; ++i) {
        if (rebuilt & (1u << i))
            notifyListeners(s, i, ListenerCall::Reset);
    }
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
        for (const auto &run : s.runs[i])
            run->tailState = run->indicator ? run->indicator->clone() : nullptr;
    }
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

void MarketEngine::setSourceClock(
    const QString &source, std::shared_ptr<const Clock> clock, TimeMs graceMs)
{
    const TimeMs setAt = clock ? clock->now() : 0;
    for (auto &s : m_states) {
        if (s && s->source == source) {
            s->clock = clock;
            s->clockSetAt = setAt;
            // A hold's time was read on the old clock.
            for (std::size_t k = 0; k < s->listeners.size(); ++k)
                endHold(*s, s->listeners[k]);
        }
    }
    m_clocks.insert(source, SourceClock {std::move(clock), graceMs, setAt});
}

void MarketEngine::setCloseClock(std::shared_ptr<const Clock> clock)
{
    m_closeClock = clock ? std::move(clock) : std::make_shared<SystemClock>();
}

void MarketEngine::closeDueBars()
{
    for (auto &s : m_states) {
        if (!s)
            continue;
        const auto it = m_clocks.constFind(s->source);
        const TimeMs now = it != m_clocks.cend() ? it->clock->now() - it->graceMs
                                                 : m_closeClock->now() - kDefaultGraceMs;
        closeDue(*s, now);
    }
    updateTickRate();
}

MarketEngine::SymbolState &MarketEngine::state(SymbolId symbol)
{
    if (symbol >= m_states.size())
        m_states.resize(symbol + 1);
    auto &slot = m_states[symbol];
    if (!slot) {
        slot = std::make_unique<SymbolState>(symbol, m_symbols->symbol(symbol));
        const auto it = m_clocks.constFind(slot->source);
        if (it != m_clocks.cend()) {
            slot->clock = it->clock;
            slot->clockSetAt = it->setAt;
        }
    }
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
    // A source's forming bar of a higher timeframe ends with its bucket.
    for (std::size_t i = 1; i < kTimeframeCount; ++i) {
        if (s.nativeForming[i] && now >= s.nativeFormingEnd[i]) {
            s.nativeForming[i].reset();
            markChanged(s, 1u << i);
        }
    }
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
    if (!s.native[i].empty()) {
        // A native bar at this time (or later) stands: the roll-up does not overwrite it.
        if (!s.closed[i].empty() && bar.time <= s.closed[i].back().time)
            return;
        if (s.nativeForming[i] && s.nativeForming[i]->time <= bar.time)
            s.nativeForming[i].reset();
    } else if (s.nativeForming[i] && s.nativeForming[i]->time <= bar.time) {
        s.nativeForming[i].reset();
    }
    s.closed[i].append(bar);
    double row[kMaxIndicatorOutputs];
    for (const auto &run : s.runs[i]) {
        if (!run->indicator)
            continue;
        run->indicator->update(bar, row);
        for (std::size_t k = 0; k < run->values.size(); ++k)
            run->values[k].append(row[k]);
    }
    if (!(s.quietMask & (1u << i)))
        notifyListeners(s, i, ListenerCall::Closed);
}

std::optional<Bar> MarketEngine::formingOf(const SymbolState &s, std::size_t i) const
{
    const Bar *minute = s.minute.hasForming() ? &s.minute.formingBar() : nullptr;
    if (i > 0 && s.nativeForming[i])
        return s.nativeForming[i];
    std::optional<Bar> bar = s.aggregator.formingBar(kAllTimeframes[i], minute);
    // Not a roll-up of a bucket that a native bar stands for already.
    if (bar && !s.native[i].empty() && !s.closed[i].empty() && bar->time <= s.closed[i].back().time)
        return std::nullopt;
    return bar;
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

}  // namespace wick
