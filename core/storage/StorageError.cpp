#include "storage/StorageError.h"

#include <sqlite3.h>

namespace wick {

namespace {

std::string describe(
    StorageErrorKind kind, int code, const QString &message, const QString &statement)
{
    QString text = QStringLiteral("%1: %2").arg(storageErrorKindName(kind), message);
    if (code != SQLITE_OK)
        text += QStringLiteral(" (SQLite %1: %2)")
                    .arg(code)
                    .arg(QString::fromUtf8(sqlite3_errstr(code)));
    if (!statement.isEmpty())
        text += QStringLiteral(" in: %1").arg(statement.simplified());
    return text.toStdString();
}

}  // namespace

QString storageErrorKindName(StorageErrorKind kind)
{
    switch (kind) {
    case StorageErrorKind::ReadOnly:
        return QStringLiteral("read-only");
    case StorageErrorKind::DiskFull:
        return QStringLiteral("disk full");
    case StorageErrorKind::Corrupt:
        return QStringLiteral("corrupt");
    case StorageErrorKind::TooNew:
        return QStringLiteral("newer schema");
    case StorageErrorKind::Busy:
        return QStringLiteral("busy");
    case StorageErrorKind::Other:
        break;
    }
    return QStringLiteral("storage error");
}

StorageError::StorageError(
    StorageErrorKind kind, int sqliteCode, const QString &message, const QString &statement)
    : std::runtime_error(describe(kind, sqliteCode, message, statement))
    , m_kind(kind)
    , m_sqliteCode(sqliteCode)
    , m_message(message)
    , m_statement(statement)
{ }

StorageErrorKind StorageError::kindOf(int sqliteCode)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return StorageErrorKind::ReadOnly;
    case SQLITE_FULL:
        return StorageErrorKind::DiskFull;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return StorageErrorKind::Corrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StorageErrorKind::Busy;
    default:
        return StorageErrorKind::Other;
    }
}

}  // namespace wick
