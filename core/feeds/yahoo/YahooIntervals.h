// core/feeds/yahoo: the chart intervals Wick asks Yahoo for and Yahoo's range
// limits per interval (1m: the last 30 days, 8 days per request; 2m-90m: 60
// days; 1h: 730 days; 1d and 1wk: all), and the period1/period2 pages a
// history request is cut into. Pure functions, any thread.
#pragma once

#include <optional>

#include <QString>
#include <QStringView>

#include "model/Timeframe.h"

namespace wick {

struct YahooInterval {
    QString name;  // Yahoo's: "1m", "5m", "15m", "30m", "60m", "1d", "1wk"
    Timeframe timeframe = Timeframe::M1;  // what its bars are in Wick
    TimeMs lookbackMs = 0;  // how far back from now Yahoo serves it; 0: no limit
    TimeMs pageMs = 0;  // the longest period1..period2 of one request; 0: no limit
};

// By Yahoo's name or Wick's ("1h" is Yahoo's "60m", "1w" its "1wk"); nullopt
// for intervals Wick has no timeframe for (2m, 90m, 1mo, 3mo).
std::optional<YahooInterval> yahooInterval(QStringView name);

// One request's range: [from, to) in ms (sent as unix seconds).
struct YahooPage {
    TimeMs from = 0;
    TimeMs to = 0;
    bool reachesNow = false;  // the last page: `to` is the now it was cut at
};

// The first page of history from `from` up to `now`: `from` is moved up to the
// oldest time the interval still serves (with a day's margin), `to` is capped
// by the page limit and by now. nullopt when there is nothing left to fetch.
std::optional<YahooPage> yahooHistoryPage(const YahooInterval &interval, TimeMs from, TimeMs now);

}  // namespace wick
