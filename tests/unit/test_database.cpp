// core/storage Database: pragmas, migrations from every earlier schema version,
// errors that carry SQLite's message and the statement, and the faults: a
// corrupt file moved aside, read-only files and directories, a full disk.
#include <cmath>
#include <cstring>
#include <limits>

#include <sqlite3.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/SymbolStore.h"
#include "storage/WatchlistStore.h"

using namespace wick;

namespace {

// Raw sqlite3 access, to build files as older versions of Wick left them.
class RawDb
{
public:
    explicit RawDb(const QString &path)
    {
        sqlite3_open(QFile::encodeName(path).constData(), &m_db);
        registerSchemaFunctions(m_db);  // as Database does: migrations may use them
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;
    bool exec(const QByteArray &sql)
    {
        char *message = nullptr;
        const int rc = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK)
            qWarning("%s: %s", sql.constData(), message);
        sqlite3_free(message);
        return rc == SQLITE_OK;
    }

    // A bar as schema versions 1 and 2 stored it (time in ms, REAL prices).
    bool insertVersion1Bar(std::int64_t symbol, int timeframe, const Bar &bar)
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db, "INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                &statement, nullptr)
            != SQLITE_OK)
            return false;
        sqlite3_bind_int64(statement, 1, symbol);
        sqlite3_bind_int(statement, 2, timeframe);
        sqlite3_bind_int64(statement, 3, bar.time);
        sqlite3_bind_double(statement, 4, bar.open);
        sqlite3_bind_double(statement, 5, bar.high);
        sqlite3_bind_double(statement, 6, bar.low);
        sqlite3_bind_double(statement, 7, bar.close);
        sqlite3_bind_double(statement, 8, bar.volume);
        sqlite3_bind_int64(statement, 9, bar.tradeCount);
        const int rc = sqlite3_step(statement);
        sqlite3_finalize(statement);
        return rc == SQLITE_DONE;
    }

    // A bar as schema version 3 stores it (minute key, price offsets from the open),
    // through the SQL functions its migration uses.
    bool insertVersion3Bar(std::int64_t symbol, int timeframe, const Bar &bar)
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db,
                "INSERT INTO bars VALUES (?1, ?2, wick_bar_minute(?3), ?4, "
                "wick_price_offset(?5, ?4), wick_price_offset(?6, ?4), wick_price_offset(?7, ?4), "
                "?8, ?9)",
                -1, &statement, nullptr)
            != SQLITE_OK)
            return false;
        sqlite3_bind_int64(statement, 1, symbol);
        sqlite3_bind_int(statement, 2, timeframe);
        sqlite3_bind_int64(statement, 3, bar.time);
        sqlite3_bind_double(statement, 4, bar.open);
        sqlite3_bind_double(statement, 5, bar.high);
        sqlite3_bind_double(statement, 6, bar.low);
        sqlite3_bind_double(statement, 7, bar.close);
        sqlite3_bind_double(statement, 8, bar.volume);
        sqlite3_bind_int64(statement, 9, bar.tradeCount);
        const int rc = sqlite3_step(statement);
        sqlite3_finalize(statement);
        return rc == SQLITE_DONE;
    }

    QString scalar(const char *sql)
    {
        sqlite3_stmt *statement = nullptr;
        QString value;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW)
            value = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
        return value;
    }

private:
    sqlite3 *m_db = nullptr;
};

// The schema as sqlite_master lists it: every table, index and its SQL.
QStringList schemaOf(Database &db)
{
    QStringList schema;
    Query select = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name");
    while (select->step())
        schema << select->text(0) + QLatin1Char(' ') + select->text(1) + QLatin1Char(' ')
                + select->text(2);
    return schema;
}

std::vector<Bar> someBars(TimeMs start, int count, double base)
{
    std::vector<Bar> bars;
    for (int i = 0; i < count; ++i) {
        const double o = base + i * 0.1;
        bars.push_back(
            Bar {start + i * kMinuteMs, o, o + 0.5, o - 0.25, o + 0.125, 10.0 + i, i + 1});
    }
    return bars;
}

