// Two-candle reversals and their three-candle confirmations: CDLENGULFING,
// CDLHARAMI, CDLHARAMICROSS, CDL3INSIDE, CDL3OUTSIDE, CDLCOUNTERATTACK,
// CDLDARKCLOUDCOVER.
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
        // Every test evaluated and combined bitwise, the result selected, not
        // branched on: engulfing bars are common (see unpredictable()).
        const bool bullish = b.white() & a.black()
            & (((b.close >= a.open) & (b.open < a.close))
                | ((b.close > a.open) & (b.open <= a.close)));
        const bool bearish = b.black() & a.white()
            & (((b.open >= a.close) & (b.close < a.open))
                | ((b.open > a.close) & (b.close <= a.open)));
        const int strict = unpredictable((b.open != a.close) & (b.close != a.open));
        return (unpredictable(bullish) - unpredictable(bearish)) * (80 + 20 * strict);
    }
};

// The inside-the-previous-body test of CDLHARAMI and CDLHARAMICROSS: 100 strictly
// inside, 80 when one end matches, 0 otherwise (before the sign).
int haramiStrength(const Candle &inner, const Candle &outer)
{
    if (inner.bodyTop() < outer.bodyTop() && inner.bodyBottom() > outer.bodyBottom())
        return 100;
    if (inner.bodyTop() <= outer.bodyTop() && inner.bodyBottom() >= outer.bodyBottom())
        return 80;
    return 0;
}

// CDLHARAMI: a long body, then a short one inside it (sign against the first).
struct Harami {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 1}, {S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[1].body() > avg(S::BodyLong, 1) && c[0].body() <= avg(S::BodyShort, 0))
            return -c[1].color() * haramiStrength(c[0], c[1]);
        return 0;
    }
};

// CDLHARAMICROSS: a long body, then a doji inside it (sign against the first).
struct HaramiCross {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 1}, {S::BodyDoji, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::BodyLong}) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[1].body() > avg(S::BodyLong, 1) && c[0].body() <= avg(S::BodyDoji, 0))
            return -c[1].color() * haramiStrength(c[0], c[1]);
        return 0;
    }
};

// CDL3INSIDE: a harami (long, then short strictly inside) confirmed by a third
// candle of the opposite colour to the first that closes beyond the first's open.
struct ThreeInside {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 2}, {S::BodyShort, 1}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::BodyLong}) + 2;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[2].body() > avg(S::BodyLong, 2) && c[1].body() <= avg(S::BodyShort, 1)
            && c[1].bodyTop() < c[2].bodyTop() && c[1].bodyBottom() > c[2].bodyBottom()
            && ((c[2].white() && c[0].black() && c[0].close < c[2].open)
                || (c[2].black() && c[0].white() && c[0].close > c[2].open)))
            return -c[2].color() * 100;
        return 0;
    }
};

// CDL3OUTSIDE: an engulfing pair confirmed by a third close further in its direction.
struct ThreeOutside {
    static constexpr std::array<CandleNeed, 0> kNeeds {};
    static constexpr int kLookback = 3;
    int evaluate(const CandleView &c, const CandleAverages &) const
    {
        // Bitwise and selected: see Engulfing.
        const bool up = c[1].white() & c[2].black() & (c[1].close > c[2].open)
            & (c[1].open < c[2].close) & (c[0].close > c[1].close);
        const bool down = c[1].black() & c[2].white() & (c[1].open > c[2].close)
            & (c[1].close < c[2].open) & (c[0].close < c[1].close);
        return 100 * (unpredictable(up) - unpredictable(down));
    }
};

// CDLCOUNTERATTACK: two long bodies of opposite colours with (nearly) equal closes.
struct Counterattack {
    static constexpr std::array<CandleNeed, 3> kNeeds {
        {{S::Equal, 1}, {S::BodyLong, 1}, {S::BodyLong, 0}}};
    static constexpr int kLookback = candlePeriods({S::Equal, S::BodyLong}) + 1;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        if (c[1].color() == -c[0].color() && c[1].body() > avg(S::BodyLong, 1)
            && c[0].body() > avg(S::BodyLong, 0) && c[0].close <= c[1].close + avg(S::Equal, 1)
            && c[0].close >= c[1].close - avg(S::Equal, 1))
            return c[0].color() * 100;
        return 0;
    }
};

// CDLDARKCLOUDCOVER: a long white body, then a black one that opens above its high
// and closes inside it, below its close by more than `penetration` of its body.
struct DarkCloudCover {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyLong, 1}}};
    static constexpr int kLookback = candlePeriod(S::BodyLong) + 1;
    double penetration = 0.5;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // The even-odds tests bitwise, the rare gap above the high after them.
        if ((c[1].white() & (c[1].body() > avg(S::BodyLong, 1)) & c[0].black())
            && c[0].open > c[1].high && c[0].close > c[1].open
            && c[0].close < c[1].close - c[1].body() * penetration)
            return -100;
        return 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> twoCandleEntries()
{
    return {
        patternEntry<Engulfing>(u"CDLENGULFING", u"Engulfing Pattern"),
        patternEntry<Harami>(u"CDLHARAMI", u"Harami Pattern"),
        patternEntry<HaramiCross>(u"CDLHARAMICROSS", u"Harami Cross Pattern"),
        patternEntry<ThreeInside>(u"CDL3INSIDE", u"Three Inside Up/Down"),
        patternEntry<ThreeOutside>(u"CDL3OUTSIDE", u"Three Outside Up/Down"),
        patternEntry<Counterattack>(u"CDLCOUNTERATTACK", u"Counterattack"),
        penetrationPatternEntry<DarkCloudCover>(u"CDLDARKCLOUDCOVER", u"Dark Cloud Cover", 0.5),
    };
}

}  // namespace wick::ind
