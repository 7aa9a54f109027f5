// wick-cli demo, run as a process (WICK_CLI): help, version, the CSV it
// writes (equal to the generator's bars), one file per symbol, and bad input.
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"

#include "feeds/demo/DemoInstrument.h"
#include "feeds/demo/DemoMarket.h"

using namespace wick;

namespace {

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromLatin1(file.readAll()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

const QString kHeader = QStringLiteral("ts,open,high,low,close,volume");

}  // namespace

class TestCliDemo final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpListsDemo();
    void versionIsWickVersion();
    void writesBarsOfTheDemoFeed();
    void unixSecondsStartIsTheSame();
    void writesOneFilePerSymbol();
    void sessionSymbolWritesOnlySessionBars();
    void badArgumentsFail_data();
    void badArgumentsFail();
    void unwritableFileFails();

private:
    QTemporaryDir m_dir;
};

void TestCliDemo::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    QVERIFY(m_dir.isValid());
}

void TestCliDemo::helpListsDemo()
{
    const CliRun run = runCli({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("\n  demo ")));
    const CliRun demoHelp = runCli({QStringLiteral("demo"), QStringLiteral("--help")});
    QCOMPARE(demoHelp.exitCode, 0);
    QVERIFY(demoHelp.out.contains(QStringLiteral("--minutes")));
    QVERIFY(runCli({}).exitCode != 0);
}

void TestCliDemo::versionIsWickVersion()
{
    const CliRun run = runCli({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), QStringLiteral("wick-cli " WICK_VERSION));
}

