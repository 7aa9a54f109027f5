// core/model/Bar: one OHLCV bar, a plain value (no thread of its own: copied
// or shared read-only between threads, built by whoever owns the BarBuilder).
#pragma once

#include <cstdint>

#include "model/Types.h"

namespace wick {

// One OHLCV bar; time is the bucket's open time.
struct Bar {
    TimeMs time = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;
    std::int64_t tradeCount = 0;

    // Starts a bar from its first trade.
    static Bar fromTrade(TimeMs bucket, double price, double size)
    {
        return Bar {bucket, price, price, price, price, size, 1};
    }

    // Folds a later trade into the bar.
    void addTrade(double price, double size)
    {
        if (price > high)
            high = price;
        if (price < low)
            low = price;
        close = price;
        volume += size;
        ++tradeCount;
    }

    // Folds a later bar of the same bucket into this one (1m -> higher timeframe).
    void merge(const Bar &later)
    {
        if (later.high > high)
            high = later.high;
        if (later.low < low)
            low = later.low;
        close = later.close;
        volume += later.volume;
        tradeCount += later.tradeCount;
    }

    // Bitwise field equality: bars are values, so two bars built from the same
    // trades in the same order are identical.
    friend bool operator==(const Bar &, const Bar &) = default;
};

}  // namespace wick
