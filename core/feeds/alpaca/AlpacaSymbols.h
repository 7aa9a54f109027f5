// core/feeds/alpaca: Alpaca symbol keys and codes (alpaca:AAPL, alpaca:BRK.B)
// and the Symbol a code stands for: a US equity or ETF (09:30-16:00 New York;
// Alpaca's stock data is US listings only). Pure functions, any thread.
#pragma once

#include <QString>
#include <QStringView>

#include "model/Symbol.h"

namespace wick {

inline constexpr QLatin1StringView kAlpacaSource {"alpaca"};

// 1 to 12 characters: letters, digits and '.' (a share class: BRK.B).
bool isValidAlpacaCode(QStringView code);
// The Wick symbol for a code (upper-cased).
Symbol alpacaSymbol(QStringView code);

}  // namespace wick
