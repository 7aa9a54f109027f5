// core/session: the one registration of every value type that crosses threads
// in queued signals (trades, bars, snapshots, quarantine, health, cache
// answers). Idempotent and thread-safe; every class that sends such a type
// calls it in its constructor.
#pragma once

namespace wick {

void registerCoreMetaTypes();

}  // namespace wick
