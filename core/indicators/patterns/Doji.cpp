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
        return c[0].body() <= avg(S::BodyDoji, 0) ? 100 : 0;
    }
};

}  // namespace

std::vector<IndicatorInfo> dojiEntries()
{
    return {
        patternEntry<Doji>(u"CDLDOJI", u"Doji"),
    };
}

}  // namespace wick::ind
