// wick-cli features, run as a process (WICK_CLI): a small CSV of hourly bars
// over a weekend gives the values worked out by hand, empty warm-up fields,
// market_open from the symbol's calendar, and a JSON sidecar that names the
// version and the columns; the cache reads the same; bad input fails in one line.
#include <cmath>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"

using wick::CliRun;
using wick::runCli;

namespace {

constexpr qint64 kSunday = 1'767'484'800;  // 2026-01-04 00:00 UTC
constexpr int kRows = 40;  // Sunday 00:00 .. Monday 15:00 UTC, hourly

// close 100 + t, high close + 1, low close - 1, volume 100 (t + 1).
QByteArray barsCsv()
{
    QByteArray csv = "ts,open,high,low,close,volume\n";
    for (int t = 0; t < kRows; ++t) {
        const int c = 100 + t;
        csv += QByteArray::number(kSunday + 3600 * t) + ',' + QByteArray::number(c) + ','
            + QByteArray::number(c + 1) + ',' + QByteArray::number(c - 1) + ','
            + QByteArray::number(c) + ',' + QByteArray::number(100 * (t + 1)) + '\n';
    }
    return csv;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The CSV as rows of fields (the feature names hold no commas or quotes).
QList<QStringList> readRows(const QString &path)
{
    QList<QStringList> rows;
    const QString text = QString::fromUtf8(readFile(path));
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows.append(line.split(QLatin1Char(',')));
    return rows;
}

double number(const QString &cell)
{
    bool ok = false;
    const double v = cell.toDouble(&ok);
    return ok ? v : std::nan("");
}

}  // namespace

class TestCliFeatures final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void versionListsTheColumns();
    void featuresOfACsv();
    void sidecarNamesVersionAndColumns();
    void withoutASymbolMarketOpenIsEmpty();
    void cacheGivesTheSameRows();
    void badInputFails_data();
    void badInputFails();

private:
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QTemporaryDir m_dir;
    QStringList m_header;
    QList<QStringList> m_rows;  // of featuresOfACsv, without the header
};

void TestCliFeatures::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(writeFile(path("bars.csv"), barsCsv()));
}

