// ui/chart: the pixel snapping the price pane's plottables share (CandlePlot,
// SolidBars, PricePlot): a bar's slot as whole pixel columns and a price as a
// whole pixel row, so bodies and wicks land on the same pixels in every type.
// Pure functions, called while painting on the UI thread.
#pragma once

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

namespace wick {

// The pixel columns [left, right] of a slot of `width` plot units centred on
// key: at least one column, and neighbours never overlap.
inline void slotColumns(const QCPAxis *keyAxis, double key, double width, int &left, int &right)
{
    const double a = keyAxis->coordToPixel(key - width / 2.0);
    const double b = keyAxis->coordToPixel(key + width / 2.0);
    left = static_cast<int>(std::lround(std::min(a, b)));
    right = std::max(left, static_cast<int>(std::lround(std::max(a, b))) - 1);
}

// The pixel row of value on the value axis.
inline int pixelRow(const QCPAxis *valueAxis, double value)
{
    return static_cast<int>(std::lround(valueAxis->coordToPixel(value)));
}

}  // namespace wick
