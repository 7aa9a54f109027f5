// core/storage: the local SQLite cache -- Database (connection, pragmas,
// migrations, fault recovery), the stores over it (BarStore, SymbolStore,
// CoverageStore, WatchlistStore, DataSettingsStore, ...), the errors they throw,
// and the files around it (BarCsv and CsvFields for CSV, AtomicFile).
// A Database and its stores belong to one thread: the storage thread owns the
// read-write connection, chart reads use a second, read-only one.
#pragma once

#include <stdexcept>

#include <QString>

namespace wick {

// What went wrong, so that the caller can choose its path: keep running in
// memory and retry (ReadOnly, DiskFull, Busy), tell the user (Corrupt, TooNew).
enum class StorageErrorKind {
    ReadOnly,  // the file or its directory cannot be written, or a read-only connection
    DiskFull,  // SQLITE_FULL: the disk (or max_page_count) is full
    Corrupt,  // not a database, or fails PRAGMA quick_check
    TooNew,  // the file's schema is newer than this Wick knows
    Busy,  // another connection holds the lock
    Other,
};

QString storageErrorKindName(StorageErrorKind kind);

// A failed SQLite call: the kind, SQLite's (extended) result code, its message
// and the statement that failed. what() is one readable line with all of them.
class StorageError : public std::runtime_error
{
public:
    StorageError(StorageErrorKind kind, int sqliteCode, const QString &message,
        const QString &statement = {});

    StorageErrorKind kind() const { return m_kind; }
    int sqliteCode() const { return m_sqliteCode; }
    const QString &message() const { return m_message; }
    const QString &statement() const { return m_statement; }
    QString text() const { return QString::fromUtf8(what()); }

    // The kind of an SQLite result code (extended or primary).
    static StorageErrorKind kindOf(int sqliteCode);

private:
    StorageErrorKind m_kind;
    int m_sqliteCode;
    QString m_message;
    QString m_statement;
};

}  // namespace wick
