// ui/format: how prices, changes and volumes read on screen. Pure functions,
// callable from any thread; numbers follow the default QLocale.
#pragma once

#include <QString>

namespace wick::format {

// Decimals that show a price to its tick size: 0.01 -> 2, 0.5 -> 1, 1 -> 0.
int decimalsForTick(double tickSize);
QString price(double value, int decimals);
// "+1.23%" / "-0.45%"; an empty string for NaN (no previous close).
QString changePercent(double percent);
// 950, 1.2K, 3.4M, 5.6B: a watchlist column is narrow.
QString volume(double value);

}  // namespace wick::format
