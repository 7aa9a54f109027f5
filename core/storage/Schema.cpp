#include "storage/Schema.h"

#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <new>
#include <vector>

#include <sqlite3.h>

#include "model/Bar.h"

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

// Bars in under 64 bytes each as written (wick-bench storage, 5,000,000 1m
// bars; version 1 took 70). Appending to a WITHOUT ROWID b-tree leaves its
// pages 87.5% full whatever the page size (SQLite's balance_nonroot evens out
// the three rightmost pages at every split; only rowid tables get the
// append fast path, and only CREATE INDEX / VACUUM pack pages full), so the
// row itself had to shrink from 59 to 51 bytes:
// - minute: the open time in minutes (4 bytes instead of 6 for ms); a time
//   that is not a whole minute is kept exactly as the REAL ms / 60000.0;
// - high, low, close: their bit patterns' offset from open's (6 bytes instead
//   of 8 for prices within a few percent of the open, 0 when equal to it);
// - open, volume: REAL as before (SQLite keeps whole values as small integers).
// Every double round-trips bit for bit (-0.0 in open or volume reads as 0.0,
// as before). BarStore is the only reader and writer of this layout.
constexpr const char *kVersion3 = R"sql(
ALTER TABLE bars RENAME TO bars_v2;
CREATE TABLE bars (
    symbol_id INTEGER NOT NULL,
    timeframe INTEGER NOT NULL,
    minute INTEGER NOT NULL,
    open REAL NOT NULL,
    high_offset INTEGER NOT NULL,
    low_offset INTEGER NOT NULL,
    close_offset INTEGER NOT NULL,
    volume REAL NOT NULL,
    trade_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (symbol_id, timeframe, minute)
) WITHOUT ROWID;
INSERT INTO bars
    SELECT symbol_id, timeframe, wick_bar_minute(time), open, wick_price_offset(high, open),
        wick_price_offset(low, open), wick_price_offset(close, open), volume, trade_count
    FROM bars_v2 ORDER BY symbol_id, timeframe, time;
DROP TABLE bars_v2;
)sql";

// Data quality (issue 5): every rejected tick or bar with its rule and raw
// value, and each symbol's latest quality score. The raw value is kept as its
// bit pattern (SQLite turns a REAL NaN into NULL, and a NaN price is exactly
// what gets quarantined); raw_value beside it is for reading by eye.
constexpr const char *kVersion4 = R"sql(
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    symbol_id INTEGER NOT NULL REFERENCES symbols (id) ON DELETE CASCADE,
    time INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    rule TEXT NOT NULL,
    raw_bits INTEGER NOT NULL,
    raw_value REAL,
    trade_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quarantine_symbol_time ON quarantine (symbol_id, time);
CREATE TABLE quality_scores (
    symbol_id INTEGER PRIMARY KEY REFERENCES symbols (id) ON DELETE CASCADE,
    score REAL NOT NULL,
    checks INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
)sql";

// The bar still forming when a collector stopped (wick-cli collect), kept
// apart from the closed bars: one row per symbol and timeframe, replaced each
// time. A closed bar of the same or a later time supersedes it; readers
// (wick-cli export --include-forming) skip it then. FormingBarStore owns it.
constexpr const char *kVersion5 = R"sql(
CREATE TABLE forming_bars (
    symbol_id INTEGER NOT NULL REFERENCES symbols (id) ON DELETE CASCADE,
    timeframe INTEGER NOT NULL,
    time INTEGER NOT NULL,
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume REAL NOT NULL,
    trade_count INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (symbol_id, timeframe)
) WITHOUT ROWID;
)sql";

// Alerts (issue 11): the rules (their JSON as AlertRule::toJson writes it,
// the notification actions as JSON beside it), each rule's state, and every
// fire. A fire is kept once per rule and bar (UNIQUE): a restart, or a second
// backfill of the same bars, adds nothing. missed: the bar closed while the
// app was not running (reported from the backfill, listed without a pop-up).
// Fires outlive their rule (the log is history), states go with it.
constexpr const char *kVersion6 = R"sql(
CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    rule TEXT NOT NULL,
    actions TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE TABLE alert_state (
    rule_id TEXT PRIMARY KEY REFERENCES alert_rules (id) ON DELETE CASCADE,
    armed INTEGER NOT NULL,
    level_armed INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    pause_reason TEXT NOT NULL DEFAULT '',
    expired INTEGER NOT NULL,
    fire_count INTEGER NOT NULL,
    last_fire INTEGER,
    last_fired_bar INTEGER
) WITHOUT ROWID;
CREATE TABLE alert_fires (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    timeframe INTEGER NOT NULL,
    bar_time INTEGER NOT NULL,
    fire_time INTEGER NOT NULL,
    left_value REAL,
    right_value REAL,
    close_value REAL,
    intrabar INTEGER NOT NULL DEFAULT 0,
    missed INTEGER NOT NULL DEFAULT 0,
    acknowledged INTEGER NOT NULL DEFAULT 0,
    condition TEXT NOT NULL DEFAULT '',
    UNIQUE (rule_id, bar_time)
);
CREATE INDEX alert_fires_time ON alert_fires (fire_time);
)sql";

constexpr std::array kMigrations = {
    Migration {1, kVersion1},
    Migration {2, kVersion2},
    Migration {3, kVersion3},
    Migration {4, kVersion4},
    Migration {5, kVersion5},
    Migration {6, kVersion6},
};

