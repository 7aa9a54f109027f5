#include "Volatility.h"

#include <algorithm>
#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/MaType.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

inline double trueRange(double high, double low, double prevClose)
{
    double greatest = high - low;
    const double a = std::fabs(prevClose - high);
    if (a > greatest)
        greatest = a;
    const double b = std::fabs(prevClose - low);
    if (b > greatest)
        greatest = b;
    return greatest;
}

struct Trange {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    int lookback() const { return 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = started ? trueRange(b.high, b.low, prevClose) : kNaN;
        if constexpr (C) {
            prevClose = b.close;
            started = true;
        }
    }
    bool steady() const { return started; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        double *__restrict out = outs[0];
        double prev = prevClose;
        const std::size_t done = stepWhileValid<kFields>(bars, n, [&](const Bar &b, std::size_t i) {
            out[i] = trueRange(b.high, b.low, prev);
            prev = b.close;
        });
        prevClose = prev;
        return done;
    }
    double prevClose = 0.0;
    bool started = false;
};

// TA_ATR: seed = plain mean of TR rows 1..n, then `atr *= n-1; atr += tr; atr /= n`.
// NATR is (atr / close) * 100.
template<bool Normalised>
struct Atr {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Atr(int period)
        : n(period)
    { }
    int lookback() const { return n; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = kNaN;
        double a = atr;
        if (count > 0) {
            const double tr = trueRange(b.high, b.low, prevClose);
            if (count > n) {
                a *= double(n - 1);
                a += tr;
                a /= n;
            } else {
                a += tr;  // the seed sum
                if (count == n)
                    a /= n;
            }
            if (count >= n) {
                if constexpr (Normalised)
                    out[0] = (-1e-14 < b.close && b.close < 1e-14) ? 0.0 : (a / b.close) * 100.0;
                else
                    out[0] = a;
            }
        }
        if constexpr (C) {
            atr = a;
            prevClose = b.close;
            if (count <= n)
                ++count;
        }
    }
    bool steady() const { return count > n; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        const double keep = double(n - 1);
        const double divisor = n;
        double a = atr;
        double prev = prevClose;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const Bar &b, std::size_t i) {
                  const double tr = trueRange(b.high, b.low, prev);
                  a *= keep;
                  a += tr;
                  a /= divisor;
                  if constexpr (Normalised)
                      out[i] = (-1e-14 < b.close && b.close < 1e-14) ? 0.0 : (a / b.close) * 100.0;
                  else
                      out[i] = a;
                  prev = b.close;
              });
        atr = a;
        prevClose = prev;
        return done;
    }
    int n;
    int count = 0;
    double prevClose = 0.0;
    double atr = 0.0;
};

// TA_INT_VAR: running sum and sum of squares; var = E[x^2] - mean^2 (VAR's
// output), sd = 0 when var < 1e-14 (TA-Lib's absolute epsilon).
struct Stddev {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    Stddev(int period, double deviations, bool var = false)
        : n(period)
        , dev(deviations)
        , variance(var)
        , ring(std::size_t(period))
    { }
    int lookback() const { return n - 1; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = kNaN;
        double s1 = sum + x;
        double s2 = sumSq + x * x;
        if (count >= n - 1) {
            const double mean1 = s1 / n;
            const double mean2 = s2 / n;
            const double var = mean2 - mean1 * mean1;
            if (variance)
                out[0] = var;
            else if (var < 1e-14)
                out[0] = 0.0;
            else
                out[0] = dev == 1.0 ? std::sqrt(var) : std::sqrt(var) * dev;
        }
        if constexpr (C) {
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count >= n - 1) {
                const double old = ring[std::size_t(pos)];
                s1 -= old;
                s2 -= old * old;
            } else {
                ++count;
            }
            sum = s1;
            sumSq = s2;
        }
    }
    bool steady() const { return count >= n - 1; }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        double *__restrict r = ring.data();
        const double divisor = n;
        const bool scaled = dev != 1.0;
        double s1 = sum;
        double s2 = sumSq;
        int p = pos;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const auto &b, std::size_t i) {
                  const double x = closeOf(b);
                  s1 += x;
                  s2 += x * x;
                  const Quotients means = divideBoth(s1, s2, divisor);
                  const double mean1 = means.first;
                  const double mean2 = means.second;
                  const double var = mean2 - mean1 * mean1;
                  if (variance)
                      out[i] = var;
                  else if (var < 1e-14)
                      out[i] = 0.0;
                  else
                      out[i] = scaled ? std::sqrt(var) * dev : std::sqrt(var);
                  r[p] = x;
                  p = p + 1 == n ? 0 : p + 1;
                  const double old = r[p];
                  s1 -= old;
                  s2 -= old * old;
              });
        sum = s1;
        sumSq = s2;
        pos = p;
        return done;
    }
    int n;
    double dev;
    bool variance;  // VAR: the variance itself, without the 1e-14 floor
    int count = 0;
    int pos = 0;
    double sum = 0.0;
    double sumSq = 0.0;
    std::vector<double> ring;
};

