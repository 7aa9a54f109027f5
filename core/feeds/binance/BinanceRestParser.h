// core/feeds/binance: the parsers of Binance's REST answers (klines, trades,
// exchangeInfo, errors, rate-limit headers); pure functions, any thread.
#pragma once

#include <string_view>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QPair>

#include "feeds/binance/BinanceMessages.h"

namespace wick {

// Parsers for Binance REST bodies and headers. Pure functions on simdjson: no
// I/O, no exceptions, any thread; errors name the field ("[3][1]", "symbols[0].status").

// GET /api/v3/klines: an array of 12-item rows, prices and quantities as strings.
Parsed<std::vector<BinanceRestKline>> parseBinanceKlines(std::string_view body);
// GET /api/v3/historicalTrades (and /api/v3/trades): objects with id, price,
// qty, time, isBuyerMaker; `symbol` is not in the body and is filled in.
Parsed<std::vector<BinanceTrade>> parseBinanceHistoricalTrades(
    std::string_view body, std::string_view symbol);
// GET /api/v3/exchangeInfo: rate limits, and per symbol its status, assets and filters.
Parsed<BinanceExchangeInfo> parseBinanceExchangeInfo(std::string_view body);
// An error body {"code":-1121,"msg":"Invalid symbol."} (a 418's msg also gives
// the end of the ban).
Parsed<BinanceApiError> parseBinanceApiError(std::string_view body);
// Retry-After and X-MBX-USED-WEIGHT-1M out of a response's headers (names
// matched case-insensitively; absent headers stay empty, malformed ones are errors).
Parsed<BinanceRateLimitHeaders> parseBinanceRateLimitHeaders(
    const QList<QPair<QByteArray, QByteArray>> &headers);

}  // namespace wick
