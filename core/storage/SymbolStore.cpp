#include "storage/SymbolStore.h"

#include <QByteArray>

#include <sqlite3.h>

#include "storage/Database.h"

namespace wick {

namespace {

constexpr const char *kColumns = "id, source, code, display_name, asset_class, time_zone, "
                                 "session_always_open, session_open_minute, "
                                 "session_close_minute, session_weekdays, tick_size";

StoredSymbol readSymbol(const Statement &row)
{
    StoredSymbol stored;
    stored.id = row.int64(0);
    Symbol &s = stored.symbol;
    s.source = row.text(1);
    s.code = row.text(2);
    s.displayName = row.text(3);
    s.assetClass = static_cast<AssetClass>(row.int64(4));
    s.timeZoneId = row.bytes(5);
    s.session.alwaysOpen = row.int64(6) != 0;
    s.session.openMinute = static_cast<int>(row.int64(7));
    s.session.closeMinute = static_cast<int>(row.int64(8));
    s.session.weekdays = static_cast<std::uint8_t>(row.int64(9));
    s.tickSize = row.real(10);
    return stored;
}

}  // namespace

std::optional<std::pair<QString, QString>> SymbolStore::splitKey(const QString &key)
{
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == key.size() - 1)
        return std::nullopt;
    return std::pair {normalizedSource(key.left(colon)), key.mid(colon + 1)};
}

StoredSymbolId SymbolStore::save(const Symbol &symbol)
{
    Query upsert = m_db.query(
        "INSERT INTO symbols (source, code, display_name, asset_class, time_zone, "
        "session_always_open, session_open_minute, session_close_minute, session_weekdays, "
        "tick_size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (source, code) DO UPDATE SET display_name = excluded.display_name, "
        "asset_class = excluded.asset_class, time_zone = excluded.time_zone, "
        "session_always_open = excluded.session_always_open, "
        "session_open_minute = excluded.session_open_minute, "
        "session_close_minute = excluded.session_close_minute, "
        "session_weekdays = excluded.session_weekdays, tick_size = excluded.tick_size "
        "RETURNING id");
    upsert->bind(1, normalizedSource(symbol.source));
    upsert->bind(2, symbol.code);
    upsert->bind(3, symbol.displayName);
    upsert->bind(4, int(symbol.assetClass));
    upsert->bind(5, symbol.timeZoneId);
    upsert->bind(6, symbol.session.alwaysOpen ? 1 : 0);
    upsert->bind(7, symbol.session.openMinute);
    upsert->bind(8, symbol.session.closeMinute);
    upsert->bind(9, int(symbol.session.weekdays));
    upsert->bind(10, symbol.tickSize);
    upsert->step();
    const StoredSymbolId id = upsert->int64(0);
    upsert->run();  // finish the statement so that the write is complete
    return id;
}

StoredSymbolId SymbolStore::ensure(const QString &source, const QString &code)
{
    {
        Query insert = m_db.query("INSERT OR IGNORE INTO symbols (source, code) VALUES (?1, ?2)");
        insert->bind(1, normalizedSource(source));
        insert->bind(2, code);
        insert->run();
    }
    return find(source, code).value_or(0);
}

std::optional<StoredSymbolId> SymbolStore::find(const QString &source, const QString &code)
{
    Query select = m_db.query("SELECT id FROM symbols WHERE source = ?1 AND code = ?2");
    select->bind(1, normalizedSource(source));
    select->bind(2, code);
    if (!select->step())
        return std::nullopt;
    return select->int64(0);
}

std::optional<Symbol> SymbolStore::symbol(StoredSymbolId id)
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM symbols WHERE id = ?1";
    Query select = m_db.query(sql.constData());
    select->bind(1, id);
    if (!select->step())
        return std::nullopt;
    return readSymbol(*select).symbol;
}

std::vector<StoredSymbol> SymbolStore::all()
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM symbols ORDER BY id";
    std::vector<StoredSymbol> symbols;
    Query select = m_db.query(sql.constData());
    while (select->step())
        symbols.push_back(readSymbol(*select));
    return symbols;
}

bool SymbolStore::remove(StoredSymbolId id)
{
    Transaction transaction(m_db);
    {
        // bars has no foreign key (see Schema.cpp); coverage and watchlist
        // items go by ON DELETE CASCADE.
        Query bars = m_db.query("DELETE FROM bars WHERE symbol_id = ?1");
        bars->bind(1, id);
        bars->run();
    }
    bool removed = false;
    {
        Query erase = m_db.query("DELETE FROM symbols WHERE id = ?1");
        erase->bind(1, id);
        erase->run();
        removed = sqlite3_changes(m_db.handle()) > 0;
    }
    transaction.commit();
    return removed;
}

}  // namespace wick
