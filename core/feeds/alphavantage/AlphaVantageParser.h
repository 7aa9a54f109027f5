// core/feeds/alphavantage: parsers of Alpha Vantage's answers -- the
// TIME_SERIES_INTRADAY and TIME_SERIES_DAILY bodies (points keyed by local
// exchange time, newest first, every value a string) and SYMBOL_SEARCH's
// bestMatches -- and its refusals, which come as HTTP 200 with a single key:
// "Note" (the per-minute limit), "Information" (the daily limit, or an endpoint
// the plan lacks) and "Error Message" (an unknown symbol or a bad parameter).
// A body is a time series only when its "Time Series (...)" key exists.
// Pure functions, any thread; they never throw.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QByteArrayView>
#include <QString>

#include "feeds/Parsed.h"
#include "model/Bar.h"
#include "model/Timeframe.h"

namespace wick {

enum class AlphaVantageRefusal : std::uint8_t {
    None,
    MinuteLimit,  // "Note": too many calls this minute; the same call later works
    DailyLimit,  // "Information" naming the daily limit: nothing more until the day turns
    Refused,  // another "Information" (a premium endpoint): this call will not work
    InvalidCall,  // "Error Message": an unknown symbol or a bad parameter
};

QString alphaVantageRefusalName(AlphaVantageRefusal refusal);

// The refusal a body is, and its text; None for anything else (data, or not JSON).
AlphaVantageRefusal alphaVantageRefusal(QByteArrayView body, QString *message = nullptr);

struct AlphaVantageSeries {
    QString symbol;  // "2. Symbol" of the meta data
    QString interval;  // "5min", "Daily": the series key's parenthesis
    Timeframe timeframe = Timeframe::M1;
    QByteArray timeZone;  // the IANA id the points' times are in ("America/New_York")
    std::vector<Bar> bars;  // oldest first; time: the bar's open, UTC ms
};

struct AlphaVantageAnswer {
    AlphaVantageRefusal refusal = AlphaVantageRefusal::None;
    QString message;  // the refusal's text
    AlphaVantageSeries series;  // when refusal is None
};

// An intraday or daily answer: its series, or the refusal it is; an error
// when it is neither (malformed JSON, a missing or ill-typed field, a
// timestamp or price that does not parse, an unknown time zone).
Parsed<AlphaVantageAnswer> parseAlphaVantageSeries(QByteArrayView body);

// The timeframe of an intraday interval ("1min" .. "60min") or "Daily".
std::optional<Timeframe> alphaVantageTimeframe(QStringView interval);
// The interval parameter for a timeframe ("1min" ... "60min"); empty for
// those Alpha Vantage's intraday series lacks (4h, 1d, 1w).
QString alphaVantageInterval(Timeframe timeframe);

struct AlphaVantageMatch {
    QString symbol;  // "1. symbol"
    QString name;
    QString type;  // "Equity", "ETF", ...
    QString region;  // "United States", "United Kingdom", ...
    QString currency;
    double matchScore = 0.0;
};

struct AlphaVantageSearch {
    AlphaVantageRefusal refusal = AlphaVantageRefusal::None;
    QString message;
    std::vector<AlphaVantageMatch> matches;  // in Alpha Vantage's order
};

// SYMBOL_SEARCH: its bestMatches, or the refusal it is.
Parsed<AlphaVantageSearch> parseAlphaVantageSearch(QByteArrayView body);

}  // namespace wick
