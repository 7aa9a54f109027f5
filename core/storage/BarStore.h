// core/storage/BarStore: the bars table (every symbol and timeframe). A view over
// one Database, used on the thread that owns that connection (the storage
// thread, a CacheReader's thread, or wick-cli's main thread).
#pragma once

#include <span>
#include <vector>

#include "model/Bar.h"
#include "model/Timeframe.h"
#include "storage/StorageTypes.h"

namespace wick {

class Database;

// Bars of every symbol and timeframe (table bars). Works on a read-write or a
// read-only Database; writes throw StorageError (ReadOnly) on the latter.
class BarStore
{
public:
    explicit BarStore(Database &db)
        : m_db(db)
    { }

    // Inserts or replaces (same symbol, timeframe and time) all bars in one
    // transaction: either every bar is stored or none is. Every field reads
    // back bit for bit (but -0.0 as open or volume reads as 0.0). Throws
    // StorageError for a time that is not a whole minute and more than 2^31
    // minutes (4083 years) from the epoch: it has no exact key (Schema.cpp).
    void upsert(StoredSymbolId symbol, Timeframe tf, std::span<const Bar> bars);
    // Bars with from <= time < to, oldest first.
    std::vector<Bar> range(StoredSymbolId symbol, Timeframe tf, TimeMs from, TimeMs to);
    // The newest count bars with time < before, oldest first (history paging:
    // pass the oldest loaded bar's time to get the page before it).
    std::vector<Bar> last(
        StoredSymbolId symbol, Timeframe tf, std::size_t count, TimeMs before = kEndOfTime);
    std::int64_t count(StoredSymbolId symbol, Timeframe tf);
    // Removes the bars with from <= time < to; returns how many.
    std::int64_t remove(StoredSymbolId symbol, Timeframe tf, TimeMs from, TimeMs to);

private:
    Database &m_db;
};

}  // namespace wick
