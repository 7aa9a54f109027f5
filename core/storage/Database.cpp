#include "storage/Database.h"

#include <sqlite3.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "storage/Schema.h"

namespace wick {

namespace {

// The page size of a new file (set before WAL and the first table; an existing
// file keeps its own). 16 KiB pages bulk-insert about 20% more bars per CPU
// second than 4 KiB (wick-bench storage) at the same bytes per bar.
constexpr const char *kPageSizePragma = "PRAGMA page_size = 16384";

// Whether a failure to open or write the file comes from permissions rather
// than from the file itself: the file or its directory cannot be written.
bool notWritable(const QString &path)
{
    const QFileInfo file(path);
    if (file.exists() && !file.isWritable())
        return true;
    const QFileInfo dir(file.absolutePath());
    return !dir.isWritable();
}

StorageError openError(sqlite3 *db, int rc, const QString &path, bool writing)
{
    int code = db ? sqlite3_extended_errcode(db) : rc;
    if ((code & 0xff) != (rc & 0xff))
        code = rc;
    QString message
        = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    StorageErrorKind kind = StorageError::kindOf(code);
    if (writing && (code & 0xff) == SQLITE_CANTOPEN && notWritable(path))
        kind = StorageErrorKind::ReadOnly;
    return StorageError(kind, code, QStringLiteral("cannot open %1: %2").arg(path, message));
}

QString corruptName(const QString &path)
{
    const QString stamp
        = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString aside = path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(aside); ++n)
        aside = path + QStringLiteral(".corrupt-") + stamp + QLatin1Char('-') + QString::number(n);
    return aside;
}

// Moves a corrupt file (and its WAL, which may hold the newest pages) aside;
// the shared-memory index is derived data and is removed.
QString moveAside(const QString &path, const StorageError &why)
{
    const QString aside = corruptName(path);
    if (!QFile::rename(path, aside))
        throw StorageError(StorageErrorKind::Corrupt, why.sqliteCode(),
            QStringLiteral("%1 is corrupt (%2) and cannot be moved aside to %3")
                .arg(path, why.message(), aside));
    const QString wal = path + QStringLiteral("-wal");
    if (QFileInfo::exists(wal))
        QFile::rename(wal, aside + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    return aside;
}

// Why a file of another schema version than this Wick's is not a Wick cache
// at all (empty when it may be one): a file without tables is empty, whatever
// its user_version; every Wick schema up to this one has the tables symbols and
// bars (a newer one may not, so a newer file is only ever called empty).
QString notAWickCache(Database &db, const QString &path, int version)
{
    const std::int64_t tables
        = db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    if (tables == 0)
        return QFileInfo(path).size() == 0
            ? QStringLiteral("%1 is empty (0 bytes): not a Wick cache").arg(path)
            : QStringLiteral("%1 is empty (an SQLite file without tables): not a Wick cache")
                  .arg(path);
    if (version > latestSchemaVersion())
        return {};
    const std::int64_t wickTables
        = db.scalarInt("SELECT count(*) FROM sqlite_master "
                       "WHERE type = 'table' AND name IN ('symbols', 'bars')");
    if (wickTables < 2)
        return QStringLiteral("%1 is not a Wick cache: an SQLite file without Wick's tables")
            .arg(path);
    return {};
}

}  // namespace

Database::Database(sqlite3 *db, QString path, bool readOnly)
    : m_db(db)
    , m_path(std::move(path))
    , m_readOnly(readOnly)
{ }

Database::~Database()
{
    close();
}

bool Database::checkpoint()
{
    if (!m_db || m_readOnly)
        return false;
    int walFrames = -1;
    int checkpointed = -1;
    const int rc = sqlite3_wal_checkpoint_v2(
        m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &walFrames, &checkpointed);
    return rc == SQLITE_OK && walFrames == 0;
}

bool Database::close()
{
    if (!m_db)
        return true;
    m_statements.clear();  // finalize before close
    // A writer that closes last would checkpoint by itself and delete the WAL;
    // one that closes before a reader would leave the WAL whole, and a reader
    // that closes last cannot checkpoint. So the writer checkpoints here.
    const bool whole = m_readOnly || checkpoint();
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    return whole;
}

std::unique_ptr<Database> Database::open(const QString &path, const OpenOptions &options)
{
    const bool writing = options.mode == OpenMode::ReadWrite;
    auto attempt = [&]() -> std::unique_ptr<Database> {
        if (writing) {
            const QString dir = QFileInfo(path).absolutePath();
            if (!QDir().mkpath(dir))
                throw StorageError(StorageErrorKind::ReadOnly, SQLITE_CANTOPEN,
                    QStringLiteral("cannot create the directory %1").arg(dir));
        }
        const int flags
            = (writing ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY)
            | SQLITE_OPEN_NOMUTEX;
        sqlite3 *raw = nullptr;
        const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
        if (rc != SQLITE_OK) {
            const StorageError error = openError(raw, rc, path, writing);
            sqlite3_close_v2(raw);
            throw error;
        }
        std::unique_ptr<Database> db(new Database(raw, path, !writing));
        sqlite3_extended_result_codes(raw, 1);
        sqlite3_busy_timeout(raw, 5000);
        if (const int functions = registerSchemaFunctions(raw); functions != SQLITE_OK)
            throw StorageError(StorageError::kindOf(functions), functions,
                QStringLiteral("cannot register SQL functions on %1").arg(path));
        try {
            if (writing && sqlite3_db_readonly(raw, "main") == 1)
                throw StorageError(StorageErrorKind::ReadOnly, SQLITE_READONLY,
                    QStringLiteral("%1 is read-only").arg(path));
            if (writing) {
                // A new file's page size: only possible before WAL is on and
                // the first table exists (an existing file keeps its size).
                if (db->scalarInt("PRAGMA page_count") == 0)
                    db->exec(kPageSizePragma);
                const QString mode = db->scalarText("PRAGMA journal_mode = WAL");
                if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
                    throw StorageError(StorageErrorKind::Other, 0,
                        QStringLiteral("%1: journal_mode is %2, not WAL").arg(path, mode));
            } else {
                try {
                    db->scalarInt("PRAGMA schema_version");  // reads the header: NOTADB here
                } catch (const StorageError &error) {
                    if ((error.sqliteCode() & 0xff) != SQLITE_NOTADB)
                        throw;
                    throw StorageError(StorageErrorKind::Corrupt, error.sqliteCode(),
                        QStringLiteral("%1 is not a Wick cache: not an SQLite file (or one whose "
                                       "header is damaged)")
                            .arg(path));
                }
            }
            db->exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
                     "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
            // A chart's reads map the file instead of copying each page into
            // SQLite's cache: the first 100,000-bar read of a connection takes
            // half the time (wick-bench storage). The writer keeps plain I/O.
            if (!writing)
                db->exec("PRAGMA mmap_size = 1073741824");
            if (writing && options.quickCheck) {
                const QString check = db->scalarText("PRAGMA quick_check");
                if (check != QLatin1String("ok"))
                    throw StorageError(StorageErrorKind::Corrupt, SQLITE_CORRUPT,
                        QStringLiteral("%1 fails PRAGMA quick_check: %2").arg(path, check));
            }
            if (writing) {
                migrateSchema(*db, latestSchemaVersion());
            } else {
                const int version = db->userVersion();
                if (version != latestSchemaVersion()) {
                    if (const QString notWick = notAWickCache(*db, path, version);
                        !notWick.isEmpty())
                        throw StorageError(StorageErrorKind::Other, 0, notWick);
                }
                if (version > latestSchemaVersion())
                    throw StorageError(StorageErrorKind::TooNew, 0,
                        QStringLiteral("%1 has schema version %2, newer than this Wick knows "
                                       "(%3); use a newer Wick or move the file aside")
                            .arg(path)
                            .arg(version)
                            .arg(latestSchemaVersion()));
                if (version < latestSchemaVersion())
                    throw StorageError(StorageErrorKind::Other, 0,
                        QStringLiteral("%1 has schema version %2, older than %3: open it "
                                       "read-write first to migrate it")
                            .arg(path)
                            .arg(version)
                            .arg(latestSchemaVersion()));
            }
        } catch (const StorageError &error) {
            if (writing && error.kind() == StorageErrorKind::Other
                && (error.sqliteCode() & 0xff) == SQLITE_CANTOPEN && notWritable(path))
                throw StorageError(StorageErrorKind::ReadOnly, error.sqliteCode(),
                    QStringLiteral("%1 cannot be written: %2").arg(path, error.message()),
                    error.statement());
            throw;
        }
        return db;
    };

    try {
        return attempt();
    } catch (const StorageError &error) {
        if (!writing || error.kind() != StorageErrorKind::Corrupt)
            throw;
        const QString aside = moveAside(path, error);
        auto db = attempt();
        db->m_movedAsideTo = aside;
        return db;
    }
}

void Database::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const int extended = sqlite3_extended_errcode(m_db);
        const int used = (extended & 0xff) == (rc & 0xff) ? extended : rc;
        const QString text
            = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(message);
        throw StorageError(StorageError::kindOf(used), used, text, QString::fromUtf8(sql));
    }
}

