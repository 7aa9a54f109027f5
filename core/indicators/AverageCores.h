// core/indicators: TA-Lib's moving averages beyond SMA and EMA as value cores:
// WMA, DEMA, TEMA, KAMA, TRIMA and T3 on a value stream. Each has
// `template <bool Commit> double step(double x)` (NaN during warm-up;
// step<false> changes nothing), steady() and runCloses() like SmaCore in
// Windows.h. The average functions (Averages.cpp) and MaCore (MaType.h) both
// use these: one implementation each. Plain members of an indicator, on its thread.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "indicators/Windows.h"

namespace wick::ind {

// TA_WMA: a weighted running sum and a plain running sum, never recomputed;
// the plain sum lags one input behind (trail) exactly as TA-Lib's does.
// Period 1 copies the input (as TA-Lib).
struct WmaCore {
    static constexpr bool kAffineIncreasing = true;  // weights n, n-1, ..., 1
    explicit WmaCore(int period)
        : n(period)
        , divider(double((period * (period + 1)) >> 1))
        , ring(std::size_t(period))
    { }

    int lookback() const { return n - 1; }

    template<bool Commit>
    double step(double x)
    {
        if (n == 1)
            return x;
        if (count < n - 1) {
            if constexpr (Commit) {
                ++count;
                periodSub += x;
                periodSum += x * double(count);
                ring[std::size_t(pos)] = x;
                pos = pos + 1 == n ? 0 : pos + 1;
            }
            return kNaN;
        }
        double sub = periodSub + x;
        sub -= trail;
        const double sum = periodSum + x * double(n);
        const double out = sum / divider;
        if constexpr (Commit) {
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            trail = ring[std::size_t(pos)];  // the input n-1 steps before x
            periodSub = sub;
            periodSum = sum - sub;
        }
        return out;
    }

    bool steady() const { return n > 1 && count >= n - 1; }

    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        double *__restrict r = ring.data();
        const double weight = n;
        double sub = periodSub;
        double sum = periodSum;
        double tr = trail;
        int p = pos;
        const std::size_t done
            = stepWhileValid<BarFields::Close>(bars, len, [&](const auto &b, std::size_t i) {
                  const double x = closeOf(b);
                  sub += x;
                  sub -= tr;
                  sum += x * weight;
                  out[i] = sum / divider;
                  r[p] = x;
                  p = p + 1 == n ? 0 : p + 1;
                  tr = r[p];
                  sum -= sub;
              });
        periodSub = sub;
        periodSum = sum;
        trail = tr;
        pos = p;
        return done;
    }

    int n;
    double divider;
    int count = 0;
    int pos = 0;
    double periodSub = 0.0;
    double periodSum = 0.0;
    double trail = 0.0;
    std::vector<double> ring;
};

// DEMA = 2*e1 - e2 and TEMA = e3 + (3*e1 - 3*e2); each EMA level is seeded with
// the mean of the first n values of the level below.
template<int Levels>
struct MultiEmaCore {
    // 2k - k^2 (DEMA) and 1 - (1-k)^3 (TEMA) per unit of close: both positive.
    static constexpr bool kAffineIncreasing = true;
    explicit MultiEmaCore(int period)
        : e1(period)
        , e2(period)
        , e3(period)
    { }

    int lookback() const { return Levels * (e1.n - 1); }

    template<bool Commit>
    double step(double x)
    {
        const double v1 = e1.step<Commit>(x);
        if (std::isnan(v1))
            return kNaN;
        const double v2 = e2.step<Commit>(v1);
        if (std::isnan(v2))
            return kNaN;
        if constexpr (Levels == 2) {
            return (2.0 * v1) - v2;
        } else {
            const double v3 = e3.step<Commit>(v2);
            return std::isnan(v3) ? kNaN : v3 + ((3.0 * v1) - (3.0 * v2));
        }
    }

    bool steady() const { return Levels == 2 ? e2.steady() : e3.steady(); }

    double next(double x)
    {
        const double v1 = e1.next(x);
        const double v2 = e2.next(v1);
        if constexpr (Levels == 2)
            return (2.0 * v1) - v2;
        else
            return e3.next(v2) + ((3.0 * v1) - (3.0 * v2));
    }

    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        return stepWhileValid<BarFields::Close>(
            bars, len, [&](const auto &b, std::size_t i) { out[i] = next(closeOf(b)); });
    }

    EmaCore e1;
    EmaCore e2;
    EmaCore e3;
};

// TA_KAMA with fast 2 and slow 30 fixed; the running sum of |changes| is never
// recomputed, which is what makes the flat-stretch residue match TA-Lib.
struct KamaCore {
    explicit KamaCore(int period)
        : n(period)
        , ring(std::size_t(period + 1))
    { }

    static constexpr double kConstMax = 2.0 / (30.0 + 1.0);
    static constexpr double kConstDiff = 2.0 / (2.0 + 1.0) - kConstMax;

    int lookback() const { return n; }

