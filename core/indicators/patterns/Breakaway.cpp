// Patterns built around a gap: CDLBREAKAWAY, CDLCONCEALBABYSWALL, CDLGAPSIDESIDEWHITE.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLBREAKAWAY: a long candle, a same-coloured one whose body gaps away, two more
// candles stepping on in that direction (the fourth of the same colour), then an
// opposite candle closing inside the gap (its colour).
struct Breakaway {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyLong, 4}}};
    static constexpr int kLookback = candlePeriod(S::BodyLong) + 4;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[4].body() > avg(S::BodyLong, 4) && c[4].color() == c[3].color()
            && c[3].color() == c[1].color() && c[1].color() == -c[0].color()
            && ((c[4].black() && bodyGapDown(c[3], c[4]) && c[2].high < c[3].high
                    && c[2].low < c[3].low && c[1].high < c[2].high && c[1].low < c[2].low
                    && c[0].close > c[3].open && c[0].close < c[4].close)
                || (c[4].white() && bodyGapUp(c[3], c[4]) && c[2].high > c[3].high
                    && c[2].low > c[3].low && c[1].high > c[2].high && c[1].low > c[2].low
                    && c[0].close < c[3].open && c[0].close > c[4].close)))
            return c[0].color() * 100;
        return 0;
    }
};

// CDLCONCEALBABYSWALL: two black marubozu, a black candle gapping down whose upper
// shadow reaches into the second body, then a black candle engulfing the third
// including its shadows (always 100).
struct ConcealBabySwallow {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::ShadowVeryShort, 3}, {S::ShadowVeryShort, 2}, {S::ShadowVeryShort, 1}}};
    static constexpr int kLookback = candlePeriod(S::ShadowVeryShort) + 3;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double veryShort3 = avg(S::ShadowVeryShort, 3);
        const double veryShort2 = avg(S::ShadowVeryShort, 2);
        if (c[3].black() && c[2].black() && c[1].black() && c[0].black()
            && c[3].lowerShadow() < veryShort3 && c[3].upperShadow() < veryShort3
            && c[2].lowerShadow() < veryShort2 && c[2].upperShadow() < veryShort2
            && bodyGapDown(c[1], c[2]) && c[1].upperShadow() > avg(S::ShadowVeryShort, 1)
            && c[1].high > c[2].close && c[0].high > c[1].high && c[0].low < c[1].low)
            return 100;
        return 0;
    }
};

// CDLGAPSIDESIDEWHITE: two white candles of about the same size and open, side by
// side, both gapping away from the candle before (100 up, -100 down).
struct GapSideSideWhite {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::Near, 1}, {S::Equal, 1}}};
    static constexpr int kLookback = candlePeriods({S::Near, S::Equal}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double near = avg(S::Near, 1);
        const double equal = avg(S::Equal, 1);
        const bool up = bodyGapUp(c[1], c[2]);
        if (((up && bodyGapUp(c[0], c[2])) || (bodyGapDown(c[1], c[2]) && bodyGapDown(c[0], c[2])))
            && c[1].white() && c[0].white() && c[0].body() >= c[1].body() - near
            && c[0].body() <= c[1].body() + near && c[0].open >= c[1].open - equal
            && c[0].open <= c[1].open + equal)
            return up ? 100 : -100;
        return 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> breakawayEntries()
{
    return {
        patternEntry<Breakaway>(u"CDLBREAKAWAY", u"Breakaway"),
        patternEntry<ConcealBabySwallow>(u"CDLCONCEALBABYSWALL", u"Concealing Baby Swallow"),
        patternEntry<GapSideSideWhite>(
            u"CDLGAPSIDESIDEWHITE", u"Up/Down-gap side-by-side white lines"),
    };
}

}  // namespace wick::ind