// TA_BBANDS with an SMA middle band: the deviation comes from its own running
// sum of squares minus the square of the middle band. The squares' oldest input
// is the one the SMA drops, so the SMA's ring serves both.
struct Bbands {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Close;
    Bbands(int period, double up, double down)
        : sma(period)
        , devUp(up)
        , devDown(down)
    { }
    int lookback() const { return sma.lookback(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        const bool warm = sma.steady();
        out[0] = out[1] = out[2] = kNaN;
        const double middle = sma.step<C>(x);
        double s2 = sumSq + x * x;
        if (warm) {
            double mean2 = s2 / sma.divisor;
            mean2 -= middle * middle;
            const double sd = mean2 < 1e-14 ? 0.0 : std::sqrt(mean2);
            out[0] = middle + sd * devUp;
            out[1] = middle;
            out[2] = middle - sd * devDown;
        }
        if constexpr (C) {
            if (warm) {
                // The SMA has moved on: its next slot holds the input it just dropped.
                const double old = sma.ring[std::size_t(sma.pos)];
                s2 -= old * old;
            }
            sumSq = s2;
        }
    }
    bool steady() const { return sma.steady(); }
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict upper = outs[0];
        double *__restrict mid = outs[1];
        double *__restrict lower = outs[2];
        double *__restrict r = sma.ring.data();
        const int n = sma.n;
        const double divisor = sma.divisor;
        double s1 = sma.sum;
        double s2 = sumSq;
        int p = sma.pos;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const auto &b, std::size_t i) {
                  const double x = closeOf(b);
                  s1 += x;
                  s2 += x * x;
                  const Quotients means = divideBoth(s1, s2, divisor);
                  const double middle = means.first;
                  double mean2 = means.second;
                  mean2 -= middle * middle;
                  const double sd = mean2 < 1e-14 ? 0.0 : std::sqrt(mean2);
                  upper[i] = middle + sd * devUp;
                  mid[i] = middle;
                  lower[i] = middle - sd * devDown;
                  r[p] = x;
                  p = p + 1 == n ? 0 : p + 1;
                  const double old = r[p];
                  s1 -= old;
                  s2 -= old * old;
              });
        sma.sum = s1;
        sma.pos = p;
        sumSq = s2;
        return done;
    }
    SmaCore sma;
    double devUp;
    double devDown;
    double sumSq = 0.0;
};

// TA_BBANDS with another middle band: TA_MA of that type, and TA_STDDEV(n, 1)
// called from the MA's first output, so its running sums start n-1 rows before
// it (after `skip` inputs), not at the first input.
struct BbandsMa {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Close;
    BbandsMa(MaType type, int period, double up, double down)
        : ma(type, period)
        , sd(period, 1.0)
        , devUp(up)
        , devDown(down)
        , skip(std::max(0, ma.lookback() - (period - 1)))
    { }
    int lookback() const { return ma.lookback(); }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = out[1] = out[2] = kNaN;
        const double middle = ma.step<C>(x);
        double dev = kNaN;
        if (seen >= skip)
            sd.step<C>(x, &dev);
        else if constexpr (C)
            ++seen;
        if (std::isnan(middle))
            return;
        out[0] = middle + dev * devUp;
        out[1] = middle;
        out[2] = middle - dev * devDown;
    }
    MaCore ma;
    Stddev sd;
    double devUp;
    double devDown;
    int skip;
    int seen = 0;
};

