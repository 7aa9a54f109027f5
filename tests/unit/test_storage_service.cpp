// StorageService on its own thread: batches arrive through queued calls, each
// is committed in one transaction and reported with written(); a cache that
// cannot be opened is reported with failed() and its kind.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "storage/BarStore.h"
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/StorageService.h"
#include "storage/SymbolStore.h"

using namespace wick;

class TestStorageService final : public QObject
{
    Q_OBJECT

private slots:
    void writesBatchesOnItsThread();
    void unopenableCacheFails();
    void fullDiskKeepsBarsInMemoryAndRetries();
    void sessionRoundTripsThroughTheReader();
    void damageFoundAfterOpenMovesTheCacheAside();
    void closeCheckpointsTheWal_data();
    void closeCheckpointsTheWal();
};

void TestStorageService::writesBatchesOnItsThread()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    QThread thread;
    thread.setObjectName(QStringLiteral("storage"));
    auto *service = new StorageService(path);
    service->moveToThread(&thread);
    connect(&thread, &QThread::finished, service, &QObject::deleteLater);
    QSignalSpy opened(service, &StorageService::opened);
    QSignalSpy written(service, &StorageService::written);
    QSignalSpy failed(service, &StorageService::failed);
    thread.start();
    QMetaObject::invokeMethod(service, &StorageService::open, Qt::QueuedConnection);
    std::vector<Bar> all;
    for (int b = 0; b < 5; ++b) {
        BarWriteBatch batch {QStringLiteral("Demo:BTCUSDT"), Timeframe::M1, {}};
        for (int i = 0; i < 100; ++i) {
            const double p = 100.0 + b + i / 128.0;
            batch.bars.push_back(Bar {(b * 100 + i) * kMinuteMs, p, p + 1, p - 1, p, 1.5 * i, i});
        }
        all.insert(all.end(), batch.bars.begin(), batch.bars.end());
        QMetaObject::invokeMethod(
            service, [service, batch] { service->writeBars(batch); }, Qt::QueuedConnection);
    }
    QTRY_COMPARE(written.size(), 5);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().at(1).toString(), QString());
    QCOMPARE(failed.size(), 0);
    QCOMPARE(written.first().at(0).toString(), QStringLiteral("Demo:BTCUSDT"));
    QCOMPARE(written.first().at(2).toInt(), 100);
    // A chart's read-only connection sees every committed batch.
    auto reader = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*reader).find(QStringLiteral("demo"), QStringLiteral("BTCUSDT"));
    QVERIFY(id);
    QCOMPARE(BarStore(*reader).range(*id, Timeframe::M1, 0, kEndOfTime), all);
    QMetaObject::invokeMethod(service, &StorageService::close, Qt::BlockingQueuedConnection);
    thread.quit();
    QVERIFY(thread.wait(10'000));
}

void TestStorageService::unopenableCacheFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A directory where the file should be: the cache cannot be opened.
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    QVERIFY(QDir().mkpath(path));
    StorageService service(path, StorageServiceOptions {60'000, 60'000, 0});
    QSignalSpy failed(&service, &StorageService::failed);
    QSignalSpy saving(&service, &StorageService::savingChanged);
    QSignalSpy written(&service, &StorageService::written);
    service.open();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().at(1).toString().contains(path),
        qPrintable(failed.first().at(1).toString()));
    QCOMPARE(saving.size(), 1);
    QCOMPARE(saving.first().at(0).toBool(), false);
    QVERIFY(!service.isSaving());
    // Bars written meanwhile wait in memory, in order, and are not lost.
    const Bar first {0, 1, 2, 0.5, 1.5, 3, 4};
    const Bar second {kMinuteMs, 1.5, 2, 1, 1.25, 1, 1};
    service.writeBars(BarWriteBatch {QStringLiteral("demo:A"), Timeframe::M1, {first}});
    service.writeBars(BarWriteBatch {QStringLiteral("demo:A"), Timeframe::M1, {second}});
    QCOMPARE(service.pendingBars(), 2);
    QCOMPARE(written.size(), 0);
    // The obstacle goes away; the retry opens the cache and writes everything.
    QVERIFY(QDir(path).removeRecursively());
    service.retryNow();
    QCOMPARE(written.size(), 2);
    QCOMPARE(service.pendingBars(), 0);
    QVERIFY(service.isSaving());
    QCOMPARE(saving.last().at(0).toBool(), true);
    service.close();
    auto reader = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*reader).find(QStringLiteral("demo"), QStringLiteral("A"));
    QVERIFY(id);
    QCOMPARE(BarStore(*reader).range(*id, Timeframe::M1, 0, kEndOfTime),
        (std::vector<Bar> {first, second}));
}

