#include "Cycle.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/HilbertCore.h"

namespace wick::ind {

namespace {

// The common shape: fold the close into a copy for peek(), in place for
// update(); NaN until the lookback is reached.
template<class Derived>
struct CycleBase {
    static constexpr BarFields kFields = BarFields::Close;
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        auto &self = static_cast<Derived &>(*this);
        if constexpr (C) {
            self.fold(closeOf(b), out);
        } else {
            Derived copy = self;
            copy.fold(closeOf(b), out);
        }
    }
    static void blank(double *out)
    {
        for (int k = 0; k < Derived::kOutputs; ++k)
            out[k] = kNaN;
    }
};

struct HtDcPeriod : CycleBase<HtDcPeriod> {
    static constexpr int kOutputs = 1;
    int lookback() const { return 32; }
    void fold(double x, double *out)
    {
        if (!ht.advance(x) || ht.bars() <= lookback())
            return blank(out);
        out[0] = ht.smoothPeriod;
    }
    HilbertCore ht {12};
};

struct HtPhasor : CycleBase<HtPhasor> {
    static constexpr int kOutputs = 2;
    int lookback() const { return 32; }
    void fold(double x, double *out)
    {
        if (!ht.advance(x) || ht.bars() <= lookback())
            return blank(out);
        out[0] = ht.inPhase;
        out[1] = ht.quadrature;
    }
    HilbertCore ht {12};
};

struct HtDcPhase : CycleBase<HtDcPhase> {
    static constexpr int kOutputs = 1;
    int lookback() const { return 63; }
    void fold(double x, double *out)
    {
        if (!ht.advance(x))
            return blank(out);
        const double phase = dc.update(ht.smoothed, ht.smoothPeriod);
        if (ht.bars() <= lookback())
            return blank(out);
        out[0] = phase;
    }
    HilbertCore ht {37};
    DcPhase dc;
};

struct HtSine : CycleBase<HtSine> {
    static constexpr int kOutputs = 2;
    int lookback() const { return 63; }
    void fold(double x, double *out)
    {
        if (!ht.advance(x))
            return blank(out);
        const double phase = dc.update(ht.smoothed, ht.smoothPeriod);
        if (ht.bars() <= lookback())
            return blank(out);
        out[0] = std::sin(phase * kHtDeg2Rad);
        out[1] = std::sin((phase + 45) * kHtDeg2Rad);
    }
    HilbertCore ht {37};
    DcPhase dc;
};

struct HtTrendlineFn : CycleBase<HtTrendlineFn> {
    static constexpr int kOutputs = 1;
    int lookback() const { return 63; }
    void fold(double x, double *out)
    {
        line.push(x);
        if (!ht.advance(x))
            return blank(out);
        const double value = line.update(ht.smoothPeriod);
        if (ht.bars() <= lookback())
            return blank(out);
        out[0] = value;
    }
    HilbertCore ht {37};
    HtTrendline line;
};

// 1 in a trend, 0 in a cycle: the sine crossings, the time since the last
// one, the phase rate and the distance of the smoothed price from the trendline.
struct HtTrendMode : CycleBase<HtTrendMode> {
    static constexpr int kOutputs = 1;
    int lookback() const { return 63; }
    void fold(double x, double *out)
    {
        line.push(x);
        if (!ht.advance(x))
            return blank(out);
        const double sp = ht.smoothPeriod;
        const double prevPhase = dc.phase();
        const double phase = dc.update(ht.smoothed, sp);
        const double prevSine = sine;
        const double prevLeadSine = leadSine;
        sine = std::sin(phase * kHtDeg2Rad);
        leadSine = std::sin((phase + 45) * kHtDeg2Rad);
        const double trendline = line.update(sp);
        int trend = 1;
        if (((sine > leadSine) && (prevSine <= prevLeadSine))
            || ((sine < leadSine) && (prevSine >= prevLeadSine))) {
            daysInTrend = 0;
            trend = 0;
        }
        ++daysInTrend;
        if (daysInTrend < (0.5 * sp))
            trend = 0;
        const double change = phase - prevPhase;
        if ((sp != 0.0) && ((change > (0.67 * 360.0 / sp)) && (change < (1.5 * 360.0 / sp))))
            trend = 0;
        if ((trendline != 0.0) && (std::fabs((ht.smoothed - trendline) / trendline) >= 0.015))
            trend = 1;
        if (ht.bars() <= lookback())
            return blank(out);
        out[0] = double(trend);
    }
    HilbertCore ht {37};
    DcPhase dc;
    HtTrendline line;
    double sine = 0.0;
    double leadSine = 0.0;
    int daysInTrend = 0;
};

struct Mama : CycleBase<Mama> {
    static constexpr int kOutputs = 2;
    explicit Mama(double fast, double slow)
        : core(fast, slow)
    { }
    int lookback() const { return MamaCore::kLookback; }
    void fold(double x, double *out)
    {
        if (!core.advance(x) || core.bars() <= lookback())
            return blank(out);
        out[0] = core.mama;
        out[1] = core.fama;
    }
    MamaCore core;
};

}  // namespace

