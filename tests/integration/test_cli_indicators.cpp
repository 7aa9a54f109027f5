// wick-cli indicators, run as a process (WICK_CLI): the golden edge file gives
// TA-Lib's own text cell for cell, ts formats are detected, and bad rows and
// bad specs fail with the line and the problem.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"

using wick::CliRun;
using wick::runCli;

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

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

const QByteArray kBars = "ts,open,high,low,close,volume\n"
                         "1700000000,10,11,9,10.5,100\n"
                         "1700000060,10.5,12,10,11.5,200\n"
                         "1700000120,11.5,11.75,10.25,10.75,150\n"
                         "1700000180,10.75,11,10,10.25,50\n";

}  // namespace

class TestCliIndicators final : public QObject
{
    Q_OBJECT

private slots:
    void helpListsIndicators();
    void goldenEdgeFileMatchesTaLibText();
    void timestampFormatsAreDetected_data();
    void timestampFormatsAreDetected();
    void chainedSpecColumn();
    void quotedInputIsRead();
    void badRowsNameTheLine_data();
    void badRowsNameTheLine();
    void badSpecsFail_data();
    void badSpecsFail();

private:
    QTemporaryDir m_dir;
};

void TestCliIndicators::helpListsIndicators()
{
    const CliRun run = runCli({QStringLiteral("indicators"), QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("MACD:12,26,9")));
    QVERIFY(run.out.contains(QStringLiteral("--ind")));
    const CliRun top = runCli({QStringLiteral("--help")});
    QVERIFY(top.out.contains(QStringLiteral("indicators")));
}

void TestCliIndicators::goldenEdgeFileMatchesTaLibText()
{
    const QString golden = qEnvironmentVariable("WICK_GOLDEN_DIR") + u'/';
    const QString out = m_dir.filePath(QStringLiteral("edge_out.csv"));
    const QStringList specs = {QStringLiteral("SMA:20"), QStringLiteral("RSI:14"),
        QStringLiteral("MACD:12,26,9"), QStringLiteral("BBANDS:20,2,2"),
        QStringLiteral("STOCH:14,3,3"), QStringLiteral("CCI:20"), QStringLiteral("SAR:0.02,0.2"),
        QStringLiteral("STOCHRSI:14,5,3"), QStringLiteral("KAMA:30"), QStringLiteral("OBV")};
    const QStringList goldenColumns = {QStringLiteral("sma_20"), QStringLiteral("rsi_14"),
        QStringLiteral("macd"), QStringLiteral("macd_signal"), QStringLiteral("macd_hist"),
        QStringLiteral("bb_upper"), QStringLiteral("bb_middle"), QStringLiteral("bb_lower"),
        QStringLiteral("stoch_slowk"), QStringLiteral("stoch_slowd"), QStringLiteral("cci_20"),
        QStringLiteral("sar"), QStringLiteral("stochrsi_fastk"), QStringLiteral("stochrsi_fastd"),
        QStringLiteral("kama_30"), QStringLiteral("obv")};
    QStringList args = {QStringLiteral("indicators"), QStringLiteral("--in"), golden + u"edge.csv",
        QStringLiteral("--out"), out};
    for (const QString &s : specs)
        args << QStringLiteral("--ind") << s;
    const CliRun run = runCli(args);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);

    const QStringList got = readLines(out);
    const QStringList want = readLines(golden + u"edge_talib.csv");
    QCOMPARE(got.size(), want.size());
    // Names with a comma are quoted (RFC 4180), so any CSV reader sees one column each.
    QCOMPARE(got.first(),
        QStringLiteral("ts,SMA(20),RSI(14),\"MACD(12,26,9).macd\",\"MACD(12,26,9).signal\","
                       "\"MACD(12,26,9).hist\",\"BBANDS(20,2,2).upper\",\"BBANDS(20,2,2).middle\","
                       "\"BBANDS(20,2,2).lower\",\"STOCH(14,3,3).slowk\",\"STOCH(14,3,3).slowd\","
                       "CCI(20),\"SAR(0.02,0.2)\",\"STOCHRSI(14,5,3).fastk\","
                       "\"STOCHRSI(14,5,3).fastd\",KAMA(30),OBV"));
    const QStringList header = want.first().split(QLatin1Char(','));
    QList<qsizetype> columns;
    for (const QString &c : goldenColumns)
        columns << header.indexOf(c);
    int differentCells = 0;
    for (qsizetype row = 1; row < want.size(); ++row) {
        const QStringList g = got[row].split(QLatin1Char(','));
        const QStringList w = want[row].split(QLatin1Char(','));
        QCOMPARE(g.size(), columns.size() + 1);
        QCOMPARE(g[0], w[0]);
        for (qsizetype k = 0; k < columns.size(); ++k) {
            if (g[k + 1] != w[columns[k]]) {
                ++differentCells;
                qWarning("row %lld %s: %s vs %s", qlonglong(row), qPrintable(goldenColumns[k]),
                    qPrintable(g[k + 1]), qPrintable(w[columns[k]]));
            }
        }
    }
    QCOMPARE(differentCells, 0);
}