// Bars that test the layout: prices that need all 17 digits or are extreme,
// times that are not whole minutes, before and after the epoch, oldest first.
std::vector<Bar> awkwardBars()
{
    const double third = 100.0 / 3.0;
    return {
        Bar {-kDayMs - 1, third, third + 1e-13, third - 0.30000000000000004,
            std::nextafter(third, 0.0), 1.0 / 7.0, 1},
        Bar {-kHourMs, 2.0, 2.0, 2.0, 2.0, 0.0, 0},
        Bar {1, 5e-324, std::numeric_limits<double>::max(), 5e-324, 1e-300, 1e308,
            std::numeric_limits<std::int64_t>::max()},
        Bar {
            1'767'225'600'000 + 1234, 65432.10000000001, 65999.99999999999, 1.0, -3.5, 123.456, 42},
        Bar {1'767'225'600'000 + kHourMs, 1e15 + 0.5, 1e15 + 1.5, 1e15 - 0.5, 1e15,
            std::numeric_limits<double>::infinity(), -7},
    };
}

StorageErrorKind kindOfOpen(const QString &path, OpenMode mode, QString *text = nullptr)
{
    try {
        Database::open(path, OpenOptions {mode, true});
    } catch (const StorageError &error) {
        if (text)
            *text = error.text();
        return error.kind();
    }
    return StorageErrorKind(-1);
}

}  // namespace

class TestDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void opensWithPragmas();
    void createsTheDirectory();
    void migratesFromEveryEarlierVersion_data();
    void migratesFromEveryEarlierVersion();
    void failedMigrationLeavesTheVersion();
    void newerSchemaIsRefused();
    void errorsCarryMessageAndStatement();
    void transactionRollsBackUnlessCommitted();
    void nestedTransactionIsASavepoint();
    void readerSeesCommitsBesideTheWriter();
    void readOnlyConnectionRefusesWrites();
    void readOnlyFile();
    void readOnlyDirectory();
    void fullDiskIsDiskFullAndLosesNothingCommitted();
    void garbageFileIsMovedAside();
    void damagedPageFailsQuickCheckAndIsMovedAside();
    void corruptFileInReadOnlyModeIsAnError();

private:
    QString path(const QString &name = QStringLiteral("cache.db")) const
    {
        return m_dir->filePath(name);
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabase::opensWithPragmas()
{
    auto db = Database::open(path());
    QCOMPARE(db->scalarText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(db->scalarInt("PRAGMA synchronous"), 1);  // NORMAL
    QCOMPARE(db->scalarInt("PRAGMA foreign_keys"), 1);
    QCOMPARE(db->userVersion(), latestSchemaVersion());
    QCOMPARE(db->isReadOnly(), false);
    QVERIFY(db->movedAsideTo().isEmpty());
    QCOMPARE(db->scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'bars' AND sql LIKE "
                           "'%WITHOUT ROWID%'"),
        1);
}

void TestDatabase::createsTheDirectory()
{
    const QString nested = m_dir->filePath(QStringLiteral("a/b/cache.db"));
    auto db = Database::open(nested);
    QVERIFY(QFile::exists(nested));
}

void TestDatabase::migratesFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("from");
    QTest::newRow("no file") << -1;
    for (const Migration &migration : schemaMigrations()) {
        const int earlier = migration.version - 1;
        QTest::addRow("version %d", earlier) << earlier;
    }
}

