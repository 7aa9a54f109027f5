// GET /api/v3/klines bodies: parseBinanceKlines.
#include "FuzzCheck.h"
#include "feeds/binance/BinanceRestParser.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const Parsed<std::vector<BinanceRestKline>> klines = parseBinanceKlines(textOf(data, size));
    checkRefusal(klines);
    if (!klines.ok())
        return 0;
    const std::vector<BinanceRestKline> &rows = klines.value();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        checkBar(rows[i].bar);
        WICK_FUZZ_CHECK(std::isfinite(rows[i].quoteVolume));
        WICK_FUZZ_CHECK(std::isfinite(rows[i].takerBuyBaseVolume));
        WICK_FUZZ_CHECK(std::isfinite(rows[i].takerBuyQuoteVolume));
        WICK_FUZZ_CHECK(rows[i].closeTime >= rows[i].bar.time);
        // Strictly ascending open times: what the merge into the engine relies on.
        if (i > 0)
            WICK_FUZZ_CHECK(rows[i].bar.time > rows[i - 1].bar.time);
    }
    return 0;
}
