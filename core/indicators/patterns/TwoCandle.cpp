// Two-candle reversals and their three-candle confirmations: CDLENGULFING.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLENGULFING: a body of the opposite colour that covers the previous one
// (100/-100; 80/-80 when one end of the bodies matches).
struct Engulfing {
    static constexpr std::array<CandleNeed, 0> kNeeds {};
    static constexpr int kLookback = 2;
    int evaluate(const CandleView &c, const CandleAverages &) const
    {
        const Candle &a = c[1];
        const Candle &b = c[0];
        const bool bullish = b.white() && a.black()
            && ((b.close >= a.open && b.open < a.close) || (b.close > a.open && b.open <= a.close));
        const bool bearish = b.black() && a.white()
            && ((b.open >= a.close && b.close < a.open) || (b.open > a.close && b.close <= a.open));
        if (!bullish && !bearish)
            return 0;
        return b.color() * (b.open != a.close && b.close != a.open ? 100 : 80);
    }
};

}  // namespace

std::vector<IndicatorInfo> twoCandleEntries()
{
    return {
        patternEntry<Engulfing>(u"CDLENGULFING", u"Engulfing Pattern"),
    };
}

}  // namespace wick::ind
