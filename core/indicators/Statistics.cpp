// TA-Lib's statistic functions over a window: the least-squares line
// (LINEARREG, its angle, intercept and slope, TSF), AVGDEV, and the two-series
// BETA and CORREL (high as the first series, low as the second), with their
// catalogue entries.
#include <cmath>
#include <cstddef>
#include <vector>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

constexpr double kEpsilon = 1e-14;  // TA-Lib's TA_EPSILON

// The last n-1 values before the one being stepped, in a ring; ago(i) is the
// value i steps back (1 = previous), for i < n.
struct Window {
    explicit Window(int period)
        : n(period)
        , ring(std::size_t(period))
    { }
    double ago(int i) const
    {
        int p = pos - i;
        if (p < 0)
            p += n;
        return ring[std::size_t(p)];
    }
    void push(double x)
    {
        ring[std::size_t(pos)] = x;
        pos = pos + 1 == n ? 0 : pos + 1;
        if (count < n - 1)
            ++count;
    }
    bool full() const { return count >= n - 1; }
    int n;
    int count = 0;
    int pos = 0;
    std::vector<double> ring;
};

enum class Line { Value, Angle, Intercept, Slope, Forecast };

// TA_LINEARREG and relatives, recomputed over each window as TA-Lib does: x is
// the distance back from the newest value (the oldest has x = n-1), summed
// oldest first.
template<Line Kind>
struct LinearReg {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit LinearReg(int period)
        : window(period)
        , sumX(double(period * (period - 1)) * 0.5)
        , sumXSqr(double(period * (period - 1) * (2 * period - 1) / 6))
        , divisor(sumX * sumX - double(period) * sumXSqr)
    { }
    int lookback() const { return window.n - 1; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = kNaN;
        if (window.full()) {
            const int n = window.n;
            double sumXY = 0.0;
            double sumY = 0.0;
            for (int i = n - 1; i >= 0; --i) {
                const double v = i == 0 ? x : window.ago(i);
                sumY += v;
                sumXY += double(i) * v;
            }
            out[0] = line(sumXY, sumY);
        }
        if constexpr (C)
            window.push(x);
    }
    bool steady() const { return window.full(); }
    // The first n-1 rows of a call read the window's ring (closes of earlier
    // calls); later ones read their window straight from this call's rows (all
    // valid: the loop stops at the first NaN), in the same order, and the ring
    // gets the last n-1 closes back at the end.
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        const int n = window.n;
        const std::size_t back = std::size_t(n - 1);
        const std::size_t head = stepWhileValid<kFields>(bars, std::min(len, back),
            [&](const auto &b, std::size_t i) { step<true>(b, out + i); });
        if (head < back)
            return head;
        const std::size_t done = back
            + stepWhileValid<kFields>(bars + back, len - back, [&](const auto &, std::size_t j) {
                  const In *last = bars + j + back;  // the row stepped; n-1 before it
                  double sumXY = 0.0;
                  double sumY = 0.0;
                  for (int i = n - 1; i >= 0; --i) {
                      const double v = closeOf(*(last - i));
                      sumY += v;
                      sumXY += double(i) * v;
                  }
                  out[back + j] = line(sumXY, sumY);
              });
        if (done > back) {
            // Oldest first: ago(i) = ring[n-1-i] is the close i rows before the next one.
            for (std::size_t k = 0; k < back; ++k)
                window.ring[k] = closeOf(bars[done - back + k]);
            window.pos = n - 1;
        }
        return done;
    }
    // What the line gives from its sums.
    double line(double sumXY, double sumY) const
    {
        const int n = window.n;
        const double m = (double(n) * sumXY - sumX * sumY) / divisor;
        if constexpr (Kind == Line::Slope) {
            return m;
        } else if constexpr (Kind == Line::Angle) {
            return std::atan(m) * (180.0 / 3.14159265358979323846);
        } else {
            const double intercept = (sumY - m * sumX) / double(n);
            if constexpr (Kind == Line::Intercept)
                return intercept;
            else if constexpr (Kind == Line::Value)
                return intercept + m * double(n - 1);
            else
                return intercept + m * double(n);
        }
    }
    Window window;
    double sumX;
    double sumXSqr;
    double divisor;
};

