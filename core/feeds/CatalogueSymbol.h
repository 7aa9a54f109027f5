// core/feeds: the Symbol -- asset class, exchange zone, session hours -- that a
// key names in the built-in catalogues (demo's instruments, Binance's and
// Yahoo's code rules), for tools that get a bare source:CODE and need its
// market calendar (`wick-cli features`). Pure function, any thread.
#pragma once

#include <optional>

#include <QString>

#include "model/Symbol.h"

namespace wick {

// demo: one of demoInstruments() (code case-insensitive); binance: any valid
// code, 24/7; yahoo: any valid code, hours from its suffix (yahooSymbol).
// std::nullopt for another source or a code its catalogue does not have: the
// calendar is then unknown (a cached symbol imported from CSV carries none).
std::optional<Symbol> catalogueSymbol(const QString &source, const QString &code);

}  // namespace wick
