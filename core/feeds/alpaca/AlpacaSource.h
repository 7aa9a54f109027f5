// core/feeds/alpaca: the Alpaca source's entry in the SourceCatalog ("alpaca")
// -- its settings (sources/alpaca/...) read into an AlpacaFeedConfig and the
// feed made from them. The key and secret are never settings: the session
// passes them with setCredentials() from the OS keychain, or the overrides
// apiKey/apiSecret (a test's), else WICK_ALPACA_API_KEY and
// WICK_ALPACA_API_SECRET give them; in settings.ini or on a command line they
// are refused. Runs on the thread that builds the session (SourceCatalog).
#pragma once

#include <memory>
#include <optional>

#include <QString>

#include "feeds/alpaca/AlpacaFeed.h"

namespace wick {

struct SourceSettings;

// Keys: wsUrl (an override, else WICK_ALPACA_WS_URL, else the setting, else
// Alpaca's IEX stream), restUrl (likewise, WICK_ALPACA_REST_URL), dataFeed
// (iex), symbols, backfillDays (default 1) or backfillWindowMs, backfillFrom
// (ms), requestsPerSecond, restTimeoutMs, pauseWhileClosed (default true: no
// stream while US equities do not trade).
std::optional<AlpacaFeedConfig> alpacaConfigFromSettings(
    const SourceSettings &settings, QString *error);

std::unique_ptr<Feed> createAlpacaSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error);

}  // namespace wick
