// Yahoo quote v7 and search v1 bodies: parseYahooQuotes, parseYahooSearch.
#include "FuzzCheck.h"
#include "feeds/yahoo/YahooQuoteParser.h"
#include "feeds/yahoo/YahooSearchParser.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const Parsed<std::vector<YahooQuote>> quotes = parseYahooQuotes(body);
    checkRefusal(quotes);
    if (quotes.ok()) {
        for (const YahooQuote &q : quotes.value()) {
            WICK_FUZZ_CHECK(!q.symbol.isEmpty());
            WICK_FUZZ_CHECK(q.time % 1000 == 0);
        }
    }
    const Parsed<std::vector<YahooSearchHit>> hits = parseYahooSearch(body);
    checkRefusal(hits);
    if (hits.ok()) {
        for (const YahooSearchHit &hit : hits.value())
            WICK_FUZZ_CHECK(!hit.symbol.isEmpty());
    }
    return 0;
}
