// core/feeds/binance: Binance spot public market data. This header holds the
// values its wire formats parse into (stream events, control replies, REST
// klines, exchangeInfo, rate-limit headers); every parser returns a Parsed
// (feeds/Parsed.h). Pure values; the parsers are pure functions with no I/O, callable
// from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <QString>
#include <QStringList>

#include "feeds/Parsed.h"
#include "model/Bar.h"
#include "model/Tick.h"

namespace wick {

// A `<symbol>@trade` event.
struct BinanceTrade {
    std::string symbol;  // "BTCUSDT" as sent ("s")
    TimeMs eventTime = 0;  // "E"
    TimeMs tradeTime = 0;  // "T"
    std::int64_t tradeId = 0;  // "t"
    double price = 0.0;  // "p"
    double quantity = 0.0;  // "q"
    bool buyerIsMaker = false;  // "m": true means a seller hit the bid

    Tick toTick(SymbolId id) const
    {
        return Tick {
            id, tradeTime, price, quantity, tradeId, buyerIsMaker ? Side::Sell : Side::Buy};
    }
};

// A `<symbol>@kline_<interval>` event.
struct BinanceKline {
    std::string symbol;  // "s"
    std::string interval;  // "k.i", e.g. "1m"
    TimeMs eventTime = 0;  // "E"
    Bar bar;  // time = "k.t" (open time), OHLCV from k.o/h/l/c/v, tradeCount = "k.n"
    TimeMs closeTime = 0;  // "k.T"
    std::int64_t firstTradeId = 0;  // "k.f"
    std::int64_t lastTradeId = 0;  // "k.L"
    double quoteVolume = 0.0;  // "k.q"
    double takerBuyBaseVolume = 0.0;  // "k.V"
    double takerBuyQuoteVolume = 0.0;  // "k.Q"
    bool closed = false;  // "k.x": store the bar only once true
};

// A `<symbol>@miniTicker` event: the rolling 24 h window, pushed every second.
// Its open is the price 24 h ago, the reference of crypto's Chg %.
struct BinanceMiniTicker {
    std::string symbol;  // "s"
    TimeMs eventTime = 0;  // "E"
    double open = 0.0;  // "o": the first trade of the 24 h window
    double close = 0.0;  // "c": the last trade
    double high = 0.0;  // "h"
    double low = 0.0;  // "l"
    double volume = 0.0;  // "v": base asset
    double quoteVolume = 0.0;  // "q"
};

// The id of a control message: an int64, a string (up to 36 alphanumerics) or null.
struct BinanceRequestId {
    enum class Kind : std::uint8_t { Null, Number, Text };
    Kind kind = Kind::Null;
    std::int64_t number = 0;
    QString text;

    friend bool operator==(const BinanceRequestId &, const BinanceRequestId &) = default;
};

// The answer to SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, or an error frame.
struct BinanceReply {
    BinanceRequestId id;
    bool isError = false;  // {"code":..,"msg":..}
    int errorCode = 0;
    QString errorMessage;
    bool hasList = false;  // "result" was an array (LIST_SUBSCRIPTIONS)
    QStringList streams;
};

// Any frame a (combined) stream connection can deliver.
struct BinanceFrame {
    enum class Kind : std::uint8_t { Trade, Kline, MiniTicker, Reply, ServerShutdown, Other };
    Kind kind = Kind::Other;
    std::string stream;  // the combined-stream envelope's "stream", empty on a raw stream
    std::string eventType;  // "e" ("bookTicker" for the book ticker, which has none)
    TimeMs eventTime = 0;  // "E" when present
    BinanceTrade trade;  // Kind::Trade
    BinanceKline kline;  // Kind::Kline
    BinanceMiniTicker miniTicker;  // Kind::MiniTicker
    BinanceReply reply;  // Kind::Reply
};

// One row of GET /api/v3/klines.
struct BinanceRestKline {
    Bar bar;  // time = open time; tradeCount = trades
    TimeMs closeTime = 0;
    double quoteVolume = 0.0;
    double takerBuyBaseVolume = 0.0;
    double takerBuyQuoteVolume = 0.0;
};

// An error body: {"code":-1121,"msg":"Invalid symbol."}.
struct BinanceApiError {
    int code = 0;
    QString message;
    std::optional<TimeMs> bannedUntil;  // from a 418's "IP banned until <ms>"
};

struct BinanceRateLimit {
    QString type;  // REQUEST_WEIGHT, ORDERS, RAW_REQUESTS
    QString interval;  // SECOND, MINUTE, HOUR, DAY
    int intervalNum = 0;
    std::int64_t limit = 0;

    // The window length in ms (0 for an unknown interval).
    TimeMs windowMs() const;
};

struct BinanceSymbolInfo {
    QString symbol;  // "BTCUSDT"
    QString status;  // "TRADING", "BREAK", ...
    QString baseAsset;
    QString quoteAsset;
    double tickSize = 0.0;  // PRICE_FILTER
    double minPrice = 0.0;
    double maxPrice = 0.0;
    double stepSize = 0.0;  // LOT_SIZE
    double minQty = 0.0;
    double maxQty = 0.0;
    double minNotional = 0.0;  // NOTIONAL or MIN_NOTIONAL

    bool isTrading() const { return status == QLatin1String("TRADING"); }
};

struct BinanceExchangeInfo {
    TimeMs serverTime = 0;
    std::vector<BinanceRateLimit> rateLimits;
    std::vector<BinanceSymbolInfo> symbols;

    // REQUEST_WEIGHT scaled to one minute, when advertised.
    std::optional<int> requestWeightPerMinute() const;
};

// What the rate-limit headers of a REST response say.
struct BinanceRateLimitHeaders {
    std::optional<int> usedWeight1m;  // X-MBX-USED-WEIGHT-1M
    std::optional<std::int64_t> retryAfterSeconds;  // Retry-After
};

}  // namespace wick
