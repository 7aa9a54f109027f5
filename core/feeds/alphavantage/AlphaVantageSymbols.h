// core/feeds/alphavantage: Alpha Vantage symbol keys and codes
// (alphavantage:IBM, alphavantage:TSCO.LON, alphavantage:SHOP.TRT) and the
// Symbol a code or a search match stands for: a bare code is a US listing
// (09:30-16:00 New York); Alpha Vantage's exchange suffixes name the others.
// Pure functions, any thread.
#pragma once

#include <QString>
#include <QStringView>

#include "model/Symbol.h"

namespace wick {

inline constexpr QLatin1StringView kAlphaVantageSource {"alphavantage"};

// 1 to 20 characters: letters, digits and . - (Alpha Vantage's codes).
bool isValidAlphaVantageCode(QStringView code);
// The Wick symbol for a code (upper-cased): by its suffix -- .LON London,
// .DEX Xetra, .TRT/.TRV Toronto, .BSE Bombay, .SHH/.SHZ Shanghai/Shenzhen --,
// else a US stock.
Symbol alphaVantageSymbol(QStringView code);

}  // namespace wick
