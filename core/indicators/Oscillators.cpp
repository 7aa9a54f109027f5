#include "Oscillators.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

struct Rsi {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    RsiCore rsi;
    int lookback() const { return rsi.lookback(); }
    CloseResponse closeResponse(int) const { return rsi.closeResponse(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = rsi.step<C>(closeOf(b));
    }
    bool steady() const { return rsi.steady(); }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t n, double *const *outs)
    {
        return rsi.runCloses(bars, n, outs[0]);
    }
};

struct Willr {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Willr(int period)
        : hh(period)
        , ll(period)
    { }
    int lookback() const { return hh.n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double high;
        double low;
        if constexpr (C) {
            high = hh.push(b.high);
            low = ll.push(b.low);
        } else {
            high = hh.with(b.high);
            low = ll.with(b.low);
        }
        out[0] = kNaN;
        if (count < hh.n - 1) {
            if constexpr (C)
                ++count;
            return;
        }
        const double diff = (high - low) / (-100.0);
        out[0] = diff != 0.0 ? (high - b.close) / diff : 0.0;
    }
    bool steady() const { return count >= hh.n - 1; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        auto high = hh.cursor();
        auto low = ll.cursor();
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            const double hhv = high.push(b.high);
            const double llv = low.push(b.low);
            const double diff = (hhv - llv) / (-100.0);
            out[i] = diff != 0.0 ? (hhv - b.close) / diff : 0.0;
        });
        hh.store(high);
        ll.store(low);
        return done;
    }
    ExtremeWindow<true> hh;
    ExtremeWindow<false> ll;
    int count = 0;
};

// TA_CCI: typical prices in a ring filled from slot 0; the mean and the mean
// deviation are summed in slot order, not time order (the golden values depend on it).
struct Cci {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Cci(int period)
        : n(period)
        , ring(std::size_t(period))
    { }
    int lookback() const { return n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const double tp = (b.high + b.low + b.close) / 3.0;
        out[0] = kNaN;
        if (count >= n - 1) {
            double mean = 0.0;
            for (int j = 0; j < n; ++j)
                mean += j == pos ? tp : ring[std::size_t(j)];
            mean /= n;
            double dev = 0.0;
            for (int j = 0; j < n; ++j)
                dev += std::fabs((j == pos ? tp : ring[std::size_t(j)]) - mean);
            const double diff = tp - mean;
            out[0] = (diff != 0.0 && dev != 0.0) ? diff / (0.015 * (dev / n)) : 0.0;
        }
        if constexpr (C) {
            ring[std::size_t(pos)] = tp;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count < n - 1)
                ++count;
        }
    }
    bool steady() const { return count >= n - 1; }

    // Four bars at a time: their windows' slot-order sums are independent
    // chains, so the adds of one fill the others' latency; each sum keeps
    // TA-Lib's order. Window w is the ring with tp0..tpw written at slots p,
    // p+1, ..., so only the three lane slots after p differ between windows.
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t len, double *const *outs)
    {
        if (n < 4)  // the lanes' slots would collide: the adapter steps bar by bar
            return 0;
        double *__restrict out = outs[0];
        double *__restrict r = ring.data();
        const double divisor = n;
        int p = pos;
        std::size_t i = 0;
        for (; i + 4 <= len; i += 4) {
            const auto b = bars + i;
            if (!(barIsValid<kFields>(b[0]) & barIsValid<kFields>(b[1]) & barIsValid<kFields>(b[2])
                    & barIsValid<kFields>(b[3])))
                break;
            double tp[4];
            for (int w = 0; w < 4; ++w)
                tp[w] = (b[w].high + b[w].low + b[w].close) / 3.0;
            r[p] = tp[0];
            // The lane slots in slot order: those that wrapped past n-1 come first.
            int slot[3];
            int lane[3];
            int c = 0;
            for (int k = 1; k < 4; ++k) {
                if (p + k >= n) {
                    slot[c] = p + k - n;
                    lane[c++] = k;
                }
            }
            for (int k = 1; k < 4; ++k) {
                if (p + k < n) {
                    slot[c] = p + k;
                    lane[c++] = k;
                }
            }
            // At a lane slot, windows from that lane on see its tp, the others the ring.
            auto laneValue = [&](int k, int w) { return w >= lane[k] ? tp[lane[k]] : r[slot[k]]; };
            double m0 = 0.0;
            double m1 = 0.0;
            double m2 = 0.0;
            double m3 = 0.0;
            int at = 0;
            for (int k = 0; k <= 3; ++k) {
                const int end = k < 3 ? slot[k] : n;
                for (int j = at; j < end; ++j) {
                    const double v = r[j];
                    m0 += v;
                    m1 += v;
                    m2 += v;
                    m3 += v;
                }
                if (k < 3) {
                    m0 += laneValue(k, 0);
                    m1 += laneValue(k, 1);
                    m2 += laneValue(k, 2);
                    m3 += laneValue(k, 3);
                    at = end + 1;
                }
            }
            m0 /= divisor;
            m1 /= divisor;
            m2 /= divisor;
            m3 /= divisor;
            double d0 = 0.0;
            double d1 = 0.0;
            double d2 = 0.0;
            double d3 = 0.0;
            at = 0;
            for (int k = 0; k <= 3; ++k) {
                const int end = k < 3 ? slot[k] : n;
                for (int j = at; j < end; ++j) {
                    const double v = r[j];
                    d0 += std::fabs(v - m0);
                    d1 += std::fabs(v - m1);
                    d2 += std::fabs(v - m2);
                    d3 += std::fabs(v - m3);
                }
                if (k < 3) {
                    d0 += std::fabs(laneValue(k, 0) - m0);
                    d1 += std::fabs(laneValue(k, 1) - m1);
                    d2 += std::fabs(laneValue(k, 2) - m2);
                    d3 += std::fabs(laneValue(k, 3) - m3);
                    at = end + 1;
                }
            }
            const double mean[4] = {m0, m1, m2, m3};
            const double dev[4] = {d0, d1, d2, d3};
            for (int w = 0; w < 4; ++w) {
                const double diff = tp[w] - mean[w];
                out[i + std::size_t(w)]
                    = (diff != 0.0 && dev[w] != 0.0) ? diff / (0.015 * (dev[w] / divisor)) : 0.0;
            }
            for (int k = 0; k < 3; ++k)
                r[slot[k]] = tp[lane[k]];
            p = p + 4 >= n ? p + 4 - n : p + 4;
        }
        pos = p;
        return i;  // the last bars or a group with a NaN bar: the adapter steps them
    }
    int n;
    int count = 0;
    int pos = 0;
    std::vector<double> ring;
};

