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
#include "engine/SeriesView.h"
#include "indicators/IndicatorRegistry.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

namespace wick {

namespace {

// Unique across engines and series, never 0 (SeriesView::runsVersion).
std::uint64_t nextRunsVersion()
{
    static std::atomic<std::uint64_t> last {0};
    return ++last;
}

std::array<std::uint64_t, kTimeframeCount> newRunsVersions()
{
    std::array<std::uint64_t, kTimeframeCount> versions {};
    for (std::uint64_t &v : versions)
        v = nextRunsVersion();
    return versions;
}

constexpr std::uint32_t kAllTimeframesMask = (1u << kTimeframeCount) - 1;
constexpr int kCloseCheckIntervalMs = 250;
constexpr TimeMs kDefaultGraceMs = 2000;
constexpr TimeMs kRateWindowMs = 1000;

std::uint32_t bit(Timeframe tf)
{
    return 1u << timeframeIndex(tf);
}

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

// One indicator running on one series, shared by its owners: its outputs grow
// with the closed bars.
struct MarketEngine::IndicatorRun {
    QString key;  // indicatorRunKey()
    QString spec;  // as its first owner spelled it
    QString label;
    QStringList outputs;
    QString error;
    std::unique_ptr<Indicator> indicator;  // null when the spec was refused
    // A copy of the state before the series' newest closed minute (TailCheckpoint).
    std::unique_ptr<Indicator> tailState;
    std::vector<ValueSeriesWriter> values;  // one per output, aligned with the closed bars
    int owners = 0;
};

// A symbol's derived state just before its newest closed minute was added:
// the aggregator and how many closed bars each timeframe had (each indicator
// run keeps a copy of its state then, IndicatorRun::tailState).
struct MarketEngine::TailCheckpoint {
    std::size_t minutes = 0;  // closed 1m bars before the newest one
    Aggregator aggregator;
    std::array<std::size_t, kTimeframeCount> closedCount {};
};

struct MarketEngine::SymbolState {
    SymbolState(SymbolId id, const Symbol &symbol)
        : id(id)
        , source(symbol.source)
        , days(symbol.barDays())
        , minute(TimeframeCalendar(Timeframe::M1))
        , aggregator(days)
        , alwaysOpen(symbol.session.alwaysOpen)
    {
        quote.symbol = id;
    }

    SymbolId id;
    QString source;
    BarDays days;  // where its daily and weekly bars lie (Symbol::barDays)
    BarBuilder minute;
    // What a trade's hold check reads (touchForming), after the minute bar
    // the trade has just updated: the listeners, of every timeframe in the
    // order added (the first one inline), the closed bars' counts and the
    // runs' versions (per timeframe, a new value whenever `runs` changes:
    // SeriesView::runsVersion).
    ListenerList listeners;
    int listenerCount = 0;
    std::uint32_t listenerMask = 0;  // bit i: some listener of timeframe i
    std::uint64_t touchedBatch = 0;  // m_batches when last listed in m_formingTouched
    std::size_t touchedAt = 0;  // where in it
    std::array<BarSeriesWriter, kTimeframeCount> closed;
    std::array<std::uint64_t, kTimeframeCount> runsVersion = newRunsVersions();
    // The source's own clock (setSourceClock) and its reading when set; null: none.
    std::shared_ptr<const Clock> clock;
    TimeMs clockSetAt = 0;

    Aggregator aggregator;
    bool alwaysOpen;
    std::array<std::vector<std::unique_ptr<IndicatorRun>>, kTimeframeCount> runs;
    // Per timeframe, what each owner holds (each run once).
    std::array<std::vector<std::pair<OwnerId, std::vector<IndicatorRun *>>>, kTimeframeCount> owned;
    // A source's own bars of a higher timeframe (loadBars), time-ordered, and
    // its forming bar there (mergeFormingBar) with that bucket's end.
    std::array<std::vector<Bar>, kTimeframeCount> native;
    std::array<std::optional<Bar>, kTimeframeCount> nativeForming;
    std::array<TimeMs, kTimeframeCount> nativeFormingEnd {};
    std::array<std::uint64_t, kTimeframeCount> indicatorGeneration {};
    std::array<std::uint64_t, kTimeframeCount> generation {};
    std::array<int, kTimeframeCount> subscribers {};
    Quote quote;
    // The source's own quote (applySourceQuotes) as last taken: while the
    // quote's price is its, the day's figures are the source's too.
    SourceQuote sourceQuote;
    TimeMs sweptMinute = INT64_MIN;  // minute of the clock at the last closeDue()
    std::unique_ptr<TailCheckpoint> tail;  // before the newest closed minute, when known
    std::uint32_t changedMask = 0;  // timeframes changed since the last publish
    // Timeframes whose closes are not told to listeners one by one (a tail
    // merge that rolled them back resets them after it).
    std::uint32_t quietMask = 0;
    bool quoteChanged = false;
    bool dirty = false;  // listed in m_dirty
};

// What a BarListener reads during a call: views of the engine's series.
class MarketEngine::ListenerView final : public SeriesView
{
public:
    ListenerView(SymbolState &s, std::size_t tf, std::optional<Bar> forming)
        : m_state(s)
        , m_tf(tf)
        , m_forming(std::move(forming))
    { }