void TestDatabase::migratesFromEveryEarlierVersion()
{
    QFETCH(int, from);
    QStringList freshSchema;
    {
        auto fresh = Database::open(path(QStringLiteral("fresh.db")));
        freshSchema = schemaOf(*fresh);
    }
    const QString file = path();
    if (from >= 0) {
        // The file as Wick at schema version `from` left it, with its data.
        RawDb raw(file);
        QVERIFY(raw.exec("PRAGMA journal_mode = WAL"));
        for (const Migration &migration : schemaMigrations()) {
            if (migration.version > from)
                break;
            QVERIFY(raw.exec(migration.sql));
            QVERIFY(raw.exec("PRAGMA user_version = " + QByteArray::number(migration.version)));
        }
        if (from >= 1) {
            QVERIFY(raw.exec("INSERT INTO symbols (id, source, code, display_name) "
                             "VALUES (7, 'binance', 'BTCUSDT', 'Bitcoin')"));
            const Bar minute {60000, 1.5, 2.5, 1.25, 2, 100, 3};
            QVERIFY(from < 3 ? raw.insertVersion1Bar(7, int(Timeframe::M1), minute)
                             : raw.insertVersion3Bar(7, int(Timeframe::M1), minute));
        }
        if (from >= 3) {
            for (const Bar &bar : awkwardBars())
                QVERIFY(raw.insertVersion3Bar(7, int(Timeframe::H1), bar));
        }
        if (from >= 1 && from < 3) {
            for (const Bar &bar : awkwardBars())
                QVERIFY(raw.insertVersion1Bar(7, int(Timeframe::H1), bar));
            // A time version 3 has no exact key for: kept, rounded.
            QVERIFY(raw.insertVersion1Bar(7, int(Timeframe::D1),
                Bar {barcodec::kMaxFractionalMinute * 1000 * kMinuteMs + 1, 1, 1, 1, 1, 1, 1}));
        }
        if (from >= 2) {
            QVERIFY(raw.exec("INSERT INTO watchlists (id, name) VALUES (1, 'Crypto')"));
            QVERIFY(raw.exec("INSERT INTO watchlist_items VALUES (1, 0, 7)"));
        }
    }
    auto db = Database::open(file);
    QCOMPARE(db->userVersion(), latestSchemaVersion());
    QCOMPARE(schemaOf(*db), freshSchema);
    if (from >= 1) {
        SymbolStore symbols(*db);
        QCOMPARE(symbols.find(QStringLiteral("binance"), QStringLiteral("BTCUSDT")), 7);
        BarStore bars(*db);
        const auto stored = bars.range(7, Timeframe::M1, 0, kEndOfTime);
        QCOMPARE(stored.size(), 1u);
        QCOMPARE(stored[0], (Bar {60000, 1.5, 2.5, 1.25, 2.0, 100.0, 3}));
        // Every value exactly as it was written, in time order.
        const auto written = awkwardBars();
        const auto migrated
            = bars.range(7, Timeframe::H1, std::numeric_limits<TimeMs>::min(), kEndOfTime);
        QCOMPARE(migrated.size(), written.size());
        for (std::size_t i = 0; i < written.size(); ++i)
            QVERIFY2(std::memcmp(&migrated[i], &written[i], sizeof(Bar)) == 0,
                qPrintable(QStringLiteral("bar %1 at %2").arg(i).arg(written[i].time)));
        QCOMPARE(bars.last(7, Timeframe::H1, 2, 0),
            std::vector<Bar>(written.begin(), written.begin() + 2));
        if (from < 3) {
            const auto far = bars.range(7, Timeframe::D1, 0, kEndOfTime);
            QCOMPARE(far.size(), 1u);
            QVERIFY(
                std::llabs(far[0].time - (barcodec::kMaxFractionalMinute * 1000 * kMinuteMs + 1))
                < kMinuteMs);
        }
        QCOMPARE(db->scalarText("PRAGMA integrity_check"), QStringLiteral("ok"));
    }
    WatchlistStore watchlists(*db);
    if (from >= 2) {
        QCOMPARE(watchlists.all().size(), 1u);
        QCOMPARE(watchlists.symbols(1), std::vector<StoredSymbolId> {7});
    } else {
        QVERIFY(watchlists.all().empty());
    }
}

