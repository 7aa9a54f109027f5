// core/feeds/binance: Binance symbol keys and codes (binance:BTCUSDT) and the
// Symbol a code or an exchangeInfo entry stands for; pure functions, any thread.
#pragma once

#include <optional>

#include <QString>
#include <QStringView>

#include "model/Symbol.h"

namespace wick {

struct BinanceSymbolInfo;

// Symbols from Binance are named binance:<SYMBOL> everywhere (binance:BTCUSDT);
// the source name is case-insensitive, codes are Binance's upper-case ones.

inline constexpr QLatin1StringView kBinanceSource {"binance"};

// A Binance code: 1 to 20 ASCII letters and digits.
bool isValidBinanceCode(QStringView code);
// "binance:BTCUSDT".
QString binanceSymbolKey(QStringView code);
// The code of "binance:BTCUSDT", "Binance:btcusdt" or "BINANCE:BtcUsdt" ("BTCUSDT");
// empty when the key is not a valid Binance symbol.
std::optional<QString> binanceCodeFromKey(QStringView key);
// The stream name for a code: binanceStreamName("BTCUSDT", "trade") = "btcusdt@trade".
QString binanceStreamName(QStringView code, QStringView stream);
// The Wick symbol for an exchangeInfo entry: 24/7, UTC, its tick size.
Symbol binanceSymbol(const BinanceSymbolInfo &info);
// The same for a bare code (exchangeInfo not known yet): named by its code,
// the default tick size.
Symbol binanceSymbol(QStringView code);

}  // namespace wick
