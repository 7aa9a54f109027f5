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
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
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
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t len, double *const *outs)
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

// TA_PLUS_DM / TA_MINUS_DM: the Wilder sum itself, from row n-1 (the raw sum
// of rows 1..n-1) on. Reads high and low only: the sums' TR is never used.
template<bool Plus>
struct Dm {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hl;
    explicit Dm(int period)
        : sums(period)
    { }
    int lookback() const { return sums.n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const bool ready = sums.count >= sums.n - 1;
        double plus;
        double minus;
        double tr;
        sums.step<C>(b, plus, minus, tr);
        out[0] = ready ? (Plus ? plus : minus) : kNaN;
    }
    bool steady() const { return sums.steady(); }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        return stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            double plus;
            double minus;
            double tr;
            sums.next(b, plus, minus, tr);
            out[i] = Plus ? plus : minus;
        });
    }
    DmSums sums;
};

// TA_DX from row n: 0 on the first row when S_tr or +DI + -DI is within 1e-14
// of 0, the previous DX on later rows.
struct Dx {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Dx(int period)
        : sums(period)
    { }
    int lookback() const { return sums.n; }
    // DX of the sums, or `otherwise` when a zero test fails.
    static double dxOf(double plus, double minus, double tr, double otherwise)
    {
        if (isZero(tr))
            return otherwise;
        const double minusDi = 100.0 * (minus / tr);
        const double plusDi = 100.0 * (plus / tr);
        const double t = minusDi + plusDi;
        return isZero(t) ? otherwise : 100.0 * (std::fabs(minusDi - plusDi) / t);
    }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double plus;
        double minus;
        double tr;
        out[0] = kNaN;
        if (!sums.step<C>(b, plus, minus, tr))
            return;
        const double dx = dxOf(plus, minus, tr, started ? last : 0.0);
        out[0] = dx;
        if constexpr (C) {
            last = dx;
            started = true;
        }
    }
    bool steady() const { return started; }  // and so are the sums
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        double dx = last;
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            double plus;
            double minus;
            double tr;
            sums.next(b, plus, minus, tr);
            dx = dxOf(plus, minus, tr, dx);
            out[i] = dx;
        });
        last = dx;
        return done;
    }
    DmSums sums;
    bool started = false;
    double last = 0.0;
};

// TA_ADXR: (ADX + the ADX of n-1 rows before) / 2, the last n-1 ADX in a ring.
struct Adxr {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Adxr(int period)
        : adx(period)
        , ring(std::size_t(period - 1))
    { }
    int lookback() const { return adx.lookback() + adx.sums.n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double a;
        adx.step<C>(b, &a);
        out[0] = kNaN;
        if (std::isnan(a))
            return;
        const int keep = adx.sums.n - 1;
        if (count >= keep)
            out[0] = (a + ring[std::size_t(pos)]) / 2.0;
        if constexpr (C) {
            ring[std::size_t(pos)] = a;
            pos = pos + 1 == keep ? 0 : pos + 1;
            if (count < keep)
                ++count;
        }
    }
    bool steady() const { return adx.steady() && count >= adx.sums.n - 1; }
    // ADX's own steady loop writes its values into out; each row then takes
    // the mean with the value keep rows back (from the ring for the call's
    // first keep rows), from the last row back so that every value read is
    // still ADX's; the ring gets the last keep ADX values.
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        const std::size_t done = adx.runSteady(bars, len, outs);
        const std::size_t keep = std::size_t(adx.sums.n - 1);
        const auto before = [&](std::ptrdiff_t row) {  // ADX at a row of the call (< 0: the ring)
            return row >= 0
                ? out[row]
                : ring[(std::size_t(pos) + std::size_t(row + std::ptrdiff_t(keep))) % keep];
        };
        scratch.resize(keep);
        for (std::size_t k = 0; k < keep; ++k)
            scratch[k] = before(std::ptrdiff_t(done) - std::ptrdiff_t(keep) + std::ptrdiff_t(k));
        for (std::size_t i = done; i-- > 0;)
            out[i] = (out[i] + before(std::ptrdiff_t(i) - std::ptrdiff_t(keep))) / 2.0;
        ring.swap(scratch);
        pos = 0;
        return done;
    }
    Adx adx;
    std::vector<double> ring;
    std::vector<double> scratch;  // runSteady's next ring
    int count = 0;
    int pos = 0;
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

std::unique_ptr<Indicator> makePlusDm(int period)
{
    return makeIndicator(Dm<true>(period));
}

std::unique_ptr<Indicator> makeMinusDm(int period)
{
    return makeIndicator(Dm<false>(period));
}

std::unique_ptr<Indicator> makeDx(int period)
{
    return makeIndicator(Dx(period));
}

std::unique_ptr<Indicator> makeAdxr(int period)
{
    return makeIndicator(Adxr(period));
}

std::vector<IndicatorInfo> directionalEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("ADX"), QStringLiteral("Average Directional Movement Index"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {25},
            [](Params p, const Context &) { return makeAdx(int(p[0])); }},
        {QStringLiteral("PLUS_DI"), QStringLiteral("Plus Directional Indicator"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makePlusDi(int(p[0])); }},
        {QStringLiteral("MINUS_DI"), QStringLiteral("Minus Directional Indicator"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeMinusDi(int(p[0])); }},
        {QStringLiteral("ADXR"), QStringLiteral("Average Directional Movement Index Rating"),
            G::Momentum, {period(14)}, oneOutput(), P::Pane, false, {25},
            [](Params p, const Context &) { return makeAdxr(int(p[0])); }},
        {QStringLiteral("DX"), QStringLiteral("Directional Movement Index"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeDx(int(p[0])); }},
        {QStringLiteral("PLUS_DM"), QStringLiteral("Plus Directional Movement"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makePlusDm(int(p[0])); }},
        {QStringLiteral("MINUS_DM"), QStringLiteral("Minus Directional Movement"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeMinusDm(int(p[0])); }},
    };
}

}  // namespace wick::ind