    // The listener the next call goes to (holdForming() is its).
    void setListener(BarListener *listener) { m_listener = listener; }

    SymbolId symbol() const override { return m_state.id; }
    Timeframe timeframe() const override { return kAllTimeframes[m_tf]; }
    BarSeries closed() const override { return m_state.closed[m_tf].view(); }
    std::size_t closedCount() const override { return m_state.closed[m_tf].size(); }
    const Bar *forming() const override { return m_forming ? &*m_forming : nullptr; }

    std::uint64_t runsVersion() const override { return m_state.runsVersion[m_tf]; }
    const std::shared_ptr<const Clock> &sourceClock() const override { return m_state.clock; }
    TimeMs sourceClockSetAt() const override { return m_state.clockSetAt; }

    int findIndicator(const QString &key) const override
    {
        const auto &runs = m_state.runs[m_tf];
        for (std::size_t r = 0; r < runs.size(); ++r) {
            if (runs[r]->key == key)
                return static_cast<int>(r);
        }
        return -1;
    }

    int outputCount(int indicator) const override
    {
        return static_cast<int>(run(indicator).values.size());
    }

    ValueSeries values(int indicator, int output) const override
    {
        return run(indicator).values[static_cast<std::size_t>(output)].view();
    }

    bool formingValues(int indicator, double *out) const override
    {
        const IndicatorRun &r = run(indicator);
        if (!m_forming || !r.indicator)
            return false;
        r.indicator->peek(*m_forming, out);
        return true;
    }

    void formingValuesOf(
        const int *indicators, std::size_t count, double *const *out) const override
    {
        peekAt(m_forming ? &*m_forming : nullptr, indicators, count, out);
    }

    void formingValuesAt(
        const Bar &bar, const int *indicators, std::size_t count, double *const *out) const override
    {
        peekAt(&bar, indicators, count, out);
    }

    CloseResponse closeResponse(int indicator, int output) const override
    {
        const IndicatorRun &r = run(indicator);
        return r.indicator ? r.indicator->closeResponse(output) : CloseResponse::OtherFields;
    }

    void holdForming(const FormingHold &hold) const override
    {
        // Found again: the call may have added or removed listeners.
        const std::size_t k = m_state.listeners.find(m_listener, m_tf);
        if (k < m_state.listeners.size())
            m_state.listeners[k].hold = hold;
    }

private:
    void peekAt(const Bar *bar, const int *indicators, std::size_t count, double *const *out) const
    {
        constexpr std::size_t kChunk = 16;
        const IndicatorRun *runs[kChunk];
        for (std::size_t from = 0; from < count; from += kChunk) {
            const std::size_t n = std::min(kChunk, count - from);
            // Every run's indicator, and the first lines of its state, before any peek.
            for (std::size_t k = 0; k < n; ++k)
                runs[k] = &run(indicators[from + k]);
            for (std::size_t k = 0; k < n; ++k) {
                const char *state = reinterpret_cast<const char *>(runs[k]->indicator.get());
                if (state)
                    for (int line = 0; line < 4; ++line)
                        __builtin_prefetch(state + 64 * line);
            }
            for (std::size_t k = 0; k < n; ++k) {
                double *values = out[from + k];
                if (bar && runs[k]->indicator)
                    runs[k]->indicator->peek(*bar, values);
                else
                    std::fill(values, values + runs[k]->values.size(), kNaN);
            }
        }
    }

    const IndicatorRun &run(int indicator) const
    {
        return *m_state.runs[m_tf][static_cast<std::size_t>(indicator)];
    }

