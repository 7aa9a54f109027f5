// wick-cli alerts, run as a process (WICK_CLI): crafted bars and trades give
// exactly the expected fire rows (crossings, levels, intrabar once-per-bar on
// trades, a reverted cross at the close, a higher timeframe, the cooldown, a
// rule text with commas quoted per RFC 4180 with values equal to the
// indicator's batch values), and bad input fails with a one-line reason.
#include <cmath>
#include <cstdio>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"

#include "indicators/IndicatorRegistry.h"
#include "storage/CsvFields.h"

using namespace wick;

namespace {

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("<missing>")};
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

constexpr qint64 kT0 = 1767225600;  // 2026-01-01T00:00:00Z, unix seconds

// 1m bars with these closes (open = the previous close).
QByteArray barsCsv(const QList<double> &closes)
{
    QByteArray csv = "ts,open,high,low,close,volume\n";
    double open = closes.front();
    for (qsizetype i = 0; i < closes.size(); ++i) {
        const double c = closes[i];
        csv += QByteArray::number(kT0 + 60 * i) + ',' + QByteArray::number(open, 'g', 17) + ','
            + QByteArray::number(std::max(open, c), 'g', 17) + ','
            + QByteArray::number(std::min(open, c), 'g', 17) + ',' + QByteArray::number(c, 'g', 17)
            + ",1\n";
        open = c;
    }
    return csv;
}

QString g17(double v)
{
    char cell[32];
    std::snprintf(cell, sizeof cell, "%.17g", v);
    return QString::fromLatin1(cell);
}

}  // namespace

class TestCliAlerts final : public QObject
{
    Q_OBJECT

private slots:
    void helpNamesTheCommand();
    void barsGiveExactRows_data();
    void barsGiveExactRows();
    void macdRuleIsQuotedAndExact();
    void ticksFireIntrabar_data();
    void ticksFireIntrabar();
    void errors_data();
    void errors();

private:
    QTemporaryDir m_dir;
};

void TestCliAlerts::helpNamesTheCommand()
{
    const CliRun run = runCli({QStringLiteral("alerts"), QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("Usage: wick-cli alerts")));
    QVERIFY(run.out.contains(QStringLiteral("--cooldown")));
    const CliRun top = runCli({QStringLiteral("--help")});
    QVERIFY(top.out.contains(QStringLiteral("alerts")));
}

void TestCliAlerts::barsGiveExactRows_data()
{
    QTest::addColumn<QList<double>>("closes");
    QTest::addColumn<QStringList>("extra");  // rules and options
    QTest::addColumn<QStringList>("rows");

    const auto ts = [](int minute) { return QString::number(kT0 + 60 * minute); };
    const QString r = QStringLiteral("--rule");
    QTest::newRow("99 -> 101 crosses 100 once")
        << QList<double> {99, 101, 102}
        << QStringList {r, QStringLiteral("close crosses_above 100")}
        << QStringList {ts(1) + QStringLiteral(",close crosses_above 100,101")};
    QTest::newRow("level from above, no crossing")
        << QList<double> {101, 102}
        << QStringList {r, QStringLiteral("close > 100"), r,
               QStringLiteral("close crosses_above 100")}
        << QStringList {ts(0) + QStringLiteral(",close > 100,101"),
               ts(1) + QStringLiteral(",close > 100,102")};
    QTest::newRow("cooldown 2m from the fired bar")
        << QList<double> {101, 101, 101, 101, 101}
        << QStringList {r, QStringLiteral("close > 100"), QStringLiteral("--cooldown"),
               QStringLiteral("2m")}
        << QStringList {ts(0) + QStringLiteral(",close > 100,101"),
               ts(2) + QStringLiteral(",close > 100,101"),
               ts(4) + QStringLiteral(",close > 100,101")};
    QTest::newRow("once") << QList<double> {101, 102}
                          << QStringList {r, QStringLiteral("close > 100"),
                                 QStringLiteral("--trigger"), QStringLiteral("once")}
                          << QStringList {ts(0) + QStringLiteral(",close > 100,101")};
    // 5m: minutes 0-4 close at 100.5 (bar close 100.5), 5-9 at 99, 10-14 at 103,
    // 15-16 (not closed: left out).
    QList<double> fiveMinute;
    for (double c : {100.5, 99.0, 103.0})
        for (int k = 0; k < 5; ++k)
            fiveMinute << c;
    fiveMinute << 90 << 90;
    QTest::newRow("5m bars, the open bucket left out")
        << fiveMinute
        << QStringList {r, QStringLiteral("close crosses 100"), QStringLiteral("--timeframe"),
               QStringLiteral("5m")}
        << QStringList {ts(5) + QStringLiteral(",close crosses 100,99"),
               ts(10) + QStringLiteral(",close crosses 100,103")};
    QTest::newRow("enters, AND, scaled")
        << QList<double> {95, 105, 112, 106}
        << QStringList {r, QStringLiteral("close enters 100 110"), r,
               QStringLiteral("close > 1.05 * 100 AND close < 110")}
        << QStringList {ts(1) + QStringLiteral(",close enters 100 110,105"),
               ts(3) + QStringLiteral(",close enters 100 110,106"),
               ts(3) + QStringLiteral(",close > 1.05 * 100 AND close < 110,106")};
}

