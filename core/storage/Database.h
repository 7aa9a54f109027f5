// core/storage/Database: one SQLite connection of the cache with its pragmas,
// schema migration, recovery of a corrupt file, statement cache and a
// checkpoint at close. Owned by one thread (the storage thread's writer, a
// reader thread's read-only connection, or wick-cli's main thread).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include <QString>

#include "storage/Statement.h"
#include "storage/StorageError.h"

struct sqlite3;

namespace wick {

enum class OpenMode {
    ReadWrite,  // creates the file, migrates the schema, recovers a corrupt file
    ReadOnly,  // SQLITE_OPEN_READONLY: chart reads beside the writer (WAL)
};

struct OpenOptions {
    OpenMode mode = OpenMode::ReadWrite;
    // PRAGMA quick_check at open (read-write only). It reads the whole file, so
    // the storage thread runs it while charts read through a read-only connection.
    bool quickCheck = true;
};

// One SQLite connection (RAII over sqlite3*) with the pragmas Wick relies on
// (journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON), the schema migrated
// to latestSchemaVersion(), and a cache of prepared statements. Not thread-safe:
// a connection belongs to the thread that uses it.
//
// Closing (close() or the destructor) a read-write connection checkpoints the
// WAL into the file and truncates it, so a normal exit leaves a whole cache.db
// and no (or an empty) cache.db-wal; a crash loses nothing committed either way
// (the WAL is replayed at the next open). The checkpoint waits for readers in
// the middle of a read, so an owner closes in this order: the feeds stop, the
// storage thread writes what is pending and closes, the read-only connections
// (CacheReader, exports) close, and the writer closes last -- or, when readers
// are idle, in any order (an idle reader does not block the checkpoint).
class Database
{
public:
    // Opens (and for ReadWrite creates and migrates) the file at path. A file
    // that is not a database or fails quick_check is moved aside to
    // NAME.corrupt-<yyyyMMddTHHmmssZ> and a fresh one created (see movedAsideTo()).
    // Throws StorageError: ReadOnly, DiskFull, TooNew, Corrupt (read-only mode), ...
    // A read-only open of a file that Wick cannot read says what it is instead:
    // not a Wick cache (not SQLite, or SQLite without Wick's tables), empty
    // (0 bytes or no tables), or a Wick cache of an older schema.
    static std::unique_ptr<Database> open(const QString &path, const OpenOptions &options = {});
    // Calls close().
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    // Where a corrupt file found at open went; empty when none was.
    const QString &movedAsideTo() const { return m_movedAsideTo; }

    // Runs one or more statements that return no rows.
    void exec(const char *sql);
    // A cached prepared statement for sql, reset when the lease ends.
    Query query(const char *sql);
    // The first column of the first row of sql, as an integer / text.
    std::int64_t scalarInt(const char *sql);
    QString scalarText(const char *sql);

    int userVersion();
    bool inTransaction() const;

    // PRAGMA wal_checkpoint(TRUNCATE): copies the WAL into the file and empties
    // it. True when it completed (false: a reader in the middle of a read kept
    // part of it, or the connection is read-only or closed). Never throws.
    bool checkpoint();
    // Finalizes the statements and closes the connection; a read-write one
    // checkpoints first (see above). Returns false when that checkpoint did not
    // complete (the WAL is kept and replayed at the next open: nothing is lost).
    // Idempotent; nothing else may be called after it.
    bool close();
    sqlite3 *handle() const { return m_db; }

    // The app's cache file: QStandardPaths::AppDataLocation + "/cache.db". The
    // caller must have set the organization and application names ("Wick").
    static QString defaultPath();

private:
    Database(sqlite3 *db, QString path, bool readOnly);

    sqlite3 *m_db;
    QString m_path;
    bool m_readOnly;
    QString m_movedAsideTo;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements;

    friend class DatabaseOpener;
};

// One transaction (BEGIN IMMEDIATE .. COMMIT), or a SAVEPOINT when the
// connection is already in one. Rolls back unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    Database &m_db;
    bool m_nested;
    bool m_done = false;
};

}  // namespace wick
