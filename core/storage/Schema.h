// core/storage/Schema: the cache's schema migrations, its SQL functions and the
// bars table's value layout (barcodec). Pure code, run by whichever thread
// opens a Database.
#pragma once

#include <cstdint>
#include <span>

#include "model/Types.h"

struct sqlite3;

namespace wick {

class Database;

// One step of the cache's schema: the SQL that takes user_version from
// version - 1 to version. Steps are only ever appended.
struct Migration {
    int version;
    const char *sql;
};

std::span<const Migration> schemaMigrations();
int latestSchemaVersion();

// Applies the migrations above the file's user_version up to target, each in
// its own transaction together with its PRAGMA user_version. Throws
// StorageError (TooNew) when the file is newer than target.
void migrateSchema(Database &db, int target);

// The SQL functions of the bars layout (wick_bar_minute and wick_price_offset
// for migrations, wick_collect_bars for BarStore's reads); Database::open
// registers them on every connection. Returns SQLite's code.
int registerSchemaFunctions(sqlite3 *db);

// How a bar is laid out in table bars (schema version 3), shared by BarStore
// and the migration that converts older files. Every value round-trips bit
// for bit; see Schema.cpp for the measurements behind the layout.
namespace barcodec {

// Open times are stored as minutes since the epoch: an INTEGER (4 bytes
// until the year 6053) when the time is a whole minute, which every bar Wick
// builds is, else the REAL ms / 60000.0. Both compare numerically in the key,
// so the order is the order of the times.
// A time that is not a whole minute must lie within kMaxFractionalMinute
// minutes of the epoch (years -2113 .. 6053) for its REAL to be exact.
inline constexpr std::int64_t kMaxFractionalMinute = std::int64_t(1) << 31;

struct MinuteKey {
    bool whole = true;
    std::int64_t minutes = 0;  // when whole
    double fractional = 0.0;  // otherwise
};

// Whether a bar with this open time can be stored exactly (see above).
bool storable(TimeMs time);
// The stored key of a storable open time.
MinuteKey minuteKey(TimeMs time);
// The key to compare stored keys with for a bound of a half-open range: for
// every storable t, key(t) >= boundKey(b) exactly when t >= b. Any b works.
MinuteKey boundKey(TimeMs bound);
TimeMs timeOfMinutes(std::int64_t minutes);
TimeMs timeOfFractionalMinutes(double minutes);

// The REAL that SQLite gives back for a REAL column: -0.0 comes back as 0.0
// (it is stored as the integer 0); every other double as it was.
double storedReal(double value);
// high, low and close are stored as the difference of their IEEE-754 bit
// patterns from open's (as stored), modulo 2^64: prices near the open differ
// only in their low mantissa bits, so the difference is a 6-byte integer
// instead of an 8-byte REAL, and 0 bytes when equal to the open.
std::int64_t priceOffset(double price, double storedOpen);
double priceFromOffset(std::int64_t offset, double storedOpen);

// The pointer type (sqlite3_bind_pointer) of the std::vector<Bar> that the
// aggregate wick_collect_bars(?, minute, open, high_offset, low_offset,
// close_offset, volume, trade_count) appends the rows it sees to, in the order
// SQLite visits them.
inline constexpr const char *kBarVectorPointer = "wick::std::vector<Bar>";

}  // namespace barcodec

}  // namespace wick
