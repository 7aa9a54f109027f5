#include "Directional.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

inline bool isZero(double v)
{
    return -1e-14 < v && v < 1e-14;
}

// TA-Lib's TRUE_RANGE macro (|H - C'| rather than |C' - H|: the same number).
inline double trueRange(double high, double low, double prevClose)
{
    double out = high - low;
    const double a = std::fabs(high - prevClose);
    if (a > out)
        out = a;
    const double b = std::fabs(low - prevClose);
    if (b > out)
        out = b;
    return out;
}

// Wilder sums of +DM, -DM and TR: seeded with the raw sum of rows 1..n-1, then
// `S = S - S/n + x`. Shared by PLUS_DI, MINUS_DI and ADX.
struct DmSums {
    explicit DmSums(int period)
        : n(period)
        , divisor(period)
    { }

    // Advances to bar b (state only when Commit). Returns false until the first
    // smoothed row (row n).
    template<bool C>
    bool step(const Bar &b, double &plus, double &minus, double &tr)
    {
        plus = plusDm;
        minus = minusDm;
        tr = sumTr;
        if (count == 0) {
            if constexpr (C) {
                prevHigh = b.high;
                prevLow = b.low;
                prevClose = b.close;
                count = 1;
            }
            return false;
        }
        const double diffP = b.high - prevHigh;
        const double diffM = prevLow - b.low;
        const double range = trueRange(b.high, b.low, prevClose);
        const bool smoothing = count >= n;
        if (smoothing) {
            plus = plus - (plus / n);
            minus = minus - (minus / n);
        }
        if ((diffM > 0) && (diffP < diffM))
            minus += diffM;
        else if ((diffP > 0) && (diffP > diffM))
            plus += diffP;
        tr = smoothing ? tr - (tr / n) + range : tr + range;
        if constexpr (C) {
            plusDm = plus;
            minusDm = minus;
            sumTr = tr;
            prevHigh = b.high;
            prevLow = b.low;
            prevClose = b.close;
            if (count <= n)
                ++count;
        }
        return smoothing;
    }

    bool steady() const { return count > n; }

    // step<true> once steady().
    void next(const Bar &b, double &plus, double &minus, double &tr)
    {
        const double diffP = b.high - prevHigh;
        const double diffM = prevLow - b.low;
        const double range = trueRange(b.high, b.low, prevClose);
        const Quotients q = divideBoth(plusDm, minusDm, divisor);
        plus = plusDm - q.first;
        minus = minusDm - q.second;
        // The same choice as step() (-DM, else +DM, else neither), by selects:
        // adding -0.0 leaves any sum bit for bit unchanged.
        const bool isMinus = (diffM > 0) & (diffP < diffM);
        const bool isPlus = !isMinus & (diffP > 0) & (diffP > diffM);
        minus += selectIf(isMinus, diffM, -0.0);
        plus += selectIf(isPlus, diffP, -0.0);
        tr = sumTr - (sumTr / divisor) + range;
        plusDm = plus;
        minusDm = minus;
        sumTr = tr;
        prevHigh = b.high;
        prevLow = b.low;
        prevClose = b.close;
    }

    int n;
    double divisor;
    int count = 0;
    double prevHigh = 0.0;
    double prevLow = 0.0;
    double prevClose = 0.0;
    double plusDm = 0.0;
    double minusDm = 0.0;
    double sumTr = 0.0;
};

template<bool Plus>
struct Di {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Di(int period)
        : sums(period)
    { }
    int lookback() const { return sums.n; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double plus;
        double minus;
        double tr;
        out[0] = kNaN;
        if (!sums.step<C>(b, plus, minus, tr))
            return;
        out[0] = isZero(tr) ? 0.0 : 100.0 * ((Plus ? plus : minus) / tr);
    }
    bool steady() const { return sums.steady(); }
    std::size_t runSteady(const Bar *bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        return stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            double plus;
            double minus;
            double tr;
            sums.next(b, plus, minus, tr);
            out[i] = isZero(tr) ? 0.0 : 100.0 * ((Plus ? plus : minus) / tr);
        });
    }
    DmSums sums;
};

