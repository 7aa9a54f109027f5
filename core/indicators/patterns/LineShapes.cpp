// One-candle shapes judged by body and shadow lengths: CDLHIGHWAVE, CDLLONGLEGGEDDOJI,
// CDLLONGLINE, CDLSHORTLINE, CDLSPINNINGTOP, CDLMARUBOZU, CDLRICKSHAWMAN, CDLTAKURI,
// CDLINVERTEDHAMMER, CDLSHOOTINGSTAR.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLHIGHWAVE: a short body with very long upper and lower shadows (sign = colour).
struct HighWave {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::ShadowVeryLong});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        // Bitwise and selected (colourSigned(), Candles.h): a common shape.
        return colourSigned((a.body() < avg(S::BodyShort, 0))
                & (a.upperShadow() > avg(S::ShadowVeryLong, 0))
                & (a.lowerShadow() > avg(S::ShadowVeryLong, 0)),
            a);
    }
};

// CDLLONGLEGGEDDOJI: a doji with a long upper or lower shadow.
struct LongLeggedDoji {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyDoji, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::ShadowLong});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        return a.body() <= avg(S::BodyDoji, 0)
                && (a.lowerShadow() > avg(S::ShadowLong, 0)
                    || a.upperShadow() > avg(S::ShadowLong, 0))
            ? 100
            : 0;
    }
};

// CDLLONGLINE: a long body with short shadows (sign = colour).
struct LongLine {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 0}, {S::ShadowShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyLong, S::ShadowShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        // Bitwise and selected (colourSigned(), Candles.h): a common shape.
        return colourSigned((a.body() > avg(S::BodyLong, 0))
                & (a.upperShadow() < avg(S::ShadowShort, 0))
                & (a.lowerShadow() < avg(S::ShadowShort, 0)),
            a);
    }
};

// CDLSHORTLINE: a short body with short shadows (sign = colour).
struct ShortLine {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyShort, 0}, {S::ShadowShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyShort, S::ShadowShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        // Bitwise and selected (colourSigned(), Candles.h): a common shape.
        return colourSigned((a.body() < avg(S::BodyShort, 0))
                & (a.upperShadow() < avg(S::ShadowShort, 0))
                & (a.lowerShadow() < avg(S::ShadowShort, 0)),
            a);
    }
};

// CDLSPINNINGTOP: a short body whose both shadows are longer than the body (sign = colour).
struct SpinningTop {
    static constexpr std::array<CandleNeed, 1> kNeeds {{{S::BodyShort, 0}}};
    static constexpr int kLookback = candlePeriod(S::BodyShort);
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        // Bitwise and selected (colourSigned(), Candles.h): spinning tops are common.
        return colourSigned((a.body() < avg(S::BodyShort, 0)) & (a.upperShadow() > a.body())
                & (a.lowerShadow() > a.body()),
            a);
    }
};

// CDLMARUBOZU: a long body with (almost) no shadows (sign = colour).
struct Marubozu {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyLong, S::ShadowVeryShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        // Bitwise and selected (colourSigned(), Candles.h): a common shape.
        return colourSigned((a.body() > avg(S::BodyLong, 0))
                & (a.upperShadow() < avg(S::ShadowVeryShort, 0))
                & (a.lowerShadow() < avg(S::ShadowVeryShort, 0)),
            a);
    }
};

// CDLRICKSHAWMAN: a doji with two long shadows whose body is near the middle of the range.
struct RickshawMan {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyDoji, 0}, {S::Near, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyDoji, S::ShadowLong, S::Near});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        return a.body() <= avg(S::BodyDoji, 0) && a.lowerShadow() > avg(S::ShadowLong, 0)
                && a.upperShadow() > avg(S::ShadowLong, 0)
                && std::min(a.open, a.close) <= a.low + a.range() / 2 + avg(S::Near, 0)
                && std::max(a.open, a.close) >= a.low + a.range() / 2 - avg(S::Near, 0)
            ? 100
            : 0;
    }
};

// CDLTAKURI: a doji with no upper shadow and a very long lower shadow.
struct Takuri {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyDoji, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback
        = candlePeriods({S::BodyDoji, S::ShadowVeryShort, S::ShadowVeryLong});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        const Candle &a = c[0];
        return a.body() <= avg(S::BodyDoji, 0) && a.upperShadow() < avg(S::ShadowVeryShort, 0)
                && a.lowerShadow() > avg(S::ShadowVeryLong, 0)
            ? 100
            : 0;
    }
};

// A short body with a long upper shadow and almost no lower one (the star of the
// inverted hammer and the shooting star), tested bitwise (see unpredictable()).
bool invertedHammerShape(const Candle &a, const CandleAverages &avg)
{
    return (a.body() < avg(S::BodyShort, 0)) & (a.upperShadow() > avg(S::ShadowLong, 0))
        & (a.lowerShadow() < avg(S::ShadowVeryShort, 0));
}

constexpr int kHammerLookback
    = candlePeriods({S::BodyShort, S::ShadowLong, S::ShadowVeryShort}) + 1;

// CDLINVERTEDHAMMER: that shape with its body gapping down from the previous body.
struct InvertedHammer {
    static constexpr std::array<CandleNeed, 2> kNeeds {
        {{S::BodyShort, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = kHammerLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return 100 * unpredictable(invertedHammerShape(c[0], avg) & bodyGapDown(c[0], c[1]));
    }
};

// CDLSHOOTINGSTAR: that shape with its body gapping up from the previous body (-100).
struct ShootingStar {
    static constexpr std::array<CandleNeed, 2> kNeeds {
        {{S::BodyShort, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = kHammerLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return -100 * unpredictable(invertedHammerShape(c[0], avg) & bodyGapUp(c[0], c[1]));
    }
};

}  // namespace

std::vector<IndicatorInfo> lineShapeEntries()
{
    return {
        patternEntry<HighWave>(u"CDLHIGHWAVE", u"High-Wave Candle"),
        patternEntry<LongLeggedDoji>(u"CDLLONGLEGGEDDOJI", u"Long Legged Doji"),
        patternEntry<LongLine>(u"CDLLONGLINE", u"Long Line Candle"),
        patternEntry<ShortLine>(u"CDLSHORTLINE", u"Short Line Candle"),
        patternEntry<SpinningTop>(u"CDLSPINNINGTOP", u"Spinning Top"),
        patternEntry<Marubozu>(u"CDLMARUBOZU", u"Marubozu"),
        patternEntry<RickshawMan>(u"CDLRICKSHAWMAN", u"Rickshaw Man"),
        patternEntry<Takuri>(u"CDLTAKURI", u"Takuri (Dragonfly Doji with very long lower shadow)"),
        patternEntry<InvertedHammer>(u"CDLINVERTEDHAMMER", u"Inverted Hammer"),
        patternEntry<ShootingStar>(u"CDLSHOOTINGSTAR", u"Shooting Star"),
    };
}

}  // namespace wick::ind
