#include "Aroon.h"

#include "indicators/Catalogue.h"

namespace wick::ind {

namespace {

// Where the newest highest (Max) or lowest value of the last m inputs is, as
// TA_AROON finds it: the index is kept while it stays in the window and the
// window is scanned again when it leaves; a tie goes to the newer input.
template<bool Max>
struct NewestExtreme {
    explicit NewestExtreme(int size)
        : m(size)
        , ring(std::size_t(size))
    { }

    static bool atLeast(double x, double best) { return Max ? x >= best : x <= best; }

    struct Found {
        long long index;
        double value;
    };

    // The extreme of the window of m inputs that ends with x at index t (the
    // next input: its slot is `next`). The ring is walked slot by slot, with
    // no division per element.
    Found with(double x, long long t) const
    {
        const long long first = t - m + 1 > 0 ? t - m + 1 : 0;
        if (index >= first)
            return atLeast(x, value) ? Found {t, x} : Found {index, value};
        const std::size_t size = ring.size();
        std::size_t slot = next + size - std::size_t(t - first);
        if (slot >= size)
            slot -= size;
        Found f {first, first == t ? x : ring[slot]};
        for (long long j = first + 1; j < t; ++j) {
            slot = slot + 1 == size ? 0 : slot + 1;
            if (atLeast(ring[slot], f.value))
                f = {j, ring[slot]};
        }
        if (atLeast(x, f.value))
            f = {t, x};
        return f;
    }

    long long push(double x, long long t)
    {
        const Found f = with(x, t);
        index = f.index;
        value = f.value;
        ring[next] = x;
        next = next + 1 == ring.size() ? 0 : next + 1;
        return index;
    }

    int m;
    long long index = -1;
    double value = 0.0;
    std::vector<double> ring;
    std::size_t next = 0;  // the slot of the next input (index t % m)
};

// AROON (Osc false): aroondown, aroonup = 100/n * (n - bars since the lowest
// low / highest high of the last n+1 bars); AROONOSC: 100/n * (high index - low index).
template<bool Osc>
struct Aroon {
    static constexpr int kOutputs = Osc ? 1 : 2;
    static constexpr BarFields kFields = BarFields::Hl;
    explicit Aroon(int period)
        : n(period)
        , factor(100.0 / double(period))
        , hh(period + 1)
        , ll(period + 1)
    { }
    int lookback() const { return n; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        long long hi;
        long long lo;
        if constexpr (C) {
            lo = ll.push(b.low, t);
            hi = hh.push(b.high, t);
        } else {
            lo = ll.with(b.low, t).index;
            hi = hh.with(b.high, t).index;
        }
        if (t < n) {
            out[0] = kNaN;
            if constexpr (!Osc)
                out[1] = kNaN;
        } else if constexpr (Osc) {
            out[0] = factor * double(hi - lo);
        } else {
            out[0] = factor * double(n - (t - lo));
            out[1] = factor * double(n - (t - hi));
        }
        if constexpr (C)
            ++t;
    }

    bool steady() const { return t >= n; }
    // After the first m = n+1 rows of a call, a row's window lies in the
    // call's own rows (all valid: the loop stops at the first NaN): a rescan
    // reads them instead of the rings, which get the last m inputs back at
    // the end. Same search as step(): ties go to the newer input.
    template<class Rows>
    std::size_t runSteady(Rows rows, std::size_t len, double *const *outs)
    {
        const std::size_t m = std::size_t(n) + 1;
        std::size_t i = 0;
        double row[kOutputs];
        for (; i < len && i < m; ++i) {
            const Bar b = rows[std::ptrdiff_t(i)];
            if (!barIsValid<kFields>(b))
                return i;
            step<true>(b, row);
            for (int k = 0; k < kOutputs; ++k)
                outs[k][i] = row[k];
        }
        if (i < m)
            return i;
        const long long base = t - (long long)i;  // the index of the call's row 0
        long long lo = ll.index;
        long long hi = hh.index;
        double low = ll.value;
        double high = hh.value;
        for (; i < len; ++i) {
            const Bar b = rows[std::ptrdiff_t(i)];
            if (!barIsValid<kFields>(b))
                break;
            const long long now = base + (long long)i;
            const long long first = now - (long long)m + 1;
            if (lo < first) {
                lo = first;
                low = rows[std::ptrdiff_t(first - base)].low;
                for (long long j = first + 1; j <= now; ++j) {
                    const double x = rows[std::ptrdiff_t(j - base)].low;
                    if (x <= low) {
                        lo = j;
                        low = x;
                    }
                }
            } else if (b.low <= low) {
                lo = now;
                low = b.low;
            }
            if (hi < first) {
                hi = first;
                high = rows[std::ptrdiff_t(first - base)].high;
                for (long long j = first + 1; j <= now; ++j) {
                    const double x = rows[std::ptrdiff_t(j - base)].high;
                    if (x >= high) {
                        hi = j;
                        high = x;
                    }
                }
            } else if (b.high >= high) {
                hi = now;
                high = b.high;
            }
            if constexpr (Osc) {
                outs[0][i] = factor * double(hi - lo);
            } else {
                outs[0][i] = factor * double(n - (now - lo));
                outs[1][i] = factor * double(n - (now - hi));
            }
        }
        t = base + (long long)i;
        ll.index = lo;
        ll.value = low;
        hh.index = hi;
        hh.value = high;
        const std::size_t from = i - m;  // the last m rows, oldest at slot 0
        for (std::size_t k = 0; k < m; ++k) {
            const Bar b = rows[std::ptrdiff_t(from + k)];
            ll.ring[k] = b.low;
            hh.ring[k] = b.high;
        }
        ll.next = 0;
        hh.next = 0;
        return i;
    }

    int n;
    double factor;
    NewestExtreme<true> hh;
    NewestExtreme<false> ll;
    long long t = 0;  // index of the next bar
};

}  // namespace

std::unique_ptr<Indicator> makeAroon(int period)
{
    return makeIndicator(Aroon<false>(period));
}

std::unique_ptr<Indicator> makeAroonOsc(int period)
{
    return makeIndicator(Aroon<true>(period));
}

std::vector<IndicatorInfo> aroonEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("AROON"), QStringLiteral("Aroon"), G::Momentum, {period(14)},
            {QStringLiteral("aroondown"), QStringLiteral("aroonup")}, P::Pane, false, {30, 70},
            [](Params p, const Context &) { return makeAroon(int(p[0])); }},
        {QStringLiteral("AROONOSC"), QStringLiteral("Aroon Oscillator"), G::Momentum, {period(14)},
            oneOutput(), P::Pane, false, {0},
            [](Params p, const Context &) { return makeAroonOsc(int(p[0])); }},
    };
}

}  // namespace wick::ind