// TA_AVGDEV: mean absolute deviation from the window's mean, both sums taken
// newest first and recomputed over each window.
struct AvgDev {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit AvgDev(int period)
        : window(period)
    { }
    int lookback() const { return window.n - 1; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = kNaN;
        if (window.full()) {
            const int n = window.n;
            double sum = 0.0;
            sum += x;
            for (int i = 1; i < n; ++i)
                sum += window.ago(i);
            const double mean = sum / n;
            double dev = 0.0;
            dev += std::fabs(x - mean);
            for (int i = 1; i < n; ++i)
                dev += std::fabs(window.ago(i) - mean);
            out[0] = dev / n;
        }
        if constexpr (C)
            window.push(x);
    }
    bool steady() const { return window.full(); }
    // The first n-1 rows of a call read the window; later rows read the n-1
    // before them in the call's own rows (all valid: the loop stops at the
    // first NaN), in the same order, and the window gets them back at the end.
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        const int n = window.n;
        const std::size_t reach = std::size_t(n - 1);
        const std::size_t head = stepWhileValid<kFields>(bars, std::min(len, reach),
            [&](const auto &b, std::size_t i) { step<true>(b, out + i); });
        if (head < reach)
            return head;
        const std::size_t done = reach
            + stepWhileValid<kFields>(bars + reach, len - reach, [&](const auto &b, std::size_t j) {
                  const In *at = bars + reach + j;  // at[-i] is ago(i)
                  const double x = closeOf(b);
                  double sum = 0.0;
                  sum += x;
                  for (int i = 1; i < n; ++i)
                      sum += closeOf(at[-i]);
                  const double mean = sum / n;
                  double dev = 0.0;
                  dev += std::fabs(x - mean);
                  for (int i = 1; i < n; ++i)
                      dev += std::fabs(closeOf(at[-i]) - mean);
                  out[reach + j] = dev / n;
              });
        const std::size_t keep = std::size_t(n);
        for (std::size_t i = std::max(reach, done > keep ? done - keep : 0); i < done; ++i)
            window.push(closeOf(bars[i]));
        return done;
    }
    Window window;
};

// TA_BETA of the high's returns (x) on the low's returns (y): running sums of
// the last n returns, a return 0 after a price within 1e-14 of 0.
struct Beta {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hl;
    explicit Beta(int period)
        : n(period)
        , xs(std::size_t(period))
        , ys(std::size_t(period))
    { }
    int lookback() const { return n; }
    static double change(double price, double last)
    {
        return (-kEpsilon < last && last < kEpsilon) ? 0.0 : (price - last) / last;
    }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = kNaN;
        if (bars == 0) {
            if constexpr (C) {
                lastX = b.high;
                lastY = b.low;
                bars = 1;
            }
            return;
        }
        const double x = change(b.high, lastX);
        const double y = change(b.low, lastY);
        double sxx = sXX + x * x;
        double sxy = sXY + x * y;
        double sx = sX + x;
        double sy = sY + y;
        const int next = pos + 1 == n ? 0 : pos + 1;
        if (bars >= n) {
            const double nn = n;
            const double d = (nn * sxx) - (sx * sx);
            out[0] = (-kEpsilon < d && d < kEpsilon) ? 0.0 : ((nn * sxy) - (sx * sy)) / d;
            // The oldest return of the window leaves the sums (x itself when n is 1).
            const double ox = n == 1 ? x : xs[std::size_t(next)];
            const double oy = n == 1 ? y : ys[std::size_t(next)];
            sxx -= ox * ox;
            sxy -= ox * oy;
            sx -= ox;
            sy -= oy;
        }
        if constexpr (C) {
            xs[std::size_t(pos)] = x;
            ys[std::size_t(pos)] = y;
            pos = next;
            sXX = sxx;
            sXY = sxy;
            sX = sx;
            sY = sy;
            lastX = b.high;
            lastY = b.low;
            if (bars < n)
                ++bars;
        }
    }
    int n;
    int bars = 0;  // bars seen, up to n
    int pos = 0;
    double lastX = 0.0;
    double lastY = 0.0;
    double sXX = 0.0;
    double sXY = 0.0;
    double sX = 0.0;
    double sY = 0.0;
    std::vector<double> xs;  // the last n returns
    std::vector<double> ys;
};

