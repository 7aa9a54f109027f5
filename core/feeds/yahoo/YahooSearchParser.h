// core/feeds/yahoo: the parser of search bodies (GET /v1/finance/search?q=..):
// the symbols Yahoo offers for a query, in its order. Pure function, any thread.
#pragma once

#include <vector>

#include <QByteArrayView>

#include "feeds/yahoo/YahooMessages.h"

namespace wick {

// quotes[] (news and the other lists are ignored); entries without a symbol
// (news items that slip in) are left out.
Parsed<std::vector<YahooSearchHit>> parseYahooSearch(QByteArrayView body);

}  // namespace wick