// TA_ACCBANDS: SMAs of high*(1 + f) and low*(1 - f), f = 4*(high-low)/(high+low)
// (the bare high and low when high+low is within 1e-14 of 0), around the SMA
// of the close.
struct Accbands {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Hlc;
    explicit Accbands(int period)
        : upper(period)
        , middle(period)
        , lower(period)
    { }
    int lookback() const { return middle.lookback(); }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        double up = b.high;
        double down = b.low;
        const double total = b.high + b.low;
        if (!(-1e-14 < total && total < 1e-14)) {
            const double f = 4.0 * (b.high - b.low) / total;
            up = b.high * (1.0 + f);
            down = b.low * (1.0 - f);
        }
        out[0] = upper.step<C>(up);
        out[1] = middle.step<C>(b.close);
        out[2] = lower.step<C>(down);
    }
    SmaCore upper;
    SmaCore middle;
    SmaCore lower;
};

}  // namespace

std::unique_ptr<Indicator> makeTrange()
{
    return makeIndicator(Trange {});
}

std::unique_ptr<Indicator> makeAtr(int period)
{
    return makeIndicator(Atr<false>(period));
}

std::unique_ptr<Indicator> makeNatr(int period)
{
    return makeIndicator(Atr<true>(period));
}

std::unique_ptr<Indicator> makeStddev(int period, double deviations)
{
    return makeIndicator(Stddev(period, deviations));
}

std::unique_ptr<Indicator> makeVar(int period)
{
    return makeIndicator(Stddev(period, 1.0, true));
}

std::unique_ptr<Indicator> makeAccbands(int period)
{
    return makeIndicator(Accbands(period));
}

std::unique_ptr<Indicator> makeBbands(int period, double up, double down, MaType type)
{
    // TA-Lib's SMA case computes the deviation from the middle band itself.
    if (type == MaType::Sma)
        return makeIndicator(Bbands(period, up, down));
    return makeIndicator(BbandsMa(type, period, up, down));
}

std::vector<IndicatorInfo> volatilityEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("BBANDS"), QStringLiteral("Bollinger Bands"), G::Overlap,
            {period(5), real(u"nbdevup", 2, 0, 100), real(u"nbdevdn", 2, 0, 100),
                maTypeParam(u"matype")},
            {QStringLiteral("upper"), QStringLiteral("middle"), QStringLiteral("lower")},
            P::Overlay, true, {},
            [](Params p, const Context &) {
                return makeBbands(int(p[0]), p[1], p[2], MaType(int(p[3])));
            },
            [](Params p) { return maTypeProblem(p[3]); }},
        {QStringLiteral("ACCBANDS"), QStringLiteral("Acceleration Bands"), G::Overlap, {period(20)},
            {QStringLiteral("upperband"), QStringLiteral("middleband"),
                QStringLiteral("lowerband")},
            P::Overlay, false, {},
            [](Params p, const Context &) { return makeAccbands(int(p[0])); }},
        {QStringLiteral("ATR"), QStringLiteral("Average True Range"), G::Volatility,
            {period(14, 1)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeAtr(int(p[0])); }},
        {QStringLiteral("NATR"), QStringLiteral("Normalized Average True Range"), G::Volatility,
            {period(14, 1)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeNatr(int(p[0])); }},
        {QStringLiteral("TRANGE"), QStringLiteral("True Range"), G::Volatility, {}, oneOutput(),
            P::Pane, false, {}, [](Params, const Context &) { return makeTrange(); }},
        {QStringLiteral("STDDEV"), QStringLiteral("Standard Deviation"), G::Statistic,
            {period(5), real(u"nbdev", 1, 0, 100)}, oneOutput(), P::Pane, true, {},
            [](Params p, const Context &) { return makeStddev(int(p[0]), p[1]); }},
        {QStringLiteral("VAR"), QStringLiteral("Variance"), G::Statistic,
            {period(5, 1), real(u"nbdev", 1, -3e37, 3e37)}, oneOutput(), P::Pane, true, {},
            [](Params p, const Context &) { return makeVar(int(p[0])); }},
    };
}

}  // namespace wick::ind
