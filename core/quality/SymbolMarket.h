// core/quality/SymbolMarket: which market calendar a symbol follows, from what
// the Symbol already carries (source, code, asset class). Pure functions, any
// thread.
#pragma once

#include <optional>

#include "model/Symbol.h"
#include "quality/MarketCalendar.h"

namespace wick {

// Crypto (any source) -> Crypto 24/7; FX pairs (any source) -> FX; stocks,
// ETFs and indices from yahoo, alpaca and alphavantage -> US equities, except
// Yahoo's .DE (Xetra) and .IS (Borsa Istanbul) listings and the indices
// ^GDAXI (Xetra) and ^XU100 (Borsa Istanbul). None for what has no calendar
// here (other Yahoo suffixes such as .L or .T, futures, demo and CSV symbols):
// their Symbol::session hours stay the only schedule.
std::optional<Market> marketOf(const Symbol &symbol);
std::optional<MarketCalendar> calendarFor(const Symbol &symbol);

}  // namespace wick