void TestDatabase::failedMigrationLeavesTheVersion()
{
    {
        RawDb raw(path());
        QVERIFY(raw.exec(schemaMigrations()[0].sql));
        QVERIFY(raw.exec("PRAGMA user_version = 1"));
        // A table in the way of migration 2: it must fail as a whole.
        QVERIFY(raw.exec("CREATE TABLE watchlist_items (x)"));
    }
    QString text;
    QCOMPARE(kindOfOpen(path(), OpenMode::ReadWrite, &text), StorageErrorKind::Other);
    QVERIFY2(text.contains(QStringLiteral("watchlist_items")), qPrintable(text));
    // Still version 1 and no table of version 2 half-created.
    RawDb raw(path());
    QCOMPARE(raw.scalar("PRAGMA user_version"), QStringLiteral("1"));
    QCOMPARE(raw.scalar("SELECT count(*) FROM sqlite_master WHERE name IN "
                        "('watchlists', 'data_settings')"),
        QStringLiteral("0"));
}

void TestDatabase::newerSchemaIsRefused()
{
    {
        auto db = Database::open(path());
        db->exec("PRAGMA user_version = 99");
    }
    for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
        QString text;
        QCOMPARE(kindOfOpen(path(), mode, &text), StorageErrorKind::TooNew);
        QVERIFY2(text.contains(QStringLiteral("schema version 99, newer than this Wick knows (%1)")
                                   .arg(latestSchemaVersion())),
            qPrintable(text));
    }
    // The file is left as it was: nothing moved aside.
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("*.corrupt-*")}).size(), 0);
}

void TestDatabase::errorsCarryMessageAndStatement()
{
    auto db = Database::open(path());
    try {
        db->query("SELECT nonsense FROM bars");
        QFAIL("prepare must throw");
    } catch (const StorageError &error) {
        QCOMPARE(error.kind(), StorageErrorKind::Other);
        QCOMPARE(error.sqliteCode(), SQLITE_ERROR);
        QCOMPARE(error.message(), QStringLiteral("no such column: nonsense"));
        QCOMPARE(error.statement(), QStringLiteral("SELECT nonsense FROM bars"));
        QVERIFY(error.text().contains(QStringLiteral("no such column: nonsense")));
        QVERIFY(error.text().contains(QStringLiteral("in: SELECT nonsense FROM bars")));
    }
    // A constraint failure at step(): a bar of a symbol that does not exist.
    try {
        BarStore(*db).upsert(42, Timeframe::M1, someBars(0, 1, 1.0));
        QFAIL("foreign key must throw");
    } catch (const StorageError &error) {
        QCOMPARE(error.sqliteCode(), SQLITE_CONSTRAINT_FOREIGNKEY);
        QVERIFY2(error.text().contains(QStringLiteral("no symbol with id 42")),
            qPrintable(error.text()));
        QCOMPARE(error.statement(), QStringLiteral("SELECT 1 FROM symbols WHERE id = ?1"));
    }
    // A constraint failure at step(): a watchlist item of a symbol that does not exist.
    try {
        const auto list = WatchlistStore(*db).create(QStringLiteral("L"));
        WatchlistStore(*db).setSymbols(list, std::vector<StoredSymbolId> {42});
        QFAIL("foreign key must throw");
    } catch (const StorageError &error) {
        QCOMPARE(error.sqliteCode(), SQLITE_CONSTRAINT_FOREIGNKEY);
        QVERIFY(error.statement().startsWith(QStringLiteral("INSERT INTO watchlist_items")));
    }
}

void TestDatabase::transactionRollsBackUnlessCommitted()
{
    auto db = Database::open(path());
    SymbolStore symbols(*db);
    {
        Transaction transaction(*db);
        symbols.ensure(QStringLiteral("demo"), QStringLiteral("A"));
    }
    QVERIFY(!db->inTransaction());
    QCOMPARE(symbols.all().size(), 0u);
    {
        Transaction transaction(*db);
        symbols.ensure(QStringLiteral("demo"), QStringLiteral("A"));
        transaction.commit();
    }
    QCOMPARE(symbols.all().size(), 1u);
}

