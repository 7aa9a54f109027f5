// core/storage/QualityStore: the quarantine and quality_scores tables. A view
// over one Database, on that connection's thread (storage thread or reader thread).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <QString>

#include "storage/StorageTypes.h"

namespace wick {

class Database;

// One rejected tick or bar as the cache keeps it (table quarantine): what the
// validator refused, by which rule, and the raw value exactly (NaN included).
struct QuarantinedItem {
    std::int64_t id = 0;  // assigned by the cache
    TimeMs time = 0;  // the item's own time
    TimeMs receivedAt = 0;
    QString rule;  // the rule's stable name ("non_positive_price")
    double rawValue = 0.0;
    std::int64_t tradeId = -1;  // -1: none (a bar, or a source without ids)
    QString detail;  // "price -61350.15", "high 99 < close 100"
};

// A symbol's latest quality score (table quality_scores): the share of checks
// passed over the validator's rolling window.
struct QualityScoreRecord {
    double score = 1.0;
    std::int64_t checks = 0;
    std::int64_t passed = 0;
    TimeMs updatedAt = 0;
    friend bool operator==(const QualityScoreRecord &, const QualityScoreRecord &) = default;
};

// The data-quality record: quarantined items and quality scores per symbol.
// Rows go with their symbol (ON DELETE CASCADE).
class QualityStore
{
public:
    explicit QualityStore(Database &db)
        : m_db(db)
    { }

    // Adds the items in one transaction; returns the ids given, in order.
    std::vector<std::int64_t> quarantine(
        StoredSymbolId symbol, std::span<const QuarantinedItem> items);
    // A symbol's items with from <= time < to, oldest first (at most limit).
    std::vector<QuarantinedItem> quarantined(
        StoredSymbolId symbol, TimeMs from, TimeMs to, std::size_t limit = 100'000);
    std::int64_t quarantineCount(StoredSymbolId symbol);
    // How many items each rule refused, by rule name.
    std::vector<std::pair<QString, std::int64_t>> quarantineCountsByRule(StoredSymbolId symbol);
    // Retention: removes every item received before `before`; returns how many.
    std::int64_t forgetQuarantinedBefore(TimeMs before);

    void setScore(StoredSymbolId symbol, const QualityScoreRecord &score);
    std::optional<QualityScoreRecord> score(StoredSymbolId symbol);

private:
    Database &m_db;
};

}  // namespace wick