    // Input i steps ago (1 = previous), for i <= n + 1 and count >= i.
    double ago(int i) const
    {
        int p = pos - i;
        if (p < 0)
            p += n + 1;
        return ring[std::size_t(p)];
    }

    static double smooth(double x, double k, double sum, double periodRoc)
    {
        double er;
        if ((sum <= periodRoc) || (-1e-14 < sum && sum < 1e-14))
            er = 1.0;
        else
            er = std::fabs(periodRoc / sum);
        double sc = (er * kConstDiff) + kConstMax;
        sc *= sc;
        return ((x - k) * sc) + k;
    }

    template<bool Commit>
    double step(double x)
    {
        double out = kNaN;
        double sum = sumRoc;
        double k = kama;
        if (count >= 1 && count <= n) {
            sum += std::fabs(ago(1) - x);
        } else if (count > n) {
            // ago(n+1) is x_{t-n-1}, ago(n) is x_{t-n}
            sum -= std::fabs(ago(n + 1) - ago(n));
            sum += std::fabs(x - ago(1));
        }
        if (count >= n) {
            if (count == n)
                k = ago(1);  // seed: the input of row n-1
            k = smooth(x, k, sum, x - ago(n));
            out = k;
        }
        if constexpr (Commit) {
            sumRoc = sum;
            kama = k;
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n + 1 ? 0 : pos + 1;
            if (count <= n)
                ++count;
        }
        return out;
    }

    bool steady() const { return count > n; }

    // The first n+1 rows of a call read the inputs before them from the ring;
    // later rows read them in the call's own rows (all valid: the loop stops
    // at the first NaN), and the ring gets the last n+1 inputs back at the end.
    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        double *__restrict r = ring.data();
        const int size = n + 1;
        const std::size_t back = std::size_t(size);
        double sum = sumRoc;
        double k = kama;
        int p = pos;
        const std::size_t head = stepWhileValid<BarFields::Close>(
            bars, std::min(len, back), [&](const auto &b, std::size_t i) {
                const double x = closeOf(b);
                // r[p] is x_{t-n-1}; the slots after it hold x_{t-n} and, before p, x_{t-1}.
                const int pOld = p + 1 == size ? 0 : p + 1;
                const int pPrev = p == 0 ? size - 1 : p - 1;
                const double oldest = r[p];
                const double old = r[pOld];
                sum -= std::fabs(oldest - old);
                sum += std::fabs(x - r[pPrev]);
                k = smooth(x, k, sum, x - old);
                out[i] = k;
                r[p] = x;
                p = pOld;
            });
        std::size_t done = head;
        if (head == back) {
            const std::size_t m = std::size_t(n);
            done += stepWhileValid<BarFields::Close>(
                bars + back, len - back, [&](const auto &b, std::size_t j) {
                    const std::size_t i = back + j;
                    const double x = closeOf(b);
                    const double old = closeOf(bars[i - m]);
                    sum -= std::fabs(closeOf(bars[i - m - 1]) - old);
                    sum += std::fabs(x - closeOf(bars[i - 1]));
                    k = smooth(x, k, sum, x - old);
                    out[i] = k;
                });
            if (done > back) {
                // Oldest first from slot 0: r[0] is x_{t-n-1} for the next input t.
                for (std::size_t s = 0; s < back; ++s)
                    r[s] = closeOf(bars[done - back + s]);
                p = 0;
            }
        }
        sumRoc = sum;
        kama = k;
        pos = p;
        return done;
    }

    int n;
    int count = 0;
    int pos = 0;
    double sumRoc = 0.0;
    double kama = 0.0;
    std::vector<double> ring;  // the last n+1 inputs
};

// TA_TRIMA: a triangular weighting kept as a numerator and two running sums,
// the older half (sub, up to the middle input) and the newer half (add). The
// first window is summed from its middle back to its start, then forward to
// its end, as TA-Lib does; afterwards neither sum is recomputed.
struct TrimaCore {
    static constexpr bool kAffineIncreasing = true;  // an SMA of an SMA
    explicit TrimaCore(int period)
        : n(period)
        , half(period >> 1)
        , factor(
              1.0 / (period % 2 == 1 ? double((half + 1) * (half + 1)) : double(half * (half + 1))))
        , ring(std::size_t(period))
    { }

    int lookback() const { return n - 1; }

    // Input i steps before the one being stepped (1 = previous), i <= n.
    double ago(int i) const
    {
        int p = pos - i;
        if (p < 0)
            p += n;
        return ring[std::size_t(p)];
    }

    struct Sums {
        double numerator;
        double sub;
        double add;
    };

    // The first window: ring holds its first n-1 inputs (oldest at slot 0), x the last.
    Sums first(double x) const
    {
        const auto at = [&](int j) { return j == n - 1 ? x : ring[std::size_t(j)]; };
        const int middle = n % 2 == 1 ? half : half - 1;
        Sums s {0.0, 0.0, 0.0};
        for (int j = middle; j >= 0; --j) {
            s.sub += at(j);
            s.numerator += s.sub;
        }
        for (int j = middle + 1; j <= n - 1; ++j) {
            s.add += at(j);
            s.numerator += s.add;
        }
        return s;
    }

