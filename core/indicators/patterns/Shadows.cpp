// Single candles judged by their shadows: CDLBELTHOLD, CDLCLOSINGMARUBOZU,
// CDLHAMMER, CDLHANGINGMAN.
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// CDLBELTHOLD: a long body that opens at its extreme: white with (almost) no lower
// shadow, or black with (almost) no upper shadow (the candle's colour).
struct BeltHold {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyLong, S::ShadowVeryShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // Bitwise and selected (unpredictable(), Candles.h): long bodies are common.
        const double veryShort = avg(S::ShadowVeryShort, 0);
        const bool longBody = c[0].body() > avg(S::BodyLong, 0);
        const bool up = longBody & c[0].white() & (c[0].lowerShadow() < veryShort);
        const bool down = longBody & c[0].black() & (c[0].upperShadow() < veryShort);
        return 100 * (unpredictable(up) - unpredictable(down));
    }
};

// CDLCLOSINGMARUBOZU: a long body that closes at its extreme: white with (almost) no
// upper shadow, or black with (almost) no lower shadow (the candle's colour).
struct ClosingMarubozu {
    static constexpr std::array<CandleNeed, 2> kNeeds {{{S::BodyLong, 0}, {S::ShadowVeryShort, 0}}};
    static constexpr int kLookback = candlePeriods({S::BodyLong, S::ShadowVeryShort});
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        // Bitwise and selected (unpredictable(), Candles.h): long bodies are common.
        const double veryShort = avg(S::ShadowVeryShort, 0);
        const bool longBody = c[0].body() > avg(S::BodyLong, 0);
        const bool up = longBody & c[0].white() & (c[0].upperShadow() < veryShort);
        const bool down = longBody & c[0].black() & (c[0].lowerShadow() < veryShort);
        return 100 * (unpredictable(up) - unpredictable(down));
    }
};

// The shape shared by CDLHAMMER and CDLHANGINGMAN: a small body, a long lower
// shadow and (almost) no upper one (tested bitwise: see unpredictable()).
bool hammerShape(const CandleView &c, const CandleAverages &avg)
{
    return (c[0].body() < avg(S::BodyShort, 0)) & (c[0].lowerShadow() > avg(S::ShadowLong, 0))
        & (c[0].upperShadow() < avg(S::ShadowVeryShort, 0));
}

constexpr std::array<CandleNeed, 3> kHammerNeeds {
    {{S::BodyShort, 0}, {S::ShadowVeryShort, 0}, {S::Near, 1}}};
constexpr int kHammerLookback
    = candlePeriods({S::BodyShort, S::ShadowLong, S::ShadowVeryShort, S::Near}) + 1;

// CDLHAMMER: the hammer shape with its body near or below the previous low (100).
struct Hammer {
    static constexpr std::array<CandleNeed, 3> kNeeds = kHammerNeeds;
    static constexpr int kLookback = kHammerLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return 100
            * unpredictable(
                hammerShape(c, avg) & (c[0].bodyBottom() <= c[1].low + avg(S::Near, 1)));
    }
};

// CDLHANGINGMAN: the hammer shape with its body near or above the previous high (-100).
struct HangingMan {
    static constexpr std::array<CandleNeed, 3> kNeeds = kHammerNeeds;
    static constexpr int kLookback = kHammerLookback;
    int evaluate(const CandleView &c, const CandleAverages &avg) const
    {
        return -100
            * unpredictable(
                hammerShape(c, avg) & (c[0].bodyBottom() >= c[1].high - avg(S::Near, 1)));
    }
};

}  // namespace

std::vector<IndicatorInfo> shadowEntries()
{
    return {
        patternEntry<BeltHold>(u"CDLBELTHOLD", u"Belt-hold"),
        patternEntry<ClosingMarubozu>(u"CDLCLOSINGMARUBOZU", u"Closing Marubozu"),
        patternEntry<Hammer>(u"CDLHAMMER", u"Hammer"),
        patternEntry<HangingMan>(u"CDLHANGINGMAN", u"Hanging Man"),
    };
}

}  // namespace wick::ind
