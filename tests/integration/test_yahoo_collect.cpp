// `wick-cli collect --source yahoo --set baseUrl=...` run as a process (WICK_CLI)
// against FakeYahooServer on the wall clock: the fixture's session (AAPL,
// 60 minutes with three null ones) is served a whole number of weeks later, so
// it lies within Yahoo's 30 days of 1m history; the cache ends up with its 57
// bars, the null minutes are the gaps left, and an unknown symbol fails alone.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"
#include "FakeHttpServer.h"
#include "FakeYahooServer.h"
#include "feeds/yahoo/YahooChartParser.h"
#include "model/Clock.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

constexpr TimeMs kOpen = 1739975400000;  // the fixture's first minute, 2025-02-19 09:30 New York

}  // namespace

class TestYahooCollect final : public QObject
{
    Q_OBJECT

private slots:
    void collectsHistoryIntoTheCache();
};

void TestYahooCollect::collectsHistoryIntoTheCache()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    const QString fixtures = qEnvironmentVariable("WICK_TEST_FIXTURES");
    // Whole weeks keep it a Wednesday session; its last minute is over by now.
    const TimeMs now = SystemClock().now();
    const TimeMs weeks = (now - (kOpen + 61 * kMinuteMs)) / (7 * kDayMs);
    const TimeMs shift = weeks * 7 * kDayMs;
    FakeYahooServer server(fixtures);
    QVERIFY(server.listen());
    server.addChart(QStringLiteral("AAPL"), shift);
    const TimeMs open = server.sessionOpen(QStringLiteral("AAPL"));
    QCOMPARE(open, kOpen + shift);
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.db"));
    const CliRun run = runCliServing({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("yahoo"), QStringLiteral("--symbols"), QStringLiteral("AAPL,yahoo:NOPE"),
        QStringLiteral("--duration"), QStringLiteral("4s"), QStringLiteral("--backfill-from"),
        QString::number(open / 1000), QStringLiteral("--db"), db, QStringLiteral("--set"),
        QStringLiteral("baseUrl=") + server.url().toString(), QStringLiteral("--set"),
        QStringLiteral("quoteIntervalMs=0"), QStringLiteral("--set"),
        QStringLiteral("userAgent=Mozilla/5.0 (wick test)")});
    QCOMPARE(run.exitCode, 1);  // NOPE failed; AAPL went on
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("yahoo:AAPL: bars stored 57, quarantined 0, gaps left 3"));
    QCOMPARE(lines[1],
        QStringLiteral(
            "yahoo:NOPE: error: yahoo:NOPE: Not Found: No data found, symbol may be delisted"));

    QFile file(fixtures + QStringLiteral("/yahoo/chart_aapl_1m.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const std::vector<Bar> truth = parseYahooChart(file.readAll()).value().chart.bars;
    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*database).find(QStringLiteral("yahoo"), QStringLiteral("AAPL"));
    QVERIFY(id);
    const std::vector<Bar> stored = BarStore(*database).range(*id, Timeframe::M1, 0, kEndOfTime);
    QCOMPARE(stored.size(), truth.size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
        Bar expected = truth[i];
        expected.time += shift;
        QVERIFY2(stored[i] == expected, qPrintable(QString::number(i)));
    }
    // Every request carried the User-Agent from the settings.
    QVERIFY(!server.http().requestLog().empty());
    for (const HttpRequest &request : server.http().requestLog())
        QCOMPARE(request.header("User-Agent"), QByteArrayLiteral("Mozilla/5.0 (wick test)"));
}

QTEST_MAIN(TestYahooCollect)
#include "test_yahoo_collect.moc"
