#include "storage/BarStore.h"

#include <algorithm>
#include <limits>
#include <string>

#include <QByteArray>

#include <sqlite3.h>

#include "storage/Database.h"
#include "storage/Schema.h"

namespace wick {

namespace {

void bindKey(Statement &statement, int index, const barcodec::MinuteKey &key)
{
    if (key.whole)
        statement.bind(index, key.minutes);
    else
        statement.bind(index, key.fractional);
}

// One row of SELECT minute, open, high_offset, low_offset, close_offset,
// volume, trade_count (the layout is described in Schema.cpp).
Bar readBar(sqlite3_stmt *row)
{
    Bar bar;
    bar.time = sqlite3_column_type(row, 0) == SQLITE_INTEGER
        ? barcodec::timeOfMinutes(sqlite3_column_int64(row, 0))
        : barcodec::timeOfFractionalMinutes(sqlite3_column_double(row, 0));
    bar.open = sqlite3_column_double(row, 1);
    bar.high = barcodec::priceFromOffset(sqlite3_column_int64(row, 2), bar.open);
    bar.low = barcodec::priceFromOffset(sqlite3_column_int64(row, 3), bar.open);
    bar.close = barcodec::priceFromOffset(sqlite3_column_int64(row, 4), bar.open);
    bar.volume = sqlite3_column_double(row, 5);
    bar.tradeCount = sqlite3_column_int64(row, 6);
    return bar;
}

constexpr int kInsertColumns = 9;
constexpr std::size_t kRowsPerInsert = 64;

// INSERT OR REPLACE of rows bars (rows * 9 parameters).
const std::string &insertSql(std::size_t rows)
{
    static const auto build = [](std::size_t n) {
        std::string sql = "INSERT OR REPLACE INTO bars (symbol_id, timeframe, minute, open, "
                          "high_offset, low_offset, close_offset, volume, trade_count) VALUES ";
        for (std::size_t row = 0; row < n; ++row)
            sql += row == 0 ? "(?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?)";
        return sql;
    };
    static const std::string one = build(1);
    static const std::string many = build(kRowsPerInsert);
    return rows == 1 ? one : many;
}

// Binds one row's nine values after the first `offset` parameters.
void bindBar(sqlite3_stmt *insert, int offset, StoredSymbolId symbol, Timeframe tf, const Bar &bar)
{
    sqlite3_bind_int64(insert, offset + 1, symbol);
    sqlite3_bind_int(insert, offset + 2, int(tf));
    const barcodec::MinuteKey key = barcodec::minuteKey(bar.time);
    if (key.whole)
        sqlite3_bind_int64(insert, offset + 3, key.minutes);
    else
        sqlite3_bind_double(insert, offset + 3, key.fractional);
    const double open = barcodec::storedReal(bar.open);
    sqlite3_bind_double(insert, offset + 4, open);
    sqlite3_bind_int64(insert, offset + 5, barcodec::priceOffset(bar.high, open));
    sqlite3_bind_int64(insert, offset + 6, barcodec::priceOffset(bar.low, open));
    sqlite3_bind_int64(insert, offset + 7, barcodec::priceOffset(bar.close, open));
    sqlite3_bind_double(insert, offset + 8, bar.volume);
    sqlite3_bind_int64(insert, offset + 9, bar.tradeCount);
}

constexpr const char *kColumns
    = "minute, open, high_offset, low_offset, close_offset, volume, trade_count";

}  // namespace

void BarStore::upsert(StoredSymbolId symbol, Timeframe tf, std::span<const Bar> bars)
{
    if (bars.empty())
        return;
    for (const Bar &bar : bars) {
        if (!barcodec::storable(bar.time))
            throw StorageError(StorageErrorKind::Other, SQLITE_RANGE,
                QStringLiteral("bar time %1 ms is not a whole minute and more than 2^31 minutes "
                               "from the epoch; %2 bars not stored in %3")
                    .arg(bar.time)
                    .arg(bars.size())
                    .arg(m_db.path()));
    }
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
        // Rows go in kRowsPerInsert at a time through one multi-row INSERT:
        // one statement run per row cost as much as the row itself (cursor
        // open and close, halt), so this is 1.7x faster; the rest one by one.
        // The values go straight to SQLite: indexes and types are fixed here,
        // so binding cannot fail, and step() reports any error.
        Query many = m_db.query(insertSql(kRowsPerInsert).c_str());
        std::size_t at = 0;
        for (; bars.size() - at >= kRowsPerInsert; at += kRowsPerInsert) {
            for (std::size_t row = 0; row < kRowsPerInsert; ++row)
                bindBar(many->handle(), int(row) * kInsertColumns, symbol, tf, bars[at + row]);
            many->run();
        }
        if (at < bars.size()) {
            Query one = m_db.query(insertSql(1).c_str());
            for (; at < bars.size(); ++at) {
                bindBar(one->handle(), 0, symbol, tf, bars[at]);
                one->run();
            }
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
    // One sqlite3_step for the whole range: the aggregate appends every row to
    // bars (Schema.cpp). The rows come in primary-key order, the order of the
    // only index that can serve this; checked, since SQL does not promise it.
    static const QByteArray sql = QByteArray("SELECT wick_collect_bars(?5, ") + kColumns
        + ") FROM bars WHERE symbol_id = ?1 AND timeframe = ?2 AND minute >= ?3 AND minute < ?4";
    Query select = m_db.query(sql.constData());
    select->bind(1, symbol);
    select->bind(2, int(tf));
    bindKey(*select, 3, barcodec::boundKey(from));
    bindKey(*select, 4, barcodec::boundKey(to));
    if (const int rc
        = sqlite3_bind_pointer(select->handle(), 5, &bars, barcodec::kBarVectorPointer, nullptr);
        rc != SQLITE_OK)
        throw StorageError(
            StorageError::kindOf(rc), rc, QString::fromUtf8(sqlite3_errstr(rc)), select->sql());
    select->run();
    const auto byTime = [](const Bar &a, const Bar &b) { return a.time < b.time; };
    if (!std::is_sorted(bars.begin(), bars.end(), byTime))
        std::sort(bars.begin(), bars.end(), byTime);
    return bars;
}

std::vector<Bar> BarStore::last(
    StoredSymbolId symbol, Timeframe tf, std::size_t count, TimeMs before)
{
    std::vector<Bar> bars;
    if (count == 0)
        return bars;
    bars.reserve(std::min<std::size_t>(count, 1 << 20));
    static const QByteArray sql = QByteArray("SELECT ") + kColumns
        + " FROM bars WHERE symbol_id = ?1 AND timeframe = ?2 AND minute < ?3 "
          "ORDER BY minute DESC LIMIT ?4";
    Query select = m_db.query(sql.constData());
    select->bind(1, symbol);
    select->bind(2, int(tf));
    bindKey(*select, 3, barcodec::boundKey(before));
    select->bind(4,
        static_cast<std::int64_t>(
            std::min<std::size_t>(count, std::numeric_limits<std::int64_t>::max())));
    while (select->step())
        bars.push_back(readBar(select->handle()));
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
    if (to <= from)
        return 0;
    Query erase = m_db.query("DELETE FROM bars WHERE symbol_id = ?1 AND timeframe = ?2 AND minute "
                             ">= ?3 AND minute < ?4");
    erase->bind(1, symbol);
    erase->bind(2, int(tf));
    bindKey(*erase, 3, barcodec::boundKey(from));
    bindKey(*erase, 4, barcodec::boundKey(to));
    erase->run();
    return sqlite3_changes64(m_db.handle());
}

}  // namespace wick
