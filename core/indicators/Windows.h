// core/indicators: building blocks shared by the indicator families: TA-Lib's
// running SMA, EMA and Wilder RSI on a value stream, and an O(1) sliding max/min. Each has
// `template <bool Commit> double step(double x)`: step<false> computes the value
// the next input would give without changing anything (the forming bar).
// Once steady() (warm-up done), next(x) is step<true>(x) without the warm-up
// branches: the batch loops use it. Plain members of an indicator, on its thread.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "indicators/Indicator.h"

namespace wick::ind {

// a > b ? a : b and a < b ? a : b (NaN and +-0 as written: the second operand),
// as maxsd / minsd. GCC turns the plain selects into jumps when it can merge
// them with a neighbouring compare, and a jump on price direction mispredicts.
inline double maxOf(double a, double b)
{
#if defined(__SSE2__)
    return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(a), _mm_set_sd(b)));
#else
    return a > b ? a : b;
#endif
}

inline double minOf(double a, double b)
{
#if defined(__SSE2__)
    return _mm_cvtsd_f64(_mm_min_sd(_mm_set_sd(a), _mm_set_sd(b)));
#else
    return a < b ? a : b;
#endif
}

// a/d and b/d in one divpd: each lane is the IEEE quotient, exactly what two
// divsd give, for one turn of the divider (the bottleneck of the Wilder and
// variance loops).
struct Quotients {
    double first;
    double second;
};

inline Quotients divideBoth(double a, double b, double d)
{
#if defined(__SSE2__)
    const __m128d q = _mm_div_pd(_mm_set_pd(b, a), _mm_set1_pd(d));
    return {_mm_cvtsd_f64(q), _mm_cvtsd_f64(_mm_unpackhi_pd(q, q))};
#else
    return {a / d, b / d};
#endif
}

// c ? x : y without a jump (GCC turns the plain select into one when the
// condition is a coin flip, such as the direction of a price change).
inline double selectIf(bool c, double x, double y)
{
#if defined(__SSE2__)
    const __m128d m = _mm_castsi128_pd(_mm_set1_epi64x(-static_cast<long long>(c)));
    return _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(m, _mm_set_sd(x)), _mm_andnot_pd(m, _mm_set_sd(y))));
#else
    return c ? x : y;
#endif
}

// a > b ? x : y without a jump.
inline double selectGreater(double a, double b, double x, double y)
{
#if defined(__SSE2__)
    const __m128d m = _mm_cmpgt_sd(_mm_set_sd(a), _mm_set_sd(b));
    return _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(m, _mm_set_sd(x)), _mm_andnot_pd(m, _mm_set_sd(y))));
#else
    return a > b ? x : y;
#endif
}

