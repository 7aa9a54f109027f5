#include "Volatility.h"

#include <cmath>

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
    int n;
    int count = 0;
    double prevClose = 0.0;
    double atr = 0.0;
};

// TA_INT_VAR: running sum and sum of squares; var = E[x^2] - mean^2, sd = 0
// when var < 1e-14 (TA-Lib's absolute epsilon).
struct Stddev {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    Stddev(int period, double deviations)
        : n(period)
        , dev(deviations)
        , ring(std::size_t(period))
    { }
    int lookback() const { return n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const double x = b.close;
        out[0] = kNaN;
        double s1 = sum + x;
        double s2 = sumSq + x * x;
        if (count >= n - 1) {
            const double mean1 = s1 / n;
            const double mean2 = s2 / n;
            const double var = mean2 - mean1 * mean1;
            if (var < 1e-14)
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
    int n;
    double dev;
    int count = 0;
    int pos = 0;
    double sum = 0.0;
    double sumSq = 0.0;
    std::vector<double> ring;
};

// TA_BBANDS with an SMA middle band: the deviation comes from its own running
// sum of squares minus the square of the middle band.
struct Bbands {
    static constexpr int kOutputs = 3;
    static constexpr BarFields kFields = BarFields::Close;
    Bbands(int period, double up, double down)
        : sma(period)
        , ring(std::size_t(period))
        , devUp(up)
        , devDown(down)
    { }
    int lookback() const { return sma.lookback(); }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const double x = b.close;
        const int n = sma.n;
        out[0] = out[1] = out[2] = kNaN;
        const double middle = sma.step<C>(x);
        double s2 = sumSq + x * x;
        if (count >= n - 1) {
            double mean2 = s2 / n;
            mean2 -= middle * middle;
            const double sd = mean2 < 1e-14 ? 0.0 : std::sqrt(mean2);
            out[0] = middle + sd * devUp;
            out[1] = middle;
            out[2] = middle - sd * devDown;
        }
        if constexpr (C) {
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count >= n - 1) {
                const double old = ring[std::size_t(pos)];
                s2 -= old * old;
            } else {
                ++count;
            }
            sumSq = s2;
        }
    }
    SmaCore sma;
    std::vector<double> ring;
    double devUp;
    double devDown;
    int count = 0;
    int pos = 0;
    double sumSq = 0.0;
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

std::unique_ptr<Indicator> makeBbands(int period, double up, double down)
{
    return makeIndicator(Bbands(period, up, down));
}

}  // namespace wick::ind