// wick_bar_minute(time ms): the minute key of schema version 3. A time that
// has no exact key (not a whole minute and more than 2^31 minutes from the
// epoch, which BarStore never wrote but an older file might hold) gets the
// nearest REAL instead of failing the migration: the bar stays, its time
// rounded to the precision of a double (1/32 minute near 2^40 minutes).
void barMinuteFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    const TimeMs time = sqlite3_value_int64(argv[0]);
    const barcodec::MinuteKey key = barcodec::storable(time)
        ? barcodec::minuteKey(time)
        : barcodec::MinuteKey {false, 0, double(time) / double(kMinuteMs)};
    if (key.whole)
        sqlite3_result_int64(context, key.minutes);
    else
        sqlite3_result_double(context, key.fractional);
}

// wick_collect_bars(pointer, minute, open, high_offset, low_offset,
// close_offset, volume, trade_count): an aggregate that appends each row, as
// a Bar, to the std::vector<Bar> bound as the pointer (kBarVectorPointer).
// A range read then runs in one sqlite3_step instead of one step and seven
// column calls per row: a third less time for 100,000 bars.
void collectBarsStep(sqlite3_context *context, int, sqlite3_value **argv)
{
    auto *bars = static_cast<std::vector<Bar> *>(
        sqlite3_value_pointer(argv[0], barcodec::kBarVectorPointer));
    if (!bars) {
        sqlite3_result_error(context, "wick_collect_bars: no vector bound", -1);
        return;
    }
    Bar bar;
    bar.time = sqlite3_value_type(argv[1]) == SQLITE_INTEGER
        ? barcodec::timeOfMinutes(sqlite3_value_int64(argv[1]))
        : barcodec::timeOfFractionalMinutes(sqlite3_value_double(argv[1]));
    bar.open = sqlite3_value_double(argv[2]);
    bar.high = barcodec::priceFromOffset(sqlite3_value_int64(argv[3]), bar.open);
    bar.low = barcodec::priceFromOffset(sqlite3_value_int64(argv[4]), bar.open);
    bar.close = barcodec::priceFromOffset(sqlite3_value_int64(argv[5]), bar.open);
    bar.volume = sqlite3_value_double(argv[6]);
    bar.tradeCount = sqlite3_value_int64(argv[7]);
    try {
        bars->push_back(bar);
    } catch (const std::bad_alloc &) {
        sqlite3_result_error_nomem(context);
    }
}

void collectBarsFinal(sqlite3_context *context)
{
    sqlite3_result_null(context);
}

void priceOffsetFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    sqlite3_result_int64(context,
        barcodec::priceOffset(
            sqlite3_value_double(argv[0]), barcodec::storedReal(sqlite3_value_double(argv[1]))));
}

}  // namespace

namespace barcodec {

bool storable(TimeMs time)
{
    return time % kMinuteMs == 0
        || (time > -kMaxFractionalMinute * kMinuteMs && time < kMaxFractionalMinute * kMinuteMs);
}

MinuteKey minuteKey(TimeMs time)
{
    if (time % kMinuteMs == 0)
        return MinuteKey {true, time / kMinuteMs, 0.0};
    // |time| < 2^31 minutes: the quotient is within 2^-22 minutes of the exact
    // value, far closer than the 1/60000 between neighbouring milliseconds,
    // so the rounding keeps order and timeOfFractionalMinutes() inverts it.
    return MinuteKey {false, 0, double(time) / double(kMinuteMs)};
}

MinuteKey boundKey(TimeMs bound)
{
    if (storable(bound))
        return minuteKey(bound);
    // Beyond the fractional range only whole minutes are stored, and a whole
    // minute m is >= bound exactly when m >= ceil(bound / 1 min).
    const std::int64_t quotient = bound / kMinuteMs;  // truncates: the ceiling below 0
    return MinuteKey {true, quotient + (bound > 0 ? 1 : 0), 0.0};
}

TimeMs timeOfMinutes(std::int64_t minutes)
{
    return minutes * kMinuteMs;
}

TimeMs timeOfFractionalMinutes(double minutes)
{
    // Within +-2^31 minutes (every key BarStore writes) this is exact; beyond,
    // only a migrated approximation (see wick_bar_minute), kept within TimeMs.
    const double ms = minutes * double(kMinuteMs);
    if (ms >= 0x1p63)
        return std::numeric_limits<TimeMs>::max();
    if (ms <= -0x1p63)
        return std::numeric_limits<TimeMs>::min();
    return std::llround(ms);
}

double storedReal(double value)
{
    return value == 0.0 ? 0.0 : value;
}

std::int64_t priceOffset(double price, double storedOpen)
{
    return std::int64_t(
        std::bit_cast<std::uint64_t>(price) - std::bit_cast<std::uint64_t>(storedOpen));
}

double priceFromOffset(std::int64_t offset, double storedOpen)
{
    return std::bit_cast<double>(std::bit_cast<std::uint64_t>(storedOpen) + std::uint64_t(offset));
}

}  // namespace barcodec

int registerSchemaFunctions(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(
        db, "wick_bar_minute", 1, flags, nullptr, barMinuteFunction, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "wick_price_offset", 2, flags, nullptr,
            priceOffsetFunction, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK)  // not deterministic: it has a side effect
        rc = sqlite3_create_function_v2(db, "wick_collect_bars", 8, SQLITE_UTF8 | SQLITE_DIRECTONLY,
            nullptr, nullptr, collectBarsStep, collectBarsFinal, nullptr);
    return rc;
}

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
