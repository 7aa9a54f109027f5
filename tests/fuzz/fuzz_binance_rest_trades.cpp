// GET /api/v3/historicalTrades (and /api/v3/trades) bodies: parseBinanceHistoricalTrades.
#include "FuzzCheck.h"
#include "feeds/binance/BinanceRestParser.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const Parsed<std::vector<BinanceTrade>> trades
        = parseBinanceHistoricalTrades(textOf(data, size), "BTCUSDT");
    checkRefusal(trades);
    if (!trades.ok())
        return 0;
    for (const BinanceTrade &t : trades.value()) {
        checkTrade(t);
        // The symbol is not in the body: it is the one asked for.
        WICK_FUZZ_CHECK(t.symbol == "BTCUSDT");
        WICK_FUZZ_CHECK(t.eventTime == t.tradeTime);
    }
    return 0;
}
