#include "storage/Statement.h"

#include <sqlite3.h>

#include "storage/StorageError.h"

namespace wick {

Statement::Statement(sqlite3 *db, const char *sql)
    : m_db(db)
{
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        const int code = sqlite3_extended_errcode(db);
        throw StorageError(StorageError::kindOf(code), code, QString::fromUtf8(sqlite3_errmsg(db)),
            QString::fromUtf8(sql));
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::fail(int code) const
{
    const int extended = sqlite3_extended_errcode(m_db);
    const int used = (extended & 0xff) == (code & 0xff) ? extended : code;
    throw StorageError(
        StorageError::kindOf(used), used, QString::fromUtf8(sqlite3_errmsg(m_db)), sql());
}

void Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc);
}

void Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc);
}

void Statement::bind(int index, const QString &text)
{
    bind(index, text.toUtf8());
}

void Statement::bind(int index, const QByteArray &text)
{
    if (const int rc = sqlite3_bind_text64(m_stmt, index, text.constData(),
            sqlite3_uint64(text.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        rc != SQLITE_OK)
        fail(rc);
}

void Statement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail(rc);
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(m_stmt);  // ready to bind and run again; bindings stay
        return false;
    }
    // Keep the message before reset() replaces it.
    const int extended = sqlite3_extended_errcode(m_db);
    const StorageError error(
        StorageError::kindOf(extended), extended, QString::fromUtf8(sqlite3_errmsg(m_db)), sql());
    sqlite3_reset(m_stmt);
    throw error;
}

void Statement::run()
{
    while (step()) { }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::bytes(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QString Statement::sql() const
{
    return QString::fromUtf8(sqlite3_sql(m_stmt));
}

}  // namespace wick