void TestDatabase::nestedTransactionIsASavepoint()
{
    auto db = Database::open(path());
    SymbolStore symbols(*db);
    const StoredSymbolId id = symbols.ensure(QStringLiteral("demo"), QStringLiteral("A"));
    BarStore bars(*db);
    {
        Transaction outer(*db);
        bars.upsert(id, Timeframe::M1, someBars(0, 3, 1.0));  // nested: a savepoint
        QVERIFY(db->inTransaction());
        {
            Transaction inner(*db);
            bars.upsert(id, Timeframe::M1, someBars(kHourMs, 3, 1.0));
        }  // inner rolled back
        QCOMPARE(bars.count(id, Timeframe::M1), 3);
        outer.commit();
    }
    QCOMPARE(bars.count(id, Timeframe::M1), 3);
}

void TestDatabase::readerSeesCommitsBesideTheWriter()
{
    auto writer = Database::open(path());
    const StoredSymbolId id
        = SymbolStore(*writer).ensure(QStringLiteral("demo"), QStringLiteral("A"));
    auto reader = Database::open(path(), OpenOptions {OpenMode::ReadOnly, false});
    QVERIFY(reader->isReadOnly());
    BarStore readBars(*reader);
    QCOMPARE(readBars.count(id, Timeframe::M1), 0);
    {
        // An open write transaction does not block the reader (WAL).
        Transaction transaction(*writer);
        BarStore(*writer).upsert(id, Timeframe::M1, someBars(0, 10, 5.0));
        QCOMPARE(readBars.count(id, Timeframe::M1), 0);
        transaction.commit();
    }
    QCOMPARE(readBars.count(id, Timeframe::M1), 10);
    const auto all = someBars(0, 10, 5.0);
    QCOMPARE(readBars.last(id, Timeframe::M1, 2), std::vector<Bar>(all.begin() + 8, all.end()));
}

void TestDatabase::readOnlyConnectionRefusesWrites()
{
    StoredSymbolId id = 0;
    {
        auto db = Database::open(path());
        id = SymbolStore(*db).ensure(QStringLiteral("demo"), QStringLiteral("A"));
    }
    auto reader = Database::open(path(), OpenOptions {OpenMode::ReadOnly, false});
    try {
        BarStore(*reader).upsert(id, Timeframe::M1, someBars(0, 2, 1.0));
        QFAIL("a write on a read-only connection must throw");
    } catch (const StorageError &error) {
        QCOMPARE(error.kind(), StorageErrorKind::ReadOnly);
        QVERIFY2(error.text().contains(QStringLiteral("read-only")), qPrintable(error.text()));
    }
}

void TestDatabase::readOnlyFile()
{
    {
        auto db = Database::open(path());
    }
    QFile::setPermissions(path(), QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    if (::geteuid() == 0)
        QSKIP("running as root: file permissions do not stop writes (covered by "
              "readOnlyConnectionRefusesWrites)");
    QString text;
    QCOMPARE(kindOfOpen(path(), OpenMode::ReadWrite, &text), StorageErrorKind::ReadOnly);
    QVERIFY2(text.contains(path()), qPrintable(text));
    // The file is still readable through a read-only connection.
    auto reader = Database::open(path(), OpenOptions {OpenMode::ReadOnly, false});
    QCOMPARE(reader->userVersion(), latestSchemaVersion());
}

void TestDatabase::readOnlyDirectory()
{
    const QString dir = m_dir->filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(
            dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    });
    if (::geteuid() == 0)
        QSKIP("running as root: directory permissions do not stop writes (covered by "
              "readOnlyConnectionRefusesWrites)");
    QString text;
    QCOMPARE(kindOfOpen(dir + QStringLiteral("/cache.db"), OpenMode::ReadWrite, &text),
        StorageErrorKind::ReadOnly);
    QVERIFY2(text.contains(QStringLiteral("cache.db")), qPrintable(text));
}

