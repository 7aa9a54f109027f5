// Five-candle reversals and continuations: CDLLADDERBOTTOM, CDLMATHOLD,
// CDLRISEFALL3METHODS.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLLADDERBOTTOM: three falling black candles, a black one with an upper shadow, then
// a white candle opening above its open and closing above its high.
struct LadderBottom {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::ShadowVeryShort, 1}}};
    static constexpr int kLookback = candlePeriod(S::ShadowVeryShort) + 4;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // Three black candles bitwise (even odds each), the rest after them.
        return (c[4].black() & c[3].black() & c[2].black()) && c[4].open > c[3].open
                && c[3].open > c[2].open && c[4].close > c[3].close && c[3].close > c[2].close
                && c[1].black() && c[1].upperShadow() > avg(S::ShadowVeryShort, 1) && c[0].white()
                && c[0].open > c[1].open && c[0].close > c[1].high
            ? 100
            : 0;
    }
};

// CDLMATHOLD: a long white candle, a small black one gapping up, two small candles
// holding within the first body (above `penetration` of it), then a white candle
// closing above the three small ones.
struct MatHold {
    double penetration = 0.5;
    static constexpr std::array<CandleNeed, 4> kNeeds {
        {{S::BodyLong, 4}, {S::BodyShort, 3}, {S::BodyShort, 2}, {S::BodyShort, 1}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 4;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double floor = c[4].close - c[4].body() * penetration;
        return c[4].body() > avg(S::BodyLong, 4) && c[3].body() < avg(S::BodyShort, 3)
                && c[2].body() < avg(S::BodyShort, 2) && c[1].body() < avg(S::BodyShort, 1)
                && c[4].white() && c[3].black() && c[0].white() && bodyGapUp(c[3], c[4])
                && c[2].bodyBottom() < c[4].close && c[1].bodyBottom() < c[4].close
                && c[2].bodyBottom() > floor && c[1].bodyBottom() > floor
                && c[2].bodyTop() < c[3].open && c[1].bodyTop() < c[2].bodyTop()
                && c[0].open > c[1].close
                && c[0].close > std::max(std::max(c[3].high, c[2].high), c[1].high)
            ? 100
            : 0;
    }
};

// CDLRISEFALL3METHODS: a long candle, three small ones against it within its range,
// then a long one of the first colour closing beyond the first close (sign = colour).
struct RiseFall3Methods {
    static constexpr std::array<CandleNeed, 5> kNeeds {{{S::BodyLong, 4}, {S::BodyShort, 3},
        {S::BodyShort, 2}, {S::BodyShort, 1}, {S::BodyLong, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 4;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (!(c[4].body() > avg(S::BodyLong, 4) && c[3].body() < avg(S::BodyShort, 3)
                && c[2].body() < avg(S::BodyShort, 2) && c[1].body() < avg(S::BodyShort, 1)
                && c[0].body() > avg(S::BodyLong, 0) && c[4].color() == -c[3].color()
                && c[3].color() == c[2].color() && c[2].color() == c[1].color()
                && c[1].color() == -c[0].color()))
            return 0;
        for (int k = 3; k >= 1; --k) {
            if (!(c[k].bodyBottom() < c[4].high && c[k].bodyTop() > c[4].low))
                return 0;
        }
        const double sign = double(c[4].color());
        return c[2].close * sign < c[3].close * sign && c[1].close * sign < c[2].close * sign
                && c[0].open * sign > c[1].close * sign && c[0].close * sign > c[4].close * sign
            ? 100 * c[4].color()
            : 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> fiveCandleEntries()
{
    return {
        patternEntry<LadderBottom>(u"CDLLADDERBOTTOM", u"Ladder Bottom"),
        penetrationPatternEntry<MatHold>(u"CDLMATHOLD", u"Mat Hold", 0.5),
        patternEntry<RiseFall3Methods>(u"CDLRISEFALL3METHODS", u"Rising/Falling Three Methods"),
    };
}

}  // namespace wick::ind
