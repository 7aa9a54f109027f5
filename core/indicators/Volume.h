// core/indicators: volume-weighted indicators: OBV, Chaikin A/D line and
// oscillator, session VWAP.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

// Maps a bar's open time to the start of its session (any value that changes
// exactly when a new session begins). The engine passes the symbol's calendar,
// e.g. [zone](TimeMs t) { return bucketAt(Timeframe::D1, t, zone).start; }.
using SessionAnchor = std::function<std::int64_t(TimeMs)>;

// The UTC day: the anchor for 24/7 symbols and the default.
std::int64_t utcDayAnchor(TimeMs t);

std::unique_ptr<Indicator> makeObv();
std::unique_ptr<Indicator> makeAd();
// The fast minus the slow EMA of the A/D line (TA-Lib: 3, 10).
std::unique_ptr<Indicator> makeAdosc(int fast, int slow);
// Typical price x volume, cumulated from the bar where anchor(time) changes;
// NaN while the session's volume is still 0 (no trade, no average price).
std::unique_ptr<Indicator> makeVwap(SessionAnchor anchor);

}  // namespace wick::ind
