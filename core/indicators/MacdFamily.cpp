#include "MacdFamily.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "indicators/Averages.h"
#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

inline bool isZero(double v)
{
    return -1e-14 < v && v < 1e-14;
}

// TA_APO (fast MA - slow MA) and TA_PPO ((fast - slow)/slow * 100, 0 when the
// slow MA is within 1e-14 of 0): both MAs of one type read from the first bar.
template<bool Percent>
struct PriceOscillator {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    PriceOscillator(int fastPeriod, int slowPeriod, MaType type)
        : fast(type, std::min(fastPeriod, slowPeriod))  // TA-Lib swaps them
        , slow(type, std::max(fastPeriod, slowPeriod))
    { }
    int lookback() const { return slow.lookback(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        const double f = fast.step<C>(x);
        const double s = slow.step<C>(x);
        out[0] = std::isnan(f) || std::isnan(s) ? kNaN : combine(f, s);
    }
    static double combine(double f, double s)
    {
        if constexpr (Percent)
            return isZero(s) ? 0.0 : ((f - s) / s) * 100.0;
        else
            return f - s;
    }
    bool steady() const { return fast.steady() && slow.steady(); }
    // Each MA over a chunk of valid closes in its own steady loop (one type
    // dispatch per chunk, not per MA and bar), then the two combined.
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        constexpr std::size_t kChunk = 256;
        double f[kChunk];
        double s[kChunk];
        std::size_t done = 0;
        while (done < len) {
            const std::size_t end = std::min(kChunk, len - done);
            std::size_t m = 0;
            while (m < end && barIsValid<kFields>(bars[done + m]))
                ++m;
            fast.runCloses(bars + done, m, f);
            slow.runCloses(bars + done, m, s);
            for (std::size_t k = 0; k < m; ++k)
                outs[0][done + k] = combine(f[k], s[k]);
            done += m;
            if (m < end)
                break;
        }
        return done;
    }
    MaCore fast;
    MaCore slow;
};

// TA_MACDEXT: MACD over any MA types. The fast and the slow MA are started so
// that both give their first value on the same row (the larger lookback), the
// signal MA runs over the MACD line from its first value.
struct MacdExt {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Close;
    MacdExt(const MaCore &fastMa, const MaCore &slowMa, const MaCore &signalMa)
        : fast(fastMa)
        , slow(slowMa)
        , signal(signalMa)
        , largest(std::max(fastMa.lookback(), slowMa.lookback()))
        , fastStart(largest - fastMa.lookback())
        , slowStart(largest - slowMa.lookback())
    { }
    int lookback() const { return largest + signal.lookback(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = out[1] = out[2] = kNaN;
        const double x = closeOf(b);
        const double f = count >= fastStart ? fast.step<C>(x) : kNaN;
        const double s = count >= slowStart ? slow.step<C>(x) : kNaN;
        if constexpr (C) {
            if (count < largest)
                ++count;
        }
        if (std::isnan(f) || std::isnan(s))
            return;
        const double macd = f - s;
        const double sig = signal.step<C>(macd);
        if (std::isnan(sig))
            return;
        out[0] = macd;
        out[1] = sig;
        out[2] = macd - sig;
    }
    MaCore fast;
    MaCore slow;
    MaCore signal;
    int largest;
    int fastStart;
    int slowStart;
    int count = 0;
};

MaType maTypeOf(double p)
{
    return MaType(int(p));
}

}  // namespace

std::unique_ptr<Indicator> makeApo(int fast, int slow, MaType type)
{
    return makeIndicator(PriceOscillator<false>(fast, slow, type));
}

std::unique_ptr<Indicator> makePpo(int fast, int slow, MaType type)
{
    return makeIndicator(PriceOscillator<true>(fast, slow, type));
}

std::unique_ptr<Indicator> makeMacdExt(
    int fast, int slow, int signal, MaType fastType, MaType slowType, MaType signalType)
{
    if (slow < fast) {  // TA-Lib swaps the periods and their types
        std::swap(fast, slow);
        std::swap(fastType, slowType);
    }
    return makeIndicator(
        MacdExt(MaCore(fastType, fast), MaCore(slowType, slow), MaCore(signalType, signal)));
}

std::unique_ptr<Indicator> makeMacdFix(int signal)
{
    // TA_MACDFIX: MACD(12, 26) with the smoothing factors fixed at 0.15 and
    // 0.075 (not 2/13 and 2/27), seeds and signal as TA_MACD's.
    return makeMacdWithFactors(12, 26, signal, 0.15, 0.075);
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
        {QStringLiteral("MACDEXT"), QStringLiteral("MACD with controllable MA type"), G::Momentum,
            {named(u"fast", 12, 2), named(u"slow", 26, 2), named(u"signal", 9, 1),
                maTypeParam(u"fast_matype"), maTypeParam(u"slow_matype"),
                maTypeParam(u"signal_matype")},
            macdOutputs, P::Pane, true, {0},
            [](Params p, const Context &) {
                return makeMacdExt(int(p[0]), int(p[1]), int(p[2]), maTypeOf(p[3]), maTypeOf(p[4]),
                    maTypeOf(p[5]));
            },
            [](Params p) {
                for (const double type : {p[3], p[4], p[5]}) {
                    if (const QString e = maTypeProblem(type); !e.isEmpty())
                        return e;
                }
                return QString();
            }},
        {QStringLiteral("APO"), QStringLiteral("Absolute Price Oscillator"), G::Momentum,
            {named(u"fast", 12, 2), named(u"slow", 26, 2), maTypeParam(u"matype")}, oneOutput(),
            P::Pane, true, {0},
            [](Params p, const Context &) { return makeApo(int(p[0]), int(p[1]), maTypeOf(p[2])); },
            [](Params p) { return maTypeProblem(p[2]); }},
        {QStringLiteral("PPO"), QStringLiteral("Percentage Price Oscillator"), G::Momentum,
            {named(u"fast", 12, 2), named(u"slow", 26, 2), maTypeParam(u"matype")}, oneOutput(),
            P::Pane, true, {0},
            [](Params p, const Context &) { return makePpo(int(p[0]), int(p[1]), maTypeOf(p[2])); },
            [](Params p) { return maTypeProblem(p[2]); }},
    };
}

}  // namespace wick::ind
