// Test data and reference formulas for test_features: the crafted series and
// the definitions the feature set is checked against, written out here from
// their sources (TA-Lib's ta_RSI.c and ta_MACD.c: seeds and smoothing) rather
// than through core/indicators. Test thread.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include "indicators/Indicator.h"
#include "model/Bar.h"

namespace wick::featureref {

inline constexpr TimeMs kStartMs = 1'767'312'000'000;  // Friday 2026-01-02 00:00 UTC

// Hourly bars: close = 100 + A(t) sin(2 pi t / 60) + 0.3 sin(1.7 t), the swing
// A(t) = 4 + 12 (t mod 130) / 130 growing for 130 bars, then falling back
// (so the bands widen and squeeze); open = the previous close; bar 60 has no volume.
inline std::vector<Bar> craftedBars(std::size_t n)
{
    std::vector<Bar> bars;
    for (std::size_t t = 0; t < n; ++t) {
        const double x = double(t);
        const double swing = 4.0 + 12.0 * double(t % 130) / 130.0;
        Bar b;
        b.time = kStartMs + TimeMs(t) * kHourMs;
        b.close
            = 100.0 + swing * std::sin(2.0 * std::numbers::pi * x / 60.0) + 0.3 * std::sin(1.7 * x);
        b.open = t == 0 ? 99.8 : bars.back().close;
        b.high = std::max(b.open, b.close) + 0.5 + 0.1 * double(t % 3);
        b.low = std::min(b.open, b.close) - 0.4 - 0.05 * double(t % 4);
        b.volume = t == 60 ? 0.0 : 1000.0 + 300.0 * double(t % 7) + 50.0 * double(t % 11);
        bars.push_back(b);
    }
    return bars;
}

inline std::vector<double> closesOf(const std::vector<Bar> &bars)
{
    std::vector<double> c;
    for (const Bar &b : bars)
        c.push_back(b.close);
    return c;
}

inline double mean(const std::vector<double> &x, std::size_t from, std::size_t n)
{
    double sum = 0.0;
    for (std::size_t k = from; k < from + n; ++k)
        sum += x[k];
    return sum / double(n);
}

// Divides by n (population), two passes.
inline double populationStd(const std::vector<double> &x, std::size_t from, std::size_t n)
{
    const double m = mean(x, from, n);
    double squares = 0.0;
    for (std::size_t k = from; k < from + n; ++k)
        squares += (x[k] - m) * (x[k] - m);
    return std::sqrt(squares / double(n));
}

// Wilder's RSI as TA-Lib seeds it: the first average gain and loss are the
// means of the first `period` changes (value at row period), then
// avg = (avg * (period - 1) + change) / period.
inline std::vector<double> taLibRsi(const std::vector<double> &c, std::size_t period)
{
    std::vector<double> rsi(c.size(), kNaN);
    double gain = 0.0;
    double loss = 0.0;
    for (std::size_t t = 1; t < c.size(); ++t) {
        const double change = c[t] - c[t - 1];
        const double up = change > 0 ? change : 0.0;
        const double down = change < 0 ? -change : 0.0;
        if (t <= period) {
            gain += up / double(period);
            loss += down / double(period);
        } else {
            gain = (gain * double(period - 1) + up) / double(period);
            loss = (loss * double(period - 1) + down) / double(period);
        }
        if (t >= period)
            rsi[t] = gain + loss == 0.0 ? 0.0 : 100.0 * gain / (gain + loss);
    }
    return rsi;
}

// EMA with k = 2 / (period + 1) seeded, at row `end`, by the mean of x[end-period+1..end].
inline std::vector<double> seededEma(
    const std::vector<double> &x, std::size_t end, std::size_t period)
{
    std::vector<double> ema(x.size(), kNaN);
    if (end >= x.size())
        return ema;
    const double k = 2.0 / double(period + 1);
    ema[end] = mean(x, end + 1 - period, period);
    for (std::size_t t = end + 1; t < x.size(); ++t)
        ema[t] = ema[t - 1] + k * (x[t] - ema[t - 1]);
    return ema;
}

// TA-Lib's MACD: both EMAs start at row slow-1 (the fast one seeded by the
// mean of the fast closes before it), macd = fast - slow, and the signal EMA
// seeded at row slow+signal-2 by the mean of the macd values up to it.
inline std::pair<std::vector<double>, std::vector<double>> taLibMacd(
    const std::vector<double> &c, std::size_t fast, std::size_t slow, std::size_t signal)
{
    const std::size_t start = slow - 1;
    const std::vector<double> f = seededEma(c, start, fast);
    const std::vector<double> s = seededEma(c, start, slow);
    std::vector<double> line(c.size(), kNaN);
    for (std::size_t t = start; t < c.size(); ++t)
        line[t] = f[t] - s[t];
    return {line, seededEma(line, start + signal - 1, signal)};
}

}  // namespace wick::featureref
