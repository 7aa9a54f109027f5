#include "Parabolic.h"

#include <cmath>

#include "indicators/Catalogue.h"

namespace wick::ind {

namespace {

// TA_SAR and TA_SAREXT: the direction from the start value (or from -DM of
// row 1), the AF grown by repeated addition up to its maximum, the SAR clamped
// by the previous and current bar's extremes. SAR is SAREXT with one AF for
// both directions, no offset and unsigned output.
struct Sar {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hl;
    Sar(const SarExtParams &params, bool signedShort)
        : p(params)
        , negateShort(signedShort)
    {
        // TA-Lib's clamps: no AF above its maximum.
        if (p.initLong > p.maxLong)
            p.initLong = p.maxLong;
        if (p.accelLong > p.maxLong)
            p.accelLong = p.maxLong;
        if (p.initShort > p.maxShort)
            p.initShort = p.maxShort;
        if (p.accelShort > p.maxShort)
            p.accelShort = p.maxShort;
        afLong = p.initLong;
        afShort = p.initShort;
    }
    int lookback() const { return 1; }

    // Everything that moves from one bar to the next, as locals for the loops.
    struct State {
        bool lng;
        double s;
        double e;
        double fLong;
        double fShort;
        double pLow;
        double pHigh;
    };
    State state() const { return {isLong, sar, ep, afLong, afShort, prevLow, prevHigh}; }
    void commit(const State &st)
    {
        isLong = st.lng;
        sar = st.s;
        ep = st.e;
        afLong = st.fLong;
        afShort = st.fShort;
        prevLow = st.pLow;
        prevHigh = st.pHigh;
    }

    // One bar from row 1 on: returns the row's output and moves st to the next bar.
    double advance(State &st, double newHigh, double newLow) const
    {
        double out;
        double s = st.s;
        if (st.lng) {
            if (newLow <= s) {
                st.lng = false;
                s = st.e;
                if (s < st.pHigh)
                    s = st.pHigh;
                if (s < newHigh)
                    s = newHigh;
                if (p.offsetOnReverse != 0.0)
                    s += s * p.offsetOnReverse;
                out = negateShort ? -s : s;
                st.fShort = p.initShort;
                st.e = newLow;
                s = s + st.fShort * (st.e - s);
                if (s < st.pHigh)
                    s = st.pHigh;
                if (s < newHigh)
                    s = newHigh;
            } else {
                out = s;
                if (newHigh > st.e) {
                    st.e = newHigh;
                    st.fLong += p.accelLong;
                    if (st.fLong > p.maxLong)
                        st.fLong = p.maxLong;
                }
                s = s + st.fLong * (st.e - s);
                if (s > st.pLow)
                    s = st.pLow;
                if (s > newLow)
                    s = newLow;
            }
        } else {
            if (newHigh >= s) {
                st.lng = true;
                s = st.e;
                if (s > st.pLow)
                    s = st.pLow;
                if (s > newLow)
                    s = newLow;
                if (p.offsetOnReverse != 0.0)
                    s -= s * p.offsetOnReverse;
                out = s;
                st.fLong = p.initLong;
                st.e = newHigh;
                s = s + st.fLong * (st.e - s);
                if (s > st.pLow)
                    s = st.pLow;
                if (s > newLow)
                    s = newLow;
            } else {
                out = negateShort ? -s : s;
                if (newLow < st.e) {
                    st.e = newLow;
                    st.fShort += p.accelShort;
                    if (st.fShort > p.maxShort)
                        st.fShort = p.maxShort;
                }
                s = s + st.fShort * (st.e - s);
                if (s < st.pHigh)
                    s = st.pHigh;
                if (s < newHigh)
                    s = newHigh;
            }
        }
        st.s = s;
        st.pHigh = newHigh;
        st.pLow = newLow;
        return out;
    }

    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = kNaN;
        if (count == 0) {
            if constexpr (C) {
                prevHigh = b.high;
                prevLow = b.low;
                count = 1;
            }
            return;
        }
        State st = state();
        if (count == 1) {
            // Row 0 is in prevHigh/prevLow; row 1 starts the trade.
            if (p.startValue == 0) {
                const double diffP = b.high - prevHigh;
                const double diffM = prevLow - b.low;
                const double minusDm = ((diffM > 0) && (diffP < diffM)) ? diffM : 0.0;
                st.lng = !(minusDm > 0);
                st.s = st.lng ? prevLow : prevHigh;
            } else {
                st.lng = p.startValue > 0;
                st.s = std::fabs(p.startValue);
            }
            st.e = st.lng ? b.high : b.low;
            st.pLow = b.low;  // at row 1, both the previous and the current bar are row 1
            st.pHigh = b.high;
        }
        out[0] = advance(st, b.high, b.low);
        if constexpr (C) {
            commit(st);
            count = 2;
        }
    }

    bool steady() const { return count == 2; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        State st = state();
        const std::size_t done = stepWhileValid<kFields>(
            bars, n, [&](const Bar &b, std::size_t i) { out[i] = advance(st, b.high, b.low); });
        commit(st);
        return done;
    }

    SarExtParams p;
    bool negateShort;
    double afLong;
    double afShort;
    double sar = 0.0;
    double ep = 0.0;
    double prevHigh = 0.0;
    double prevLow = 0.0;
    bool isLong = true;
    int count = 0;
};

}  // namespace

std::unique_ptr<Indicator> makeSar(double acceleration, double maximum)
{
    const SarExtParams p {
        0.0, 0.0, acceleration, acceleration, maximum, acceleration, acceleration, maximum};
    return makeIndicator(Sar(p, false));
}

std::unique_ptr<Indicator> makeSarExt(const SarExtParams &params)
{
    return makeIndicator(Sar(params, true));
}

std::vector<IndicatorInfo> parabolicEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("SAR"), QStringLiteral("Parabolic SAR"), G::Overlap,
            {real(u"acceleration", 0.02, 0, 1), real(u"maximum", 0.2, 0, 1)}, oneOutput(),
            P::Overlay, false, {}, [](Params p, const Context &) { return makeSar(p[0], p[1]); },
            [](Params p) {
                return p[0] > 0.0 && p[0] <= p[1]
                    ? QString()
                    : QStringLiteral("acceleration (%1) must be above 0 and at most maximum (%2)")
                          .arg(formatParam(p[0]), formatParam(p[1]));
            }},
        {QStringLiteral("SAREXT"), QStringLiteral("Parabolic SAR - Extended"), G::Overlap,
            {real(u"startvalue", 0, -1e30, 1e30), real(u"offsetonreverse", 0, 0, 1),
                real(u"accelerationinitlong", 0.02, 0, 1), real(u"accelerationlong", 0.02, 0, 1),
                real(u"accelerationmaxlong", 0.2, 0, 1), real(u"accelerationinitshort", 0.02, 0, 1),
                real(u"accelerationshort", 0.02, 0, 1), real(u"accelerationmaxshort", 0.2, 0, 1)},
            // Negative while short: its own pane, not over the prices.
            oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) {
                return makeSarExt({p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]});
            }},
    };
}

}  // namespace wick::ind
