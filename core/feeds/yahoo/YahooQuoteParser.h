// core/feeds/yahoo: the parser of quote v7 bodies (GET /v7/finance/quote?
// symbols=A,B&crumb=..): one YahooQuote per symbol Yahoo knows, in its order (a
// symbol it does not know is simply absent). Pure function, any thread.
#pragma once

#include <vector>

#include <QByteArrayView>

#include "feeds/yahoo/YahooMessages.h"

namespace wick {

// quoteResponse.result[]; an error object (quoteResponse.error or
// finance.error, e.g. "Invalid Crumb") is a ParseError naming it.
Parsed<std::vector<YahooQuote>> parseYahooQuotes(QByteArrayView body);

}  // namespace wick