// TA_ADX: DX summed over rows n..2n-1 (a skipped DX adds nothing but the sum is
// still divided by n), then `adx = (adx*(n-1) + dx)/n`; a skipped DX keeps ADX.
struct Adx {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Adx(int period)
        : sums(period)
    { }
    int lookback() const { return 2 * sums.n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const int n = sums.n;
        double plus;
        double minus;
        double tr;
        out[0] = kNaN;
        if (!sums.step<C>(b, plus, minus, tr))
            return;
        bool haveDx = false;
        double dx = 0.0;
        if (!isZero(tr)) {
            const double minusDi = 100.0 * (minus / tr);
            const double plusDi = 100.0 * (plus / tr);
            const double t = minusDi + plusDi;
            if (!isZero(t)) {
                dx = 100.0 * (std::fabs(minusDi - plusDi) / t);
                haveDx = true;
            }
        }
        double a = adx;
        if (dxCount < n) {
            if (haveDx)
                a += dx;  // the seed sum
            if (dxCount == n - 1) {
                a /= n;
                out[0] = a;
            }
        } else {
            if (haveDx)
                a = ((a * double(n - 1)) + dx) / n;
            out[0] = a;
        }
        if constexpr (C) {
            adx = a;
            if (dxCount < n)
                ++dxCount;
        }
    }
    bool steady() const { return dxCount >= sums.n; }  // and so are the sums
    std::size_t runSteady(const Bar *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        const double keep = double(sums.n - 1);
        const double divisor = sums.divisor;
        double a = adx;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const Bar &b, std::size_t i) {
                  double plus;
                  double minus;
                  double tr;
                  sums.next(b, plus, minus, tr);
                  if (!isZero(tr)) {
                      const Quotients q = divideBoth(minus, plus, tr);
                      const double minusDi = 100.0 * q.first;
                      const double plusDi = 100.0 * q.second;
                      const double t = minusDi + plusDi;
                      if (!isZero(t))
                          a = ((a * keep) + (100.0 * (std::fabs(minusDi - plusDi) / t))) / divisor;
                  }
                  out[i] = a;
              });
        adx = a;
        return done;
    }
    DmSums sums;
    int dxCount = 0;
    double adx = 0.0;
};

// TA_SAR: direction from -DM of row 1, AF grown by repeated addition, the SAR
// clamped by the previous and current bar's extremes.
struct Sar {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    Sar(double acceleration, double maximum)
        : accel(acceleration)
        , max(maximum)
        , af(acceleration)
    { }
    int lookback() const { return 1; }

    // Everything that moves from one bar to the next, as locals for the loops.
    struct State {
        bool lng;
        double s;
        double e;
        double f;
        double pLow;
        double pHigh;
    };
    State state() const { return {isLong, sar, ep, af, prevLow, prevHigh}; }
    void commit(const State &st)
    {
        isLong = st.lng;
        sar = st.s;
        ep = st.e;
        af = st.f;
        prevLow = st.pLow;
        prevHigh = st.pHigh;
    }

    // One bar from row 1 on: returns the row's SAR and moves st to the next bar.
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
                out = s;
                st.f = accel;
                st.e = newLow;
                s = s + st.f * (st.e - s);
                if (s < st.pHigh)
                    s = st.pHigh;
                if (s < newHigh)
                    s = newHigh;
            } else {
                out = s;
                if (newHigh > st.e) {
                    st.e = newHigh;
                    st.f += accel;
                    if (st.f > max)
                        st.f = max;
                }
                s = s + st.f * (st.e - s);
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
                out = s;
                st.f = accel;
                st.e = newHigh;
                s = s + st.f * (st.e - s);
                if (s > st.pLow)
                    s = st.pLow;
                if (s > newLow)
                    s = newLow;
            } else {
                out = s;
                if (newLow < st.e) {
                    st.e = newLow;
                    st.f += accel;
                    if (st.f > max)
                        st.f = max;
                }
                s = s + st.f * (st.e - s);
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
            const double diffP = b.high - prevHigh;
            const double diffM = prevLow - b.low;
            const double minusDm = ((diffM > 0) && (diffP < diffM)) ? diffM : 0.0;
            st.lng = !(minusDm > 0);
            if (st.lng) {
                st.e = b.high;
                st.s = prevLow;
            } else {
                st.e = b.low;
                st.s = prevHigh;
            }
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
    std::size_t runSteady(const Bar *bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        State st = state();
        const std::size_t done = stepWhileValid<kFields>(
            bars, n, [&](const Bar &b, std::size_t i) { out[i] = advance(st, b.high, b.low); });
        commit(st);
        return done;
    }

    double accel;
    double max;
    double af;
    double sar = 0.0;
    double ep = 0.0;
    double prevHigh = 0.0;
    double prevLow = 0.0;
    bool isLong = true;
    int count = 0;
};

}  // namespace

std::unique_ptr<Indicator> makePlusDi(int period)
{
    return makeIndicator(Di<true>(period));
}

std::unique_ptr<Indicator> makeMinusDi(int period)
{
    return makeIndicator(Di<false>(period));
}

std::unique_ptr<Indicator> makeAdx(int period)
{
    return makeIndicator(Adx(period));
}

std::unique_ptr<Indicator> makeSar(double acceleration, double maximum)
{
    return makeIndicator(Sar(acceleration, maximum));
}

std::vector<IndicatorInfo> directionalEntries()
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
        {QStringLiteral("ADX"), QStringLiteral("Average Directional Movement Index"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {25},
            [](Params p, const Context &) { return makeAdx(int(p[0])); }},
        {QStringLiteral("PLUS_DI"), QStringLiteral("Plus Directional Indicator"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makePlusDi(int(p[0])); }},
        {QStringLiteral("MINUS_DI"), QStringLiteral("Minus Directional Indicator"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeMinusDi(int(p[0])); }},
    };
}

}  // namespace wick::ind