// TA_INT_SMA: the running sum holds the last n-1 inputs; the output uses the sum
// before the oldest is subtracted, and the sum is never recomputed.
struct SmaCore {
    explicit SmaCore(int period)
        : n(period)
        , divisor(period)
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
        const double out = s / divisor;
        if constexpr (Commit) {
            ring[std::size_t(pos)] = x;
            // The slot after x holds the input from n-1 steps ago (x itself when n == 1).
            pos = pos + 1 == n ? 0 : pos + 1;
            sum = s - ring[std::size_t(pos)];
        }
        return out;
    }

    bool steady() const { return count >= n - 1; }

    // next() on plain values and the ring's pointer, for batch loops: kept in a
    // local it stays in registers (see ExtremeWindow::Cursor).
    struct Cursor {
        double *ring;
        int n;
        double divisor;
        int pos;
        double sum;

        double next(double x)
        {
            const double s = sum + x;
            const double out = s / divisor;
            ring[pos] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            sum = s - ring[pos];
            return out;
        }
    };
    Cursor cursor() { return {ring.data(), n, divisor, pos, sum}; }
    void store(const Cursor &c)
    {
        pos = c.pos;
        sum = c.sum;
    }

    double next(double x)
    {
        Cursor c = cursor();
        const double out = c.next(x);
        store(c);
        return out;
    }

    // step<true> over the bars' closes (or a value column) once steady(); stops
    // at the first NaN close.
    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        Cursor c = cursor();
        std::size_t i = 0;
        // On a column, once n-1 values of this run are in, the value that
        // leaves the sum is the column's own x[i-(n-1)] (the run stops at the
        // first NaN, so every value before i was stepped): no ring traffic,
        // the loop TA-Lib runs. The ring is brought up to date at the end.
        const std::size_t head
            = std::is_same_v<In, double> ? std::min(len, std::size_t(n - 1)) : len;
        for (; i < head; ++i) {
            const double x = closeOf(bars[i]);
            if (std::isnan(x))
                break;
            out[i] = c.next(x);
        }
        if constexpr (std::is_same_v<In, double>) {
            if (i == head && i < len) {
                const double *in = bars;
                const std::size_t back = std::size_t(n - 1);
                double total = c.sum;
                // In blocks without a test per value: a NaN value makes the
                // running sum NaN for good, so a block whose sum ends NaN is run
                // again from its start with the test (it stops at the NaN; the
                // outputs after it are rewritten by the caller).
                constexpr std::size_t kBlock = 512;
                while (i < len) {
                    const std::size_t end = std::min(len, i + kBlock);
                    double t = total;
                    for (std::size_t j = i; j < end; ++j) {
                        const double s = t + in[j];
                        out[j] = s / c.divisor;
                        t = s - in[j - back];
                    }
                    if (!std::isnan(t)) {
                        total = t;
                        i = end;
                        continue;
                    }
                    for (; i < end; ++i) {
                        const double x = in[i];
                        if (std::isnan(x))
                            break;
                        const double s = total + x;
                        out[i] = s / c.divisor;
                        total = s - in[i - back];
                    }
                    if (i < end)
                        break;
                }
                c.sum = total;
                // The ring as the cursor would have left it: the last n inputs
                // of the run at their slots (older slots are never read again).
                const std::size_t from
                    = std::max(head, i >= std::size_t(n) ? i - std::size_t(n) : 0);
                std::size_t slot = (std::size_t(c.pos) + (from - head)) % std::size_t(n);
                for (std::size_t j = from; j < i; ++j) {
                    c.ring[slot] = in[j];
                    slot = slot + 1 == std::size_t(n) ? 0 : slot + 1;
                }
                c.pos = int((std::size_t(c.pos) + (i - head)) % std::size_t(n));
            }
        }
        store(c);
        return i;
    }

    int n;
    double divisor;
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

    bool steady() const { return count >= n; }

    double next(double x)
    {
        ema = ((x - ema) * k) + ema;
        return ema;
    }

    // step<true> over the bars' closes (or a value column) once steady(); stops
    // at the first NaN close.
    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        const double f = k;
        double e = ema;
        std::size_t i = 0;
        if constexpr (std::is_same_v<In, double>) {
            // On a column, in blocks without a test per value: a NaN value makes
            // the average NaN for good, so a block that ends NaN is run again
            // from its start with the test below (as SmaCore::runCloses).
            constexpr std::size_t kBlock = 512;
            while (i < len) {
                const std::size_t end = std::min(len, i + kBlock);
                double t = e;
                for (std::size_t j = i; j < end; ++j) {
                    t = ((bars[j] - t) * f) + t;
                    out[j] = t;
                }
                if (std::isnan(t))
                    break;
                e = t;
                i = end;
            }
        }
        for (; i < len; ++i) {
            const double x = closeOf(bars[i]);
            if (std::isnan(x))
                break;
            e = ((x - e) * f) + e;
            out[i] = e;
        }
        ema = e;
        return i;
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
        , keep(period - 1)
        , divisor(period)
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

    bool steady() const { return count > n; }

    // Rises with the close (more gain or less loss), except across the jump
    // to 0 when gain + loss is within 1e-14 of 0: Increasing only while the
    // averages kept are far enough from that for any close.
    CloseResponse closeResponse() const
    {
        if (count < n)
            return CloseResponse::Unknown;
        const double kept = count > n ? (gain + loss) * keep / divisor : (gain + loss) / divisor;
        return kept > 1e-12 ? CloseResponse::Increasing : CloseResponse::Unknown;
    }

    // The change goes to gain or loss by maxsd/minsd, not a jump: adding +0.0
    // to the other average leaves it bit for bit unchanged (neither is ever -0.0).
    double next(double x)
    {
        const double d = x - prev;
        prev = x;
        const double up = maxOf(0.0, d);  // 0.0 > d ? 0.0 : d
        const double down = minOf(d, 0.0);  // d < 0.0 ? d : 0.0
        gain *= keep;
        loss *= keep;
        loss -= down;
        gain += up;
        // Two divsd, not divideBoth: this chain is latency-bound and the packing
        // shuffles would lengthen it.
        gain /= divisor;
        loss /= divisor;
        const double t = gain + loss;
        return (-1e-14 < t && t < 1e-14) ? 0.0 : 100.0 * (gain / t);
    }

    // step<true> over the bars' closes (or a value column) once steady(); stops
    // at the first NaN close.
    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        RsiCore core = *this;  // locals: the stores to out cannot alias them
        std::size_t i = 0;
        for (; i < len; ++i) {
            const double x = closeOf(bars[i]);
            if (std::isnan(x))
                break;
            out[i] = core.next(x);
        }
        *this = core;
        return i;
    }

    int n;
    double keep;  // n - 1
    double divisor;  // n
    int count = 0;
    double prev = 0.0;
    double gain = 0.0;
    double loss = 0.0;
};

