// core/storage/Statement: one prepared SQLite statement (RAII) and the Query
// lease over a cached one. Belongs to its Database, on that connection's thread.
#pragma once

#include <cstdint>

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace wick {

// One prepared statement (RAII over sqlite3_stmt). Binding indexes start at 1,
// column indexes at 0. Every failure throws StorageError carrying SQLite's
// message and the statement's text.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, std::int64_t(value)); }
    void bind(int index, double value);
    void bind(int index, const QString &text);
    void bind(int index, const QByteArray &text);  // as TEXT (UTF-8)
    void bindNull(int index);

    // Runs to the next row: true with a row to read, false when done (the
    // statement is then reset, its bindings kept, ready to run again).
    bool step();
    // Runs a statement that returns no rows (or ignores them).
    void run();
    // Ready for the next use: resets and clears the bindings.
    void reset();

    std::int64_t int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray bytes(int column) const;
    bool isNull(int column) const;

    QString sql() const;
    // The raw statement, for loops that bind or read millions of values and
    // want no call per value (sqlite3_bind_* / sqlite3_column_* directly).
    sqlite3_stmt *handle() const { return m_stmt; }

private:
    [[noreturn]] void fail(int code) const;

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

// A cached statement on lease: resets it when the lease ends, so that no read
// transaction stays open and the next user starts clean.
class Query
{
public:
    explicit Query(Statement &statement)
        : m_statement(&statement)
    { }
    ~Query() { m_statement->reset(); }
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    Statement *operator->() const { return m_statement; }
    Statement &operator*() const { return *m_statement; }

private:
    Statement *m_statement;
};

}  // namespace wick
