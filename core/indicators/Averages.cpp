#include "Averages.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

struct Sma {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    SmaCore sma;
    int lookback() const { return sma.lookback(); }
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

// TA_WMA: a weighted running sum and a plain running sum, never recomputed;
// the plain sum lags one input behind (trail) exactly as TA-Lib's does.
struct Wma {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit Wma(int period)
        : n(period)
        , divider(double((period * (period + 1)) >> 1))
        , ring(std::size_t(period))
    { }
    int lookback() const { return n - 1; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        if (n == 1) {  // TA-Lib copies the input for period 1
            out[0] = x;
            return;
        }
        if (count < n - 1) {
            if constexpr (C) {
                ++count;
                periodSub += x;
                periodSum += x * double(count);
                ring[std::size_t(pos)] = x;
                pos = pos + 1 == n ? 0 : pos + 1;
            }
            out[0] = kNaN;
            return;
        }
        double sub = periodSub + x;
        sub -= trail;
        double sum = periodSum + x * double(n);
        out[0] = sum / divider;
        if constexpr (C) {
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            trail = ring[std::size_t(pos)];  // the input n-1 steps before x
            periodSub = sub;
            periodSum = sum - sub;
        }
    }
    bool steady() const { return n > 1 && count >= n - 1; }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        double *__restrict r = ring.data();
        const double weight = n;
        double sub = periodSub;
        double sum = periodSum;
        double tr = trail;
        int p = pos;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const auto &b, std::size_t i) {
                  const double x = closeOf(b);
                  sub += x;
                  sub -= tr;
                  sum += x * weight;
                  out[i] = sum / divider;
                  r[p] = x;
                  p = p + 1 == n ? 0 : p + 1;
                  tr = r[p];
                  sum -= sub;
              });
        periodSub = sub;
        periodSum = sum;
        trail = tr;
        pos = p;
        return done;
    }
    int n;
    double divider;
    int count = 0;
    int pos = 0;
    double periodSub = 0.0;
    double periodSum = 0.0;
    double trail = 0.0;
    std::vector<double> ring;
};

// DEMA = 2*e1 - e2 and TEMA = e3 + (3*e1 - 3*e2); each EMA level is seeded with
// the mean of the first n values of the level below.
template<int Levels>
struct MultiEma {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit MultiEma(int period)
        : e1(period)
        , e2(period)
        , e3(period)
    { }
    int lookback() const { return Levels * (e1.n - 1); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = kNaN;
        const double v1 = e1.step<C>(closeOf(b));
        if (std::isnan(v1))
            return;
        const double v2 = e2.step<C>(v1);
        if (std::isnan(v2))
            return;
        if constexpr (Levels == 2) {
            out[0] = (2.0 * v1) - v2;
        } else {
            const double v3 = e3.step<C>(v2);
            if (!std::isnan(v3))
                out[0] = v3 + ((3.0 * v1) - (3.0 * v2));
        }
    }
    bool steady() const { return Levels == 2 ? e2.steady() : e3.steady(); }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        return stepWhileValid<kFields>(bars, n, [&](const auto &b, std::size_t i) {
            const double v1 = e1.next(closeOf(b));
            const double v2 = e2.next(v1);
            if constexpr (Levels == 2)
                out[i] = (2.0 * v1) - v2;
            else
                out[i] = e3.next(v2) + ((3.0 * v1) - (3.0 * v2));
        });
    }
    EmaCore e1;
    EmaCore e2;
    EmaCore e3;
};

// TA_KAMA with fast 2 and slow 30 fixed; the running sum of |changes| is never
// recomputed, which is what makes the flat-stretch residue match TA-Lib.
struct Kama {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit Kama(int period)
        : n(period)
        , ring(std::size_t(period + 1))
    { }
    int lookback() const { return n; }
    // Input i steps ago (1 = previous); needs i <= n + 1 ... and count > i - 1.
    double ago(int i) const
    {
        int p = pos - i;
        if (p < 0)
            p += n + 1;
        return ring[std::size_t(p)];
    }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        static constexpr double kConstMax = 2.0 / (30.0 + 1.0);
        static constexpr double kConstDiff = 2.0 / (2.0 + 1.0) - kConstMax;
        const double x = closeOf(b);
        out[0] = kNaN;
        double sum = sumRoc;
        double k = kama;
        if (count >= 1 && count <= n) {
            sum += std::fabs(ago(1) - x);
        } else if (count > n) {
            // ago(n+1) is x_{t-n-1}, ago(n) is x_{t-n}
            sum -= std::fabs(ago(n + 1) - ago(n));
            sum += std::fabs(x - ago(1));
        }
        if (count >= n) {
            if (count == n)
                k = ago(1);  // seed: the close of row n-1
            const double periodRoc = x - ago(n);
            double er;
            if ((sum <= periodRoc) || (-1e-14 < sum && sum < 1e-14))
                er = 1.0;
            else
                er = std::fabs(periodRoc / sum);
            double sc = (er * kConstDiff) + kConstMax;
            sc *= sc;
            k = ((x - k) * sc) + k;
            out[0] = k;
        }
        if constexpr (C) {
            sumRoc = sum;
            kama = k;
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n + 1 ? 0 : pos + 1;
            if (count <= n)
                ++count;
        }
    }
    bool steady() const { return count > n; }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        static constexpr double kConstMax = 2.0 / (30.0 + 1.0);
        static constexpr double kConstDiff = 2.0 / (2.0 + 1.0) - kConstMax;
        double *__restrict out = outs[0];
        double *__restrict r = ring.data();
        const int size = n + 1;
        double sum = sumRoc;
        double k = kama;
        int p = pos;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const auto &b, std::size_t i) {
                  const double x = closeOf(b);
                  // r[p] is x_{t-n-1}; the slots after it hold x_{t-n} and, before p, x_{t-1}.
                  const int pOld = p + 1 == size ? 0 : p + 1;
                  const int pPrev = p == 0 ? size - 1 : p - 1;
                  const double oldest = r[p];
                  const double old = r[pOld];
                  sum -= std::fabs(oldest - old);
                  sum += std::fabs(x - r[pPrev]);
                  const double periodRoc = x - old;
                  double er;
                  if ((sum <= periodRoc) || (-1e-14 < sum && sum < 1e-14))
                      er = 1.0;
                  else
                      er = std::fabs(periodRoc / sum);
                  double sc = (er * kConstDiff) + kConstMax;
                  sc *= sc;
                  k = ((x - k) * sc) + k;
                  out[i] = k;
                  r[p] = x;
                  p = pOld;
              });
        sumRoc = sum;
        kama = k;
        pos = p;
        return done;
    }
    int n;
    int count = 0;
    int pos = 0;
    double sumRoc = 0.0;
    double kama = 0.0;
    std::vector<double> ring;  // the last n+1 inputs
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
    return makeIndicator(Wma(period));
}

std::unique_ptr<Indicator> makeDema(int period)
{
    return makeIndicator(MultiEma<2>(period));
}

std::unique_ptr<Indicator> makeTema(int period)
{
    return makeIndicator(MultiEma<3>(period));
}

std::unique_ptr<Indicator> makeKama(int period)
{
    return makeIndicator(Kama(period));
}

std::unique_ptr<Indicator> makeMacd(int fast, int slow, int signal)
{
    return makeIndicator(Macd(fast, slow, signal));
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
