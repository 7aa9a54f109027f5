// GET /api/v3/exchangeInfo bodies: parseBinanceExchangeInfo, and what the feed
// derives from it (the request weight per minute, the windows of the limits).
#include "FuzzCheck.h"
#include "feeds/binance/BinanceRestParser.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const Parsed<BinanceExchangeInfo> info = parseBinanceExchangeInfo(textOf(data, size));
    checkRefusal(info);
    if (!info.ok())
        return 0;
    for (const BinanceRateLimit &r : info.value().rateLimits) {
        WICK_FUZZ_CHECK(r.intervalNum > 0 && r.intervalNum <= 1'000'000);
        WICK_FUZZ_CHECK(r.windowMs() >= 0);
    }
    if (const std::optional<int> perMinute = info.value().requestWeightPerMinute())
        WICK_FUZZ_CHECK(*perMinute >= 0);
    for (const BinanceSymbolInfo &s : info.value().symbols) {
        for (double v :
            {s.tickSize, s.minPrice, s.maxPrice, s.stepSize, s.minQty, s.maxQty, s.minNotional})
            WICK_FUZZ_CHECK(std::isfinite(v));
        (void)s.isTrading();
    }
    return 0;
}
