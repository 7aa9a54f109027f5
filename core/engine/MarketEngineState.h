// core/engine: MarketEngine's own state (its source files only, never a
// user of the engine): an indicator run, the tail checkpoint and a symbol's
// state, and the few helpers they share. Engine thread, as the engine.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/ListenerList.h"
#include "engine/MarketEngine.h"
#include "indicators/Indicator.h"

namespace wick {

namespace engine_detail {

constexpr std::uint32_t kAllTimeframesMask = (1u << kTimeframeCount) - 1;

inline std::uint32_t bit(Timeframe tf)
{
    return 1u << timeframeIndex(tf);
}

// Unique across engines and series, never 0 (SeriesView::runsVersion).
std::uint64_t nextRunsVersion();
std::array<std::uint64_t, kTimeframeCount> newRunsVersions();

}  // namespace engine_detail

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
    std::array<std::uint64_t, kTimeframeCount> runsVersion = engine_detail::newRunsVersions();
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

// Per trade on the engine's hot path: inline wherever it is called.
inline void MarketEngine::markChanged(SymbolState &s, std::uint32_t timeframeMask)
{
    s.changedMask |= timeframeMask;
    if (!s.dirty) {
        s.dirty = true;
        m_dirty.push_back(s.id);
    }
    schedulePublish();
}

}  // namespace wick