// TA_CORREL of high (x) and low (y): running sums over the window, the oldest
// pair subtracted before the newest is added.
struct Correl {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hl;
    explicit Correl(int period)
        : n(period)
        , xs(std::size_t(period))
        , ys(std::size_t(period))
    { }
    int lookback() const { return n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        const double x = b.high;
        const double y = b.low;
        Sums s = sums;
        if (count >= n) {
            const double tx = xs[std::size_t(pos)];
            const double ty = ys[std::size_t(pos)];
            s.x -= tx;
            s.x2 -= tx * tx;
            s.xy -= tx * ty;
            s.y -= ty;
            s.y2 -= ty * ty;
        }
        s.x += x;
        s.x2 += x * x;
        s.xy += x * y;
        s.y += y;
        s.y2 += y * y;
        out[0] = kNaN;
        if (count >= n - 1) {
            const double d = (s.x2 - ((s.x * s.x) / n)) * (s.y2 - ((s.y * s.y) / n));
            out[0] = d < kEpsilon ? 0.0 : (s.xy - ((s.x * s.y) / n)) / std::sqrt(d);
        }
        if constexpr (C) {
            sums = s;
            xs[std::size_t(pos)] = x;
            ys[std::size_t(pos)] = y;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count < n)
                ++count;
        }
    }
    struct Sums {
        double x = 0.0;
        double x2 = 0.0;
        double xy = 0.0;
        double y = 0.0;
        double y2 = 0.0;
    };
    int n;
    int count = 0;
    int pos = 0;
    Sums sums;
    std::vector<double> xs;  // the last n pairs
    std::vector<double> ys;
};

template<Line Kind>
std::unique_ptr<Indicator> makeLinearReg(int period)
{
    return makeIndicator(LinearReg<Kind>(period));
}

}  // namespace

std::vector<IndicatorInfo> statisticEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("LINEARREG"), QStringLiteral("Linear Regression"), G::Statistic,
            {period(14)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeLinearReg<Line::Value>(int(p[0])); }},
        {QStringLiteral("LINEARREG_ANGLE"), QStringLiteral("Linear Regression Angle"), G::Statistic,
            {period(14)}, oneOutput(), P::Pane, true, {0},
            [](Params p, const Context &) { return makeLinearReg<Line::Angle>(int(p[0])); }},
        {QStringLiteral("LINEARREG_INTERCEPT"), QStringLiteral("Linear Regression Intercept"),
            G::Statistic, {period(14)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeLinearReg<Line::Intercept>(int(p[0])); }},
        {QStringLiteral("LINEARREG_SLOPE"), QStringLiteral("Linear Regression Slope"), G::Statistic,
            {period(14)}, oneOutput(), P::Pane, true, {0},
            [](Params p, const Context &) { return makeLinearReg<Line::Slope>(int(p[0])); }},
        {QStringLiteral("TSF"), QStringLiteral("Time Series Forecast"), G::Statistic, {period(14)},
            oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeLinearReg<Line::Forecast>(int(p[0])); }},
        {QStringLiteral("AVGDEV"), QStringLiteral("Average Deviation"), G::PriceTransform,
            {period(14)}, oneOutput(), P::Pane, true, {},
            [](Params p, const Context &) { return makeIndicator(AvgDev(int(p[0]))); }},
        {QStringLiteral("BETA"), QStringLiteral("Beta (high on low)"), G::Statistic, {period(5, 1)},
            oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeIndicator(Beta(int(p[0]))); }},
        {QStringLiteral("CORREL"), QStringLiteral("Pearson's Correlation Coefficient (high, low)"),
            G::Statistic, {period(30, 1)}, oneOutput(), P::Pane, false, {},
            [](Params p, const Context &) { return makeIndicator(Correl(int(p[0]))); }},
    };
}

}  // namespace wick::ind
