#include "RateOfChange.h"

#include <cmath>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

enum class ChangeKind { Mom, Roc, Rocp, Rocr, Rocr100 };

// TA_MOM, TA_ROC, TA_ROCP, TA_ROCR, TA_ROCR100 in TA-Lib's own forms; the
// ratios are 0 when the old value is exactly 0.
template<ChangeKind K>
inline double changeOf(double x, double old)
{
    if constexpr (K == ChangeKind::Mom)
        return x - old;
    else if constexpr (K == ChangeKind::Roc)
        return old != 0.0 ? ((x / old) - 1.0) * 100.0 : 0.0;
    else if constexpr (K == ChangeKind::Rocp)
        return old != 0.0 ? (x - old) / old : 0.0;
    else if constexpr (K == ChangeKind::Rocr)
        return old != 0.0 ? (x / old) : 0.0;
    else
        return old != 0.0 ? (x / old) * 100.0 : 0.0;
}

// The close n bars ago is kept in a ring of n.
template<ChangeKind K>
struct Change {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit Change(int period)
        : n(period)
        , ring(std::size_t(period))
    { }
    int lookback() const { return n; }
    // x - old, or x / old scaled, with old fixed until the next close.
    CloseResponse closeResponse(int) const
    {
        return K == ChangeKind::Mom ? CloseResponse::AffineIncreasing : CloseResponse::Affine;
    }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = count >= n ? changeOf<K>(x, ring[std::size_t(pos)]) : kNaN;
        if constexpr (C) {
            ring[std::size_t(pos)] = x;
            pos = pos + 1 == n ? 0 : pos + 1;
            if (count < n)
                ++count;
        }
    }
    bool steady() const { return count >= n; }
    // The first n rows of a call take the old value from the ring (closes of
    // earlier calls); later ones read it n rows back in this call's own rows
    // (all valid: the loop stops at the first NaN), and the ring gets the
    // last n closes back at the end.
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        double *__restrict r = ring.data();
        const std::size_t back = std::size_t(n);
        int p = pos;
        const std::size_t head
            = stepWhileValid<kFields>(bars, std::min(len, back), [&](const auto &b, std::size_t i) {
                  const double x = closeOf(b);
                  out[i] = changeOf<K>(x, r[p]);
                  r[p] = x;
                  p = p + 1 == n ? 0 : p + 1;
              });
        pos = p;
        if (head < back)
            return head;
        const std::size_t done = back
            + stepWhileValid<kFields>(bars + back, len - back, [&](const auto &b, std::size_t i) {
                  out[back + i] = changeOf<K>(closeOf(b), closeOf(bars[i]));
              });
        if (done > back) {
            // Oldest first from pos 0: ring[k] is the close n - k rows before the next one.
            for (std::size_t k = 0; k < back; ++k)
                r[k] = closeOf(bars[done - back + k]);
            pos = 0;
        }
        return done;
    }
    int n;
    int count = 0;
    int pos = 0;
    std::vector<double> ring;
};

// TA_TRIX: EMA(EMA(EMA(close))), each level seeded with the mean of its first
// n inputs, then ROC(1) of the third level.
struct Trix {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit Trix(int period)
        : e1(period)
        , e2(period)
        , e3(period)
    { }
    int lookback() const { return 3 * e1.lookback() + 1; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        out[0] = kNaN;
        const double a = e1.step<C>(closeOf(b));
        if (std::isnan(a))
            return;
        const double m = e2.step<C>(a);
        if (std::isnan(m))
            return;
        const double z = e3.step<C>(m);
        if (std::isnan(z))
            return;
        if (havePrev)
            out[0] = changeOf<ChangeKind::Roc>(z, prev);
        if constexpr (C) {
            prev = z;
            havePrev = true;
        }
    }
    bool steady() const { return havePrev; }  // and so are the three levels
    template<class In>
    std::size_t runSteady(const In *bars, std::size_t len, double *const *outs)
    {
        double *__restrict out = outs[0];
        double p = prev;
        const std::size_t done
            = stepWhileValid<kFields>(bars, len, [&](const auto &b, std::size_t i) {
                  const double z = e3.next(e2.next(e1.next(closeOf(b))));
                  out[i] = changeOf<ChangeKind::Roc>(z, p);
                  p = z;
              });
        prev = p;
        return done;
    }
    EmaCore e1;
    EmaCore e2;
    EmaCore e3;
    bool havePrev = false;
    double prev = 0.0;
};

}  // namespace

std::unique_ptr<Indicator> makeMom(int period)
{
    return makeIndicator(Change<ChangeKind::Mom>(period));
}

std::unique_ptr<Indicator> makeRoc(int period)
{
    return makeIndicator(Change<ChangeKind::Roc>(period));
}

std::unique_ptr<Indicator> makeRocp(int period)
{
    return makeIndicator(Change<ChangeKind::Rocp>(period));
}

std::unique_ptr<Indicator> makeRocr(int period)
{
    return makeIndicator(Change<ChangeKind::Rocr>(period));
}

std::unique_ptr<Indicator> makeRocr100(int period)
{
    return makeIndicator(Change<ChangeKind::Rocr100>(period));
}

std::unique_ptr<Indicator> makeTrix(int period)
{
    return makeIndicator(Trix(period));
}

std::vector<IndicatorInfo> rateOfChangeEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("ROC"), QStringLiteral("Rate of Change"), G::Momentum, {period(10, 1)},
            oneOutput(), P::Pane, true, {0},
            [](Params p, const Context &) { return makeRoc(int(p[0])); }},
        {QStringLiteral("MOM"), QStringLiteral("Momentum"), G::Momentum, {period(10, 1)},
            oneOutput(), P::Pane, true, {0},
            [](Params p, const Context &) { return makeMom(int(p[0])); }},
        {QStringLiteral("ROCP"), QStringLiteral("Rate of Change Percentage"), G::Momentum,
            {period(10, 1)}, oneOutput(), P::Pane, true, {0},
            [](Params p, const Context &) { return makeRocp(int(p[0])); }},
        {QStringLiteral("ROCR"), QStringLiteral("Rate of Change Ratio"), G::Momentum,
            {period(10, 1)}, oneOutput(), P::Pane, true, {1},
            [](Params p, const Context &) { return makeRocr(int(p[0])); }},
        {QStringLiteral("ROCR100"), QStringLiteral("Rate of Change Ratio 100 Scale"), G::Momentum,
            {period(10, 1)}, oneOutput(), P::Pane, true, {100},
            [](Params p, const Context &) { return makeRocr100(int(p[0])); }},
        {QStringLiteral("TRIX"), QStringLiteral("1-day Rate-Of-Change of a Triple Smooth EMA"),
            G::Momentum, {period(30)}, oneOutput(), P::Pane, true, {0},
            [](Params p, const Context &) { return makeTrix(int(p[0])); }},
    };
}

}  // namespace wick::ind
