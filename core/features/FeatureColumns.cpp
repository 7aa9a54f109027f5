#include <array>

#include "features/FeatureSet.h"

namespace wick {

namespace {

// Indexed by Feature; the definitions are the header's, one line each.
constexpr std::array<FeatureColumn, kFeatureCount> kColumns = {{
    {"return_1", "close[t]/close[t-1]-1", 1},
    {"return_5", "close[t]/close[t-5]-1", 5},
    {"return_10", "close[t]/close[t-10]-1", 10},
    {"log_return", "ln(close[t]/close[t-1])", 1},
    {"momentum_10", "close[t]-close[t-10]", 10},
    {"volatility_5", "population standard deviation of return_1 over rows t-4..t", 5},
    {"volatility_10", "population standard deviation of return_1 over rows t-9..t", 10},
    {"volatility_20", "population standard deviation of return_1 over rows t-19..t", 20},
    {"range_ratio", "(high[t]-low[t])/close[t]", 0},
    {"volume_change", "volume[t]/volume[t-1]-1; empty when volume[t-1] = 0", 1},
    {"volume_ratio_20",
        "volume[t]/mean(volume[t-19..t]) (SMA:20 of volume); empty when the mean is 0", 19},
    {"vpt",
        "volume-price trend from the first bar: vpt[t] = vpt[t-1] + volume[t]*return_1[t], "
        "vpt[0] empty (sum starts at 0)",
        1},
    {"rsi_zone", "RSI:14 below 30: -1, 30 to 70 inclusive: 0, above 70: 1", 14},
    {"macd_cross",
        "MACD:12,26,9: 1 when macd[t] > signal[t] and macd[t-1] <= signal[t-1], -1 when "
        "macd[t] < signal[t] and macd[t-1] >= signal[t-1], else 0",
        34},
    {"bb_position", "BBANDS:20,2,2: (close-lower)/(upper-lower); empty when upper = lower", 19},
    {"bb_squeeze",
        "BBANDS:20,2,2 width w = (upper-lower)/middle: the share of w[t-99..t-1] strictly below "
        "w[t] (0: narrowest of the last 100 bars, 1: widest)",
        118},
    {"sma_dist_20", "(close[t]/SMA:20[t]-1)*100", 19},
    {"sma_dist_50", "(close[t]/SMA:50[t]-1)*100", 49},
    {"sma_dist_200", "(close[t]/SMA:200[t]-1)*100", 199},
    {"above_sma_50", "1 when close[t] > SMA:50[t], else 0", 49},
    {"above_sma_200", "1 when close[t] > SMA:200[t], else 0", 199},
    {"hour", "UTC hour (0-23) of the bar's open time", 0},
    {"day_of_week", "UTC ISO weekday of the bar's open time, 1 = Monday .. 7 = Sunday", 0},
    {"market_open",
        "1 when the symbol's market is open at the bar's open time (its session hours in its "
        "exchange zone), else 0; empty when no symbol is known",
        0},
}};

}  // namespace

std::span<const FeatureColumn> featureColumns()
{
    return kColumns;
}

const FeatureColumn &featureColumn(Feature feature)
{
    return kColumns[std::size_t(feature)];
}

}  // namespace wick
