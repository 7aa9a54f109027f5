// core/feeds/yahoo: the parser of chart v8 bodies (GET /v8/finance/chart/SYM)
// and of the error object any Yahoo body may carry. Pure functions on Qt's JSON
// reader: no I/O, no exceptions, any thread; errors name the field
// ("chart.result[0].indicators.quote[0].close").
#pragma once

#include <optional>

#include <QByteArrayView>

#include "feeds/yahoo/YahooMessages.h"

namespace wick {

// A chart body: the chart (null bars skipped and counted; timestamps to ms;
// meta with both tradingPeriods forms), or Yahoo's error when chart.result is
// null. Malformed JSON, wrong types and mismatched array lengths are errors.
Parsed<YahooChartAnswer> parseYahooChart(QByteArrayView body);

// The error object of a Yahoo body -- chart.error, finance.error or
// quoteResponse.error --; nullopt when there is none or the body is not JSON
// (a 429's "Edge: Too Many Requests").
std::optional<YahooApiError> parseYahooApiError(QByteArrayView body);

}  // namespace wick
