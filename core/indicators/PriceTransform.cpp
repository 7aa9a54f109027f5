// TA-Lib's price transforms (AVGPRICE, MEDPRICE, TYPPRICE, WCLPRICE) and the
// window midpoints MIDPOINT and MIDPRICE, with their catalogue entries.
#include <cstddef>

#include "indicators/Catalogue.h"
#include "indicators/Windows.h"

namespace wick::ind {

namespace {

// The operand order of each is TA-Lib's (left to right).
double avgPrice(const Bar &b)
{
    return (b.high + b.low + b.close + b.open) / 4.0;
}

double medPrice(const Bar &b)
{
    return (b.high + b.low) / 2.0;
}

double typPrice(const Bar &b)
{
    return (b.high + b.low + b.close) / 3.0;
}

double wclPrice(const Bar &b)
{
    return (b.high + b.low + (b.close * 2.0)) / 4.0;
}

// One value per bar from the bar alone.
template<BarFields F, double (*Price)(const Bar &)>
struct Transform {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = F;
    int lookback() const { return 0; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = Price(b);
    }
    static constexpr bool steady() { return true; }
    template<class Rows>
    std::size_t runSteady(Rows bars, std::size_t n, double *const *outs)
    {
        // No check per row: a NaN in a field read gives a NaN price, which is
        // the NaN rule's row, and there is no state to keep it out of.
        double *__restrict out = outs[0];
        for (std::size_t i = 0; i < n; ++i)
            out[i] = Price(bars[std::ptrdiff_t(i)]);
        return n;
    }
};

// TA_MIDPOINT: (highest + lowest) / 2 of the last n values.
struct MidPoint {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Close;
    explicit MidPoint(int period)
        : n(period)
        , highest(period)
        , lowest(period)
    { }
    int lookback() const { return n - 1; }
    template<bool C, class In>
    void step(const In &b, double *out)
    {
        const double x = closeOf(b);
        out[0] = kNaN;
        if constexpr (C) {
            const double h = highest.push(x);
            const double l = lowest.push(x);
            if (count < n - 1)
                ++count;
            else
                out[0] = (h + l) / 2.0;
        } else if (count >= n - 1) {
            out[0] = (highest.with(x) + lowest.with(x)) / 2.0;
        }
    }
    int n;
    int count = 0;
    ExtremeWindow<true> highest;
    ExtremeWindow<false> lowest;
};

// TA_MIDPRICE: (highest high + lowest low) / 2 of the last n bars.
struct MidPrice {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Hl;
    explicit MidPrice(int period)
        : n(period)
        , highest(period)
        , lowest(period)
    { }
    int lookback() const { return n - 1; }
    template<bool C>
    void step(const Bar &b, double *out)
    {
        out[0] = kNaN;
        if constexpr (C) {
            const double h = highest.push(b.high);
            const double l = lowest.push(b.low);
            if (count < n - 1)
                ++count;
            else
                out[0] = (h + l) / 2.0;
        } else if (count >= n - 1) {
            out[0] = (highest.with(b.high) + lowest.with(b.low)) / 2.0;
        }
    }
    int n;
    int count = 0;
    ExtremeWindow<true> highest;
    ExtremeWindow<false> lowest;
};

template<BarFields F, double (*Price)(const Bar &)>
std::unique_ptr<Indicator> makeTransform()
{
    return makeIndicator(Transform<F, Price> {});
}

}  // namespace

std::vector<IndicatorInfo> priceTransformEntries()
{
    using G = IndicatorGroup;
    using P = IndicatorPlacement;
    return {
        {QStringLiteral("AVGPRICE"), QStringLiteral("Average Price"), G::PriceTransform, {},
            oneOutput(), P::Overlay, false, {},
            [](Params, const Context &) { return makeTransform<BarFields::Ohlc, avgPrice>(); }},
        {QStringLiteral("MEDPRICE"), QStringLiteral("Median Price"), G::PriceTransform, {},
            oneOutput(), P::Overlay, false, {},
            [](Params, const Context &) { return makeTransform<BarFields::Hl, medPrice>(); }},
        {QStringLiteral("TYPPRICE"), QStringLiteral("Typical Price"), G::PriceTransform, {},
            oneOutput(), P::Overlay, false, {},
            [](Params, const Context &) { return makeTransform<BarFields::Hlc, typPrice>(); }},
        {QStringLiteral("WCLPRICE"), QStringLiteral("Weighted Close Price"), G::PriceTransform, {},
            oneOutput(), P::Overlay, false, {},
            [](Params, const Context &) { return makeTransform<BarFields::Hlc, wclPrice>(); }},
        {QStringLiteral("MIDPOINT"), QStringLiteral("MidPoint over period"), G::Overlap,
            {period(14)}, oneOutput(), P::Overlay, true, {},
            [](Params p, const Context &) { return makeIndicator(MidPoint(int(p[0]))); }},
        {QStringLiteral("MIDPRICE"), QStringLiteral("Midpoint Price over period"), G::Overlap,
            {period(14)}, oneOutput(), P::Overlay, false, {},
            [](Params p, const Context &) { return makeIndicator(MidPrice(int(p[0]))); }},
    };
}

}  // namespace wick::ind
