#include "storage/Schema.h"

#include <array>

#include "storage/Database.h"

namespace wick {

namespace {

// Bars are the bulk of the file (goal: under 64 bytes a bar): a small integer
// symbol id and timeframe, time in ms, REAL prices, WITHOUT ROWID so that the
// primary key is the b-tree and no second index exists. bars.symbol_id has no
// REFERENCES clause: a foreign-key check per row cost 40% of the insert time,
// so BarStore checks the symbol once per batch and SymbolStore::remove deletes
// a symbol's bars itself.
constexpr const char *kVersion1 = R"sql(
CREATE TABLE symbols (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    asset_class INTEGER NOT NULL DEFAULT 0,
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    session_always_open INTEGER NOT NULL DEFAULT 1,
    session_open_minute INTEGER NOT NULL DEFAULT 0,
    session_close_minute INTEGER NOT NULL DEFAULT 1440,
    session_weekdays INTEGER NOT NULL DEFAULT 31,
    tick_size REAL NOT NULL DEFAULT 0.01,
    UNIQUE (source, code)
);
CREATE TABLE bars (
    symbol_id INTEGER NOT NULL,
    timeframe INTEGER NOT NULL,
    time INTEGER NOT NULL,
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume REAL NOT NULL,
    trade_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (symbol_id, timeframe, time)
) WITHOUT ROWID;
CREATE TABLE coverage (
    symbol_id INTEGER NOT NULL REFERENCES symbols (id) ON DELETE CASCADE,
    timeframe INTEGER NOT NULL,
    start_time INTEGER NOT NULL,
    end_time INTEGER NOT NULL CHECK (end_time > start_time),
    PRIMARY KEY (symbol_id, timeframe, start_time)
) WITHOUT ROWID;
)sql";

constexpr const char *kVersion2 = R"sql(
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watchlist_items (
    watchlist_id INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    symbol_id INTEGER NOT NULL REFERENCES symbols (id) ON DELETE CASCADE,
    PRIMARY KEY (watchlist_id, position)
) WITHOUT ROWID;
CREATE INDEX watchlist_items_symbol ON watchlist_items (symbol_id);
CREATE TABLE data_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::array kMigrations = {
    Migration {1, kVersion1},
    Migration {2, kVersion2},
};

}  // namespace

std::span<const Migration> schemaMigrations()
{
    return kMigrations;
}

int latestSchemaVersion()
{
    return kMigrations.back().version;
}

void migrateSchema(Database &db, int target)
{
    const int current = db.userVersion();
    if (current > target)
        throw StorageError(StorageErrorKind::TooNew, 0,
            QStringLiteral("%1 has schema version %2, newer than this Wick knows (%3); use a "
                           "newer Wick or move the file aside")
                .arg(db.path())
                .arg(current)
                .arg(target));
    for (const Migration &migration : kMigrations) {
        if (migration.version <= current || migration.version > target)
            continue;
        Transaction transaction(db);
        db.exec(migration.sql);
        db.exec(
            QStringLiteral("PRAGMA user_version = %1").arg(migration.version).toUtf8().constData());
        transaction.commit();
    }
}

}  // namespace wick
