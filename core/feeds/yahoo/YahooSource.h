// core/feeds/yahoo: the Yahoo source's entry in the SourceCatalog ("yahoo") --
// its settings (sources/yahoo/...) read into a YahooFeedConfig and the feed
// made from them. Runs on the thread that builds the session (SourceCatalog).
#pragma once

#include <memory>
#include <optional>

#include <QString>

#include "feeds/yahoo/YahooFeed.h"

namespace wick {

struct SourceSettings;

// Keys: restUrl or baseUrl (an override, else WICK_YAHOO_REST_URL, else the
// setting, else Yahoo's query2 host), cookieUrl (default: the base URL when one
// is set, else https://fc.yahoo.com), userAgent (default: a browser's),
// symbols, intervals (default 1m), backfillDays (default 5) or
// backfillWindowMs, backfillFrom (ms), includePrePost, pollIntervalMs,
// closedPollIntervalMs, quoteIntervalMs, quoteBatch, searchQueries,
// requestsPerSecond, restTimeoutMs.
std::optional<YahooFeedConfig> yahooConfigFromSettings(
    const SourceSettings &settings, QString *error);

std::unique_ptr<Feed> createYahooSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error);

}  // namespace wick