// Highest (Max) or lowest value of the last n inputs, van Herk / Gil-Werman:
// inputs go in blocks of n; a window ending at position q of the current block
// is the current block's prefix 0..q plus the previous block's suffix q+1..n-1,
// and the suffix extremes are computed once per completed block. So a push is
// two compares and no branch that depends on the data, O(1) amortised.
// Among equal values the newest wins everywhere (it only matters for +0/-0).
template<bool Max>
struct ExtremeWindow {
    explicit ExtremeWindow(int period)
        : n(period)
        , block(std::size_t(period))
        , suffix(std::size_t(period), Max ? -kInf : kInf)
    { }

    static constexpr double kInf = std::numeric_limits<double>::infinity();

    // The more extreme of two values, the newer one on a tie (maxsd / minsd).
    static double pick(double older, double newer)
    {
        if constexpr (Max)
            return maxOf(older, newer);
        else
            return minOf(older, newer);
    }

    // The extreme of the window that ends with x (x not pushed).
    double with(double x) const
    {
        const double head = fill == 0 ? x : pick(prefix, x);
        const int f = fill + 1;
        return f == n ? head : pick(suffix[std::size_t(f)], head);
    }

    // The moving state as plain values and buffer pointers, for batch loops:
    // kept in a local, it stays in registers (members of a core that holds
    // vectors are reloaded after every store through a buffer pointer).
    struct Cursor {
        double *block;
        double *suffix;
        int n;
        int fill;
        double prefix;

        // Pushes x and returns the extreme of the window that ends with it.
        double push(double x)
        {
            block[fill] = x;
            prefix = fill == 0 ? x : pick(prefix, x);
            ++fill;
            if (fill < n)
                return pick(suffix[fill], prefix);
            // The completed block's suffix extremes serve the next n windows.
            double r = block[n - 1];
            suffix[n - 1] = r;
            for (int j = n - 2; j >= 0; --j) {
                r = pick(block[j], r);
                suffix[j] = r;
            }
            fill = 0;
            return prefix;
        }
    };
    Cursor cursor() { return {block.data(), suffix.data(), n, fill, prefix}; }
    void store(const Cursor &c)
    {
        fill = c.fill;
        prefix = c.prefix;
    }

    // Pushes x and returns the extreme of the window that ends with it.
    double push(double x)
    {
        Cursor c = cursor();
        const double extreme = c.push(x);
        store(c);
        return extreme;
    }

    int n;
    int fill = 0;  // inputs in the current block
    double prefix = 0.0;  // extreme of the current block's inputs
    std::vector<double> block;  // the current block
    std::vector<double> suffix;  // suffix extremes of the previous block
};

}  // namespace wick::ind
