// core/feeds/yahoo: Yahoo Finance's unofficial public endpoints (chart v8, quote
// v7, search v1, getcrumb). This header holds the values their bodies parse
// into; the parsers (YahooChartParser, YahooQuoteParser, YahooSearchParser)
// return them in a Parsed. Pure values, copied between threads.
#pragma once

#include <cmath>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>

#include "feeds/Parsed.h"
#include "model/Bar.h"

namespace wick {

// Yahoo's own error object: chart.error or finance.error, e.g. {"code":"Not
// Found","description":"No data found, symbol may be delisted"}.
struct YahooApiError {
    QString code;  // "Not Found", "Unprocessable Entity", "Unauthorized"
    QString description;

    QString toString() const { return code + QStringLiteral(": ") + description; }
    bool isNotFound() const { return code == QLatin1String("Not Found"); }
    bool isInvalidCrumb() const
    {
        return code == QLatin1String("Unauthorized")
            || description.contains(QLatin1String("Invalid Crumb"), Qt::CaseInsensitive);
    }
};

// One trading period from meta: currentTradingPeriod.{pre,regular,post} or an
// entry of tradingPeriods. Times in ms (Yahoo sends seconds).
struct YahooTradingPeriod {
    enum class Kind : std::uint8_t { Pre, Regular, Post };
    Kind kind = Kind::Regular;
    TimeMs start = 0;
    TimeMs end = 0;  // exclusive
    int gmtOffsetSeconds = 0;
    QString timezone;  // "EST"

    bool contains(TimeMs t) const { return t >= start && t < end; }
};

// chart.result[0].meta: what the chart says of the instrument and its sessions.
struct YahooChartMeta {
    QString symbol;  // "AAPL"
    QString currency;  // "USD"
    QString exchangeName;  // "NMS"
    QString instrumentType;  // "EQUITY", "ETF", "INDEX", "CURRENCY", "CRYPTOCURRENCY"
    QString longName;
    QString shortName;
    QByteArray exchangeTimezoneName;  // IANA id, "America/New_York"
    QString timezone;  // "EST"
    int gmtOffsetSeconds = 0;  // -18000
    double regularMarketPrice = std::nan("");
    TimeMs regularMarketTime = 0;  // ms
    double previousClose = std::nan("");  // chartPreviousClose, else previousClose
    int priceHint = 2;  // decimals to show
    QString dataGranularity;  // "1m"
    QString range;  // "1d" (empty for period1/period2 requests)
    // currentTradingPeriod: today's (or the next) sessions.
    std::optional<YahooTradingPeriod> pre;
    std::optional<YahooTradingPeriod> regular;
    std::optional<YahooTradingPeriod> post;
    // tradingPeriods, flattened in time order: [[{..}]] (regular sessions only,
    // includePrePost=false) or {"pre":[[..]],"regular":[[..]],"post":[[..]]}.
    std::vector<YahooTradingPeriod> tradingPeriods;
};

// A chart answer: its meta and its bars (open times in ms, oldest first).
struct YahooChart {
    YahooChartMeta meta;
    std::vector<Bar> bars;
    int nullBars = 0;  // indices where Yahoo sent null prices: skipped, never 0
};

// What a chart body says: a chart, or Yahoo's error for the symbol.
struct YahooChartAnswer {
    std::optional<YahooApiError> error;
    YahooChart chart;  // empty when error
};

// One entry of quoteResponse.result. Absent numbers are NaN.
struct YahooQuote {
    QString symbol;
    QString quoteType;  // "EQUITY"
    QString shortName;
    QString longName;
    QString currency;
    QString marketState;  // PRE, REGULAR, POST, CLOSED (PREPRE, POSTPOST)
    QByteArray exchangeTimezoneName;
    double price = std::nan("");  // regularMarketPrice
    TimeMs time = 0;  // regularMarketTime, ms
    double change = std::nan("");
    double changePercent = std::nan("");
    double open = std::nan("");
    double dayHigh = std::nan("");
    double dayLow = std::nan("");
    double volume = std::nan("");
    double previousClose = std::nan("");
    double bid = std::nan("");
    double ask = std::nan("");
};

// One entry of the search's quotes[].
struct YahooSearchHit {
    QString symbol;  // "APC.DE"
    QString shortName;
    QString longName;
    QString exchange;  // "GER"
    QString exchangeDisplay;  // "XETRA"
    QString quoteType;  // "EQUITY", "ETF", "INDEX", "CURRENCY", "CRYPTOCURRENCY", ...
    QString typeDisplay;  // "Equity"
};

}  // namespace wick