void TestStorageService::fullDiskKeepsBarsInMemoryAndRetries()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    // A "disk" with room for the schema and three pages more (whatever their
    // size); the retry timer fires after 20 ms, then 40, 80, ...
    std::int64_t schemaPages = 0;
    {
        auto db = Database::open(path);
        schemaPages = db->scalarInt("PRAGMA page_count");
    }
    StorageService service(path, StorageServiceOptions {20, 200, schemaPages + 3});
    QSignalSpy failed(&service, &StorageService::failed);
    QSignalSpy saving(&service, &StorageService::savingChanged);
    service.open();
    QCOMPARE(failed.size(), 0);
    std::vector<Bar> all;
    for (int b = 0; b < 20; ++b) {
        BarWriteBatch batch {QStringLiteral("demo:FULL"), Timeframe::M1, {}};
        for (int i = 0; i < 500; ++i) {
            const double p = 100.0 + i / 64.0 + b;
            batch.bars.push_back(
                Bar {(b * 500 + i) * kMinuteMs, p, p + 0.5, p - 0.5, p, 1.0 + i, i});
        }
        all.insert(all.end(), batch.bars.begin(), batch.bars.end());
        service.writeBars(batch);
    }
    // The disk filled up: the failure says so, and the rest waits in memory.
    QVERIFY(failed.size() >= 1);
    QCOMPARE(failed.first().at(0).value<StorageErrorKind>(), StorageErrorKind::DiskFull);
    QVERIFY(!service.isSaving());
    QCOMPARE(saving.first().at(0).toBool(), false);
    QVERIFY(service.pendingBars() > 0);
    // Still full after a few retries (each fails again, nothing is dropped).
    QTest::qWait(150);
    QVERIFY(service.pendingBars() > 0);
    // Space is freed: the next retry writes everything, in order.
    service.setMaxPageCount(1'000'000);
    QTRY_VERIFY_WITH_TIMEOUT(service.isSaving(), 5000);
    QCOMPARE(service.pendingBars(), 0);
    QCOMPARE(saving.last().at(0).toBool(), true);
    service.close();
    auto reader = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    QCOMPARE(reader->scalarText("PRAGMA integrity_check"), QStringLiteral("ok"));
    const auto id = SymbolStore(*reader).find(QStringLiteral("demo"), QStringLiteral("FULL"));
    QVERIFY(id);
    QCOMPARE(BarStore(*reader).range(*id, Timeframe::M1, 0, kEndOfTime), all);
}