std::unique_ptr<Indicator> makeHtDcPeriod()
{
    return makeIndicator(HtDcPeriod {});
}

std::unique_ptr<Indicator> makeHtDcPhase()
{
    return makeIndicator(HtDcPhase {});
}

std::unique_ptr<Indicator> makeHtPhasor()
{
    return makeIndicator(HtPhasor {});
}

std::unique_ptr<Indicator> makeHtSine()
{
    return makeIndicator(HtSine {});
}

std::unique_ptr<Indicator> makeHtTrendMode()
{
    return makeIndicator(HtTrendMode {});
}

std::unique_ptr<Indicator> makeHtTrendline()
{
    return makeIndicator(HtTrendlineFn {});
}

std::unique_ptr<Indicator> makeMama(double fastLimit, double slowLimit)
{
    return makeIndicator(Mama(fastLimit, slowLimit));
}

std::vector<IndicatorInfo> cycleEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("HT_DCPERIOD"), QStringLiteral("Hilbert Transform - Dominant Cycle Period"),
            G::Cycle, {}, oneOutput(), P::Pane, true, {},
            [](Params, const Context &) { return makeHtDcPeriod(); }},
        {QStringLiteral("HT_DCPHASE"), QStringLiteral("Hilbert Transform - Dominant Cycle Phase"),
            G::Cycle, {}, oneOutput(), P::Pane, true, {},
            [](Params, const Context &) { return makeHtDcPhase(); }},
        {QStringLiteral("HT_PHASOR"), QStringLiteral("Hilbert Transform - Phasor Components"),
            G::Cycle, {}, {QStringLiteral("inphase"), QStringLiteral("quadrature")}, P::Pane, true,
            {}, [](Params, const Context &) { return makeHtPhasor(); }},
        {QStringLiteral("HT_SINE"), QStringLiteral("Hilbert Transform - SineWave"), G::Cycle, {},
            {QStringLiteral("sine"), QStringLiteral("leadsine")}, P::Pane, true, {},
            [](Params, const Context &) { return makeHtSine(); }},
        {QStringLiteral("HT_TRENDMODE"), QStringLiteral("Hilbert Transform - Trend vs Cycle Mode"),
            G::Cycle, {}, oneOutput(), P::Pane, true, {},
            [](Params, const Context &) { return makeHtTrendMode(); }},
        {QStringLiteral("HT_TRENDLINE"),
            QStringLiteral("Hilbert Transform - Instantaneous Trendline"), G::Overlap, {},
            oneOutput(), P::Overlay, true, {},
            [](Params, const Context &) { return makeHtTrendline(); }},
        {QStringLiteral("MAMA"), QStringLiteral("MESA Adaptive Moving Average"), G::Overlap,
            {real(u"fastlimit", 0.5, 0.01, 0.99), real(u"slowlimit", 0.05, 0.01, 0.99)},
            {QStringLiteral("mama"), QStringLiteral("fama")}, P::Overlay, true, {},
            [](Params p, const Context &) { return makeMama(p[0], p[1]); },
            [](Params p) {
                return p[0] >= p[1]
                    ? QString()
                    : QStringLiteral("fastlimit (%1) must not be below slowlimit (%2)")
                          .arg(formatParam(p[0]), formatParam(p[1]));
            }},
    };
}

}  // namespace wick::ind