void TestCliFeatures::versionListsTheColumns()
{
    const CliRun run = runCli({QStringLiteral("features"), QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("wick-features/1"));
    QCOMPARE(lines.size(), 1 + 25);  // ts and 24 features
    QVERIFY(lines[1].startsWith(QStringLiteral("ts ")));
    QVERIFY(lines.last().startsWith(QStringLiteral("market_open ")));
    const CliRun help = runCli({QStringLiteral("--help")});
    QVERIFY(help.out.contains(QStringLiteral("features")));
}

void TestCliFeatures::featuresOfACsv()
{
    const CliRun run = runCli({QStringLiteral("features"), QStringLiteral("--in"), path("bars.csv"),
        QStringLiteral("--symbol"), QStringLiteral("yahoo:AAPL"), QStringLiteral("--out"),
        path("features.csv")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QStringLiteral("40 rows")), qPrintable(run.err));
    QList<QStringList> rows = readRows(path("features.csv"));
    QCOMPARE(rows.size(), kRows + 1);
    m_header = rows.takeFirst();
    m_rows = rows;
    QCOMPARE(m_header.size(), 25);
    QCOMPARE(m_header.first(), QStringLiteral("ts"));
    QCOMPARE(m_header.last(), QStringLiteral("market_open"));
    const auto cell = [this](int row, const char *name) {
        return m_rows[row][m_header.indexOf(QLatin1String(name))];
    };
    for (int t = 0; t < kRows; ++t) {
        QCOMPARE(m_rows[t].size(), 25);
        QCOMPARE(cell(t, "ts"), QString::number(kSunday + 3600 * t));
        QCOMPARE(cell(t, "hour"), QString::number(t % 24));
        QCOMPARE(cell(t, "day_of_week"), t < 24 ? QStringLiteral("7") : QStringLiteral("1"));
        // New York opens at 14:30 UTC in January: Monday 15:00 UTC is the only open row.
        QCOMPARE(cell(t, "market_open"), t == 39 ? QStringLiteral("1") : QStringLiteral("0"));
    }
    // Warm-up rows are empty fields.
    QCOMPARE(cell(0, "return_1"), QString());
    QCOMPARE(cell(9, "momentum_10"), QString());
    QCOMPARE(cell(13, "rsi_zone"), QString());
    QCOMPARE(cell(18, "sma_dist_20"), QString());
    QCOMPARE(cell(kRows - 1, "sma_dist_50"), QString());
    QCOMPARE(cell(kRows - 1, "bb_squeeze"), QString());
    // By hand: 101/100 - 1; 110 - 100; (101 - 99)/100; 200/100 - 1.
    QVERIFY(qAbs(number(cell(1, "return_1")) - 0.01) < 1e-15);
    QCOMPARE(number(cell(10, "momentum_10")), 10.0);
    QVERIFY(qAbs(number(cell(0, "range_ratio")) - 0.02) < 1e-15);
    QCOMPARE(number(cell(1, "volume_change")), 1.0);
    // Row 19: volume 2000 against the mean of 100 .. 2000 (1050); SMA(20) of 100 .. 119 is 109.5.
    QVERIFY(qAbs(number(cell(19, "volume_ratio_20")) - 2000.0 / 1050.0) < 1e-12);
    QVERIFY(qAbs(number(cell(19, "sma_dist_20")) - (119.0 / 109.5 - 1.0) * 100.0) < 1e-9);
    // A steady rise: RSI 100, above 70.
    QCOMPARE(cell(14, "rsi_zone"), QStringLiteral("1"));
    // vpt row 2: 200 * (101/100 - 1) + 300 * (102/101 - 1).
    QVERIFY(qAbs(number(cell(2, "vpt")) - (200.0 * 0.01 + 300.0 * (102.0 / 101.0 - 1.0))) < 1e-9);
}

void TestCliFeatures::sidecarNamesVersionAndColumns()
{
    QVERIFY(!m_header.isEmpty());
    const QJsonObject json = QJsonDocument::fromJson(readFile(path("features.csv.json"))).object();
    QCOMPARE(json.value(QStringLiteral("version")).toString(), QStringLiteral("wick-features/1"));
    QCOMPARE(json.value(QStringLiteral("symbol")).toString(), QStringLiteral("yahoo:AAPL"));
    QCOMPARE(json.value(QStringLiteral("bars")).toInt(), kRows);
    QCOMPARE(json.value(QStringLiteral("source")).toObject().value(QStringLiteral("file")),
        QJsonValue(path("bars.csv")));
    const QJsonObject calendar = json.value(QStringLiteral("calendar")).toObject();
    QCOMPARE(
        calendar.value(QStringLiteral("time_zone")).toString(), QStringLiteral("America/New_York"));
    QCOMPARE(calendar.value(QStringLiteral("open_minute")).toInt(), 9 * 60 + 30);
    QCOMPARE(calendar.value(QStringLiteral("close_minute")).toInt(), 16 * 60);
    QStringList names;
    for (const QJsonValue &column : json.value(QStringLiteral("columns")).toArray()) {
        names << column.toObject().value(QStringLiteral("name")).toString();
        QVERIFY(!column.toObject().value(QStringLiteral("definition")).toString().isEmpty());
    }
    QCOMPARE(names, m_header);
}

void TestCliFeatures::withoutASymbolMarketOpenIsEmpty()
{
    const CliRun run = runCli({QStringLiteral("features"), QStringLiteral("--in"), path("bars.csv"),
        QStringLiteral("--out"), path("plain.csv")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.contains(QStringLiteral("no --symbol")));
    const QList<QStringList> rows = readRows(path("plain.csv"));
    QCOMPARE(rows.size(), kRows + 1);
    for (int t = 1; t <= kRows; ++t) {
        QCOMPARE(rows[t].last(), QString());  // market_open
        QCOMPARE(rows[t].mid(0, 24), m_rows[t - 1].mid(0, 24));  // the rest as with a symbol
    }
    const QJsonObject json = QJsonDocument::fromJson(readFile(path("plain.csv.json"))).object();
    QVERIFY(json.value(QStringLiteral("symbol")).isNull());
    QVERIFY(json.value(QStringLiteral("calendar")).isNull());
    QVERIFY(json.value(QStringLiteral("market_open")).toString().startsWith(u"empty"));
}

void TestCliFeatures::cacheGivesTheSameRows()
{
    const QString db = path("cache.db");
    const CliRun import
        = runCli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
            QStringLiteral("binance:BTCUSDT"), QStringLiteral("--timeframe"), QStringLiteral("1h"),
            QStringLiteral("--in"), path("bars.csv")});
    QCOMPARE(import.exitCode, 0);
    const CliRun run = runCli(
        {QStringLiteral("features"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
            QStringLiteral("binance:BTCUSDT"), QStringLiteral("--timeframe"), QStringLiteral("1h"),
            QStringLiteral("--out"), path("cached.csv")});
    QCOMPARE(run.exitCode, 0);
    const QList<QStringList> rows = readRows(path("cached.csv"));
    QCOMPARE(rows.size(), kRows + 1);
    for (int t = 1; t <= kRows; ++t) {
        QCOMPARE(rows[t].mid(0, 24), m_rows[t - 1].mid(0, 24));
        QCOMPARE(rows[t].last(), QStringLiteral("1"));  // crypto: open 24/7
    }
    const QJsonObject source = QJsonDocument::fromJson(readFile(path("cached.csv.json")))
                                   .object()
                                   .value(QStringLiteral("source"))
                                   .toObject();
    QCOMPARE(source.value(QStringLiteral("cache")).toString(), db);
    QCOMPARE(source.value(QStringLiteral("timeframe")).toString(), QStringLiteral("1h"));
}

void TestCliFeatures::badInputFails_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");
    const QString bars = path("bars.csv");
    const QString out = path("bad.csv");
    QVERIFY(writeFile(
        path("badrow.csv"), "ts,open,high,low,close,volume\n1,10,11,9,10,5\n2,x,1,1,1,1\n"));
    QTest::newRow("no input") << QStringList {QStringLiteral("--out"), out} << 2
                              << QStringLiteral("give --in BARS.csv");
    QTest::newRow("bad symbol") << QStringList {QStringLiteral("--in"), bars,
        QStringLiteral("--symbol"), QStringLiteral("AAPL"), QStringLiteral("--out"), out}
                                << 2 << QStringLiteral("--symbol must be source:CODE");
    QTest::newRow("timeframe with --in") << QStringList {QStringLiteral("--in"), bars,
        QStringLiteral("--timeframe"), QStringLiteral("1h"), QStringLiteral("--out"), out}
                                         << 2 << QStringLiteral("--in reads a CSV");
    QTest::newRow("no --out") << QStringList {QStringLiteral("--in"), bars} << 2
                              << QStringLiteral("--out FEATURES.csv is required");
    QTest::newRow("bad row") << QStringList {QStringLiteral("--in"), path("badrow.csv"),
        QStringLiteral("--out"), out}
                             << 1 << QStringLiteral("line 3");
    QTest::newRow("no cache") << QStringList {QStringLiteral("--db"), path("none.db"),
        QStringLiteral("--symbol"), QStringLiteral("csv:X"), QStringLiteral("--timeframe"),
        QStringLiteral("1m"), QStringLiteral("--out"), out}
                              << 1 << QStringLiteral("no cache at");
}

void TestCliFeatures::badInputFails()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    const CliRun run = runCli(QStringList {QStringLiteral("features")} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.startsWith(QStringLiteral("wick-cli features: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(reason), qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY(!QFile::exists(path("bad.csv")));
}

QTEST_APPLESS_MAIN(TestCliFeatures)
#include "test_cli_features.moc"