void TestCliAlerts::barsGiveExactRows()
{
    QFETCH(QList<double>, closes);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, rows);
    const QString in = m_dir.filePath(QStringLiteral("bars.csv"));
    const QString out = m_dir.filePath(QStringLiteral("fires.csv"));
    QVERIFY(writeFile(in, barsCsv(closes)));
    QFile::remove(out);
    const CliRun run = runCli(QStringList {QStringLiteral("alerts"), QStringLiteral("--in"), in,
                                  QStringLiteral("--out"), out}
        + extra);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readLines(out), QStringList {QStringLiteral("ts,rule,value")} + rows);
}

void TestCliAlerts::macdRuleIsQuotedAndExact()
{
    QList<double> closes;
    std::vector<Bar> bars;
    double price = 100.0;
    std::uint64_t state = 11;
    for (int i = 0; i < 300; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        price += (double(state >> 11) / 9007199254740992.0 - 0.5) * 2.0;
        closes << price;
    }
    const QByteArray csv = barsCsv(closes);
    const QString in = m_dir.filePath(QStringLiteral("walk.csv"));
    const QString out = m_dir.filePath(QStringLiteral("macd.csv"));
    QVERIFY(writeFile(in, csv));
    const QString rule = QStringLiteral("MACD:12,26,9.macd crosses_above MACD:12,26,9.signal");
    const CliRun run = runCli({QStringLiteral("alerts"), QStringLiteral("--in"), in,
        QStringLiteral("--rule"), rule, QStringLiteral("--out"), out});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);

    // The expected rows from the indicator's batch over the same bars as read back.
    double open = closes.front();
    for (qsizetype i = 0; i < closes.size(); ++i) {
        const double c = QByteArray::number(closes[i], 'g', 17).toDouble();
        bars.push_back(
            Bar {(kT0 + 60 * i) * 1000, open, std::max(open, c), std::min(open, c), c, 1.0, 0});
        open = c;
    }
    QString error;
    auto macd
        = createIndicator(*parseIndicatorSpec(QStringLiteral("MACD:12,26,9"), &error), &error);
    std::vector<std::vector<double>> outs;
    macd->batch(bars.data(), bars.size(), outs);
    QStringList expected {QStringLiteral("ts,rule,value")};
    for (std::size_t i = 1; i < bars.size(); ++i) {
        const double a = outs[0][i], b = outs[1][i], pa = outs[0][i - 1], pb = outs[1][i - 1];
        if (!std::isnan(pa) && !std::isnan(pb) && a > b && pa <= pb)
            expected << QString::number(bars[i].time / 1000) + u",\"" + rule + u"\"," + g17(a);
    }
    QVERIFY(expected.size() > 5);
    QCOMPARE(readLines(out), expected);
}

void TestCliAlerts::ticksFireIntrabar_data()
{
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QStringList>("rows");
    const auto ts = [](int minute) { return QString::number(kT0 + 60 * minute); };
    // Minute 0 at 99; minute 1: 50 trades alternating 101 / 99, last 99; minute
    // 2: the same; minute 3 one trade at 99 closes minute 2.
    QTest::newRow("once-per-bar: once per bar")
        << QStringLiteral("once-per-bar")
        << QStringList {ts(1) + QStringLiteral(",close crosses_above 100,101"),
               ts(2) + QStringLiteral(",close crosses_above 100,101")};
    QTest::newRow("once-per-bar-close: reverted crosses never fire")
        << QStringLiteral("once-per-bar-close") << QStringList {};
    QTest::newRow("once") << QStringLiteral("once")
                          << QStringList {ts(1) + QStringLiteral(",close crosses_above 100,101")};
}

