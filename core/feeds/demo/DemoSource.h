// core/feeds/demo: the demo source's entry in the SourceCatalog -- its settings
// (sources/demo/...) read into a DemoFeedConfig and the feed made from them.
// Runs on the thread that builds the session (SourceCatalog).
#pragma once

#include <memory>

#include <QString>

#include "feeds/demo/DemoFeed.h"

namespace wick {

struct SourceSettings;

// Keys: seed, start (ms; 0 or unset: now, down to the minute), historyDays,
// speed, rate, timerIntervalMs, closeGraceMs, symbols (list or "A,B").
// Refuses values out of range with a message.
std::optional<DemoFeedConfig> demoConfigFromSettings(
    const SourceSettings &settings, QString *error);

std::unique_ptr<Feed> createDemoSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error);

}  // namespace wick
