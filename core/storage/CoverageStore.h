// core/storage/CoverageStore: the coverage table (time ranges known complete
// per symbol and timeframe). A view over one Database, on that connection's thread.
#pragma once

#include <vector>

#include "model/Timeframe.h"
#include "storage/StorageTypes.h"

namespace wick {

class Database;

// The time ranges known to be complete per symbol and timeframe (table
// coverage), so that the gaps to backfill are listed instead of guessed.
// Stored ranges never overlap or touch: add() merges them.
class CoverageStore
{
public:
    explicit CoverageStore(Database &db)
        : m_db(db)
    { }

    // Marks [range.start, range.end) complete, merged with every stored range it
    // overlaps or touches, in one transaction.
    void add(StoredSymbolId symbol, Timeframe tf, TimeRange range);
    // The stored ranges, oldest first.
    std::vector<TimeRange> ranges(StoredSymbolId symbol, Timeframe tf);
    // The parts of within that no stored range covers, oldest first.
    std::vector<TimeRange> gaps(StoredSymbolId symbol, Timeframe tf, TimeRange within);
    void clear(StoredSymbolId symbol, Timeframe tf);

private:
    Database &m_db;
};

}  // namespace wick
