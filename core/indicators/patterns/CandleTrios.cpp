// Three-candle reversals and continuations: CDLMORNINGSTAR, CDLMORNINGDOJISTAR,
// CDLIDENTICAL3CROWS, CDLSTALLEDPATTERN, CDLSTICKSANDWICH, CDLTASUKIGAP, CDLTRISTAR,
// CDLUNIQUE3RIVER, CDLUPSIDEGAP2CROWS, CDLXSIDEGAP3METHODS.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLMORNINGSTAR: a long black candle, a short body gapping down, then a white candle
// closing well into the first body (by `penetration` of it).
struct MorningStar {
    double penetration = 0.3;
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::BodyLong, 2}, {S::BodyShort, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return c[2].body() > avg(S::BodyLong, 2) && c[2].black()
                && c[1].body() <= avg(S::BodyShort, 1) && bodyGapDown(c[1], c[2])
                && c[0].body() > avg(S::BodyShort, 0) && c[0].white()
                && c[0].close > c[2].close + c[2].body() * penetration
            ? 100
            : 0;
    }
};

// CDLMORNINGDOJISTAR: the same with a doji as the middle candle.
struct MorningDojiStar {
    double penetration = 0.3;
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::BodyLong, 2}, {S::BodyDoji, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::BodyLong, S::BodyShort}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return c[2].body() > avg(S::BodyLong, 2) && c[2].black()
                && c[1].body() <= avg(S::BodyDoji, 1) && bodyGapDown(c[1], c[2])
                && c[0].body() > avg(S::BodyShort, 0) && c[0].white()
                && c[0].close > c[2].close + c[2].body() * penetration
            ? 100
            : 0;
    }
};

// CDLIDENTICAL3CROWS: three falling black candles without lower shadows, each opening at
// the previous close (-100).
struct Identical3Crows {
    static constexpr std::array<CandleNeed, 5> kNeeds {{{S::ShadowVeryShort, 2},
        {S::ShadowVeryShort, 1}, {S::ShadowVeryShort, 0}, {S::Equal, 2}, {S::Equal, 1}}};
    static constexpr int kLookback = candlePeriods({S::ShadowVeryShort, S::Equal}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        for (int k = 2; k >= 0; --k) {
            if (!c[k].black() || !(c[k].lowerShadow() < avg(S::ShadowVeryShort, k)))
                return 0;
        }
        return c[2].close > c[1].close && c[1].close > c[0].close
                && c[1].open <= c[2].close + avg(S::Equal, 2)
                && c[1].open >= c[2].close - avg(S::Equal, 2)
                && c[0].open <= c[1].close + avg(S::Equal, 1)
                && c[0].open >= c[1].close - avg(S::Equal, 1)
            ? -100
            : 0;
    }
};

// CDLSTALLEDPATTERN: two long rising white candles, then a small white one riding on the
// second's shoulder (-100).
struct StalledPattern {
    static constexpr std::array<CandleNeed, 6> kNeeds {{{S::BodyLong, 2}, {S::BodyLong, 1},
        {S::Near, 2}, {S::Near, 1}, {S::BodyShort, 0}, {S::ShadowVeryShort, 1}}};
    static constexpr int kLookback
        = candlePeriods({S::BodyLong, S::BodyShort, S::ShadowVeryShort, S::Near}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return c[2].white() && c[1].white() && c[0].white() && c[0].close > c[1].close
                && c[1].close > c[2].close && c[2].body() > avg(S::BodyLong, 2)
                && c[1].body() > avg(S::BodyLong, 1)
                && c[1].upperShadow() < avg(S::ShadowVeryShort, 1) && c[1].open > c[2].open
                && c[1].open <= c[2].close + avg(S::Near, 2) && c[0].body() < avg(S::BodyShort, 0)
                && c[0].open >= c[1].close - c[0].body() - avg(S::Near, 1)
            ? -100
            : 0;
    }
};

// CDLSTICKSANDWICH: black, white trading above the black close, black closing at the
// first close.
struct StickSandwich {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::Equal, 2}}};
    static constexpr int kLookback = candlePeriod(S::Equal) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // Bitwise and selected (unpredictable(), Candles.h).
        const double equal = avg(S::Equal, 2);
        return 100
            * unpredictable(c[2].black() & c[1].white() & c[0].black() & (c[1].low > c[2].close)
                & (c[0].close <= c[2].close + equal) & (c[0].close >= c[2].close - equal));
    }
};