    SymbolState &m_state;  // holdForming() writes the listener's entry
    std::size_t m_tf;
    std::optional<Bar> m_forming;
    BarListener *m_listener = nullptr;
};

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

std::unique_ptr<MarketEngine::IndicatorRun> MarketEngine::createRun(
    SymbolState &s, const QString &text)
{
    auto run = std::make_unique<IndicatorRun>();
    run->spec = text;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &run->error);
    run->key = spec ? spec->label() : text.trimmed();
    if (spec) {
        IndicatorContext context;
        if (!s.alwaysOpen) {
            // VWAP restarts with each session day in the exchange's zone.
            context.sessionAnchor = [calendar = TimeframeCalendar(Timeframe::D1, s.days)](
                                        TimeMs t) mutable { return calendar.bucketAt(t).start; };
        }
        run->indicator = createIndicator(*spec, context, &run->error);
        if (run->indicator && run->indicator->outputCount() > kMaxIndicatorOutputs) {
            run->error = QStringLiteral("%1 has more outputs than the engine ships (%2)")
                             .arg(text)
                             .arg(kMaxIndicatorOutputs);
            run->indicator.reset();
        }
        if (run->indicator) {
            run->label = spec->label();
            run->outputs = spec->info().outputs;
            run->values.resize(static_cast<std::size_t>(run->indicator->outputCount()));
        }
    }
    if (!run->indicator)
        spdlog::warn(
            "engine: indicator '{}' refused: {}", text.toStdString(), run->error.toStdString());
    return run;
}

void MarketEngine::acquireIndicators(
    OwnerId owner, SymbolId symbol, Timeframe timeframe, const QStringList &specs)
{
    SymbolState &s = state(symbol);
    const std::size_t i = timeframeIndex(timeframe);
    auto &runs = s.runs[i];
    std::vector<IndicatorRun *> wanted;
    for (const QString &text : specs) {
        const QString key = indicatorRunKey(text);
        IndicatorRun *run = nullptr;
        for (const auto &candidate : runs) {
            if (candidate->key == key) {
                run = candidate.get();
                break;
            }
        }
        if (!run) {
            runs.push_back(createRun(s, text));
            run = runs.back().get();
            startRun(s, i, *run);
            ++m_indicatorRunsCreated;
        }
        if (std::find(wanted.begin(), wanted.end(), run) == wanted.end()) {
            wanted.push_back(run);
            ++run->owners;
        }
    }
    // The old set goes after the new one is held: a run in both stays.
    auto &owned = s.owned[i];
    const auto held = std::find_if(
        owned.begin(), owned.end(), [owner](const auto &entry) { return entry.first == owner; });
    const bool heldBefore = held != owned.end();
    if (heldBefore) {
        for (IndicatorRun *run : held->second)
            --run->owners;
        if (wanted.empty())
            owned.erase(held);
        else
            held->second = std::move(wanted);
    } else if (!wanted.empty()) {
        owned.emplace_back(owner, std::move(wanted));
    }
    const bool holdsNow = std::any_of(
        owned.begin(), owned.end(), [owner](const auto &entry) { return entry.first == owner; });
    if (holdsNow != heldBefore) {
        auto &series = m_ownerSeries[owner];
        const std::pair<SymbolId, Timeframe> key {symbol, timeframe};
        if (holdsNow) {
            series.push_back(key);
        } else {
            series.erase(std::remove(series.begin(), series.end(), key), series.end());
            if (series.empty())
                m_ownerSeries.erase(owner);
        }
    }
    runs.erase(std::remove_if(runs.begin(), runs.end(),
                   [](const std::unique_ptr<IndicatorRun> &run) { return run->owners == 0; }),
        runs.end());
    s.runsVersion[i] = nextRunsVersion();
    ++m_runsChanges;
    markChanged(s, bit(timeframe));
}

void MarketEngine::releaseIndicators(OwnerId owner, SymbolId symbol, Timeframe timeframe)
{
    acquireIndicators(owner, symbol, timeframe, {});
}

void MarketEngine::releaseOwner(OwnerId owner)
{
    const auto it = m_ownerSeries.find(owner);
    if (it == m_ownerSeries.end())
        return;
    const std::vector<std::pair<SymbolId, Timeframe>> series = it->second;
    for (const auto &[symbol, timeframe] : series)
        releaseIndicators(owner, symbol, timeframe);
}

void MarketEngine::setIndicators(SymbolId symbol, Timeframe timeframe, const QStringList &specs)
{
    acquireIndicators(kDefaultOwner, symbol, timeframe, specs);
}

int MarketEngine::indicatorRunCount(SymbolId symbol, Timeframe timeframe) const
{
    if (symbol >= m_states.size() || !m_states[symbol])
        return 0;
    return static_cast<int>(m_states[symbol]->runs[timeframeIndex(timeframe)].size());
}

void MarketEngine::addBarListener(BarListener *listener, SymbolId symbol, Timeframe timeframe)
{
    SymbolState &s = state(symbol);
    const std::size_t tf = timeframeIndex(timeframe);
    if (s.listeners.find(listener, tf) < s.listeners.size())
        return;
    s.listeners.add(ListenerEntry {listener, tf, {}});
    ++s.listenerCount;
    s.listenerMask |= bit(timeframe);
}

void MarketEngine::removeBarListener(BarListener *listener, SymbolId symbol, Timeframe timeframe)
{
    if (symbol >= m_states.size() || !m_states[symbol])
        return;
    SymbolState &s = *m_states[symbol];
    const std::size_t tf = timeframeIndex(timeframe);
    const std::size_t k = s.listeners.find(listener, tf);
    if (k == s.listeners.size())
        return;
    endHold(s, s.listeners[k]);
    s.listeners.erase(k);
    --s.listenerCount;
    if (!s.listeners.hasTimeframe(tf))
        s.listenerMask &= ~bit(timeframe);
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

void MarketEngine::applySourceQuotes(const SourceQuotes &quotes)
{
    std::size_t refused = 0;
    for (const SourceQuote &q : quotes) {
        if (!q.usable() || q.symbol == kInvalidSymbol || q.symbol >= m_symbols->size()) {
            ++refused;
            continue;
        }
        SymbolState &s = state(q.symbol);
        if (q.time <= s.quote.time)
            continue;  // the bars or trades are as new: their price stands
        s.quote.last = q.price;
        s.quote.time = q.time;
        s.sourceQuote = q;
        s.quoteChanged = true;
        markChanged(s, 0);
    }
    if (refused > 0)
        spdlog::warn("engine: {} of {} source quotes refused (no price, no time or an unknown "
                     "symbol)",
            refused, quotes.size());
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

void MarketEngine::recomputeIndicators(SymbolState &s, Timeframe tf)
{
    const std::size_t i = timeframeIndex(tf);
    ++s.indicatorGeneration[i];
    const BarSeries bars = s.closed[i].view();
    // Every run reads the series' columns (only the fields it needs, without
    // the 56-byte Bar stride), filled once for all of them: the close alone
    // when no run reads more.
    bool closesOnly = true;
    bool anyRun = false;
    for (const auto &run : s.runs[i]) {
        if (run->indicator) {
            anyRun = true;
            closesOnly = closesOnly && run->indicator->valueInput();
        }
    }
    if (!anyRun)
        return;
    fillColumns(bars, bars.size(), closesOnly);
    for (const auto &run : s.runs[i])
        computeRun(*run, bars.size());
}

void MarketEngine::fillColumns(const BarSeries &bars, std::size_t count, bool closesOnly)
{
    if (closesOnly)
        m_columns.fillCloses(bars, count);
    else
        m_columns.fill(bars, count);
}

void MarketEngine::computeRun(IndicatorRun &run, std::size_t count)
{
    if (!run.indicator)
        return;
    run.indicator->reset();
    if (m_columns.allFields())
        run.indicator->batchColumns(m_columns.columns(), count, m_batchOuts);
    else
        run.indicator->batchValues(m_columns.columns().close, count, m_batchOuts);
    for (std::size_t k = 0; k < run.values.size(); ++k)
        run.values[k].assign(m_batchOuts[k].data(), m_batchOuts[k].size());
}

void MarketEngine::startRun(SymbolState &s, std::size_t i, IndicatorRun &run)
{
    if (!run.indicator)
        return;
    const BarSeries bars = s.closed[i].view();
    // With a tail checkpoint the run keeps its state there too, so that a
    // source's bar replacing the newest minute still rolls back instead of
    // rebuilding: the batch to the checkpoint, then the bars after it streamed
    // (the same numbers: batch == streaming).
    const std::size_t upto = s.tail ? std::min(s.tail->closedCount[i], bars.size()) : bars.size();
    fillColumns(bars, upto, run.indicator->valueInput());
    computeRun(run, upto);
    if (!s.tail)
        return;
    run.tailState = run.indicator->clone();
    double row[kMaxIndicatorOutputs];
    for (std::size_t j = upto; j < bars.size(); ++j) {
        run.indicator->update(bars[j], row);
        for (std::size_t k = 0; k < run.values.size(); ++k)
            run.values[k].append(row[k]);
    }
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

void MarketEngine::endHold(SymbolState &s, ListenerEntry &entry)
{
    entry.hold.runs = 0;
    // A trade of this batch may have found the update covered.
    if (s.touchedBatch == m_batches)
        m_formingTouched[s.touchedAt].covered = nullptr;
}

void MarketEngine::notifyListeners(SymbolState &s, std::size_t i, ListenerCall call)
{
    if (!(s.listenerMask & (1u << i)))
        return;
    ListenerView view(s, i, formingOf(s, i));
    const Bar *forming = view.forming();
    if (call == ListenerCall::Forming && !forming)
        return;  // closed by the clock meanwhile: barClosed said so
    // A listener is called unless its hold covers this forming update; any
    // call ends its hold.
    const auto tell = [&](ListenerEntry &entry) {
        if (call == ListenerCall::Forming
            && entry.hold.covers(*forming, s.closed[i].size(), s.runsVersion[i])) {
            ++*entry.hold.covered;
            return;
        }
        endHold(s, entry);
        BarListener *listener = entry.listener;
        view.setListener(listener);
        switch (call) {
        case ListenerCall::Closed:
            listener->barClosed(view);
            break;
        case ListenerCall::Forming:
            listener->formingBarChanged(view);
            break;
        case ListenerCall::Reset:
            listener->seriesReset(view);
            break;
        }
    };
    // One listener (the usual case): no list to copy.
    if (s.listeners.size() == 1)
        return tell(s.listeners[0]);
    // A call may add or remove listeners: call those listed before it and still listed.
    std::vector<BarListener *> listeners;
    for (std::size_t k = 0; k < s.listeners.size(); ++k)
        if (s.listeners[k].tf == i)
            listeners.push_back(s.listeners[k].listener);
    for (BarListener *listener : listeners) {
        const std::size_t k = s.listeners.find(listener, i);
        if (k < s.listeners.size())
            tell(s.listeners[k]);
    }
}

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

void MarketEngine::notifyForming(SymbolState &s)
{
    if (s.listenerCount == 0)
        return;
    for (std::size_t i = 0; i < kTimeframeCount; ++i) {
        // Timeframes without listeners cost one bit (the mask is read again:
        // a call may add or remove listeners). A higher timeframe with the
        // source's own forming bar does not move with trades.
        if (!(s.listenerMask & (1u << i)) || (i > 0 && s.nativeForming[i]))
            continue;
        notifyListeners(s, i, ListenerCall::Forming);
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

void MarketEngine::setManualPublish(bool manual)
{
    m_manualPublish = manual;
    if (manual) {
        m_publishTimer->stop();
    } else if (m_publishScheduled) {
        m_publishScheduled = false;
        schedulePublish();
    }
}

void MarketEngine::publishNow()
{
    m_publishTimer->stop();
    publish();
}

void MarketEngine::schedulePublish()
{
    if (m_publishScheduled)
        return;
    m_publishScheduled = true;
    if (m_manualPublish)
        return;  // publishNow() sends it
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
    snapshot->time = m_closeClock->now();
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
            const SourceQuote &own = s.sourceQuote;
            if (own.time != 0 && own.time == s.quote.time) {
                // The price is the source's quote: so are the day's figures.
                quote.previousClose = std::isfinite(own.previousClose) && own.previousClose > 0
                    ? own.previousClose
                    : 0.0;
                quote.dayVolume = std::isfinite(own.dayVolume) ? own.dayVolume : 0.0;
            } else if (today) {
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
            series.forming = formingOf(s, i);
            series.generation = s.generation[i];
            series.indicatorGeneration = s.indicatorGeneration[i];
            for (const auto &run : s.runs[i]) {
                IndicatorSnapshot indicator;
                indicator.key = run->key;
                indicator.spec = run->spec;
                indicator.label = run->label;
                indicator.outputs = run->outputs;
                indicator.error = run->error;
                for (const ValueSeriesWriter &values : run->values)
                    indicator.closed.push_back(values.view());
                if (run->indicator && series.forming) {
                    indicator.forming.resize(run->values.size());
                    run->indicator->peek(*series.forming, indicator.forming.data());
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
