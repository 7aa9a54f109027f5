// Star patterns (a small middle candle set apart from its neighbours):
// CDLABANDONEDBABY, CDLEVENINGDOJISTAR, CDLEVENINGSTAR, CDL3STARSINSOUTH.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLABANDONEDBABY: a long body, a doji whose whole range gaps away from it, then a
// body of the opposite colour gapping back and closing more than `penetration` of
// the first body inside it (100 bottom, -100 top).
struct AbandonedBaby {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::BodyLong, 2}, {S::BodyDoji, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::BodyLong, S::BodyShort}) + 2;
    double penetration = 0.3;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[2].body() > avg(S::BodyLong, 2) && c[1].body() <= avg(S::BodyDoji, 1)
            && c[0].body() > avg(S::BodyShort, 0)
            && ((c[2].white() && c[0].black() && c[0].close < c[2].close - c[2].body() * penetration
                    && candleGapUp(c[1], c[2]) && candleGapDown(c[0], c[1]))
                || (c[2].black() && c[0].white()
                    && c[0].close > c[2].close + c[2].body() * penetration
                    && candleGapDown(c[1], c[2]) && candleGapUp(c[0], c[1]))))
            return c[0].color() * 100;
        return 0;
    }
};

// CDLEVENINGDOJISTAR: a long white body, a doji gapping up, then a black body that
// is not short and closes more than `penetration` of the first body into it.
struct EveningDojiStar {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::BodyLong, 2}, {S::BodyDoji, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::BodyLong, S::BodyShort}) + 2;
    double penetration = 0.3;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[2].body() > avg(S::BodyLong, 2) && c[2].white() && c[1].body() <= avg(S::BodyDoji, 1)
            && bodyGapUp(c[1], c[2]) && c[0].body() > avg(S::BodyShort, 0) && c[0].black()
            && c[0].close < c[2].close - c[2].body() * penetration)
            return -100;
        return 0;
    }
};

// CDLEVENINGSTAR: as CDLEVENINGDOJISTAR with a short body instead of the doji.
struct EveningStar {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::BodyLong, 2}, {S::BodyShort, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 2;
    double penetration = 0.3;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[2].body() > avg(S::BodyLong, 2) && c[2].white() && c[1].body() <= avg(S::BodyShort, 1)
            && bodyGapUp(c[1], c[2]) && c[0].body() > avg(S::BodyShort, 0) && c[0].black()
            && c[0].close < c[2].close - c[2].body() * penetration)
            return -100;
        return 0;
    }
};

// CDL3STARSINSOUTH: three black candles: a long one with a long lower shadow, a
// smaller one opening above its close whose low stays above the first's low, then
// a small marubozu inside the second's range (always 100).
struct ThreeStarsInSouth {
    static constexpr std::array<CandleNeed, 4> kNeeds {
        {{S::BodyLong, 2}, {S::ShadowVeryShort, 1}, {S::ShadowVeryShort, 0}, {S::BodyShort, 0}}};
    static constexpr int kLookback
        = candlePeriods({S::ShadowVeryShort, S::ShadowLong, S::BodyLong, S::BodyShort}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[2].black() && c[1].black() && c[0].black() && c[2].body() > avg(S::BodyLong, 2)
            && c[2].lowerShadow() > avg(S::ShadowLong, 2) && c[1].body() < c[2].body()
            && c[1].open > c[2].close && c[1].open <= c[2].high && c[1].low < c[2].close
            && c[1].low >= c[2].low && c[1].lowerShadow() > avg(S::ShadowVeryShort, 1)
            && c[0].body() < avg(S::BodyShort, 0) && c[0].lowerShadow() < avg(S::ShadowVeryShort, 0)
            && c[0].upperShadow() < avg(S::ShadowVeryShort, 0) && c[0].low > c[1].low
            && c[0].high < c[1].high)
            return 100;
        return 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> starEntries()
{
    return {
        penetrationPatternEntry<AbandonedBaby>(u"CDLABANDONEDBABY", u"Abandoned Baby", 0.3),
        penetrationPatternEntry<EveningDojiStar>(u"CDLEVENINGDOJISTAR", u"Evening Doji Star", 0.3),
        penetrationPatternEntry<EveningStar>(u"CDLEVENINGSTAR", u"Evening Star", 0.3),
        patternEntry<ThreeStarsInSouth>(u"CDL3STARSINSOUTH", u"Three Stars In The South"),
    };
}

}  // namespace wick::ind
