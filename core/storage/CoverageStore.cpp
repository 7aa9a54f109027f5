#include "storage/CoverageStore.h"

#include <algorithm>

#include "storage/Database.h"

namespace wick {

void CoverageStore::add(StoredSymbolId symbol, Timeframe tf, TimeRange range)
{
    if (range.empty())
        return;
    Transaction transaction(m_db);
    TimeRange merged = range;
    {
        Query touching = m_db.query(
            "SELECT start_time, end_time FROM coverage WHERE symbol_id = ?1 AND timeframe = ?2 "
            "AND start_time <= ?4 AND end_time >= ?3");
        touching->bind(1, symbol);
        touching->bind(2, int(tf));
        touching->bind(3, range.start);
        touching->bind(4, range.end);
        while (touching->step()) {
            merged.start = std::min(merged.start, touching->int64(0));
            merged.end = std::max(merged.end, touching->int64(1));
        }
    }
    {
        Query erase = m_db.query("DELETE FROM coverage WHERE symbol_id = ?1 AND timeframe = ?2 "
                                 "AND start_time <= ?4 AND end_time >= ?3");
        erase->bind(1, symbol);
        erase->bind(2, int(tf));
        erase->bind(3, range.start);
        erase->bind(4, range.end);
        erase->run();
    }
    {
        Query insert
            = m_db.query("INSERT INTO coverage (symbol_id, timeframe, start_time, end_time) "
                         "VALUES (?1, ?2, ?3, ?4)");
        insert->bind(1, symbol);
        insert->bind(2, int(tf));
        insert->bind(3, merged.start);
        insert->bind(4, merged.end);
        insert->run();
    }
    transaction.commit();
}

std::vector<TimeRange> CoverageStore::ranges(StoredSymbolId symbol, Timeframe tf)
{
    std::vector<TimeRange> result;
    Query select = m_db.query(
        "SELECT start_time, end_time FROM coverage WHERE symbol_id = ?1 AND timeframe = ?2 "
        "ORDER BY start_time");
    select->bind(1, symbol);
    select->bind(2, int(tf));
    while (select->step())
        result.push_back({select->int64(0), select->int64(1)});
    return result;
}

std::vector<TimeRange> CoverageStore::gaps(StoredSymbolId symbol, Timeframe tf, TimeRange within)
{
    std::vector<TimeRange> result;
    if (within.empty())
        return result;
    Query select = m_db.query(
        "SELECT start_time, end_time FROM coverage WHERE symbol_id = ?1 AND timeframe = ?2 "
        "AND start_time < ?4 AND end_time > ?3 ORDER BY start_time");
    select->bind(1, symbol);
    select->bind(2, int(tf));
    select->bind(3, within.start);
    select->bind(4, within.end);
    TimeMs cursor = within.start;
    while (select->step()) {
        const TimeMs start = select->int64(0);
        const TimeMs end = select->int64(1);
        if (start > cursor)
            result.push_back({cursor, start});
        cursor = std::max(cursor, end);
    }
    if (cursor < within.end)
        result.push_back({cursor, within.end});
    return result;
}

void CoverageStore::clear(StoredSymbolId symbol, Timeframe tf)
{
    Query erase = m_db.query("DELETE FROM coverage WHERE symbol_id = ?1 AND timeframe = ?2");
    erase->bind(1, symbol);
    erase->bind(2, int(tf));
    erase->run();
}

}  // namespace wick
