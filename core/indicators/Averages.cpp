#include "Averages.h"

#include <cmath>

#include "indicators/AverageCores.h"
#include "indicators/Catalogue.h"
#include "indicators/MaType.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

struct Sma {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    SmaCore sma;
    int lookback() const { return sma.lookback(); }
    CloseResponse closeResponse(int) const { return CloseResponse::AffineIncreasing; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = sma.step<C>(closeOf(b));
    }
    bool steady() const { return sma.steady(); }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t n, double *const *outs)
    {
        return sma.runCloses(bars, n, outs[0]);
    }
};

struct Ema {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    EmaCore ema;
    int lookback() const { return ema.lookback(); }
    CloseResponse closeResponse(int) const { return CloseResponse::AffineIncreasing; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = ema.step<C>(closeOf(b));
    }
    bool steady() const { return ema.steady(); }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t n, double *const *outs)
    {
        return ema.runCloses(bars, n, outs[0]);
    }
};

// A value core of AverageCores.h as a one-output close indicator; a core
// that is a positive-weight average of the inputs says so (kAffineIncreasing).
template<class Core>
struct ValueAverage {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    Core core;
    int lookback() const { return core.lookback(); }
    CloseResponse closeResponse(int) const
    {
        if constexpr (requires { Core::kAffineIncreasing; })
            return CloseResponse::AffineIncreasing;
        else
            return CloseResponse::Unknown;
    }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = core.template step<C>(closeOf(b));
    }
    bool steady() const { return core.steady(); }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t n, double *const *outs)
    {
        return core.runCloses(bars, n, outs[0]);
    }
};

// TA_MACD: the slow EMA starts at row 0; the fast EMA is fed from row slow-fast
// so that both seeds land on row slow-1 (TA-Lib's seed, not the textbook one).
struct Macd {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Close;
    Macd(int fast, int slow, int signal)
        : fastEma(fast)
        , slowEma(slow)
        , signalEma(signal)
        , fastStart(slow - fast)
    { }
    int lookback() const { return slowEma.n - 1 + signalEma.n - 1; }
    // Differences of EMAs: affine, rising or falling by the periods.
    CloseResponse closeResponse(int) const { return CloseResponse::Affine; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = out[1] = out[2] = kNaN;
        const double s = slowEma.step<C>(closeOf(b));
        double f = kNaN;
        if (count >= fastStart)
            f = fastEma.step<C>(closeOf(b));
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
    EmaCore fastEma;
    EmaCore slowEma;
    EmaCore signalEma;
    int fastStart;
    int count = 0;
};

}  // namespace

std::unique_ptr<Indicator> makeSma(int period)
{
    return makeIndicator(Sma {SmaCore(period)});
}

std::unique_ptr<Indicator> makeEma(int period)
{
    return makeIndicator(Ema {EmaCore(period)});
}

std::unique_ptr<Indicator> makeWma(int period)
{
    return makeIndicator(ValueAverage<WmaCore> {WmaCore(period)});
}

std::unique_ptr<Indicator> makeDema(int period)
{
    return makeIndicator(ValueAverage<MultiEmaCore<2>> {MultiEmaCore<2>(period)});
}

std::unique_ptr<Indicator> makeTema(int period)
{
    return makeIndicator(ValueAverage<MultiEmaCore<3>> {MultiEmaCore<3>(period)});
}

std::unique_ptr<Indicator> makeKama(int period)
{
    return makeIndicator(ValueAverage<KamaCore> {KamaCore(period)});
}

std::unique_ptr<Indicator> makeTrima(int period)
{
    return makeIndicator(ValueAverage<TrimaCore> {TrimaCore(period)});
}

std::unique_ptr<Indicator> makeT3(int period, double vfactor)
{
    return makeIndicator(ValueAverage<T3Core> {T3Core(period, vfactor)});
}

std::unique_ptr<Indicator> makeMa(int period, MaType type)
{
    return makeIndicator(ValueAverage<MaCore> {MaCore(type, period)});
}

std::unique_ptr<Indicator> makeMacd(int fast, int slow, int signal)
{
    return makeIndicator(Macd(fast, slow, signal));
}

std::unique_ptr<Indicator> makeMacdWithFactors(
    int fast, int slow, int signal, double fastK, double slowK)
{
    Macd macd(fast, slow, signal);
    macd.fastEma.k = fastK;
    macd.slowEma.k = slowK;
    return makeIndicator(macd);
}

std::vector<IndicatorInfo> averageEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("SMA"), QStringLiteral("Simple Moving Average"), G::Overlap, {period(30)},
            oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeSma(int(p[0])); }},
        {QStringLiteral("EMA"), QStringLiteral("Exponential Moving Average"), G::Overlap,
            {period(30)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeEma(int(p[0])); }},
        {QStringLiteral("WMA"), QStringLiteral("Weighted Moving Average"), G::Overlap, {period(30)},
            oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeWma(int(p[0])); }},
        {QStringLiteral("DEMA"), QStringLiteral("Double Exponential Moving Average"), G::Overlap,
            {period(30)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeDema(int(p[0])); }},
        {QStringLiteral("TEMA"), QStringLiteral("Triple Exponential Moving Average"), G::Overlap,
            {period(30)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeTema(int(p[0])); }},
        {QStringLiteral("KAMA"), QStringLiteral("Kaufman Adaptive Moving Average"), G::Overlap,
            {period(30)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeKama(int(p[0])); }},
        {QStringLiteral("TRIMA"), QStringLiteral("Triangular Moving Average"), G::Overlap,
            {period(30)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeTrima(int(p[0])); }},
        {QStringLiteral("T3"), QStringLiteral("Triple Exponential Moving Average (T3)"), G::Overlap,
            {period(5), real(u"vfactor", 0.7, 0, 1)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeT3(int(p[0]), p[1]); }},
        {QStringLiteral("MA"), QStringLiteral("Moving Average"), G::Overlap,
            {period(30, 1), maTypeParam(u"matype")}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeMa(int(p[0]), MaType(int(p[1]))); },
            [](Params p) { return maTypeProblem(p[1]); }},
        {QStringLiteral("MACD"), QStringLiteral("Moving Average Convergence/Divergence"),
            G::Momentum, {named(u"fast", 12, 2), named(u"slow", 26, 2), named(u"signal", 9, 1)},
            {QStringLiteral("macd"), QStringLiteral("signal"), QStringLiteral("hist")}, P::Pane,
            true, {0},
            [](Params p, const Context &) { return makeMacd(int(p[0]), int(p[1]), int(p[2])); },
            [](Params p) {
                return p[0] < p[1] ? QString()
                                   : QStringLiteral("fast (%1) must be below slow (%2)")
                                         .arg(formatParam(p[0]), formatParam(p[1]));
            }},
    };
}

}  // namespace wick::ind