void TestStorageService::sessionRoundTripsThroughTheReader()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    StorageService service(path);
    // Written before open: kept until the cache is there.
    Symbol rhein;
    rhein.source = QStringLiteral("demo");
    rhein.code = QStringLiteral("RHEIN");
    rhein.displayName = QStringLiteral("Rhein AG (demo)");
    rhein.timeZoneId = QByteArrayLiteral("Europe/Berlin");
    service.saveSymbols({rhein});
    service.saveWatchlist(QStringLiteral("Main"), {QStringLiteral("demo:BTCUSD")});
    service.saveWatchlist(
        QStringLiteral("Main"), {QStringLiteral("demo:RHEIN"), QStringLiteral("demo:BTCUSD")});
    service.saveSetting(QStringLiteral("chart/timeframe"), QStringLiteral("15m"));
    std::vector<Bar> minutes;
    for (int i = 0; i < 1000; ++i) {
        const double p = 50.0 + i / 8.0;
        minutes.push_back(Bar {i * kMinuteMs, p, p + 1, p - 1, p + 0.125, 2.5, 3});
    }
    service.writeBars(BarWriteBatch {QStringLiteral("demo:RHEIN"), Timeframe::M1, minutes});
    service.writeBars(BarWriteBatch {
        QStringLiteral("demo:SOLUSD"), Timeframe::M1, {minutes.begin(), minutes.begin() + 10}});
    QCOMPARE(service.pendingBars(), 1010);
    service.open();
    QCOMPARE(service.pendingBars(), 0);

    service.saveSetting(QStringLiteral("chart/symbol"), QStringLiteral("demo:SOLUSD"));
    CacheReader reader(path);
    QSignalSpy session(&reader, &CacheReader::sessionRead);
    QSignalSpy remaining(&reader, &CacheReader::remainingSeriesRead);
    QSignalSpy older(&reader, &CacheReader::olderRead);
    reader.open();
    reader.readSession({QStringLiteral("demo:SOLUSD"), QStringLiteral("demo:NONE")}, 300);
    QCOMPARE(session.size(), 1);
    QCOMPARE(remaining.size(), 1);
    const auto read = session.first().at(0).value<CachedSession>();
    QVERIFY(read.hasWatchlist);
    QCOMPARE(read.watchlist,
        (QStringList {QStringLiteral("demo:RHEIN"), QStringLiteral("demo:BTCUSD")}));
    QCOMPARE(read.settings.value(QStringLiteral("chart/timeframe")), QStringLiteral("15m"));
    // The chart's symbol comes first and alone: SOLUSD, all 10 of its minutes.
    QCOMPARE(read.series.size(), std::size_t(1));
    QCOMPARE(read.series[0].symbolKey, QStringLiteral("demo:SOLUSD"));
    QCOMPARE(read.series[0].minutes->size(), std::size_t(10));
    QVERIFY(read.series[0].complete);
    QCOMPARE(read.barCount, 10);
    // Then the rest: RHEIN's newest 300 minutes, more before; BTCUSD has none.
    const auto rest = remaining.first().at(0).value<std::vector<CachedSeries>>();
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(rest[0].symbolKey, QStringLiteral("demo:RHEIN"));
    QCOMPARE(rest[0].symbol.displayName, QStringLiteral("Rhein AG (demo)"));
    QCOMPARE(*rest[0].minutes, std::vector<Bar>(minutes.end() - 300, minutes.end()));
    QVERIFY(!rest[0].complete);
    QCOMPARE(remaining.first().at(1).toLongLong(), 300);
    // Paging left: the 600 before the oldest loaded minute, then the last 100.
    reader.readOlder(QStringLiteral("demo:RHEIN"), minutes[700].time, 600);
    QCOMPARE(older.size(), 1);
    QCOMPARE(*older.last().at(1).value<BarsPtr>(),
        std::vector<Bar>(minutes.begin() + 100, minutes.begin() + 700));
    QVERIFY(!older.last().at(2).toBool());
    reader.readOlder(QStringLiteral("demo:RHEIN"), minutes[100].time, 600);
    QCOMPARE(older.last().at(1).value<BarsPtr>()->size(), std::size_t(100));
    QVERIFY(older.last().at(2).toBool());
    // The data-quality record goes through the service too.
    service.writeQuarantine(QStringLiteral("demo:RHEIN"),
        {QuarantinedItem {0, 5, 6, QStringLiteral("duplicate_trade_id"), 50.0, 42, {}}});
    service.saveQualityScore(QStringLiteral("demo:RHEIN"), QualityScoreRecord {0.5, 2, 1, 7});
    service.saveQualityScore(QStringLiteral("demo:RHEIN"), QualityScoreRecord {0.75, 4, 3, 8});
    // The symbol's description was stored with it.
    auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*db).find(QStringLiteral("demo"), QStringLiteral("RHEIN"));
    QVERIFY(id);
    QCOMPARE(SymbolStore(*db).symbol(*id)->displayName, QStringLiteral("Rhein AG (demo)"));
    QCOMPARE(QualityStore(*db).quarantined(*id, 0, kEndOfTime).front().tradeId, 42);
    QCOMPARE(QualityStore(*db).score(*id), (QualityScoreRecord {0.75, 4, 3, 8}));
    service.close();
}

