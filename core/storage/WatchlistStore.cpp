#include "storage/WatchlistStore.h"

#include <sqlite3.h>

#include "storage/Database.h"

namespace wick {

std::int64_t WatchlistStore::create(const QString &name)
{
    Query insert = m_db.query(
        "INSERT INTO watchlists (name, position) "
        "VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM watchlists)) RETURNING id");
    insert->bind(1, name);
    insert->step();
    const std::int64_t id = insert->int64(0);
    insert->run();
    return id;
}

void WatchlistStore::rename(std::int64_t id, const QString &name)
{
    Query update = m_db.query("UPDATE watchlists SET name = ?2 WHERE id = ?1");
    update->bind(1, id);
    update->bind(2, name);
    update->run();
}

bool WatchlistStore::remove(std::int64_t id)
{
    Query erase = m_db.query("DELETE FROM watchlists WHERE id = ?1");
    erase->bind(1, id);
    erase->run();
    return sqlite3_changes(m_db.handle()) > 0;
}

void WatchlistStore::setSymbols(std::int64_t id, std::span<const StoredSymbolId> symbols)
{
    Transaction transaction(m_db);
    {
        Query erase = m_db.query("DELETE FROM watchlist_items WHERE watchlist_id = ?1");
        erase->bind(1, id);
        erase->run();
    }
    {
        Query insert = m_db.query(
            "INSERT INTO watchlist_items (watchlist_id, position, symbol_id) VALUES (?1, ?2, ?3)");
        insert->bind(1, id);
        std::int64_t position = 0;
        for (StoredSymbolId symbol : symbols) {
            insert->bind(2, position++);
            insert->bind(3, symbol);
            insert->run();
        }
    }
    transaction.commit();
}

std::vector<StoredSymbolId> WatchlistStore::symbols(std::int64_t id)
{
    std::vector<StoredSymbolId> result;
    Query select = m_db.query(
        "SELECT symbol_id FROM watchlist_items WHERE watchlist_id = ?1 ORDER BY position");
    select->bind(1, id);
    while (select->step())
        result.push_back(select->int64(0));
    return result;
}

std::vector<Watchlist> WatchlistStore::all()
{
    std::vector<Watchlist> lists;
    {
        Query select = m_db.query("SELECT id, name FROM watchlists ORDER BY position, id");
        while (select->step())
            lists.push_back(Watchlist {select->int64(0), select->text(1), {}});
    }
    for (Watchlist &list : lists)
        list.symbols = symbols(list.id);
    return lists;
}

}  // namespace wick
