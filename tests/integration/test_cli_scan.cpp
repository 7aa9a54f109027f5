// wick-cli scan over a cache written here: a rising symbol holds
// `close > SMA:5` from its fifth bar on (the first with an SMA), a falling
// one never; --all lists both; 5m bars are rolled up from the cached minutes;
// a bad condition is exit 2 with the parser's message.
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

std::vector<Bar> line(double start, double step, int count)
{
    std::vector<Bar> bars;
    for (int i = 0; i < count; ++i) {
        const double c = start + step * i;
        bars.push_back(Bar {kT0 + i * kMinuteMs, c, c + 0.5, c - 0.5, c, 1, 1});
    }
    return bars;
}

}  // namespace

class TestCliScan final : public QObject
{
    Q_OBJECT

private slots:
    void scansTheCache();
};

void TestCliScan::scansTheCache()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    {
        auto db = Database::open(path);
        SymbolStore symbols(*db);
        BarStore bars(*db);
        bars.upsert(symbols.ensure(QStringLiteral("test"), QStringLiteral("UP")), Timeframe::M1,
            line(100, 1, 60));
        bars.upsert(symbols.ensure(QStringLiteral("test"), QStringLiteral("DOWN")), Timeframe::M1,
            line(200, -1, 60));
    }
    CliRun run = runCli({QStringLiteral("scan"), QStringLiteral("--db"), path,
        QStringLiteral("--condition"), QStringLiteral("close > SMA:5")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        QStringLiteral("symbol,holds,value,since,bars_held,last_bar\n"
                       "test:UP,1,159,2026-01-01T00:04:00Z,56,2026-01-01T00:59:00Z\n"));
    QVERIFY2(run.err.contains(QStringLiteral("1 of 2 symbols hold `close > SMA:5` on 1m")),
        qPrintable(run.err));

    run = runCli({QStringLiteral("scan"), QStringLiteral("--db"), path,
        QStringLiteral("--condition"), QStringLiteral("close < SMA:3"),
        QStringLiteral("--timeframe"), QStringLiteral("5m"), QStringLiteral("--all")});
    QCOMPARE(run.exitCode, 0);
    // 12 bars of 5m; the falling one holds from its third (the first with an SMA:3).
    QCOMPARE(run.out,
        QStringLiteral("symbol,holds,value,since,bars_held,last_bar\n"
                       "test:UP,0,,,0,2026-01-01T00:55:00Z\n"
                       "test:DOWN,1,141,2026-01-01T00:10:00Z,10,2026-01-01T00:55:00Z\n"));

    run = runCli({QStringLiteral("scan"), QStringLiteral("--db"), path,
        QStringLiteral("--condition"), QStringLiteral("RSI:14 > abc")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("unknown indicator abc")), qPrintable(run.err));
    run = runCli(
        {QStringLiteral("scan"), QStringLiteral("--db"), path, QStringLiteral("--condition"),
            QStringLiteral("close > 0"), QStringLiteral("--symbol"), QStringLiteral("test:NOPE")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("test:NOPE is not in")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliScan)
#include "test_cli_scan.moc"
