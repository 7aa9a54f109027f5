// Yahoo chart v8 bodies: parseYahooChart and parseYahooApiError.
#include <cmath>

#include "FuzzCheck.h"
#include "feeds/yahoo/YahooChartParser.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const Parsed<YahooChartAnswer> chart = parseYahooChart(body);
    checkRefusal(chart);
    parseYahooApiError(body);
    if (!chart.ok() || chart.value().error)
        return 0;
    const YahooChart &c = chart.value().chart;
    WICK_FUZZ_CHECK(c.nullBars >= 0);
    for (const Bar &bar : c.bars) {
        checkBar(bar);
        WICK_FUZZ_CHECK(bar.time % 1000 == 0);  // whole seconds
    }
    for (const YahooTradingPeriod &p : c.meta.tradingPeriods)
        WICK_FUZZ_CHECK(p.start % 1000 == 0 && p.end % 1000 == 0);
    for (std::size_t i = 1; i < c.meta.tradingPeriods.size(); ++i)
        WICK_FUZZ_CHECK(c.meta.tradingPeriods[i].start >= c.meta.tradingPeriods[i - 1].start);
    WICK_FUZZ_CHECK(c.meta.priceHint >= 0 && c.meta.priceHint <= 12);
    return 0;
}
