#include "storage/QualityStore.h"

#include <bit>
#include <cmath>

#include <sqlite3.h>

#include "storage/Database.h"

namespace wick {

std::vector<std::int64_t> QualityStore::quarantine(
    StoredSymbolId symbol, std::span<const QuarantinedItem> items)
{
    std::vector<std::int64_t> ids;
    ids.reserve(items.size());
    Transaction transaction(m_db);
    Query insert = m_db.query(
        "INSERT INTO quarantine (symbol_id, time, received_at, rule, raw_bits, raw_value, "
        "trade_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const QuarantinedItem &item : items) {
        insert->bind(1, symbol);
        insert->bind(2, item.time);
        insert->bind(3, item.receivedAt);
        insert->bind(4, item.rule);
        insert->bind(5, std::bit_cast<std::int64_t>(item.rawValue));
        if (std::isnan(item.rawValue))
            insert->bindNull(6);
        else
            insert->bind(6, item.rawValue);
        if (item.tradeId >= 0)
            insert->bind(7, item.tradeId);
        else
            insert->bindNull(7);
        insert->bind(8, item.detail);
        insert->run();
        ids.push_back(sqlite3_last_insert_rowid(m_db.handle()));
    }
    transaction.commit();
    return ids;
}

std::vector<QuarantinedItem> QualityStore::quarantined(
    StoredSymbolId symbol, TimeMs from, TimeMs to, std::size_t limit)
{
    std::vector<QuarantinedItem> items;
    Query select = m_db.query(
        "SELECT id, time, received_at, rule, raw_bits, trade_id, detail FROM quarantine "
        "WHERE symbol_id = ?1 AND time >= ?2 AND time < ?3 ORDER BY time, id LIMIT ?4");
    select->bind(1, symbol);
    select->bind(2, from);
    select->bind(3, to);
    select->bind(4, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
    while (select->step()) {
        QuarantinedItem item;
        item.id = select->int64(0);
        item.time = select->int64(1);
        item.receivedAt = select->int64(2);
        item.rule = select->text(3);
        item.rawValue = std::bit_cast<double>(select->int64(4));
        item.tradeId = select->isNull(5) ? -1 : select->int64(5);
        item.detail = select->text(6);
        items.push_back(std::move(item));
    }
    return items;
}

std::int64_t QualityStore::quarantineCount(StoredSymbolId symbol)
{
    Query count = m_db.query("SELECT count(*) FROM quarantine WHERE symbol_id = ?1");
    count->bind(1, symbol);
    return count->step() ? count->int64(0) : 0;
}

std::vector<std::pair<QString, std::int64_t>> QualityStore::quarantineCountsByRule(
    StoredSymbolId symbol)
{
    std::vector<std::pair<QString, std::int64_t>> counts;
    Query select = m_db.query("SELECT rule, count(*) FROM quarantine WHERE symbol_id = ?1 "
                              "GROUP BY rule ORDER BY rule");
    select->bind(1, symbol);
    while (select->step())
        counts.emplace_back(select->text(0), select->int64(1));
    return counts;
}

std::int64_t QualityStore::forgetQuarantinedBefore(TimeMs before)
{
    Query erase = m_db.query("DELETE FROM quarantine WHERE received_at < ?1");
    erase->bind(1, before);
    erase->run();
    return sqlite3_changes(m_db.handle());
}

void QualityStore::setScore(StoredSymbolId symbol, const QualityScoreRecord &score)
{
    Query upsert = m_db.query(
        "INSERT INTO quality_scores (symbol_id, score, checks, passed, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (symbol_id) DO UPDATE SET score = excluded.score, "
        "checks = excluded.checks, passed = excluded.passed, updated_at = excluded.updated_at");
    upsert->bind(1, symbol);
    upsert->bind(2, score.score);
    upsert->bind(3, score.checks);
    upsert->bind(4, score.passed);
    upsert->bind(5, score.updatedAt);
    upsert->run();
}

std::optional<QualityScoreRecord> QualityStore::score(StoredSymbolId symbol)
{
    Query select = m_db.query(
        "SELECT score, checks, passed, updated_at FROM quality_scores WHERE symbol_id = ?1");
    select->bind(1, symbol);
    if (!select->step())
        return std::nullopt;
    return QualityScoreRecord {
        select->real(0), select->int64(1), select->int64(2), select->int64(3)};
}

}  // namespace wick
