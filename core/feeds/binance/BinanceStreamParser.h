// core/feeds/binance: the parser of Binance's WebSocket frames (trades, klines,
// control replies); pure functions, any thread.
#pragma once

#include <string_view>

#include <QByteArrayView>

#include "feeds/binance/BinanceMessages.h"

namespace wick {

// Parsers for what a Binance WebSocket connection delivers, raw (/ws/<stream>)
// or combined (/stream?streams=..., each frame wrapped as {"stream":..,"data":..}).
// Pure functions on simdjson: no I/O, no exceptions, any thread; malformed,
// truncated or garbage input gives an error naming the field.

// Any frame: a trade, a kline, a mini ticker, a control reply or error frame, serverShutdown,
// or another event (tickers, book ticker) that is recognised but not decoded.
Parsed<BinanceFrame> parseBinanceStreamFrame(std::string_view frame);
// A trade event; anything else is an error.
Parsed<BinanceTrade> parseBinanceTrade(std::string_view frame);
// A kline event (any interval; k.i says which).
Parsed<BinanceKline> parseBinanceKline(std::string_view frame);
// A 24hrMiniTicker event (a positive open and close, high >= low).
Parsed<BinanceMiniTicker> parseBinanceMiniTicker(std::string_view frame);
// The answer to SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, or an error frame
// ({"code":2,"msg":..,"id":..}).
Parsed<BinanceReply> parseBinanceReply(std::string_view frame);

// The same trade parser on QJsonDocument, kept as the measured alternative
// (wick-bench --only binance) and as an independent cross-check in tests.
Parsed<BinanceTrade> parseBinanceTradeQt(QByteArrayView frame);

}  // namespace wick
