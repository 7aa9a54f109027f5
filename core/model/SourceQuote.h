// core/model/SourceQuote: a source's own quote of a symbol (Yahoo's batched
// v7 quotes): its last price and the day's figures as the source states them,
// for a watchlist row that has no bars of its own to build them from. Plain
// values, made on a feed's thread and moved to the engine's; never a bar.
#pragma once

#include <cmath>
#include <vector>

#include "model/Types.h"

namespace wick {

struct SourceQuote {
    SymbolId symbol = kInvalidSymbol;
    TimeMs time = 0;  // of the last trade the source knows
    double price = std::nan("");
    double previousClose = std::nan("");  // the close the day's change is against
    double dayVolume = std::nan("");  // the session's volume so far
    // A price a quote can carry: finite, above zero, at a time.
    bool usable() const { return time > 0 && std::isfinite(price) && price > 0.0; }
};

using SourceQuotes = std::vector<SourceQuote>;

}  // namespace wick
