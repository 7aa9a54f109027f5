// core/feeds/demo: the demo catalogue -- the instruments the demo simulates, as
// plain values (any thread).
#pragma once

#include <cstdint>
#include <vector>

#include "model/Symbol.h"

namespace wick {

// One demo instrument: the Symbol it is shown as (source "demo", a display name
// that says it is demo data) plus the parameters of its simulated market.
struct DemoInstrument {
    Symbol symbol;
    double ticksPerUnit = 100.0;  // 1 / tick size; prices are integerTicks / ticksPerUnit
    double referencePrice = 100.0;  // long-run price level the path reverts to (slowly)
    double dailyVolatility = 0.02;  // standard deviation of a day's log return
    double gapShare = 0.0;  // share of a day's variance that falls overnight (sessions)
    double tradesPerMinute = 20.0;  // mean trade intensity over a session or a UTC day
    int spreadTicks = 1;  // quoted spread in calm markets, in ticks
    double sizeDivisor = 1.0;  // size = lots * lotUnits / sizeDivisor
    std::int64_t lotUnits = 1;
    double medianLots = 10.0;  // median trade size in lots (lognormal)
    double lotsSigma = 1.0;  // lognormal sigma of the trade size
};

// The demo catalogue: 4 crypto pairs (24/7, UTC), 3 New York names (an index
// among them), one on Xetra hours (Europe/Berlin) and one on Tokyo hours. The
// order is fixed: `wick-cli demo --symbols N` takes the first N.
std::vector<DemoInstrument> demoInstruments();

}  // namespace wick
