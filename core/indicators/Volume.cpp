#include "Volume.h"

#include <algorithm>
#include <utility>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

std::int64_t utcDayAnchor(TimeMs t)
{
    constexpr TimeMs kDay = 86'400'000;
    return (t >= 0 ? t : t - (kDay - 1)) / kDay * kDay;
}

namespace {

// TA_OBV: starts at row 0's volume, then +V on a higher close, -V on a lower one.
struct Obv {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Cv;
    int lookback() const { return 0; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double v = obv;
        if (!started)
            v = b.volume;
        else if (b.close > prevClose)
            v += b.volume;
        else if (b.close < prevClose)
            v -= b.volume;
        out[0] = v;
        if constexpr (C) {
            obv = v;
            prevClose = b.close;
            started = true;
        }
    }
    bool steady() const { return started; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        double v = obv;
        double prev = prevClose;
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            // +V, -V or -0.0 (x + -0.0 == x bit for bit), by selects: the close's
            // direction is a coin flip for a branch predictor.
            const double signedVolume = selectGreater(b.close, prev, b.volume, -b.volume);
            v += selectIf(b.close != prev, signedVolume, -0.0);
            out[i] = v;
            prev = b.close;
        });
        obv = v;
        prevClose = prev;
        return done;
    }
    double obv = 0.0;
    double prevClose = 0.0;
    bool started = false;
};

// TA_AD: cumulative from row 0, a bar with high == low adds nothing.
struct Ad {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlcv;
    int lookback() const { return 0; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double a = ad;
        const double range = b.high - b.low;
        if (range > 0.0)
            a += (((b.close - b.low) - (b.high - b.close)) / range) * b.volume;
        out[0] = a;
        if constexpr (C)
            ad = a;
    }
    static constexpr bool steady() { return true; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        double a = ad;
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            const double range = b.high - b.low;
            if (range > 0.0)
                a += (((b.close - b.low) - (b.high - b.close)) / range) * b.volume;
            out[i] = a;
        });
        ad = a;
        return done;
    }
    double ad = 0.0;
};

// TA_ADOSC: EMAs of the A/D line in the form k*ad + (1-k)*ema, both seeded
// with row 0's A/D value; the output starts with the slower one's lookback.
struct Adosc {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlcv;
    Adosc(int fast, int slow)
        : fastK(2.0 / double(fast + 1))
        , slowK(2.0 / double(slow + 1))
        , fastKeep(1.0 - fastK)
        , slowKeep(1.0 - slowK)
        , start(std::max(fast, slow) - 1)
    { }
    int lookback() const { return start; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double a = ad;
        const double range = b.high - b.low;
        if (range > 0.0)
            a += (((b.close - b.low) - (b.high - b.close)) / range) * b.volume;
        double f = a;
        double s = a;
        if (count > 0) {
            f = (fastK * a) + (fastKeep * fastEma);
            s = (slowK * a) + (slowKeep * slowEma);
        }
        out[0] = count >= start ? f - s : kNaN;
        if constexpr (C) {
            ad = a;
            fastEma = f;
            slowEma = s;
            if (count < start)
                ++count;
            else
                count = start + 1;
        }
    }
    double fastK;
    double slowK;
    double fastKeep;
    double slowKeep;
    int start;
    int count = 0;
    double ad = 0.0;
    double fastEma = 0.0;
    double slowEma = 0.0;
};

struct Vwap {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlcv;
    static constexpr bool kReadsTime = true;
    int lookback() const { return 0; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const std::int64_t session = anchor(b.time);
        double pv = sumPv;
        double v = sumV;
        if (!started || session != currentSession) {
            pv = 0.0;
            v = 0.0;
        }
        pv += ((b.high + b.low + b.close) / 3.0) * b.volume;
        v += b.volume;
        out[0] = v != 0.0 ? pv / v : kNaN;
        if constexpr (C) {
            sumPv = pv;
            sumV = v;
            currentSession = session;
            started = true;
        }
    }
    bool steady() const { return started; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        // The default anchor without a std::function call per bar.
        if (const auto *f = anchor.target<std::int64_t (*)(TimeMs)>(); f && *f == &utcDayAnchor)
            return runWith(bars, n, outs[0], [](TimeMs t) { return utcDayAnchor(t); });
        return runWith(bars, n, outs[0], anchor);
    }
    template<class Rows, class Anchor>
    std::size_t runWith(Rows bars, std::size_t n, double *__restrict out, const Anchor &at)
    {
        double pv = sumPv;
        double v = sumV;
        std::int64_t current = currentSession;
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            const std::int64_t session = at(b.time);
            if (session != current) {
                pv = 0.0;
                v = 0.0;
                current = session;
            }
            pv += ((b.high + b.low + b.close) / 3.0) * b.volume;
            v += b.volume;
            out[i] = v != 0.0 ? pv / v : kNaN;
        });
        sumPv = pv;
        sumV = v;
        currentSession = current;
        return done;
    }
    SessionAnchor anchor;
    std::int64_t currentSession = 0;
    double sumPv = 0.0;
    double sumV = 0.0;
    bool started = false;
};

}  // namespace

std::unique_ptr<Indicator> makeObv()
{
    return makeIndicator(Obv {});
}

std::unique_ptr<Indicator> makeAd()
{
    return makeIndicator(Ad {});
}

std::unique_ptr<Indicator> makeAdosc(int fast, int slow)
{
    return makeIndicator(Adosc(fast, slow));
}

std::unique_ptr<Indicator> makeVwap(SessionAnchor anchor)
{
    return makeIndicator(Vwap {anchor ? std::move(anchor) : SessionAnchor(&utcDayAnchor)});
}

std::vector<IndicatorInfo> volumeEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("OBV"), QStringLiteral("On Balance Volume"), G::Volume, {}, oneOutput(),
            P::Pane, false, {}, [](Params, const Context &) { return makeObv(); }},
        {QStringLiteral("AD"), QStringLiteral("Chaikin A/D Line"), G::Volume, {}, oneOutput(),
            P::Pane, false, {}, [](Params, const Context &) { return makeAd(); }},
        {QStringLiteral("ADOSC"), QStringLiteral("Chaikin A/D Oscillator"), G::Volume,
            {named(u"fast", 3, 2), named(u"slow", 10, 2)}, oneOutput(), P::Pane, false, {0},
            [](Params p, const Context &) { return makeAdosc(int(p[0]), int(p[1])); }},
        {QStringLiteral("VWAP"), QStringLiteral("Volume-Weighted Average Price (session)"),
            G::Overlap, {}, oneOutput(), P::Overlay, false, {},
            [](Params, const Context &c) { return makeVwap(c.sessionAnchor); }},
    };
}

}  // namespace wick::ind
