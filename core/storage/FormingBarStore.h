// core/storage/FormingBarStore: the forming_bars table (the bar still forming
// when a collector stopped). A view over one Database, on that connection's thread.
#pragma once

#include <optional>

#include "model/Bar.h"
#include "model/Timeframe.h"
#include "storage/StorageTypes.h"

namespace wick {

class Database;

// The forming bar as the cache keeps it (table forming_bars): the bar that was
// still open when a collector stopped, and when it was saved.
struct FormingBarRecord {
    Bar bar;
    TimeMs savedAt = 0;
};

// The bar still forming when a run stopped, one per symbol and timeframe, kept
// apart from the closed bars of BarStore: saving replaces the previous one, and
// a closed bar of the same or a later time supersedes it (current() skips it
// then). Rows go with their symbol (ON DELETE CASCADE).
class FormingBarStore
{
public:
    explicit FormingBarStore(Database &db)
        : m_db(db)
    { }

    // Replaces the symbol's forming bar of this timeframe.
    void save(StoredSymbolId symbol, Timeframe timeframe, const Bar &bar, TimeMs savedAt);
    void remove(StoredSymbolId symbol, Timeframe timeframe);
    // The saved row, superseded or not.
    std::optional<FormingBarRecord> saved(StoredSymbolId symbol, Timeframe timeframe);
    // The saved row unless a closed bar of the same or a later time is in the
    // cache. Empty too in a file older than schema version 5 (opened read-only,
    // not migrated).
    std::optional<FormingBarRecord> current(StoredSymbolId symbol, Timeframe timeframe);

private:
    Database &m_db;
};

}  // namespace wick
