// StorageService on its own thread: batches arrive through queued calls, each
// is committed in one transaction and reported with written(); a cache that
// cannot be opened is reported with failed() and its kind.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "storage/BarStore.h"
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
    StorageService service(path);
    QSignalSpy failed(&service, &StorageService::failed);
    service.open();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().at(1).toString().contains(path),
        qPrintable(failed.first().at(1).toString()));
    // Writing without a cache is reported too, with what was not saved.
    service.writeBars(
        BarWriteBatch {QStringLiteral("demo:A"), Timeframe::M1, {Bar {0, 1, 1, 1, 1, 0, 0}}});
    QCOMPARE(failed.size(), 2);
    QVERIFY(failed.last().at(1).toString().contains(QStringLiteral("1 bars of demo:A not saved")));
}

QTEST_GUILESS_MAIN(TestStorageService)
#include "test_storage_service.moc"