// TA_MFI: positive and negative money flow in a ring of n, running sums with
// the oldest subtracted before the newest is added; 0 when pos+neg < 1.0.
struct Mfi {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlcv;
    explicit Mfi(int period)
        : n(period)
        , posRing(std::size_t(period))
        , negRing(std::size_t(period))
    { }
    int lookback() const { return n; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double tp = (b.high + b.low + b.close) / 3.0;
        out[0] = kNaN;
        if (count == 0) {
            if constexpr (C) {
                prevTp = tp;
                count = 1;
            }
            return;
        }
        double pos = posSum;
        double neg = negSum;
        if (count > n) {
            pos -= posRing[std::size_t(idx)];
            neg -= negRing[std::size_t(idx)];
        }
        const double diff = tp - prevTp;
        const double flow = tp * b.volume;
        double p = 0.0;
        double m = 0.0;
        if (diff < 0) {
            m = flow;
            neg += flow;
        } else if (diff > 0) {
            p = flow;
            pos += flow;
        }
        if (count >= n) {
            const double total = pos + neg;
            out[0] = total < 1.0 ? 0.0 : 100.0 * (pos / total);
        }
        if constexpr (C) {
            posSum = pos;
            negSum = neg;
            posRing[std::size_t(idx)] = p;
            negRing[std::size_t(idx)] = m;
            idx = idx + 1 == n ? 0 : idx + 1;
            prevTp = tp;
            if (count <= n)
                ++count;
        }
    }
    bool steady() const { return count > n; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        double *__restrict pr = posRing.data();
        double *__restrict nr = negRing.data();
        double pos = posSum;
        double neg = negSum;
        double prev = prevTp;
        int k = idx;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const Bar &b, std::size_t i) {
                  const double tp = (b.high + b.low + b.close) / 3.0;
                  pos -= pr[k];
                  neg -= nr[k];
                  const double diff = tp - prev;
                  const double flow = tp * b.volume;
                  // A flow goes to one side; the other gets +0.0 in its ring and -0.0
                  // added to its sum (x + -0.0 == x bit for bit).
                  const bool down = diff < 0;
                  const bool up = diff > 0;
                  nr[k] = selectIf(down, flow, 0.0);
                  pr[k] = selectIf(up, flow, 0.0);
                  neg += selectIf(down, flow, -0.0);
                  pos += selectIf(up, flow, -0.0);
                  const double total = pos + neg;
                  out[i] = total < 1.0 ? 0.0 : 100.0 * (pos / total);
                  k = k + 1 == n ? 0 : k + 1;
                  prev = tp;
              });
        posSum = pos;
        negSum = neg;
        prevTp = prev;
        idx = k;
        return done;
    }
    int n;
    int count = 0;
    int idx = 0;
    double prevTp = 0.0;
    double posSum = 0.0;
    double negSum = 0.0;
    std::vector<double> posRing;
    std::vector<double> negRing;
};

}  // namespace

std::unique_ptr<Indicator> makeRsi(int period)
{
    return makeIndicator(Rsi {RsiCore(period)});
}

std::unique_ptr<Indicator> makeWillr(int period)
{
    return makeIndicator(Willr(period));
}

std::unique_ptr<Indicator> makeCci(int period)
{
    return makeIndicator(Cci(period));
}

std::unique_ptr<Indicator> makeMfi(int period)
{
    return makeIndicator(Mfi(period));
}

std::vector<IndicatorInfo> oscillatorEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("RSI"), QStringLiteral("Relative Strength Index"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, true, {30, 70},
            [](Params p, const Context &) { return makeRsi(int(p[0])); }},
        {QStringLiteral("CCI"), QStringLiteral("Commodity Channel Index"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {-100, 100},
            [](Params p, const Context &) { return makeCci(int(p[0])); }},
        {QStringLiteral("WILLR"), QStringLiteral("Williams' %R"), G::Momentum, {period(14)},
            oneOutput(), P::Pane, false, {-80, -20},
            [](Params p, const Context &) { return makeWillr(int(p[0])); }},
        {QStringLiteral("MFI"), QStringLiteral("Money Flow Index"), G::Momentum, {period(14)},
            oneOutput(), P::Pane, false, {20, 80},
            [](Params p, const Context &) { return makeMfi(int(p[0])); }},
    };
}

}  // namespace wick::ind
