// MarketEngine's snapshots: what changed since the last one, published
// at most every kMinPublishIntervalMs, and the quotes in them (MarketEngine.h).
#include "engine/MarketEngineState.h"

#include <cmath>

#include <QTimer>

#include <spdlog/spdlog.h>

#include "model/SymbolRegistry.h"

namespace wick {

using engine_detail::bit;

namespace {

constexpr TimeMs kRateWindowMs = 1000;

}  // namespace

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
