#include "MacdFamily.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

// TA_MACDFIX: MACD(12, 26) with the smoothing factors fixed at 0.15 and 0.075
// (not 2/13 and 2/27); as in TA_MACD both EMAs have their seed on row 25 (the
// fast one the mean of rows 14..25), the signal an EMA of the MACD line.
struct MacdFix {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Close;
    explicit MacdFix(int signal)
        : fastEma(12)
        , slowEma(26)
        , signalEma(signal)
    {
        fastEma.k = 0.15;
        slowEma.k = 0.075;
    }
    int lookback() const { return slowEma.lookback() + signalEma.lookback(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = out[1] = out[2] = kNaN;
        const double x = closeOf(b);
        const double s = slowEma.step<C>(x);
        double f = kNaN;
        if (count >= kFastStart)
            f = fastEma.step<C>(x);
        else if constexpr (C)
            ++count;
        if (std::isnan(s))
            return;
        const double macd = f - s;
        const double sig = signalEma.step<C>(macd);
        if (std::isnan(sig))
            return;
        out[0] = macd;
        out[1] = sig;
        out[2] = macd - sig;
    }
    bool steady() const { return signalEma.steady(); }  // so are the fast and slow EMAs
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t n, double *const *outs)
    {
        double *__restrict m = outs[0];
        double *__restrict sg = outs[1];
        double *__restrict h = outs[2];
        return stepWhileValid<kFields>(bars, n, [&](const auto &b, std::size_t i) {
            const double s = slowEma.next(closeOf(b));
            const double macd = fastEma.next(closeOf(b)) - s;
            const double sig = signalEma.next(macd);
            m[i] = macd;
            sg[i] = sig;
            h[i] = macd - sig;
        });
    }
    static constexpr int kFastStart = 26 - 12;
    EmaCore fastEma;
    EmaCore slowEma;
    EmaCore signalEma;
    int count = 0;
};

}  // namespace

std::unique_ptr<Indicator> makeMacdFix(int signal)
{
    return makeIndicator(MacdFix(signal));
}

std::vector<IndicatorInfo> macdFamilyEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    const QStringList macdOutputs {
        QStringLiteral("macd"), QStringLiteral("signal"), QStringLiteral("hist")};
    return {
        {QStringLiteral("MACDFIX"),
            QStringLiteral("Moving Average Convergence/Divergence Fix 12/26"), G::Momentum,
            {named(u"signal", 9, 2)}, macdOutputs, P::Pane, true, {0},
            [](Params p, const Context &) { return makeMacdFix(int(p[0])); }},
    };
}

}  // namespace wick::ind
