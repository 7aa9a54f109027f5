// Doji patterns: CDLDOJI, CDLDOJISTAR, CDLDRAGONFLYDOJI, CDLGRAVESTONEDOJI.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLDOJI: a real body no longer than a tenth of the average high-low range.
struct Doji {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyDoji, 0}}};
    static constexpr int kLookback = candlePeriod(S::BodyDoji);
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return 100 * unpredictable(c[0].body() <= avg(S::BodyDoji, 0));
    }
};

// CDLDOJISTAR: a long body, then a doji whose body gaps away from it in the
// body's direction (-100 after a white body, 100 after a black one).
struct DojiStar {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 1}, {S::BodyDoji, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::BodyLong}) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[1].body() > avg(S::BodyLong, 1) && c[0].body() <= avg(S::BodyDoji, 0)
            && ((c[1].white() && bodyGapUp(c[0], c[1]))
                || (c[1].black() && bodyGapDown(c[0], c[1]))))
            return -c[1].color() * 100;
        return 0;
    }
};

// CDLDRAGONFLYDOJI: a doji with (almost) no upper shadow and a lower one.
struct DragonflyDoji {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyDoji, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::ShadowVeryShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double veryShort = avg(S::ShadowVeryShort, 0);
        return 100
            * unpredictable(c[0].body() <= avg(S::BodyDoji, 0) && c[0].upperShadow() < veryShort
                && c[0].lowerShadow() > veryShort);
    }
};

// CDLGRAVESTONEDOJI: a doji with (almost) no lower shadow and an upper one.
struct GravestoneDoji {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyDoji, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::ShadowVeryShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double veryShort = avg(S::ShadowVeryShort, 0);
        return 100
            * unpredictable(c[0].body() <= avg(S::BodyDoji, 0) && c[0].lowerShadow() < veryShort
                && c[0].upperShadow() > veryShort);
    }
};

}  // namespace

std::vector<IndicatorInfo> dojiEntries()
{
    return {
        patternEntry<Doji>(u"CDLDOJI", u"Doji"),
        patternEntry<DojiStar>(u"CDLDOJISTAR", u"Doji Star"),
        patternEntry<DragonflyDoji>(u"CDLDRAGONFLYDOJI", u"Dragonfly Doji"),
        patternEntry<GravestoneDoji>(u"CDLGRAVESTONEDOJI", u"Gravestone Doji"),
    };
}

}  // namespace wick::ind
