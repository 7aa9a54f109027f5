// Building blocks shared by the indicator families: TA-Lib's running SMA, EMA
// and Wilder RSI on a value stream, and an O(1) sliding max/min. Each has
// `template <bool Commit> double step(double x)`: step<false> computes the value
// the next input would give without changing anything (the forming bar).
#pragma once

#include <cstdint>
#include <vector>

#include "indicators/Indicator.h"

namespace wick::ind {

// TA_INT_SMA: the running sum holds the last n-1 inputs; the output uses the sum
// before the oldest is subtracted, and the sum is never recomputed.
struct SmaCore {
    explicit SmaCore(int period)
        : n(period)
        , ring(std::size_t(period))
    { }

    int lookback() const { return n - 1; }

    template<bool Commit>
    double step(double x)
    {
        if (count < n - 1) {
            if constexpr (Commit) {
                sum += x;
                ring[std::size_t(pos)] = x;
                pos = pos + 1 == n ? 0 : pos + 1;
                ++count;
            }
            return kNaN;
        }
        const double s = sum + x;
        const double out = s / n;
        if constexpr (Commit) {
            ring[std::size_t(pos)] = x;
            // The slot after x holds the input from n-1 steps ago (x itself when n == 1).
            pos = pos + 1 == n ? 0 : pos + 1;
            sum = s - ring[std::size_t(pos)];
        }
        return out;
    }

    int n;
    int count = 0;
    int pos = 0;
    double sum = 0.0;
    std::vector<double> ring;
};

// TA_INT_EMA: seeded with the plain mean of the first n inputs, then
// `ema = (x - ema)*k + ema` in exactly that form.
struct EmaCore {
    explicit EmaCore(int period)
        : n(period)
        , k(2.0 / double(period + 1))
    { }

    int lookback() const { return n - 1; }

    template<bool Commit>
    double step(double x)
    {
        if (count >= n) {
            const double e = ((x - ema) * k) + ema;
            if constexpr (Commit)
                ema = e;
            return e;
        }
        const double s = sum + x;
        if (count == n - 1) {
            const double e = s / n;
            if constexpr (Commit) {
                ema = e;
                count = n;
            }
            return e;
        }
        if constexpr (Commit) {
            sum = s;
            ++count;
        }
        return kNaN;
    }

    int n;
    double k;
    int count = 0;
    double sum = 0.0;
    double ema = 0.0;
};

// TA_RSI (default compatibility): Wilder averages updated as
// `avg *= n-1; avg += change; avg /= n`, 0 when gain + loss is within 1e-14 of 0.
struct RsiCore {
    explicit RsiCore(int period)
        : n(period)
    { }

    int lookback() const { return n; }

    template<bool Commit>
    double step(double x)
    {
        if (count == 0) {
            if constexpr (Commit) {
                prev = x;
                count = 1;
            }
            return kNaN;
        }
        const double d = x - prev;
        double g = gain;
        double l = loss;
        if (count > n) {
            g *= double(n - 1);
            l *= double(n - 1);
        }
        if (d < 0)
            l -= d;
        else
            g += d;
        double out = kNaN;
        if (count >= n) {
            g /= n;
            l /= n;
            const double t = g + l;
            out = (-1e-14 < t && t < 1e-14) ? 0.0 : 100.0 * (g / t);
        }
        if constexpr (Commit) {
            gain = g;
            loss = l;
            prev = x;
            if (count <= n)
                ++count;
        }
        return out;
    }

    int n;
    int count = 0;
    double prev = 0.0;
    double gain = 0.0;
    double loss = 0.0;
};

// Highest (Max) or lowest value of the last n inputs: a monotonic deque in a
// power-of-two ring (index by mask, no division), O(1) amortised per push and
// O(1) per peek.
template<bool Max>
struct ExtremeWindow {
    explicit ExtremeWindow(int period)
        : n(period)
        , mask(ringMask(period + 1))
        , values(std::size_t(mask) + 1)
        , index(std::size_t(mask) + 1)
    { }

    static int ringMask(int atLeast)
    {
        int cap = 1;
        while (cap < atLeast)
            cap <<= 1;
        return cap - 1;
    }

    static bool better(double a, double b) { return Max ? a > b : a < b; }

    // The extreme of the window that ends with x (x not pushed).
    double with(double x) const
    {
        const std::int64_t first = t - n + 1;  // oldest index in that window
        for (int i = 0; i < size; ++i) {
            const std::size_t h = std::size_t((head + i) & mask);
            if (index[h] >= first)
                return better(values[h], x) ? values[h] : x;
        }
        return x;
    }

    // Pushes x and returns the extreme of the window that ends with it.
    double push(double x)
    {
        while (size > 0 && !better(values[std::size_t((head + size - 1) & mask)], x))
            --size;
        const std::size_t slot = std::size_t((head + size) & mask);
        values[slot] = x;
        index[slot] = t;
        ++size;
        const std::int64_t first = t - n + 1;
        while (index[std::size_t(head)] < first) {
            head = (head + 1) & mask;
            --size;
        }
        ++t;
        return values[std::size_t(head)];
    }

    int n;
    int mask;
    int head = 0;
    int size = 0;
    std::int64_t t = 0;
    std::vector<double> values;
    std::vector<std::int64_t> index;
};

}  // namespace wick::ind
