#include "feeds/yahoo/YahooIntervals.h"

#include <algorithm>
#include <array>

namespace wick {

namespace {

struct Known {
    const char *yahoo;
    const char *wick;
    Timeframe timeframe;
    TimeMs lookbackDays;
    TimeMs pageDays;
};

// Yahoo answers 422 beyond these (yfinance's scrapers/history.py and the
// error descriptions it gets: "Only 8 days worth of 1m granularity data are
// allowed to be fetched per request", "... within the last 30 days").
constexpr std::array<Known, 7> kKnown {{
    {"1m", "1m", Timeframe::M1, 30, 8},
    {"5m", "5m", Timeframe::M5, 60, 60},
    {"15m", "15m", Timeframe::M15, 60, 60},
    {"30m", "30m", Timeframe::M30, 60, 60},
    {"60m", "1h", Timeframe::H1, 730, 730},
    {"1d", "1d", Timeframe::D1, 0, 0},
    {"1wk", "1w", Timeframe::W1, 0, 0},
}};

}  // namespace

std::optional<YahooInterval> yahooInterval(QStringView name)
{
    for (const Known &k : kKnown) {
        if (name.compare(QLatin1String(k.yahoo), Qt::CaseInsensitive) == 0
            || name.compare(QLatin1String(k.wick), Qt::CaseInsensitive) == 0)
            return YahooInterval {QString::fromLatin1(k.yahoo), k.timeframe,
                k.lookbackDays * kDayMs, k.pageDays * kDayMs};
    }
    return std::nullopt;
}

std::optional<YahooPage> yahooHistoryPage(const YahooInterval &interval, TimeMs from, TimeMs now)
{
    if (interval.lookbackMs > 0)
        from = std::max(from, now - interval.lookbackMs + kDayMs);  // a day's margin
    from = std::max<TimeMs>(from, 0);
    if (from >= now)
        return std::nullopt;
    TimeMs to = now;
    if (interval.pageMs > 0)
        to = std::min(to, from + interval.pageMs - kHourMs);  // under the limit, not at it
    return YahooPage {from, to, to == now};
}

}  // namespace wick