void TestStorageService::damageFoundAfterOpenMovesTheCacheAside()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    std::int64_t pageSize = 0;
    {
        auto db = Database::open(path);
        const StoredSymbolId id
            = SymbolStore(*db).ensure(QStringLiteral("demo"), QStringLiteral("A"));
        std::vector<Bar> bars;
        for (int i = 0; i < 20'000; ++i)
            bars.push_back(Bar {i * kMinuteMs, 10.0 + i / 1024.0, 11.0 + i / 1024.0,
                9.0 + i / 1024.0, 10.5 + i / 1024.0, 1.0 + i, i});
        BarStore(*db).upsert(id, Timeframe::M1, bars);
        pageSize = db->scalarInt("PRAGMA page_size");
        db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    const qint64 size = QFileInfo(path).size();
    QVERIFY(size > 16 * pageSize);
    {
        // Scribble over a page in the middle of the bars' b-tree; the header stays valid.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek((size / pageSize / 2) * pageSize);
        file.write(QByteArray(pageSize, '\x5a'));
    }
    StorageService service(path);
    QSignalSpy opened(&service, &StorageService::opened);
    // The open itself is quick (no full read): the chart's session can be read at once.
    service.open();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().at(1).toString(), QString());
    // Then quick_check runs, finds the damage, and the file goes aside.
    QTRY_COMPARE(opened.size(), 2);
    const QString aside = opened.last().at(1).toString();
    QVERIFY2(aside.startsWith(path + QStringLiteral(".corrupt-")), qPrintable(aside));
    QCOMPARE(QFileInfo(aside).size(), size);
    // A fresh cache works in its place.
    const Bar bar {0, 1, 2, 0.5, 1.5, 3, 4};
    QSignalSpy written(&service, &StorageService::written);
    service.writeBars(BarWriteBatch {QStringLiteral("demo:A"), Timeframe::M1, {bar}});
    QCOMPARE(written.size(), 1);
    service.close();
    auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*db).find(QStringLiteral("demo"), QStringLiteral("A"));
    QVERIFY(id);
    QCOMPARE(BarStore(*db).range(*id, Timeframe::M1, 0, kEndOfTime), std::vector<Bar> {bar});
}

void TestStorageService::closeCheckpointsTheWal_data()
{
    QTest::addColumn<bool>("readerFirst");
    // The order an owner follows at exit: readers, then the writer.
    QTest::newRow("reader closes first") << true;
    // A reader still open (idle) when the writer closes: the writer's
    // checkpoint still empties the WAL, which the reader cannot do.
    QTest::newRow("writer closes first") << false;
}

void TestStorageService::closeCheckpointsTheWal()
{
    QFETCH(bool, readerFirst);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const QString wal = path + QStringLiteral("-wal");
    std::vector<Bar> minutes;
    for (int i = 0; i < 20'000; ++i) {
        const double p = 100.0 + i / 64.0;
        minutes.push_back(Bar {i * kMinuteMs, p, p + 1, p - 1, p + 0.5, 1.0 + i, i});
    }
    StorageService service(path);
    service.open();
    service.writeBars(BarWriteBatch {QStringLiteral("demo:WAL"), Timeframe::M1, minutes});
    QCOMPARE(service.pendingBars(), 0);
    CacheReader reader(path);
    QSignalSpy remaining(&reader, &CacheReader::remainingSeriesRead);
    reader.open();
    reader.readSession({QStringLiteral("demo:WAL")}, 100);
    QCOMPARE(remaining.size(), 1);
    const auto read = remaining.first().at(0).value<std::vector<CachedSeries>>();
    QCOMPARE(read.size(), std::size_t(1));
    QCOMPARE(*read[0].minutes, std::vector<Bar>(minutes.end() - 100, minutes.end()));
    // The commits are in the WAL, not yet in the file (20,000 bars are far
    // below the 1000-page auto-checkpoint).
    QVERIFY2(QFileInfo(wal).size() > 100'000, qPrintable(QString::number(QFileInfo(wal).size())));

    if (readerFirst) {
        reader.close();
        service.close();
    } else {
        service.close();
        QVERIFY(!QFileInfo::exists(wal) || QFileInfo(wal).size() == 0);
        reader.close();
    }
    QVERIFY2(!QFileInfo::exists(wal) || QFileInfo(wal).size() == 0,
        qPrintable(QString::number(QFileInfo(wal).size())));
    // Everything is in the file itself now.
    QVERIFY(QFileInfo(path).size() > 100'000);
    auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*db).find(QStringLiteral("demo"), QStringLiteral("WAL"));
    QVERIFY(id);
    QCOMPARE(BarStore(*db).range(*id, Timeframe::M1, 0, kEndOfTime), minutes);
}

QTEST_GUILESS_MAIN(TestStorageService)
#include "test_storage_service.moc"
