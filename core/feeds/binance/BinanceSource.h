// core/feeds/binance: the Binance source's entry in the SourceCatalog -- its
// settings (sources/binance/...) read into a BinanceFeedConfig and the feed
// made from them. Runs on the thread that builds the session (SourceCatalog).
#pragma once

#include <memory>
#include <optional>

#include <QString>

#include "feeds/binance/BinanceFeed.h"

namespace wick {

struct SourceSettings;

// Keys: wsUrl, restUrl (a key's override, else WICK_BINANCE_WS_URL /
// WICK_BINANCE_REST_URL, else the setting, else Binance's), backfillDays
// (default 3) or backfillWindowMs, backfillFrom (ms), klinesPageLimit,
// heartbeatTimeoutMs, restTimeoutMs, symbols. Symbols are usually added by the
// session, not configured.
std::optional<BinanceFeedConfig> binanceConfigFromSettings(
    const SourceSettings &settings, QString *error);

std::unique_ptr<Feed> createBinanceSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error);

}  // namespace wick
