// core/model/BarSeries: closed bars and indicator values as SharedSeries --
// written by the engine thread alone, read from any thread through views.
#pragma once

#include "model/Bar.h"
#include "model/SharedSeries.h"

namespace wick {

// Closed bars, oldest first, shared read-only with the UI (see SharedSeries).
using BarSeries = SharedSeries<Bar>;
using BarSeriesWriter = SharedSeriesWriter<Bar>;

// One output of an indicator, aligned with the bars it was computed on (NaN
// where the indicator is not defined yet).
using ValueSeries = SharedSeries<double>;
using ValueSeriesWriter = SharedSeriesWriter<double>;

}  // namespace wick