void TestCliAlerts::ticksFireIntrabar()
{
    QFETCH(QString, trigger);
    QFETCH(QStringList, rows);
    QByteArray csv = "ts,price,qty\n";
    csv += QByteArray::number(kT0 * 1000 + 1000) + ",99,1\n";
    for (int minute = 1; minute <= 2; ++minute)
        for (int k = 0; k < 50; ++k)
            csv += QByteArray::number((kT0 + 60 * minute) * 1000 + 1000 * k)
                + (k % 2 == 0 ? ",101,0.5\n" : ",99,0.5\n");
    csv += QByteArray::number((kT0 + 180) * 1000) + ",99,1\n";
    const QString in = m_dir.filePath(QStringLiteral("trades.csv"));
    const QString out = m_dir.filePath(QStringLiteral("tick_fires.csv"));
    QVERIFY(writeFile(in, csv));
    const CliRun run = runCli({QStringLiteral("alerts"), QStringLiteral("--ticks"), in,
        QStringLiteral("--rule"), QStringLiteral("close crosses_above 100"),
        QStringLiteral("--trigger"), trigger, QStringLiteral("--out"), out});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readLines(out), QStringList {QStringLiteral("ts,rule,value")} + rows);
}

void TestCliAlerts::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("file");  // written to bad.csv when not empty
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QString ok = QStringLiteral("ts,open,high,low,close,volume\n1767225600,1,1,1,1,1\n");
    QTest::newRow("unknown indicator")
        << QStringList {QStringLiteral("--rule"), QStringLiteral("close > FOO:3")} << ok.toUtf8()
        << 2
        << "wick-cli alerts: rule 'close > FOO:3': column 9, 'FOO:3': bad indicator spec "
           "\"FOO:3\": unknown indicator FOO";
    QTest::newRow("no such output")
        << QStringList {QStringLiteral("--rule"), QStringLiteral("MACD.sig > 0")} << ok.toUtf8()
        << 2
        << "wick-cli alerts: rule 'MACD.sig > 0': column 1, 'MACD.sig': MACD has no output "
           "'sig' (it has macd, signal, hist)";
    QTest::newRow("bad number")
        << QStringList {QStringLiteral("--rule"), QStringLiteral("close enters 1 x")} << ok.toUtf8()
        << 2
        << "wick-cli alerts: rule 'close enters 1 x': column 16, 'x': not a number (the range's "
           "high)";
    QTest::newRow("no rule") << QStringList {} << ok.toUtf8() << 2
                             << "wick-cli alerts: at least one --rule RULE is required";
    QTest::newRow("bad trigger")
        << QStringList {QStringLiteral("--rule"), QStringLiteral("close > 1"),
               QStringLiteral("--trigger"), QStringLiteral("always")}
        << ok.toUtf8() << 2
        << "wick-cli alerts: --trigger must be once, once-per-bar or once-per-bar-close, not "
           "'always'";
    QTest::newRow("bad cooldown")
        << QStringList {QStringLiteral("--rule"), QStringLiteral("close > 1"),
               QStringLiteral("--cooldown"), QStringLiteral("5x")}
        << ok.toUtf8() << 2
        << "wick-cli alerts: --cooldown must be a duration like 90s, 5m, 2h or 1d, not '5x'";
    QTest::newRow("bad timeframe")
        << QStringList {QStringLiteral("--rule"), QStringLiteral("close > 1"),
               QStringLiteral("--timeframe"), QStringLiteral("7m")}
        << ok.toUtf8() << 2
        << "wick-cli alerts: --timeframe must be one of 1m 5m 15m 30m 1h 4h 1d 1w, not '7m'";
    QTest::newRow("bad row") << QStringList {QStringLiteral("--rule"), QStringLiteral("close > 1")}
                             << QByteArray("ts,open,high,low,close,volume\n1767225600,1,1,1,1,1\n"
                                           "1767225660,1,0.5,1,1,1\n")
                             << 1 << QStringLiteral("BAD_ROW");
}

void TestCliAlerts::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, file);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString in = m_dir.filePath(QStringLiteral("bad.csv"));
    QVERIFY(writeFile(in, file));
    const CliRun run = runCli(QStringList {QStringLiteral("alerts"), QStringLiteral("--in"), in,
                                  QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.csv"))}
        + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.err.endsWith(u'\n'));
    QCOMPARE(run.err.count(u'\n'), 1);  // one line
    if (message == u"BAD_ROW")
        QVERIFY2(run.err.startsWith(QStringLiteral("wick-cli alerts: ") + in + u" line 3: "),
            qPrintable(run.err));
    else
        QCOMPARE(run.err.trimmed(), message);
}

QTEST_APPLESS_MAIN(TestCliAlerts)
#include "test_cli_alerts.moc"
