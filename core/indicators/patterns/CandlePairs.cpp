// Two-candle continuations and reversals: CDLHOMINGPIGEON, CDLINNECK, CDLONNECK,
// CDLTHRUSTING, CDLPIERCING, CDLKICKING, CDLKICKINGBYLENGTH, CDLMATCHINGLOW,
// CDLSEPARATINGLINES.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLHOMINGPIGEON: a short black body inside the previous long black body.
struct HomingPigeon {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return 100
            * unpredictable(c[1].black() & c[0].black() & (c[1].body() > avg(S::BodyLong, 1))
                & (c[0].body() <= avg(S::BodyShort, 0)) & (c[0].open < c[1].open)
                & (c[0].close > c[1].close));
    }
};

// A long black candle followed by a white one opening below its low: the start of the
// in-neck, on-neck and thrusting patterns.
bool neckStart(const CandleView &c, const CandleAverages &avg)
{
    // The colours and the body bitwise (about even odds each: a branch on them
    // is mispredicted), the gap below the low last (it seldom holds).
    return (c[1].black() & (c[1].body() > avg(S::BodyLong, 1)) & c[0].white())
        && c[0].open < c[1].low;
}

constexpr std::array<CandleNeed, 2> kNeckNeeds {{{S::Equal, 1}, {S::BodyLong, 1}}};
constexpr int kNeckLookback = candlePeriods({S::Equal, S::BodyLong}) + 1;

// CDLINNECK: ... closing at (or slightly above) the black close (-100).
struct InNeck {
    static constexpr std::array<CandleNeed, 2> kNeeds = kNeckNeeds;
    static constexpr int kLookback = kNeckLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return neckStart(c, avg) && c[0].close <= c[1].close + avg(S::Equal, 1)
                && c[0].close >= c[1].close
            ? -100
            : 0;
    }
};

// CDLONNECK: ... closing at the black candle's low (-100).
struct OnNeck {
    static constexpr std::array<CandleNeed, 2> kNeeds = kNeckNeeds;
    static constexpr int kLookback = kNeckLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return neckStart(c, avg) && c[0].close <= c[1].low + avg(S::Equal, 1)
                && c[0].close >= c[1].low - avg(S::Equal, 1)
            ? -100
            : 0;
    }
};

// CDLTHRUSTING: ... closing into the black body but below its midpoint (-100).
struct Thrusting {
    static constexpr std::array<CandleNeed, 2> kNeeds = kNeckNeeds;
    static constexpr int kLookback = kNeckLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return neckStart(c, avg) && c[0].close > c[1].close + avg(S::Equal, 1)
                && c[0].close <= c[1].close + c[1].body() * 0.5
            ? -100
            : 0;
    }
};

// CDLPIERCING: a long white candle opening below a long black one's low and closing
// above its midpoint, inside its body.
struct Piercing {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 1}, {S::BodyLong, 0}}};
    static constexpr int kLookback = candlePeriod(S::BodyLong) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // As neckStart(): the even-odds tests bitwise, the rare gap after them.
        return (c[1].black() & (c[1].body() > avg(S::BodyLong, 1)) & c[0].white()
                   & (c[0].body() > avg(S::BodyLong, 0)))
                && c[0].open < c[1].low && c[0].close < c[1].open
                && c[0].close > c[1].close + c[1].body() * 0.5
            ? 100
            : 0;
    }
};

// Two marubozu of opposite colours with a gap between them (the kicking patterns).
bool kick(const CandleView &c, const CandleAverages &avg)
{
    const auto marubozu = [&](int k) {
        return c[k].body() > avg(S::BodyLong, k) && c[k].upperShadow() < avg(S::ShadowVeryShort, k)
            && c[k].lowerShadow() < avg(S::ShadowVeryShort, k);
    };
    return c[1].color() == -c[0].color() && marubozu(1) && marubozu(0)
        && ((c[1].black() && candleGapUp(c[0], c[1]))
            || (c[1].white() && candleGapDown(c[0], c[1])));
}

constexpr std::array<CandleNeed, 4> kKickNeeds {
    {{S::BodyLong, 1}, {S::ShadowVeryShort, 1}, {S::BodyLong, 0}, {S::ShadowVeryShort, 0}}};
constexpr int kKickLookback = candlePeriods({S::ShadowVeryShort, S::BodyLong}) + 1;

// CDLKICKING: the kick, signed by the second candle's colour.
struct Kicking {
    static constexpr std::array<CandleNeed, 4> kNeeds = kKickNeeds;
    static constexpr int kLookback = kKickLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return kick(c, avg) ? c[0].color() * 100 : 0;
    }
};

// CDLKICKINGBYLENGTH: the kick, signed by the colour of the longer marubozu.
struct KickingByLength {
    static constexpr std::array<CandleNeed, 4> kNeeds = kKickNeeds;
    static constexpr int kLookback = kKickLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (!kick(c, avg))
            return 0;
        return (c[0].body() > c[1].body() ? c[0] : c[1]).color() * 100;
    }
};

// CDLMATCHINGLOW: two black candles with (nearly) equal closes.
struct MatchingLow {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::Equal, 1}}};
    static constexpr int kLookback = candlePeriod(S::Equal) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const double equal = avg(S::Equal, 1);
        return 100
            * unpredictable(c[1].black() & c[0].black() & (c[0].close <= c[1].close + equal)
                & (c[0].close >= c[1].close - equal));
    }
};

// CDLSEPARATINGLINES: opposite colours opening at the same price, the second a long
// belt hold (sign = its colour).
struct SeparatingLines {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::ShadowVeryShort, 0}, {S::BodyLong, 0}, {S::Equal, 1}}};
    static constexpr int kLookback = candlePeriods({S::ShadowVeryShort, S::BodyLong, S::Equal}) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[1];
        const Candle &b = c[0];
        return a.color() == -b.color() && b.open <= a.open + avg(S::Equal, 1)
                && b.open >= a.open - avg(S::Equal, 1) && b.body() > avg(S::BodyLong, 0)
                && ((b.white() && b.lowerShadow() < avg(S::ShadowVeryShort, 0))
                    || (b.black() && b.upperShadow() < avg(S::ShadowVeryShort, 0)))
            ? b.color() * 100
            : 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> candlePairEntries()
{
    return {
        patternEntry<HomingPigeon>(u"CDLHOMINGPIGEON", u"Homing Pigeon"),
        patternEntry<InNeck>(u"CDLINNECK", u"In-Neck Pattern"),
        patternEntry<OnNeck>(u"CDLONNECK", u"On-Neck Pattern"),
        patternEntry<Thrusting>(u"CDLTHRUSTING", u"Thrusting Pattern"),
        patternEntry<Piercing>(u"CDLPIERCING", u"Piercing Pattern"),
        patternEntry<Kicking>(u"CDLKICKING", u"Kicking"),
        patternEntry<KickingByLength>(
            u"CDLKICKINGBYLENGTH", u"Kicking - bull/bear determined by the longer marubozu"),
        patternEntry<MatchingLow>(u"CDLMATCHINGLOW", u"Matching Low"),
        patternEntry<SeparatingLines>(u"CDLSEPARATINGLINES", u"Separating Lines"),
    };
}

}  // namespace wick::ind