void TestCliDemo::writesBarsOfTheDemoFeed()
{
    const QString path = m_dir.filePath(QStringLiteral("btc.csv"));
    const CliRun run = runCli({QStringLiteral("demo"), QStringLiteral("--symbols"),
        QStringLiteral("1"), QStringLiteral("--minutes"), QStringLiteral("120"),
        QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--start"),
        QStringLiteral("2026-01-05T12:00:00Z"), QStringLiteral("--out"), path});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = readLines(path);
    QCOMPARE(lines.size(), 121);
    QCOMPARE(lines.first(), kHeader);

    // The same bars as the generator's (seed 7, 30 days of history), to 17 digits.
    const TimeMs start
        = QDateTime(QDate(2026, 1, 5), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    auto instruments = demoInstruments();
    instruments.resize(1);
    DemoMarket market(7, start, 30, 1.0, instruments);
    const auto bars = market.history(0);
    QVERIFY(bars.size() >= 120);
    for (int i = 0; i < 120; ++i) {
        const Bar &bar = bars[bars.size() - 120 + static_cast<std::size_t>(i)];
        const QString expected
            = QStringList {QString::number(bar.time / 1000), QString::number(bar.open, 'g', 17),
                QString::number(bar.high, 'g', 17), QString::number(bar.low, 'g', 17),
                QString::number(bar.close, 'g', 17), QString::number(bar.volume, 'g', 17)}
                  .join(QLatin1Char(','));
        QCOMPARE(lines.at(i + 1), expected);
    }
    QCOMPARE(lines.at(1).section(QLatin1Char(','), 0, 0).toLongLong(), start / 1000 - 120 * 60);
    QCOMPARE(lines.last().section(QLatin1Char(','), 0, 0).toLongLong(), start / 1000 - 60);
}

void TestCliDemo::unixSecondsStartIsTheSame()
{
    const QString iso = m_dir.filePath(QStringLiteral("iso.csv"));
    const QString unix = m_dir.filePath(QStringLiteral("unix.csv"));
    const QStringList common
        = {QStringLiteral("demo"), QStringLiteral("--minutes"), QStringLiteral("30"),
            QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--out")};
    QCOMPARE(
        runCli(common
            + QStringList {iso, QStringLiteral("--start"), QStringLiteral("2026-01-02T03:04:00Z")})
            .exitCode,
        0);
    // 1767323040 = 2026-01-02T03:04:00Z; 25 s later rounds down to the same minute.
    QCOMPARE(
        runCli(common + QStringList {unix, QStringLiteral("--start"), QStringLiteral("1767323065")})
            .exitCode,
        0);
    const QStringList lines = readLines(iso);
    QCOMPARE(lines.size(), 31);
    QCOMPARE(lines, readLines(unix));
}

void TestCliDemo::writesOneFilePerSymbol()
{
    const QString path = m_dir.filePath(QStringLiteral("multi.csv"));
    const CliRun run
        = runCli({QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("3"),
            QStringLiteral("--minutes"), QStringLiteral("60"), QStringLiteral("--start"),
            QStringLiteral("2026-01-05T12:00:00Z"), QStringLiteral("--out"), path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!QFile::exists(path));
    for (const char *code : {"BTCUSD", "ETHUSD", "SOLUSD"}) {
        const QString file
            = m_dir.filePath(QStringLiteral("multi_%1.csv").arg(QLatin1String(code)));
        QVERIFY2(run.err.contains(file), qPrintable(run.err));
        const QStringList lines = readLines(file);
        QCOMPARE(lines.size(), 61);
        QCOMPARE(lines.first(), kHeader);
    }
}

void TestCliDemo::sessionSymbolWritesOnlySessionBars()
{
    // Five symbols take in ACME. The 1440 minutes before 2026-01-07T00:00Z run
    // from Monday 19:00 to Tuesday 19:00 in New York: one session.
    const QString path = m_dir.filePath(QStringLiteral("session.csv"));
    const CliRun run
        = runCli({QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("5"),
            QStringLiteral("--minutes"), QStringLiteral("1440"), QStringLiteral("--start"),
            QStringLiteral("2026-01-07T00:00:00Z"), QStringLiteral("--out"), path});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = readLines(m_dir.filePath(QStringLiteral("session_ACME.csv")));
    QCOMPARE(lines.size(), 391);  // 6 January: 09:30 to 16:00 in New York, 390 bars
    QCOMPARE(lines.at(1).section(QLatin1Char(','), 0, 0).toLongLong(),
        QDateTime(QDate(2026, 1, 6), QTime(14, 30), QTimeZone::utc()).toSecsSinceEpoch());
}

void TestCliDemo::badArgumentsFail_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString out = QStringLiteral("--out=%1").arg(m_dir.filePath(QStringLiteral("bad.csv")));
    const QString minutes = QStringLiteral("--minutes=10");
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")};
    QTest::newRow("unknown option")
        << QStringList {QStringLiteral("demo"), minutes, out, QStringLiteral("--bogus")};
    QTest::newRow("symbols 0") << QStringList {
        QStringLiteral("demo"), minutes, out, QStringLiteral("--symbols=0")};
    QTest::newRow("symbols 99") << QStringList {
        QStringLiteral("demo"), minutes, out, QStringLiteral("--symbols=99")};
    QTest::newRow("symbols abc") << QStringList {
        QStringLiteral("demo"), minutes, out, QStringLiteral("--symbols=abc")};
    QTest::newRow("minutes 0") << QStringList {
        QStringLiteral("demo"), QStringLiteral("--minutes=0"), out};
    QTest::newRow("minutes -5") << QStringList {
        QStringLiteral("demo"), QStringLiteral("--minutes=-5"), out};
    QTest::newRow("minutes 1.5") << QStringList {
        QStringLiteral("demo"), QStringLiteral("--minutes=1.5"), out};
    QTest::newRow("no minutes") << QStringList {QStringLiteral("demo"), out};
    QTest::newRow("no out") << QStringList {QStringLiteral("demo"), minutes};
    QTest::newRow("bad seed") << QStringList {
        QStringLiteral("demo"), minutes, out, QStringLiteral("--seed=x1")};
    QTest::newRow("bad start") << QStringList {
        QStringLiteral("demo"), minutes, out, QStringLiteral("--start=yesterday")};
    QTest::newRow("stray argument")
        << QStringList {QStringLiteral("demo"), minutes, out, QStringLiteral("extra")};
}

void TestCliDemo::badArgumentsFail()
{
    QFETCH(QStringList, arguments);
    const CliRun run = runCli(arguments);
    QVERIFY(run.exitCode > 0);
    const QString reason = run.err.trimmed();
    QVERIFY2(!reason.isEmpty() && !reason.contains(QLatin1Char('\n')), qPrintable(run.err));
    QVERIFY(reason.startsWith(QStringLiteral("wick-cli")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.csv"))));
}

void TestCliDemo::unwritableFileFails()
{
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/x.csv"));
    const CliRun run = runCli({QStringLiteral("demo"), QStringLiteral("--minutes"),
        QStringLiteral("5"), QStringLiteral("--start"), QStringLiteral("2026-01-05T12:00:00Z"),
        QStringLiteral("--out"), path});
    QVERIFY(run.exitCode > 0);
    QVERIFY2(run.err.trimmed().contains(QStringLiteral("cannot write")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliDemo)
#include "test_cli_demo.moc"