void TestCliIndicators::timestampFormatsAreDetected_data()
{
    QTest::addColumn<QByteArray>("ts0");
    QTest::addColumn<QByteArray>("ts1");
    QTest::addColumn<QByteArray>("ts2");
    QTest::addColumn<QByteArray>("ts3");
    QTest::newRow("seconds") << QByteArray("1700000000") << QByteArray("1700000060")
                             << QByteArray("1700000120") << QByteArray("1700000180");
    QTest::newRow("milliseconds") << QByteArray("1700000000000") << QByteArray("1700000060000")
                                  << QByteArray("1700000120000") << QByteArray("1700000180000");
    QTest::newRow("iso") << QByteArray("2023-11-14T22:13:20Z") << QByteArray("2023-11-14T22:14:20Z")
                         << QByteArray("2023-11-14T22:15:20")
                         << QByteArray("2023-11-14T22:16:20.000Z");
}

void TestCliIndicators::timestampFormatsAreDetected()
{
    QFETCH(QByteArray, ts0);
    QFETCH(QByteArray, ts1);
    QFETCH(QByteArray, ts2);
    QFETCH(QByteArray, ts3);
    QByteArray data = kBars;
    data.replace("1700000000,", QByteArray(ts0 + ','));
    data.replace("1700000060,", QByteArray(ts1 + ','));
    data.replace("1700000120,", QByteArray(ts2 + ','));
    data.replace("1700000180,", QByteArray(ts3 + ','));
    const QString in = m_dir.filePath(QStringLiteral("bars.csv"));
    const QString out = m_dir.filePath(QStringLiteral("out.csv"));
    QVERIFY(writeFile(in, data));
    const CliRun run
        = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in, QStringLiteral("--out"),
            out, QStringLiteral("--ind"), QStringLiteral("SMA:2"), QStringLiteral("--ind"),
            QStringLiteral("OBV"), QStringLiteral("--ind"), QStringLiteral("TRANGE")});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readLines(out),
        (QStringList {QStringLiteral("ts,SMA(2),OBV,TRANGE"), QStringLiteral("1700000000,,100,"),
            QStringLiteral("1700000060,11,300,2"), QStringLiteral("1700000120,11.125,150,1.5"),
            QStringLiteral("1700000180,10.5,100,1")}));
}

void TestCliIndicators::chainedSpecColumn()
{
    const QString in = m_dir.filePath(QStringLiteral("chain.csv"));
    const QString out = m_dir.filePath(QStringLiteral("chain_out.csv"));
    QVERIFY(writeFile(in, kBars));
    const CliRun run = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in,
        QStringLiteral("--out"), out, QStringLiteral("--ind"), QStringLiteral("SMA:2@MOM:1")});
    QCOMPARE(run.exitCode, 0);
    // MOM(1): 1, -0.75, -0.5; SMA(2) of it from the third row.
    QCOMPARE(readLines(out),
        (QStringList {QStringLiteral("ts,SMA(2)@MOM(1)"), QStringLiteral("1700000000,"),
            QStringLiteral("1700000060,"), QStringLiteral("1700000120,0.125"),
            QStringLiteral("1700000180,-0.625")}));
}

