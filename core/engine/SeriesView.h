// core/engine: SeriesView, what a BarListener reads of one series during a
// call (engine thread only, valid for that call): the closed bars, the forming
// bar, and the indicator runs acquired on the series with their values at each
// closed bar and tentatively at the forming one. Nothing is copied: closed()
// and values() are views of the engine's append-only series (cheap, and safe
// to keep past the call: they stay as they were).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include <QString>

#include "indicators/Indicator.h"
#include "model/BarSeries.h"
#include "model/Timeframe.h"
#include "model/Types.h"

namespace wick {

class Clock;
struct FormingHold;

class SeriesView
{
public:
    virtual SymbolId symbol() const = 0;
    virtual Timeframe timeframe() const = 0;
    virtual BarSeries closed() const = 0;
    // closed().size(), without taking a view.
    virtual std::size_t closedCount() const { return closed().size(); }
    // The forming bar; null when its bucket has nothing yet.
    virtual const Bar *forming() const = 0;
    // The clock of the series' source (MarketEngine::setSourceClock: a demo's
    // simulated time, a replay's) and its reading when it was set; null and 0
    // when the source has none (its time is the wall clock's).
    virtual const std::shared_ptr<const Clock> &sourceClock() const = 0;
    virtual TimeMs sourceClockSetAt() const = 0;

    // The run of a spec on this series, by its key (indicatorRunKey(spec),
    // engine/MarketSnapshot.h: "rsi" and "RSI:14" are one key): an index for
    // the calls below, or -1 when no owner has acquired it here. Indexes hold
    // for one call only (runs come and go as owners acquire and release).
    virtual int findIndicator(const QString &key) const = 0;
    // Changes whenever this series' runs change (an index from findIndicator
    // holds across calls while it stays the same); 0: unknown, find each call.
    virtual std::uint64_t runsVersion() const { return 0; }
    // Outputs of a run; 0 when its spec was refused.
    virtual int outputCount(int indicator) const = 0;
    // One output's values, aligned with closed() (NaN before its lookback).
    virtual ValueSeries values(int indicator, int output) const = 0;
    // The tentative values at forming() into out[0 .. outputCount()); the run's
    // state stays at the last closed bar. False (out untouched) when there is
    // no forming bar or the run was refused.
    virtual bool formingValues(int indicator, double *out) const = 0;
    // formingValues() of several runs in one call: out[k][0 .. outputCount(
    // indicators[k])), NaN where formingValues() would be false. The engine
    // fetches the runs' states together first, so that their cache misses
    // overlap instead of following one another (a listener that peeks every
    // run of a series at each update spends more on those than on the peeks).
    virtual void formingValuesOf(
        const int *indicators, std::size_t count, double *const *out) const = 0;
    // formingValuesOf() as if the forming bar were `bar` (what a rise of the
    // close to bar.close would show; the runs stay as they are).
    virtual void formingValuesAt(
        const Bar &bar, const int *indicators, std::size_t count, double *const *out) const = 0;
    // How output `output` of a run's forming value follows the close
    // (Indicator::closeResponse; OtherFields when the run was refused).
    virtual CloseResponse closeResponse(int indicator, int output) const = 0;
    // Tells the engine that the listener this view was passed to need not be
    // called for the forming updates of this series that `hold` covers, until
    // its next call of the series (engine/FormingHold.h). A view that cannot
    // skip calls ignores it.
    virtual void holdForming(const FormingHold &hold) const { (void)hold; }

protected:
    ~SeriesView() = default;
};

}  // namespace wick
