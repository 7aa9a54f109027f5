// app/cli/CollectCommand: `wick-cli collect`, a live feed run headless into the
// cache. Runs the main thread's event loop and writes the cache there; the
// feed runs on a thread of its own.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli collect --source binance --symbols A,B [--timeframe 1m] [--duration 30s]
// [--backfill-from T] [--db FILE] [--ws-url URL] [--rest-url URL]`: runs the
// feed headless for a while, stores every closed 1m bar it delivers (the live
// klines and the REST backfill) in the cache and prints one summary line per
// symbol: bars stored, quarantined, gaps left.
int runCollectCommand(const QStringList &arguments);

}  // namespace wick::cli