// CDLTASUKIGAP: a body gap, then two opposite candles of similar size, the second
// partly closing the gap (sign = the gap candle's colour).
struct TasukiGap {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::Near, 1}}};
    static constexpr int kLookback = candlePeriod(S::Near) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[2];
        const Candle &b = c[1];
        const Candle &d = c[0];
        // The body gap first, alone: it rarely holds (a bar that opens at the
        // previous close never gaps), so the branch is predictable and the rest
        // -- the average, a division, last as in TA-Lib -- seldom runs.
        const bool gapUp = bodyGapUp(b, a);
        if (!gapUp && !bodyGapDown(b, a)) [[likely]]
            return 0;
        const bool up = gapUp && b.white() && d.black() && d.open < b.close && d.open > b.open
            && d.close < b.open && d.close > std::max(a.close, a.open);
        const bool down = !gapUp && b.black() && d.white() && d.open < b.open && d.open > b.close
            && d.close > b.open && d.close < std::min(a.close, a.open);
        if (!up && !down)
            return 0;
        return std::fabs(b.body() - d.body()) < avg(S::Near, 1) ? b.color() * 100 : 0;
    }
};

// CDLTRISTAR: three dojis, the middle one gapping away from both neighbours.
struct Tristar {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyDoji, 2}}};
    static constexpr int kLookback = candlePeriod(S::BodyDoji) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double doji = avg(S::BodyDoji, 2);
        if (!(c[2].body() <= doji && c[1].body() <= doji && c[0].body() <= doji))
            return 0;
        int value = 0;
        if (bodyGapUp(c[1], c[2])
            && std::max(c[0].open, c[0].close) < std::max(c[1].open, c[1].close))
            value = -100;
        if (bodyGapDown(c[1], c[2])
            && std::min(c[0].open, c[0].close) > std::min(c[1].open, c[1].close))
            value = 100;
        return value;
    }
};

// CDLUNIQUE3RIVER: a long black candle, a black harami making a new low, then a short
// white candle opening above that low.
struct Unique3River {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 2}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return c[2].body() > avg(S::BodyLong, 2) && c[2].black() && c[1].black()
                && c[1].close > c[2].close && c[1].open <= c[2].open && c[1].low < c[2].low
                && c[0].body() < avg(S::BodyShort, 0) && c[0].white() && c[0].open > c[1].low
            ? 100
            : 0;
    }
};

// CDLUPSIDEGAP2CROWS: a long white candle, a small black one gapping up, then a black one
// engulfing it but closing above the first close (-100).
struct UpsideGap2Crows {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 2}, {S::BodyShort, 1}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // The even-odds tests bitwise, the rare body gap after them.
        return (c[2].white() & (c[2].body() > avg(S::BodyLong, 2)) & c[1].black()
                   & (c[1].body() <= avg(S::BodyShort, 1)))
                && bodyGapUp(c[1], c[2]) && c[0].black() && c[0].open > c[1].open
                && c[0].close < c[1].close && c[0].close > c[2].close
            ? -100
            : 0;
    }
};

// CDLXSIDEGAP3METHODS: two candles of one colour with a body gap, then an opposite one
// filling the gap between their bodies (sign = the first colour).
struct XSideGap3Methods {
    static constexpr std::array<CandleNeed, 0> kNeeds {};
    static constexpr int kLookback = 2;
    int evaluate(const CandleView &c, const CandleAverages &) const
    {
        const Candle &a = c[2];
        const Candle &b = c[1];
        const Candle &d = c[0];
        return a.color() == b.color() && b.color() == -d.color()
                && d.open < std::max(b.close, b.open) && d.open > std::min(b.close, b.open)
                && d.close < std::max(a.close, a.open) && d.close > std::min(a.close, a.open)
                && ((a.white() && bodyGapUp(b, a)) || (a.black() && bodyGapDown(b, a)))
            ? a.color() * 100
            : 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> candleTrioEntries()
{
    return {
        penetrationPatternEntry<MorningStar>(u"CDLMORNINGSTAR", u"Morning Star", 0.3),
        penetrationPatternEntry<MorningDojiStar>(u"CDLMORNINGDOJISTAR", u"Morning Doji Star", 0.3),
        patternEntry<Identical3Crows>(u"CDLIDENTICAL3CROWS", u"Identical Three Crows"),
        patternEntry<StalledPattern>(u"CDLSTALLEDPATTERN", u"Stalled Pattern"),
        patternEntry<StickSandwich>(u"CDLSTICKSANDWICH", u"Stick Sandwich"),
        patternEntry<TasukiGap>(u"CDLTASUKIGAP", u"Tasuki Gap"),
        patternEntry<Tristar>(u"CDLTRISTAR", u"Tristar Pattern"),
        patternEntry<Unique3River>(u"CDLUNIQUE3RIVER", u"Unique 3 River"),
        patternEntry<UpsideGap2Crows>(u"CDLUPSIDEGAP2CROWS", u"Upside Gap Two Crows"),
        patternEntry<XSideGap3Methods>(
            u"CDLXSIDEGAP3METHODS", u"Upside/Downside Gap Three Methods"),
    };
}

}  // namespace wick::ind
