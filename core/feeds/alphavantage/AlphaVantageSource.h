// core/feeds/alphavantage: the Alpha Vantage source's entry in the
// SourceCatalog ("alphavantage") -- its settings (sources/alphavantage/...)
// read into an AlphaVantageFeedConfig and the feed made from them. The API key
// is never a setting: the session passes it as the override `apiKey` (from the
// OS keychain), else WICK_ALPHAVANTAGE_API_KEY gives it; an `apiKey` in
// settings.ini or on a command line is refused. Runs on the thread that builds
// the session (SourceCatalog).
#pragma once

#include <memory>
#include <optional>

#include <QString>

#include "feeds/alphavantage/AlphaVantageFeed.h"

namespace wick {

struct SourceSettings;

// Keys: restUrl or baseUrl (an override, else WICK_ALPHAVANTAGE_REST_URL, else
// the setting, else https://www.alphavantage.co), symbols, intervals (1min,
// 5min, 15min, 30min, 60min, daily; default 1min), fullHistory, extendedHours,
// pollIntervalMs (0: no refresh), requestsPerDay (25), requestsPerMinute (5),
// restTimeoutMs.
std::optional<AlphaVantageFeedConfig> alphaVantageConfigFromSettings(
    const SourceSettings &settings, QString *error);

std::unique_ptr<Feed> createAlphaVantageSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error);

}  // namespace wick
