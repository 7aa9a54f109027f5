#include "Pressure.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "indicators/Catalogue.h"

namespace wick::ind {

namespace {

inline bool isZero(double v)
{
    return -1e-14 < v && v < 1e-14;
}

// TA_BOP: (close - open) / (high - low), 0 when the range is below 1e-14.
struct Bop {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Ohlc;
    int lookback() const { return 0; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const double range = b.high - b.low;
        out[0] = range < 1e-14 ? 0.0 : (b.close - b.open) / range;
    }
};

// TA_IMI: the ups (close - open of rising bars) and downs (open - close of the
// others) of the last n bars summed afresh, oldest first, each row.
struct Imi {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Oc;
    explicit Imi(int period)
        : n(period)
        , ups(std::size_t(period - 1))
        , downs(std::size_t(period - 1))
    { }
    int lookback() const { return n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        // A bar adds to one side only: +0.0 on the other leaves its sum as it is.
        const bool rising = b.close > b.open;
        const double up = rising ? b.close - b.open : 0.0;
        const double down = rising ? 0.0 : b.open - b.close;
        const int keep = n - 1;
        out[0] = kNaN;
        if (count >= keep) {
            double upSum = 0.0;
            double downSum = 0.0;
            for (int j = 0; j < keep; ++j) {
                const std::size_t slot = std::size_t((pos + j) % keep);
                upSum += ups[slot];
                downSum += downs[slot];
            }
            upSum += up;
            downSum += down;
            out[0] = 100.0 * (upSum / (upSum + downSum));
        }
        if constexpr (C) {
            ups[std::size_t(pos)] = up;
            downs[std::size_t(pos)] = down;
            pos = pos + 1 == keep ? 0 : pos + 1;
            if (count < keep)
                ++count;
        }
    }
    int n;
    int count = 0;
    int pos = 0;  // the oldest slot once the ring is full
    std::vector<double> ups;
    std::vector<double> downs;
};

// TA_CMO: RSI's Wilder averages (`avg *= n-1; avg += change; avg /= n`, the
// first from the changes of rows 1..n), 100 * (gain - loss) / (gain + loss),
// 0 when gain + loss is within 1e-14 of 0.
struct Cmo {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit Cmo(int period)
        : n(period)
    { }
    int lookback() const { return n; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = kNaN;
        if (count == 0) {
            if constexpr (C) {
                prev = x;
                count = 1;
            }
            return;
        }
        const double d = x - prev;
        double g = gain;
        double l = loss;
        if (count > n) {
            g *= double(n - 1);
            l *= double(n - 1);
        }
        if (d < 0)
            l -= d;
        else
            g += d;
        if (count >= n) {
            g /= n;
            l /= n;
            const double t = g + l;
            out[0] = isZero(t) ? 0.0 : 100.0 * ((g - l) / t);
        }
        if constexpr (C) {
            gain = g;
            loss = l;
            prev = x;
            if (count <= n)
                ++count;
        }
    }
    int n;
    int count = 0;
    double prev = 0.0;
    double gain = 0.0;
    double loss = 0.0;
};

// TA_ULTOSC: per bar the close above the true low and the true range; three
// running sums of them over the periods (sorted: the shortest weighs 4, the
// middle 2, the longest 1). Each sum starts with the terms of the rows before
// the first output that fall in its period; at a row the term is added, the
// output read, and the term that leaves the period subtracted.
struct UltOsc {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hlc;
    UltOsc(int period1, int period2, int period3)
        : p {period1, period2, period3}
    {
        std::sort(std::begin(p), std::end(p));
        longest = p[2];
        aRing.assign(std::size_t(longest), 0.0);
        bRing.assign(std::size_t(longest), 0.0);
    }
    int lookback() const { return longest; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = kNaN;
        if (t == 0) {
            if constexpr (C) {
                prevClose = b.close;
                t = 1;
            }
            return;
        }
        const double trueLow = b.low < prevClose ? b.low : prevClose;
        const double aTerm = b.close - trueLow;
        double bTerm = b.high - b.low;
        const double up = std::fabs(prevClose - b.high);
        if (up > bTerm)
            bTerm = up;
        const double down = std::fabs(prevClose - b.low);
        if (down > bTerm)
            bTerm = down;
        double a[3];
        double s[3];
        for (int k = 0; k < 3; ++k) {
            const bool in = t >= longest - p[k] + 1;
            a[k] = in ? aTotal[k] + aTerm : aTotal[k];
            s[k] = in ? bTotal[k] + bTerm : bTotal[k];
        }
        if (t >= longest) {
            double sum = 0.0;
            if (!isZero(s[0]))
                sum += 4.0 * (a[0] / s[0]);
            if (!isZero(s[1]))
                sum += 2.0 * (a[1] / s[1]);
            if (!isZero(s[2]))
                sum += a[2] / s[2];
            out[0] = 100.0 * (sum / 7.0);
        }
        if constexpr (C) {
            const std::size_t slot = std::size_t(t % longest);
            aRing[slot] = aTerm;
            bRing[slot] = bTerm;
            for (int k = 0; k < 3; ++k) {
                if (t >= longest) {
                    const std::size_t leaving = std::size_t((t - p[k] + 1) % longest);
                    a[k] -= aRing[leaving];
                    s[k] -= bRing[leaving];
                }
                aTotal[k] = a[k];
                bTotal[k] = s[k];
            }
            prevClose = b.close;
            ++t;
        }
    }
    int p[3];
    int longest = 0;
    long long t = 0;  // index of the next bar
    double prevClose = 0.0;
    double aTotal[3] = {0.0, 0.0, 0.0};
    double bTotal[3] = {0.0, 0.0, 0.0};
    std::vector<double> aRing;  // the terms of the last `longest` bars by index
    std::vector<double> bRing;
};

}  // namespace

std::unique_ptr<Indicator> makeBop()
{
    return makeIndicator(Bop {});
}

std::unique_ptr<Indicator> makeImi(int period)
{
    return makeIndicator(Imi(period));
}

std::unique_ptr<Indicator> makeCmo(int period)
{
    return makeIndicator(Cmo(period));
}

std::unique_ptr<Indicator> makeUltOsc(int period1, int period2, int period3)
{
    return makeIndicator(UltOsc(period1, period2, period3));
}

std::vector<IndicatorInfo> pressureEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("BOP"), QStringLiteral("Balance Of Power"), G::Momentum, {}, oneOutput(),
            P::Pane, false, {0}, [](Params, const Context &) { return makeBop(); }},
        {QStringLiteral("IMI"), QStringLiteral("Intraday Momentum Index"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, false, {30, 70},
            [](Params p, const Context &) { return makeImi(int(p[0])); }},
        {QStringLiteral("CMO"), QStringLiteral("Chande Momentum Oscillator"), G::Momentum,
            {period(14)}, oneOutput(), P::Pane, true, {-50, 50},
            [](Params p, const Context &) { return makeCmo(int(p[0])); }},
        {QStringLiteral("ULTOSC"), QStringLiteral("Ultimate Oscillator"), G::Momentum,
            {named(u"period1", 7), named(u"period2", 14), named(u"period3", 28)}, oneOutput(),
            P::Pane, false, {30, 70},
            [](Params p, const Context &) { return makeUltOsc(int(p[0]), int(p[1]), int(p[2])); }},
    };
}

}  // namespace wick::ind