Query Database::query(const char *sql)
{
    auto &slot = m_statements[std::string(sql)];
    if (!slot)
        slot = std::make_unique<Statement>(m_db, sql);
    return Query(*slot);
}

std::int64_t Database::scalarInt(const char *sql)
{
    Statement statement(m_db, sql);
    return statement.step() ? statement.int64(0) : 0;
}

QString Database::scalarText(const char *sql)
{
    Statement statement(m_db, sql);
    return statement.step() ? statement.text(0) : QString();
}

int Database::userVersion()
{
    return static_cast<int>(scalarInt("PRAGMA user_version"));
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/cache.db");
}

Transaction::Transaction(Database &db)
    : m_db(db)
    , m_nested(db.inTransaction())
{
    m_db.exec(m_nested ? "SAVEPOINT wick_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    try {
        if (m_nested)
            m_db.exec("ROLLBACK TO wick_nested; RELEASE wick_nested");
        else if (m_db.inTransaction())  // SQLite may have rolled back already (SQLITE_FULL)
            m_db.exec("ROLLBACK");
    } catch (const StorageError &) {
        // Nothing more to undo: the connection is rolled back or closed.
    }
}

void Transaction::commit()
{
    m_db.exec(m_nested ? "RELEASE wick_nested" : "COMMIT");
    m_done = true;
}

}  // namespace wick
