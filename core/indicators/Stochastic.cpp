#include "Stochastic.h"

#include <cmath>
#include <type_traits>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

// TA_STOCHF's raw %K: divided by the pre-divided range, 0 when the range is 0.
inline double rawK(double close, double hh, double ll)
{
    const double diff = (hh - ll) / 100.0;
    return diff != 0.0 ? (close - ll) / diff : 0.0;
}

// TA_STOCH: raw %K over the highest high and lowest low of fastK bars, %K its
// MA, %D the MA of %K, each MA from its input's first value. TA_STOCHF is the
// same with %K unsmoothed: TA-Lib's MA of period 1 is its input, and so is
// SmaCore(1)'s (x/1). Ma is SmaCore (SMA smoothing: a steady loop for batch())
// or MaCore (any type).
template<class Ma>
struct Stoch {
    static constexpr int kOutputs = 2;
    static constexpr BarFields kFields = BarFields::Hlc;
    Stoch(int fastK, const Ma &k, const Ma &d)
        : hh(fastK)
        , ll(fastK)
        , maK(k)
        , maD(d)
    { }
    int lookback() const { return hh.n - 1 + maK.lookback() + maD.lookback(); }
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
        const double k = maK.template step<C>(rawK(b.close, high, low));
        if (std::isnan(k))
            return;
        const double d = maD.template step<C>(k);
        if (std::isnan(d))
            return;
        out[0] = k;
        out[1] = d;
    }
    bool steady() const requires std::is_same_v<Ma, SmaCore>
    {
        return count >= hh.n - 1 && maK.steady() && maD.steady();
    }
    template<class Rows>
    std::size_t runSteady(
        Rows bars, std::size_t n, double *const *outs) requires std::is_same_v<Ma, SmaCore>
    {
        double *__restrict outK = outs[0];
        double *__restrict outD = outs[1];
        auto high = hh.cursor();
        auto low = ll.cursor();
        auto k = maK.cursor();
        auto d = maD.cursor();
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            const double hhv = high.push(b.high);
            const double llv = low.push(b.low);
            const double smooth = k.next(rawK(b.close, hhv, llv));
            outK[i] = smooth;
            outD[i] = d.next(smooth);
        });
        hh.store(high);
        ll.store(low);
        maK.store(k);
        maD.store(d);
        return done;
    }
    ExtremeWindow<true> hh;
    ExtremeWindow<false> ll;
    Ma maK;
    Ma maD;
    int count = 0;
};

// TA_STOCHRSI: TA_STOCHF over RSI values (high, low and close all the RSI).
template<class Ma>
struct StochRsi {
    static constexpr int kOutputs = 2;
    static constexpr BarFields kFields = BarFields::Close;
    StochRsi(int period, int fastK, const Ma &d)
        : rsi(period)
        , hh(fastK)
        , ll(fastK)
        , maD(d)
    { }
    int lookback() const { return rsi.lookback() + hh.n - 1 + maD.lookback(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = out[1] = kNaN;
        const double r = rsi.step<C>(closeOf(b));
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
        const double d = maD.template step<C>(k);
        if (std::isnan(d))
            return;
        out[0] = k;
        out[1] = d;
    }
    bool steady() const requires std::is_same_v<Ma, SmaCore>
    {
        return rsi.steady() && count >= hh.n - 1 && maD.steady();
    }
    template<class In>
    std::size_t runSteady(
        const In *bars, std::size_t n, double *const *outs) requires std::is_same_v<Ma, SmaCore>
    {
        double *__restrict fastK = outs[0];
        double *__restrict fastD = outs[1];
        RsiCore r = rsi;  // locals: see ExtremeWindow::Cursor
        auto high = hh.cursor();
        auto low = ll.cursor();
        auto d = maD.cursor();
        const std::size_t done
            = stepWhileValid<kFields>(bars, n, [&](const auto &b, std::size_t i) {
                  const double v = r.next(closeOf(b));
                  const double k = rawK(v, high.push(v), low.push(v));
                  fastK[i] = k;
                  fastD[i] = d.next(k);
              });
        rsi = r;
        hh.store(high);
        ll.store(low);
        maD.store(d);
        return done;
    }
    RsiCore rsi;
    ExtremeWindow<true> hh;
    ExtremeWindow<false> ll;
    Ma maD;
    int count = 0;
};

MaType maTypeOf(double p)
{
    return MaType(int(p));
}

}  // namespace

std::unique_ptr<Indicator> makeStoch(
    int fastK, int slowK, int slowD, MaType slowKType, MaType slowDType)
{
    if (slowKType == MaType::Sma && slowDType == MaType::Sma)
        return makeIndicator(Stoch<SmaCore>(fastK, SmaCore(slowK), SmaCore(slowD)));
    return makeIndicator(Stoch<MaCore>(fastK, MaCore(slowKType, slowK), MaCore(slowDType, slowD)));
}

std::unique_ptr<Indicator> makeStochF(int fastK, int fastD, MaType fastDType)
{
    if (fastDType == MaType::Sma)
        return makeIndicator(Stoch<SmaCore>(fastK, SmaCore(1), SmaCore(fastD)));
    return makeIndicator(Stoch<MaCore>(fastK, MaCore(MaType::Sma, 1), MaCore(fastDType, fastD)));
}

std::unique_ptr<Indicator> makeStochRsi(int period, int fastK, int fastD, MaType fastDType)
{
    if (fastDType == MaType::Sma)
        return makeIndicator(StochRsi<SmaCore>(period, fastK, SmaCore(fastD)));
    return makeIndicator(StochRsi<MaCore>(period, fastK, MaCore(fastDType, fastD)));
}

std::vector<IndicatorInfo> stochasticEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("STOCH"), QStringLiteral("Stochastic"), G::Momentum,
            {named(u"fastk", 5), named(u"slowk", 3), named(u"slowd", 3),
                maTypeParam(u"slowk_matype"), maTypeParam(u"slowd_matype")},
            {QStringLiteral("slowk"), QStringLiteral("slowd")}, P::Pane, false, {20, 80},
            [](Params p, const Context &) {
                return makeStoch(int(p[0]), int(p[1]), int(p[2]), maTypeOf(p[3]), maTypeOf(p[4]));
            },
            [](Params p) {
                const QString k = maTypeProblem(p[3]);
                return k.isEmpty() ? maTypeProblem(p[4]) : k;
            }},
        {QStringLiteral("STOCHF"), QStringLiteral("Stochastic Fast"), G::Momentum,
            {named(u"fastk", 5), named(u"fastd", 3), maTypeParam(u"fastd_matype")},
            {QStringLiteral("fastk"), QStringLiteral("fastd")}, P::Pane, false, {20, 80},
            [](Params p, const Context &) {
                return makeStochF(int(p[0]), int(p[1]), maTypeOf(p[2]));
            },
            [](Params p) { return maTypeProblem(p[2]); }},
        {QStringLiteral("STOCHRSI"), QStringLiteral("Stochastic RSI"), G::Momentum,
            {period(14), named(u"fastk", 5), named(u"fastd", 3), maTypeParam(u"fastd_matype")},
            {QStringLiteral("fastk"), QStringLiteral("fastd")}, P::Pane, true, {20, 80},
            [](Params p, const Context &) {
                return makeStochRsi(int(p[0]), int(p[1]), int(p[2]), maTypeOf(p[3]));
            },
            [](Params p) { return maTypeProblem(p[3]); }},
    };
}

}  // namespace wick::ind
