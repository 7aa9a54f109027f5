// The cache survives a crash: a child process (this executable with
// --crash-writer) writes batches of bars, printing "committed N" after each
// commit, and is SIGKILLed at random moments. After every kill the file must
// pass PRAGMA integrity_check, every batch reported committed must be there in
// full, and no batch may be there in part.
#include <cstdio>
#include <cstring>
#include <set>

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

constexpr int kBarsPerBatch = 500;
constexpr int kKills = 25;
constexpr TimeMs kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

// Batch n's bars: distinct times, prices that tell which batch and row they are.
std::vector<Bar> batchBars(std::int64_t n)
{
    std::vector<Bar> bars(kBarsPerBatch);
    for (int i = 0; i < kBarsPerBatch; ++i) {
        const double price = 1000.0 + double(n) + i / 1024.0;
        bars[i] = Bar {kT0 + (n * kBarsPerBatch + i) * kMinuteMs, price, price + 0.5, price - 0.5,
            price + 0.25, double(n * 7 + i), n};
    }
    return bars;
}

// The child: append batches after the ones present until killed.
int runWriter(const char *path)
{
    try {
        auto db = Database::open(QString::fromLocal8Bit(path));
        const StoredSymbolId id
            = SymbolStore(*db).ensure(QStringLiteral("test"), QStringLiteral("CRASH"));
        BarStore bars(*db);
        for (std::int64_t n = bars.count(id, Timeframe::M1) / kBarsPerBatch;; ++n) {
            bars.upsert(id, Timeframe::M1, batchBars(n));
            std::printf("committed %lld\n", static_cast<long long>(n));
            std::fflush(stdout);
        }
    } catch (const StorageError &error) {
        std::fprintf(stderr, "writer: %s\n", error.what());
        return 1;
    }
}

}  // namespace

class TestStorageCrash final : public QObject
{
    Q_OBJECT

private slots:
    void killedWriterLosesNoCommittedBatch();
};

void TestStorageCrash::killedWriterLosesNoCommittedBatch()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("seed %u", seed);
    QRandomGenerator random(seed);
    std::set<std::int64_t> committed;
    int killedMidRun = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        QProcess writer;
        writer.start(
            QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-writer"), path});
        QVERIFY2(writer.waitForStarted(10'000), qPrintable(writer.errorString()));
        QThread::msleep(random.bounded(20, 300));
        if (writer.state() == QProcess::Running)
            ++killedMidRun;
        writer.kill();  // SIGKILL
        QVERIFY(writer.waitForFinished(10'000));
        const QByteArray err = writer.readAllStandardError();
        QVERIFY2(err.isEmpty(), err.constData());
        for (const QByteArray &line : writer.readAllStandardOutput().split('\n')) {
            if (line.startsWith("committed "))
                committed.insert(line.mid(10).toLongLong());
        }

        auto db = Database::open(path);
        QVERIFY2(db->movedAsideTo().isEmpty(), "the file was found corrupt");
        QCOMPARE(db->scalarText("PRAGMA integrity_check"), QStringLiteral("ok"));
        const auto id = SymbolStore(*db).find(QStringLiteral("test"), QStringLiteral("CRASH"));
        if (committed.empty())
            continue;
        QVERIFY(id.has_value());
        BarStore bars(*db);
        const std::int64_t count = bars.count(*id, Timeframe::M1);
        QCOMPARE(count % kBarsPerBatch, 0);  // no batch in part
        QVERIFY(count / kBarsPerBatch >= *committed.rbegin() + 1);
        for (std::int64_t n : committed) {
            const auto expected = batchBars(n);
            const auto stored
                = bars.range(*id, Timeframe::M1, expected.front().time, expected.back().time + 1);
            QVERIFY2(stored == expected,
                qPrintable(QStringLiteral("batch %1 of kill %2").arg(n).arg(kill)));
        }
    }
    qInfo("%d kills (%d while writing), %zu batches committed", kKills, killedMidRun,
        committed.size());
    QCOMPARE(killedMidRun, kKills);
    QVERIFY(committed.size() > std::size_t(kKills));
}

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--crash-writer") == 0)
        return runWriter(argv[2]);
    QCoreApplication app(argc, argv);
    TestStorageCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_storage_crash.moc"
