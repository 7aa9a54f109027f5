// Runs of three same-coloured candles: CDL2CROWS, CDL3BLACKCROWS,
// CDL3WHITESOLDIERS, CDLADVANCEBLOCK, CDL3LINESTRIKE.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDL2CROWS: a long white body, a black one gapping up above it, then a black one
// opening inside the second body and closing inside the first (always -100).
struct TwoCrows {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyLong, 2}}};
    static constexpr int kLookback = candlePeriod(S::BodyLong) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // The even-odds tests bitwise, the rare body gap after them.
        if ((c[2].white() & (c[2].body() > avg(S::BodyLong, 2)) & c[1].black())
            && bodyGapUp(c[1], c[2]) && c[0].black() && c[0].open < c[1].open
            && c[0].open > c[1].close && c[0].close > c[2].open && c[0].close < c[2].close)
            return -100;
        return 0;
    }
};

// CDL3BLACKCROWS: after a white candle, three declining black candles with (almost)
// no lower shadows, each opening inside the previous body (always -100).
struct ThreeBlackCrows {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::ShadowVeryShort, 2}, {S::ShadowVeryShort, 1}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = candlePeriod(S::ShadowVeryShort) + 3;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[3].white() && c[2].black() && c[2].lowerShadow() < avg(S::ShadowVeryShort, 2)
            && c[1].black() && c[1].lowerShadow() < avg(S::ShadowVeryShort, 1) && c[0].black()
            && c[0].lowerShadow() < avg(S::ShadowVeryShort, 0) && c[1].open < c[2].open
            && c[1].open > c[2].close && c[0].open < c[1].open && c[0].open > c[1].close
            && c[3].high > c[2].close && c[2].close > c[1].close && c[1].close > c[0].close)
            return -100;
        return 0;
    }
};

// CDL3WHITESOLDIERS: three rising white candles with (almost) no upper shadows, each
// opening within or near the previous body, none short nor far shorter than the
// one before (always 100).
struct ThreeWhiteSoldiers {
    static constexpr std::array<CandleNeed, 8> kNeeds {
        {{S::ShadowVeryShort, 2}, {S::ShadowVeryShort, 1}, {S::ShadowVeryShort, 0}, {S::Near, 2},
            {S::Near, 1}, {S::Far, 2}, {S::Far, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback
        = candlePeriods({S::ShadowVeryShort, S::BodyShort, S::Far, S::Near}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[2].white() && c[2].upperShadow() < avg(S::ShadowVeryShort, 2) && c[1].white()
            && c[1].upperShadow() < avg(S::ShadowVeryShort, 1) && c[0].white()
            && c[0].upperShadow() < avg(S::ShadowVeryShort, 0) && c[0].close > c[1].close
            && c[1].close > c[2].close && c[1].open > c[2].open
            && c[1].open <= c[2].close + avg(S::Near, 2) && c[0].open > c[1].open
            && c[0].open <= c[1].close + avg(S::Near, 1)
            && c[1].body() > c[2].body() - avg(S::Far, 2)
            && c[0].body() > c[1].body() - avg(S::Far, 1) && c[0].body() > avg(S::BodyShort, 0))
            return 100;
        return 0;
    }
};

// CDLADVANCEBLOCK: three rising white candles opening within or near the previous
// body, the first long with a short upper shadow, the advance weakening: shrinking
// bodies and/or long upper shadows on the second and third (always -100).
struct AdvanceBlock {
    static constexpr std::array<CandleNeed, 8> kNeeds {
        {{S::ShadowShort, 2}, {S::ShadowShort, 1}, {S::ShadowShort, 0}, {S::Near, 2}, {S::Near, 1},
            {S::Far, 2}, {S::Far, 1}, {S::BodyLong, 2}}};
    static constexpr int kLookback
        = candlePeriods({S::ShadowLong, S::ShadowShort, S::Far, S::Near, S::BodyLong}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (!(c[2].white() && c[1].white() && c[0].white() && c[0].close > c[1].close
                && c[1].close > c[2].close && c[1].open > c[2].open
                && c[1].open <= c[2].close + avg(S::Near, 2) && c[0].open > c[1].open
                && c[0].open <= c[1].close + avg(S::Near, 1) && c[2].body() > avg(S::BodyLong, 2)
                && c[2].upperShadow() < avg(S::ShadowShort, 2)))
            return 0;
        const bool blockedBySecond = c[1].body() < c[2].body() - avg(S::Far, 2)
            && c[0].body() < c[1].body() + avg(S::Near, 1);
        const bool blockedByThird = c[0].body() < c[1].body() - avg(S::Far, 1);
        const bool shrinkingWithShadows = c[0].body() < c[1].body() && c[1].body() < c[2].body()
            && (c[0].upperShadow() > avg(S::ShadowShort, 0)
                || c[1].upperShadow() > avg(S::ShadowShort, 1));
        const bool thirdLongShadow
            = c[0].body() < c[1].body() && c[0].upperShadow() > avg(S::ShadowLong, 0);
        return blockedBySecond || blockedByThird || shrinkingWithShadows || thirdLongShadow ? -100
                                                                                            : 0;
    }
};

// CDL3LINESTRIKE: three same-coloured candles with consecutive closes, each opening
// within or near the previous body, then an opposite candle opening beyond the third
// close and closing beyond the first open (the sign of the three).
struct ThreeLineStrike {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::Near, 3}, {S::Near, 2}}};
    static constexpr int kLookback = candlePeriod(S::Near) + 3;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double near3 = avg(S::Near, 3);
        const double near2 = avg(S::Near, 2);
        if (c[3].color() == c[2].color() && c[2].color() == c[1].color()
            && c[0].color() == -c[1].color() && c[2].open >= std::min(c[3].open, c[3].close) - near3
            && c[2].open <= std::max(c[3].open, c[3].close) + near3
            && c[1].open >= std::min(c[2].open, c[2].close) - near2
            && c[1].open <= std::max(c[2].open, c[2].close) + near2
            && ((c[1].white() && c[1].close > c[2].close && c[2].close > c[3].close
                    && c[0].open > c[1].close && c[0].close < c[3].open)
                || (c[1].black() && c[1].close < c[2].close && c[2].close < c[3].close
                    && c[0].open < c[1].close && c[0].close > c[3].open)))
            return c[1].color() * 100;
        return 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> soldierEntries()
{
    return {
        patternEntry<TwoCrows>(u"CDL2CROWS", u"Two Crows"),
        patternEntry<ThreeBlackCrows>(u"CDL3BLACKCROWS", u"Three Black Crows"),
        patternEntry<ThreeWhiteSoldiers>(u"CDL3WHITESOLDIERS", u"Three Advancing White Soldiers"),
        patternEntry<AdvanceBlock>(u"CDLADVANCEBLOCK", u"Advance Block"),
        patternEntry<ThreeLineStrike>(u"CDL3LINESTRIKE", u"Three-Line Strike"),
    };
}

}  // namespace wick::ind