void TestDatabase::fullDiskIsDiskFullAndLosesNothingCommitted()
{
    auto db = Database::open(path());
    const StoredSymbolId id = SymbolStore(*db).ensure(QStringLiteral("demo"), QStringLiteral("A"));
    BarStore bars(*db);
    const auto first = someBars(0, 100, 10.0);
    bars.upsert(id, Timeframe::M1, first);
    const std::int64_t pages = db->scalarInt("PRAGMA page_count");
    db->exec(QByteArray("PRAGMA max_page_count = " + QByteArray::number(pages + 2)).constData());
    try {
        bars.upsert(id, Timeframe::M1, someBars(kDayMs, 20'000, 20.0));
        QFAIL("a batch beyond max_page_count must throw");
    } catch (const StorageError &error) {
        QCOMPARE(error.kind(), StorageErrorKind::DiskFull);
        QVERIFY2(error.text().contains(QStringLiteral("disk full")), qPrintable(error.text()));
    }
    QVERIFY(!db->inTransaction());
    // The batch is all or nothing, and what was committed before is intact.
    QCOMPARE(bars.count(id, Timeframe::M1), 100);
    QCOMPARE(bars.range(id, Timeframe::M1, 0, kEndOfTime), first);
    // Once there is room again, the same batch goes in.
    db->exec("PRAGMA max_page_count = 1073741823");
    bars.upsert(id, Timeframe::M1, someBars(kDayMs, 20'000, 20.0));
    QCOMPARE(bars.count(id, Timeframe::M1), 20'100);
}

void TestDatabase::garbageFileIsMovedAside()
{
    QByteArray garbage;
    for (int i = 0; i < 8192; ++i)
        garbage += char((i * 131 + 7) & 0xff);
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
    }
    auto db = Database::open(path());
    QVERIFY(!db->movedAsideTo().isEmpty());
    QVERIFY2(db->movedAsideTo().startsWith(path() + QStringLiteral(".corrupt-")),
        qPrintable(db->movedAsideTo()));
    QFile aside(db->movedAsideTo());
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), garbage);
    // A fresh, working cache in its place.
    QCOMPARE(db->userVersion(), latestSchemaVersion());
    const StoredSymbolId id = SymbolStore(*db).ensure(QStringLiteral("demo"), QStringLiteral("A"));
    BarStore(*db).upsert(id, Timeframe::M1, someBars(0, 5, 1.0));
    QCOMPARE(BarStore(*db).count(id, Timeframe::M1), 5);
}

void TestDatabase::damagedPageFailsQuickCheckAndIsMovedAside()
{
    {
        auto db = Database::open(path());
        const StoredSymbolId id
            = SymbolStore(*db).ensure(QStringLiteral("demo"), QStringLiteral("A"));
        BarStore(*db).upsert(id, Timeframe::M1, someBars(0, 5000, 1.0));
        db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    QFile::remove(path() + QStringLiteral("-wal"));
    QFile::remove(path() + QStringLiteral("-shm"));
    const qint64 size = QFileInfo(path()).size();
    QVERIFY(size > 16 * 4096);
    {
        // Scribble over a page in the bars' b-tree, three quarters into the
        // file (past the small tables' pages at the front, which an empty
        // table leaves mostly unused); the header stays valid.
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek((size / 4096 * 3 / 4) * 4096);
        file.write(QByteArray(4096, '\x5a'));
    }
    auto db = Database::open(path());
    QVERIFY(!db->movedAsideTo().isEmpty());
    QCOMPARE(QFileInfo(db->movedAsideTo()).size(), size);
    QCOMPARE(db->scalarInt("SELECT count(*) FROM bars"), 0);
}

void TestDatabase::corruptFileInReadOnlyModeIsAnError()
{
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    }
    QCOMPARE(kindOfOpen(path(), OpenMode::ReadOnly), StorageErrorKind::Corrupt);
    // A reader never moves the file: that is the writer's call.
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("*.corrupt-*")}).size(), 0);
}

QTEST_APPLESS_MAIN(TestDatabase)
#include "test_database.moc"
