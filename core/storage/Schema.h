#pragma once

#include <span>

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

}  // namespace wick
