// core/features: the ML feature set of `wick-cli features` -- per bar, a row of
// named columns computed from that bar and the ones before it only (never a
// later bar), so a row can be rebuilt live the moment its bar closes. Pure
// computation over a std::vector<Bar>, any thread.
//
// Definitions (t is the row's bar, oldest first; "empty" is NaN in the table
// and an empty CSV field; a row is empty while its inputs are in warm-up, never
// back-filled):
//   return_1, return_5, return_10  close[t]/close[t-N]-1; empty for t < N
//   log_return      ln(close[t]/close[t-1]); empty for t = 0
//   momentum_10     close[t]-close[t-10]; empty for t < 10
//   volatility_5, volatility_10, volatility_20
//                   population standard deviation (divide by N) of return_1
//                   over the N rows t-N+1..t; empty for t < N
//   range_ratio     (high[t]-low[t])/close[t]
//   volume_change   volume[t]/volume[t-1]-1; empty for t = 0 or volume[t-1] = 0
//   volume_ratio_20 volume[t]/SMA(20) of volume at t (the mean of volume[t-19..t]);
//                   empty for t < 19 or a zero mean
//   vpt             volume-price trend from the first bar: vpt[1] = volume[1]*return_1[1],
//                   vpt[t] = vpt[t-1] + volume[t]*return_1[t]; empty for t = 0 (its level
//                   depends on where the bars start, its changes do not)
//   rsi_zone        from RSI(14): -1 below 30, 0 from 30 to 70 inclusive, 1 above 70;
//                   empty for t < 14
//   macd_cross      from MACD(12,26,9): 1 when macd[t] > signal[t] and
//                   macd[t-1] <= signal[t-1], -1 when macd[t] < signal[t] and
//                   macd[t-1] >= signal[t-1], else 0; empty for t < 34
//   bb_position     from BBANDS(20,2,2): (close-lower)/(upper-lower); empty for t < 19
//                   or upper = lower
//   bb_squeeze      band width w = (upper-lower)/middle of BBANDS(20,2,2); the share of
//                   the 99 widths w[t-99..t-1] strictly below w[t]: 0 the narrowest of
//                   the last 100 bars (a squeeze), 1 the widest; empty for t < 118
//   sma_dist_20, sma_dist_50, sma_dist_200
//                   (close[t]/SMA(N)[t]-1)*100; empty for t < N-1
//   above_sma_50, above_sma_200
//                   1 when close[t] > SMA(N)[t], else 0; empty for t < N-1
//   hour            the UTC hour (0-23) of the bar's open time
//   day_of_week     the UTC ISO weekday of the bar's open time, 1 = Monday .. 7 = Sunday
//   market_open     1 when the symbol's market is open at the bar's open time
//                   (Symbol::isOpenAt: its session hours in its exchange zone), else 0;
//                   empty on every row when no symbol is known
// RSI, MACD, BBANDS and SMA are core/indicators' (TA-Lib's values bit for bit).
// A bar with a NaN field gives NaN (empty) where it is read; a value that
// would be infinite (a close of 0 as divisor) is empty too.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "model/Bar.h"
#include "model/Symbol.h"

namespace wick {

// The version a model checks its inputs against; bumped whenever a column is
// added, removed, reordered or redefined.
inline constexpr char kFeatureSetVersion[] = "wick-features/1";

// The columns in their order (the CSV's after ts).
enum class Feature : int {
    Return1,
    Return5,
    Return10,
    LogReturn,
    Momentum10,
    Volatility5,
    Volatility10,
    Volatility20,
    RangeRatio,
    VolumeChange,
    VolumeRatio20,
    Vpt,
    RsiZone,
    MacdCross,
    BbPosition,
    BbSqueeze,
    SmaDist20,
    SmaDist50,
    SmaDist200,
    AboveSma50,
    AboveSma200,
    Hour,
    DayOfWeek,
    MarketOpen,
};
inline constexpr int kFeatureCount = int(Feature::MarketOpen) + 1;

struct FeatureColumn {
    const char *name;  // "return_1"
    const char *definition;  // one line, as in the comment above
    int warmUp;  // leading rows that are always empty (market_open: 0, empty only without a symbol)
};

// Every column, indexed by Feature.
std::span<const FeatureColumn> featureColumns();
const FeatureColumn &featureColumn(Feature feature);

// One column per Feature, each with a value per bar (NaN: empty).
struct FeatureTable {
    std::size_t rows = 0;
    std::array<std::vector<double>, kFeatureCount> columns;

    double at(Feature feature, std::size_t row) const { return columns[int(feature)][row]; }
    const std::vector<double> &column(Feature feature) const { return columns[int(feature)]; }
};

// The features of bars (oldest first, any spacing). symbol: the market whose
// calendar market_open follows; std::nullopt leaves market_open empty.
FeatureTable computeFeatures(std::span<const Bar> bars, const std::optional<Symbol> &symbol);

}  // namespace wick
