// ui/chart: Heikin-Ashi bars derived from a series' real bars, kept beside
// them (the legend and the crosshair read the real OHLC; the price pane draws
// these). HA close = (O + H + L + C) / 4; HA open = (previous HA open +
// previous HA close) / 2, the first (O + C) / 2; HA high = max(H, HA open,
// HA close); HA low = min(L, HA open, HA close). Time and volume are the real
// bar's. Each bar depends on every earlier one, so the whole history is
// computed once (build(), history-sized: the chart's LOD worker) with its
// OhlcPyramid, and from then on update() extends it in O(changed bars +
// levels) for the forming and appended bars. A plain value; one thread at a time.
#pragma once

#include <cstdint>

#include "chart/LodPyramid.h"

namespace wick {

// The Heikin-Ashi bar of bar, after previous (null for a series' first bar).
Bar heikinAshiBar(const Bar &bar, const Bar *previous);

class HeikinAshiBars
{
public:
    // Computes the HA bars of every bar of real and their levels. Returns false,
    // leaving it empty, once *cancel no longer equals token.
    bool build(const BarSource &real, const CancelFlag *cancel = nullptr, std::uint64_t token = 0);
    // real now holds real.size() bars, of which those from firstChanged on are
    // new or changed (appended bars, the forming one).
    void update(const BarSource &real, std::size_t firstChanged);
    void clear();

    const BarSource &bars() const { return m_source; }
    const OhlcPyramid &pyramid() const { return m_pyramid; }
    std::size_t size() const { return m_source.size(); }

private:
    // Makes the closed HA bars match real's first `closed` bars, from `from` on.
    void extendClosed(const BarSource &real, std::size_t from);

    BarSeriesWriter m_closed;
    BarSource m_source;  // a view of m_closed plus the forming bar's HA bar
    OhlcPyramid m_pyramid;
};

}  // namespace wick