    // The window moves on by x: `dropped` leaves, the middle input changes sides.
    Sums advance(Sums s, double x, double dropped, double middle) const
    {
        s.numerator -= s.sub;
        s.sub -= dropped;
        s.sub += middle;
        if (n % 2 == 1) {
            s.numerator += s.add;
            s.add -= middle;
        } else {
            s.add -= middle;
            s.numerator += s.add;
        }
        s.add += x;
        s.numerator += x;
        return s;
    }

    template<bool Commit>
    double step(double x)
    {
        if (count < n - 1) {
            if constexpr (Commit) {
                ring[std::size_t(pos)] = x;
                ++pos;
                ++count;
            }
            return kNaN;
        }
        const Sums s = count == n - 1 ? first(x) : advance(sums, x, ago(n), ago(half));
        if constexpr (Commit) {
            sums = s;
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count == n - 1)
                ++count;
        }
        return s.numerator * factor;
    }

    bool steady() const { return count >= n; }

    // The first n rows of a call read the ring; later ones read the dropped
    // and the middle input in the call's own rows (all valid: the loop stops
    // at the first NaN), and the ring gets the last n inputs back at the end.
    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        const std::size_t back = std::size_t(n);
        const std::size_t head = stepWhileValid<BarFields::Close>(bars, std::min(len, back),
            [&](const auto &b, std::size_t i) { out[i] = step<true>(closeOf(b)); });
        if (head < back)
            return head;
        const std::size_t middle = std::size_t(half);
        Sums s = sums;
        const std::size_t done = back
            + stepWhileValid<BarFields::Close>(
                bars + back, len - back, [&](const auto &b, std::size_t j) {
                    const std::size_t i = back + j;
                    s = advance(s, closeOf(b), closeOf(bars[i - back]), closeOf(bars[i - middle]));
                    out[i] = s.numerator * factor;
                });
        sums = s;
        if (done > back) {
            // Oldest first from slot 0: the next input's slot.
            for (std::size_t k = 0; k < back; ++k)
                ring[k] = closeOf(bars[done - back + k]);
            pos = 0;
        }
        return done;
    }

    int n;
    int half;
    double factor;
    int count = 0;
    int pos = 0;
    Sums sums {0.0, 0.0, 0.0};
    std::vector<double> ring;  // the last n inputs
};

// TA_T3: six EMA levels in the form k*x + (1-k)*e, each seeded with the mean of
// the first n values of the level below; the output mixes e3..e6 with the
// volume factor's coefficients, summed left to right.
struct T3Core {
    T3Core(int period, double vfactor)
        : n(period)
        , k(2.0 / (period + 1.0))
        , keep(1.0 - k)
    {
        const double v2 = vfactor * vfactor;
        c1 = -(v2 * vfactor);
        c2 = 3.0 * (v2 - c1);
        c3 = -6.0 * v2 - 3.0 * (vfactor - c1);
        c4 = 1.0 + 3.0 * vfactor - c1 + 3.0 * v2;
    }

    int lookback() const { return 6 * (n - 1); }

    template<bool Commit>
    double step(double x)
    {
        double e[6];
        double v = x;
        int lv = 0;
        for (; lv < 6; ++lv) {
            if (levelCount[lv] >= n) {
                e[lv] = (k * v) + (keep * level[lv]);
            } else {
                const double s = level[lv] + v;  // the seed sum
                if (levelCount[lv] < n - 1) {
                    if constexpr (Commit) {
                        level[lv] = s;
                        ++levelCount[lv];
                    }
                    break;
                }
                e[lv] = s / n;
            }
            v = e[lv];
        }
        if constexpr (Commit) {
            for (int j = 0; j < lv; ++j) {
                level[j] = e[j];
                levelCount[j] = n;
            }
        }
        if (lv < 6)
            return kNaN;
        return c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
    }

    bool steady() const { return levelCount[5] >= n; }

    double next(double x)
    {
        double v = x;
        for (double &e : level) {
            e = (k * v) + (keep * e);
            v = e;
        }
        return c1 * level[5] + c2 * level[4] + c3 * level[3] + c4 * level[2];
    }

    template<class In>
    std::size_t runCloses(const In *bars, std::size_t len, double *__restrict out)
    {
        return stepWhileValid<BarFields::Close>(
            bars, len, [&](const auto &b, std::size_t i) { out[i] = next(closeOf(b)); });
    }

    int n;
    double k;
    double keep;
    double c1 = 0.0;
    double c2 = 0.0;
    double c3 = 0.0;
    double c4 = 0.0;
    int levelCount[6] = {0, 0, 0, 0, 0, 0};
    double level[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};  // seed sums, then the EMAs
};

}  // namespace wick::ind
