#include "storage/BarStore.h"

#include <algorithm>

#include <sqlite3.h>

#include "storage/Database.h"

namespace wick {

namespace {

Bar readBar(const Statement &row)
{
    return Bar {row.int64(0), row.real(1), row.real(2), row.real(3), row.real(4), row.real(5),
        row.int64(6)};
}

}  // namespace

void BarStore::upsert(StoredSymbolId symbol, Timeframe tf, std::span<const Bar> bars)
{
    if (bars.empty())
        return;
    Transaction transaction(m_db);
    {
        // The schema's foreign key, checked once per batch instead of per row.
        const char *sql = "SELECT 1 FROM symbols WHERE id = ?1";
        Query symbolExists = m_db.query(sql);
        symbolExists->bind(1, symbol);
        if (!symbolExists->step())
            throw StorageError(StorageErrorKind::Other, SQLITE_CONSTRAINT_FOREIGNKEY,
                QStringLiteral("no symbol with id %1 in %2; %3 bars not stored")
                    .arg(symbol)
                    .arg(m_db.path())
                    .arg(bars.size()),
                QString::fromUtf8(sql));
    }
    {
        Query insert = m_db.query(
            "INSERT OR REPLACE INTO bars (symbol_id, timeframe, time, open, high, low, close, "
            "volume, trade_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        insert->bind(1, symbol);
        insert->bind(2, int(tf));
        for (const Bar &bar : bars) {
            insert->bind(3, bar.time);
            insert->bind(4, bar.open);
            insert->bind(5, bar.high);
            insert->bind(6, bar.low);
            insert->bind(7, bar.close);
            insert->bind(8, bar.volume);
            insert->bind(9, bar.tradeCount);
            insert->run();
        }
    }
    transaction.commit();
}

std::vector<Bar> BarStore::range(StoredSymbolId symbol, Timeframe tf, TimeMs from, TimeMs to)
{
    std::vector<Bar> bars;
    if (to <= from)
        return bars;
    // At most one bar per nominal period: reserve that (capped) so that a large
    // read does not reallocate and copy as it grows.
    // Unsigned: to - from may not fit in TimeMs (from = min, to = max).
    const std::uint64_t span = std::uint64_t(to) - std::uint64_t(from);
    if (span < std::uint64_t(kEndOfTime) / 2)
        bars.reserve(std::size_t(std::min<std::uint64_t>(
            span / std::uint64_t(nominalDurationMs(tf)) + 1, std::uint64_t(1) << 22)));
    Query select = m_db.query(
        "SELECT time, open, high, low, close, volume, trade_count FROM bars "
        "WHERE symbol_id = ?1 AND timeframe = ?2 AND time >= ?3 AND time < ?4 ORDER BY time");
    select->bind(1, symbol);
    select->bind(2, int(tf));
    select->bind(3, from);
    select->bind(4, to);
    while (select->step())
        bars.push_back(readBar(*select));
    return bars;
}

std::vector<Bar> BarStore::last(
    StoredSymbolId symbol, Timeframe tf, std::size_t count, TimeMs before)
{
    std::vector<Bar> bars;
    if (count == 0)
        return bars;
    bars.reserve(std::min<std::size_t>(count, 1 << 20));
    Query select = m_db.query(
        "SELECT time, open, high, low, close, volume, trade_count FROM bars "
        "WHERE symbol_id = ?1 AND timeframe = ?2 AND time < ?3 ORDER BY time DESC LIMIT ?4");
    select->bind(1, symbol);
    select->bind(2, int(tf));
    select->bind(3, before);
    select->bind(4, static_cast<std::int64_t>(count));
    while (select->step())
        bars.push_back(readBar(*select));
    std::reverse(bars.begin(), bars.end());
    return bars;
}

std::int64_t BarStore::count(StoredSymbolId symbol, Timeframe tf)
{
    Query select = m_db.query("SELECT count(*) FROM bars WHERE symbol_id = ?1 AND timeframe = ?2");
    select->bind(1, symbol);
    select->bind(2, int(tf));
    return select->step() ? select->int64(0) : 0;
}

std::int64_t BarStore::remove(StoredSymbolId symbol, Timeframe tf, TimeMs from, TimeMs to)
{
    Query erase = m_db.query(
        "DELETE FROM bars WHERE symbol_id = ?1 AND timeframe = ?2 AND time >= ?3 AND time < ?4");
    erase->bind(1, symbol);
    erase->bind(2, int(tf));
    erase->bind(3, from);
    erase->bind(4, to);
    erase->run();
    return sqlite3_changes64(m_db.handle());
}

}  // namespace wick
