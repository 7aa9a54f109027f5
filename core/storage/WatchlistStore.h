// core/storage/WatchlistStore: the watchlists and watchlist_items tables. A
// view over one Database, on that connection's thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <QString>

#include "storage/StorageTypes.h"

namespace wick {

class Database;

struct Watchlist {
    std::int64_t id = 0;
    QString name;
    std::vector<StoredSymbolId> symbols;  // in the order shown
    friend bool operator==(const Watchlist &, const Watchlist &) = default;
};

// Named watchlists and their symbols in order (tables watchlists,
// watchlist_items). A symbol removed from the cache leaves every list.
class WatchlistStore
{
public:
    explicit WatchlistStore(Database &db)
        : m_db(db)
    { }

    // A new, empty list after the existing ones; throws StorageError if the name is taken.
    std::int64_t create(const QString &name);
    void rename(std::int64_t id, const QString &name);
    bool remove(std::int64_t id);
    // Replaces the list's symbols (in one transaction).
    void setSymbols(std::int64_t id, std::span<const StoredSymbolId> symbols);
    std::vector<StoredSymbolId> symbols(std::int64_t id);
    // Every list with its symbols, in list order.
    std::vector<Watchlist> all();

private:
    Database &m_db;
};

}  // namespace wick
