// core/feeds/yahoo: Yahoo symbol keys and codes (yahoo:AAPL, yahoo:APC.DE,
// yahoo:^GSPC, yahoo:EURUSD=X, yahoo:BTC-USD) and the Symbol a code or a search
// hit stands for: asset class, exchange zone and regular hours from the code's
// suffix (a bare code is a US listing). Pure functions, any thread.
#pragma once

#include <QString>
#include <QStringView>

#include "model/Symbol.h"

namespace wick {

struct YahooSearchHit;

inline constexpr QLatin1StringView kYahooSource {"yahoo"};

// 1 to 24 characters: letters, digits and . - ^ = _ (Yahoo's codes).
bool isValidYahooCode(QStringView code);
// The Wick symbol for a code (upper-cased): by its suffix -- .DE Xetra, .L
// London, .PA Paris, .IS Istanbul, .T Tokyo, .TO Toronto, =X FX, =F futures,
// ^ indices, -USD/-EUR/-USDT crypto --, else a US stock (09:30-16:00 New York).
Symbol yahooSymbol(QStringView code);
// The same, named and classed from a search hit.
Symbol yahooSymbol(const YahooSearchHit &hit);

}  // namespace wick