void TestCliIndicators::quotedInputIsRead()
{
    // As a spreadsheet that quotes every field saves it, CRLF line ends included.
    const QByteArray quoted = "\"ts\",\"open\",\"high\",\"low\",\"close\",\"volume\"\r\n"
                              "\"1700000000\",\"10\",\"11\",\"9\",\"10.5\",\"100\"\r\n"
                              "1700000060,\"10.5\",12,10,11.5,200\r\n"
                              "\"1700000120\",11.5,11.75,10.25,10.75,\"150\"\r\n"
                              "1700000180,10.75,11,10,10.25,50\r\n";
    const QString in = m_dir.filePath(QStringLiteral("quoted.csv"));
    const QString out = m_dir.filePath(QStringLiteral("quoted_out.csv"));
    QVERIFY(writeFile(in, quoted));
    CliRun run = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in,
        QStringLiteral("--out"), out, QStringLiteral("--ind"), QStringLiteral("SMA:2"),
        QStringLiteral("--ind"), QStringLiteral("OBV")});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readLines(out),
        (QStringList {QStringLiteral("ts,SMA(2),OBV"), QStringLiteral("1700000000,,100"),
            QStringLiteral("1700000060,11,300"), QStringLiteral("1700000120,11.125,150"),
            QStringLiteral("1700000180,10.5,100")}));
    // A quoted comma is one cell, and no number.
    QVERIFY(writeFile(in, QByteArray(quoted).replace("\"10.5\",12", "\"10,5\",12")));
    run = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in, QStringLiteral("--out"),
        out, QStringLiteral("--ind"), QStringLiteral("SMA:2")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("line 3: open '10,5' is not a number")),
        qPrintable(run.err));
}

void TestCliIndicators::badRowsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");
    QTest::newRow("fields") << QByteArray(kBars).replace("10.5,12,10,11.5,200", "10.5,12,10,11.5")
                            << QStringLiteral("line 3: expected 6 fields, found 5");
    QTest::newRow("number") << QByteArray(kBars).replace("10.75,11,10,10.25", "10.75,11,10,x")
                            << QStringLiteral("line 5: close 'x' is not a number");
    QTest::newRow("ts") << QByteArray(kBars).replace("1700000120,", "yesterday,")
                        << QStringLiteral("line 4: ts 'yesterday' is not unix seconds");
    QTest::newRow("order") << QByteArray(kBars).replace("1700000180,", "1700000000,")
                           << QStringLiteral("line 5: ts is not after the previous row's");
    QTest::newRow("header") << QByteArray(kBars).replace("ts,open", "time,open")
                            << QStringLiteral("line 1: the header must be");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty file");
}

void TestCliIndicators::badRowsNameTheLine()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    const QString in = m_dir.filePath(QStringLiteral("bad.csv"));
    QVERIFY(writeFile(in, data));
    const CliRun run = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in,
        QStringLiteral("--out"), m_dir.filePath(QStringLiteral("bad_out.csv")),
        QStringLiteral("--ind"), QStringLiteral("RSI:2")});
    QVERIFY(run.exitCode > 0);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.err.startsWith(QStringLiteral("wick-cli indicators: ")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad_out.csv"))));
}

void TestCliIndicators::badSpecsFail_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("period") << QStringLiteral("RSI:1")
                            << QStringLiteral("bad indicator spec \"RSI:1\": RSI: period must be");
    QTest::newRow("unknown") << QStringLiteral("XYZ") << QStringLiteral("unknown indicator XYZ");
    QTest::newRow("macd") << QStringLiteral("MACD:26,12") << QStringLiteral("must be below slow");
    QTest::newRow("chain") << QStringLiteral("ATR:14@SMA:3") << QStringLiteral("ATR needs bars");
}

void TestCliIndicators::badSpecsFail()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    const QString in = m_dir.filePath(QStringLiteral("ok.csv"));
    QVERIFY(writeFile(in, kBars));
    const CliRun run = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in,
        QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.csv")), QStringLiteral("--ind"),
        QStringLiteral("SMA:2"), QStringLiteral("--ind"), spec});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    const CliRun missing = runCli({QStringLiteral("indicators"), QStringLiteral("--in"), in});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(QStringLiteral("--out")));
}

QTEST_APPLESS_MAIN(TestCliIndicators)
#include "test_cli_indicators.moc"
