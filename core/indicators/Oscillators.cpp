#include "Oscillators.h"

#include <cmath>

#include "indicators/Windows.h"

namespace wick::ind {

namespace {

struct Rsi {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    RsiCore rsi;
    int lookback() const { return rsi.lookback(); }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = rsi.step<C>(b.close);
    }
    bool steady() const { return rsi.steady(); }
    std::size_t runSteady(const Bar *bars, std::size_t n, double *const *outs)
    {
        return rsi.runCloses(bars, n, outs[0]);
    }
};

// TA_STOCHF's raw %K: divided by the pre-divided range, 0 when the range is 0.
inline double rawK(double close, double hh, double ll)
{
    const double diff = (hh - ll) / 100.0;
    return diff != 0.0 ? (close - ll) / diff : 0.0;
}

struct Stoch {
    static constexpr int kOutputs = 2;
    static constexpr BarFields kFields = BarFields::Hlc;
    Stoch(int fastK, int slowK, int slowD)
        : hh(fastK)
        , ll(fastK)
        , smaK(slowK)
        , smaD(slowD)
    { }
    int lookback() const { return hh.n - 1 + smaK.lookback() + smaD.lookback(); }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = out[1] = kNaN;
        double high;
        double low;
        if constexpr (C) {
            high = hh.push(b.high);
            low = ll.push(b.low);
        } else {
            high = hh.with(b.high);
            low = ll.with(b.low);
        }
        if (count < hh.n - 1) {
            if constexpr (C)
                ++count;
            return;
        }
        const double k = smaK.step<C>(rawK(b.close, high, low));
        if (std::isnan(k))
            return;
        const double d = smaD.step<C>(k);
        if (std::isnan(d))
            return;
        out[0] = k;
        out[1] = d;
    }
    ExtremeWindow<true> hh;
    ExtremeWindow<false> ll;
    SmaCore smaK;
    SmaCore smaD;
    int count = 0;
};

struct StochRsi {
    static constexpr int kOutputs = 2;
    static constexpr BarFields kFields = BarFields::Close;
    StochRsi(int period, int fastK, int fastD)
        : rsi(period)
        , hh(fastK)
        , ll(fastK)
        , smaD(fastD)
    { }
    int lookback() const { return rsi.lookback() + hh.n - 1 + smaD.lookback(); }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = out[1] = kNaN;
        const double r = rsi.step<C>(b.close);
        if (std::isnan(r))
            return;
        double high;
        double low;
        if constexpr (C) {
            high = hh.push(r);
            low = ll.push(r);
        } else {
            high = hh.with(r);
            low = ll.with(r);
        }
        if (count < hh.n - 1) {
            if constexpr (C)
                ++count;
            return;
        }
        const double k = rawK(r, high, low);
        const double d = smaD.step<C>(k);
        if (std::isnan(d))
            return;
        out[0] = k;
        out[1] = d;
    }
    RsiCore rsi;
    ExtremeWindow<true> hh;
    ExtremeWindow<false> ll;
    SmaCore smaD;
    int count = 0;
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
    int n;
    int count = 0;
    int idx = 0;
    double prevTp = 0.0;
    double posSum = 0.0;
    double negSum = 0.0;
    std::vector<double> posRing;
    std::vector<double> negRing;
};

// ROC and MOM compare with the close n bars ago, kept in a ring of n.
template<bool Roc>
struct Change {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit Change(int period)
        : n(period)
        , ring(std::size_t(period))
    { }
    int lookback() const { return n; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const double x = b.close;
        out[0] = kNaN;
        if (count >= n) {
            const double old = ring[std::size_t(pos)];
            if constexpr (Roc)
                out[0] = old != 0.0 ? ((x / old) - 1.0) * 100.0 : 0.0;
            else
                out[0] = x - old;
        }
        if constexpr (C) {
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count < n)
                ++count;
        }
    }
    int n;
    int count = 0;
    int pos = 0;
    std::vector<double> ring;
};

}  // namespace

std::unique_ptr<Indicator> makeRsi(int period)
{
    return makeIndicator(Rsi {RsiCore(period)});
}

std::unique_ptr<Indicator> makeStoch(int fastK, int slowK, int slowD)
{
    return makeIndicator(Stoch(fastK, slowK, slowD));
}

std::unique_ptr<Indicator> makeStochRsi(int period, int fastK, int fastD)
{
    return makeIndicator(StochRsi(period, fastK, fastD));
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

std::unique_ptr<Indicator> makeRoc(int period)
{
    return makeIndicator(Change<true>(period));
}

std::unique_ptr<Indicator> makeMom(int period)
{
    return makeIndicator(Change<false>(period));
}

}  // namespace wick::ind
