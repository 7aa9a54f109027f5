// core/alerts/AlertSeriesData: what a rule reads of one series at a sample --
// closed bars, the forming bar, and indicator values by slot -- so that the
// engine path (a SeriesView, AlertEngine) and the backtest path (bars and
// indicators of its own, AlertBacktest) evaluate through one code path.
// Valid on its owner's thread for one evaluation.
//
// A sample index i in [0, closedCount()) is a closed bar; i == closedCount()
// is the forming bar when forming() is not null.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>

#include "indicators/Indicator.h"
#include "model/Bar.h"

namespace wick {

class AlertSeriesData
{
public:
    virtual std::size_t closedCount() const = 0;
    virtual const Bar &closedBar(std::size_t i) const = 0;
    // The closedCount() closed bars as one array when the data holds them so
    // (a read without a call per bar), else null: read closedBar().
    virtual const Bar *closedBars() const { return nullptr; }
    virtual const Bar *forming() const = 0;
    // Outputs of the indicator in `slot` (0 when it has none: refused).
    virtual int outputCount(int slot) const = 0;
    // Output `output` of the indicator in `slot` at closed bar i (NaN in warm-up).
    virtual double indicator(int slot, int output, std::size_t i) const = 0;
    // Its tentative value at the forming bar (NaN when there is none).
    virtual double formingIndicator(int slot, int output) const = 0;
    // Every output's tentative value into out[0 .. outputCount(slot)): one
    // computation for all of them where the data can (the engine's peek).
    virtual void formingIndicators(int slot, double *out) const
    {
        for (int o = 0; o < outputCount(slot); ++o)
            out[o] = formingIndicator(slot, o);
    }
    // formingIndicators() of several slots (out[k] for chosen[k]): one call
    // where the data can fetch them together (the engine's runs).
    virtual void formingIndicatorsOf(const int *chosen, std::size_t count, double *const *out) const
    {
        for (std::size_t k = 0; k < count; ++k)
            formingIndicators(chosen[k], out[k]);
    }

    // formingIndicatorsOf() as if the forming bar were `bar` (an alert gate's
    // probe, AlertSeriesProgram.h); NaN where the data cannot say.
    virtual void probeIndicatorsOf(
        const Bar &bar, const int *chosen, std::size_t count, double *const *out) const
    {
        (void)bar;
        for (std::size_t k = 0; k < count; ++k)
            std::fill(out[k], out[k] + outputCount(chosen[k]), kNaN);
    }
    // How output `output` of the indicator in `slot` follows the forming close.
    virtual CloseResponse closeResponse(int slot, int output) const
    {
        (void)slot;
        (void)output;
        return CloseResponse::OtherFields;
    }

protected:
    ~AlertSeriesData() = default;
};

// What the data conditions (stale, quality) read: supplied by the caller.
struct AlertDataStatus {
    TimeMs now = 0;
    TimeMs lastData = 0;  // when data last arrived; 0: never (stale does not hold)
    double quality = std::numeric_limits<double>::quiet_NaN();  // NaN: unknown
};

}  // namespace wick
