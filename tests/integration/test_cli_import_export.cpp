// wick-cli import / export, run as processes (WICK_CLI): import then export
// gives back the same numbers bit for bit, bad rows are reported with their
// line numbers and reasons, --from/--to, the default --db, bad arguments.
#include <array>
#include <cmath>
#include <limits>

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/Schema.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("WICK_CLI"), arguments);
    Run run;
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

const QByteArray kHeader = "ts,open,high,low,close,volume\n";

// An SQLite file made without Wick: sql run on a new file.
bool writeSqlite(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK
        && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    ok = sqlite3_close(db) == SQLITE_OK && ok;
    return ok;
}

}  // namespace

class TestCliImportExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpListsImportAndExport();
    void demoImportExportIsBitIdentical();
    void awkwardNumbersRoundTrip();
    void millisecondsAndIsoTimestamps();
    void reimportReplaces();
    void badRowsAreReportedWithLineNumbers();
    void exportFromTo();
    void exportIncludeFormingMarksTheFormingBar();
    void defaultDbIsTheAppCache();
    void quotedCsvImports();
    void exportSaysWhatTheFileIs_data();
    void exportSaysWhatTheFileIs();
    void badArguments_data();
    void badArguments();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestCliImportExport::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    QVERIFY(m_dir.isValid());
}

void TestCliImportExport::helpListsImportAndExport()
{
    const Run run = runCli({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("\n  import ")));
    QVERIFY(run.out.contains(QStringLiteral("\n  export ")));
    const Run importHelp = runCli({QStringLiteral("import"), QStringLiteral("--help")});
    QCOMPARE(importHelp.exitCode, 0);
    QVERIFY(importHelp.out.startsWith(QStringLiteral("Usage: wick-cli import")));
}

void TestCliImportExport::demoImportExportIsBitIdentical()
{
    const QString demo = file(QStringLiteral("demo.csv"));
    const QString db = file(QStringLiteral("demo.db"));
    const QString back = file(QStringLiteral("demo-back.csv"));
    Run run = runCli({QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("1"),
        QStringLiteral("--minutes"), QStringLiteral("5000"), QStringLiteral("--start"),
        QStringLiteral("2026-03-02T00:00:00Z"), QStringLiteral("--out"), demo});
    QCOMPARE(run.exitCode, 0);
    const QByteArray csv = readAll(demo);
    QCOMPARE(csv.count('\n'), 5001);
    run = runCli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
        QStringLiteral("Demo:BTCUSDT"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
        QStringLiteral("--in"), demo});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QStringLiteral("5000 bars of demo:BTCUSDT 1m stored")),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("0 rows rejected")), qPrintable(run.err));
    run = runCli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
        QStringLiteral("DEMO:BTCUSDT"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
        QStringLiteral("--out"), back});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readAll(back), csv);
    // The source is stored lowercased, the code as given.
    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    QVERIFY(SymbolStore(*database).find(QStringLiteral("demo"), QStringLiteral("BTCUSDT")));
    QVERIFY(!SymbolStore(*database).find(QStringLiteral("demo"), QStringLiteral("btcusdt")));
}

void TestCliImportExport::awkwardNumbersRoundTrip()
{
    // Written the way export writes (17 significant digits), so the file comes back as it was.
    const std::vector<std::array<double, 5>> rows = {
        {0.1, 0.1 + 0.2, 0.1 - 1e-17, 0.2, 0.0},
        {100000.0 / 3.0, std::nextafter(100000.0 / 3.0, 1e9), 1e-5, 100000.0 / 3.0,
            std::numeric_limits<double>::max()},
        {std::numeric_limits<double>::denorm_min(), 1e300,
            std::numeric_limits<double>::denorm_min(), 123456789012345678.0,
            std::numeric_limits<double>::min()},
    };
    QByteArray csv = kHeader;
    qint64 ts = 1767225600;
    for (const auto &row : rows) {
        csv += QByteArray::number(ts);
        for (double v : row)
            csv += ',' + QByteArray::number(v, 'g', 17);
        csv += '\n';
        ts += 60;
    }
    const QString in = file(QStringLiteral("awkward.csv"));
    const QString out = file(QStringLiteral("awkward-back.csv"));
    const QString db = file(QStringLiteral("awkward.db"));
    QVERIFY(writeFile(in, csv));
    Run run = runCli({QStringLiteral("import"), QStringLiteral("--db"), db,
        QStringLiteral("--symbol"), QStringLiteral("csv:MY DATA"), QStringLiteral("--timeframe"),
        QStringLiteral("1m"), QStringLiteral("--in"), in});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = runCli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
        QStringLiteral("csv:MY DATA"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
        QStringLiteral("--out"), out});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readAll(out), csv);
}

void TestCliImportExport::millisecondsAndIsoTimestamps()
{
    const QByteArray seconds = kHeader + "1767225600,1.5,2,1,1.75,10\n1767225660,1.75,2,1.5,2,0\n";
    const QByteArray mixed
        = kHeader + "1767225600000,1.5,2,1,1.75,10\n2026-01-01T00:01:00Z,1.75,2,1.5,2,0\n";
    const QString in = file(QStringLiteral("mixed.csv"));
    const QString out = file(QStringLiteral("mixed-back.csv"));
    const QString db = file(QStringLiteral("mixed.db"));
    QVERIFY(writeFile(in, mixed));
    Run run = runCli({QStringLiteral("import"), QStringLiteral("--db"), db,
        QStringLiteral("--symbol"), QStringLiteral("csv:X"), QStringLiteral("--timeframe"),
        QStringLiteral("1m"), QStringLiteral("--in"), in});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = runCli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
        QStringLiteral("csv:X"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
        QStringLiteral("--out"), out});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readAll(out), seconds);
    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*database).find(QStringLiteral("csv"), QStringLiteral("X"));
    QVERIFY(id);
    QCOMPARE(BarStore(*database).last(*id, Timeframe::M1, 1).front(),
        (Bar {1'767'225'660'000, 1.75, 2, 1.5, 2, 0, 0}));
}

void TestCliImportExport::reimportReplaces()
{
    const QString db = file(QStringLiteral("re.db"));
    const QString in = file(QStringLiteral("re.csv"));
    const QString out = file(QStringLiteral("re-back.csv"));
    const QStringList import = {QStringLiteral("import"), QStringLiteral("--db"), db,
        QStringLiteral("--symbol"), QStringLiteral("csv:RE"), QStringLiteral("--timeframe"),
        QStringLiteral("1h"), QStringLiteral("--in"), in};
    QVERIFY(writeFile(in, kHeader + "1767225600,1,2,0.5,1.5,10\n1767229200,1.5,2.5,1,2,20\n"));
    QCOMPARE(runCli(import).exitCode, 0);
    QVERIFY(writeFile(in, kHeader + "1767229200,1.5,3,1,2.5,25\n1767232800,2.5,3,2,3,30\n"));
    QCOMPARE(runCli(import).exitCode, 0);
    const Run run = runCli({QStringLiteral("export"), QStringLiteral("--db"), db,
        QStringLiteral("--symbol"), QStringLiteral("csv:RE"), QStringLiteral("--timeframe"),
        QStringLiteral("1h"), QStringLiteral("--out"), out});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readAll(out),
        kHeader
            + "1767225600,1,2,0.5,1.5,10\n1767229200,1.5,3,1,2.5,25\n1767232800,2.5,3,2,3,30\n");
}

void TestCliImportExport::badRowsAreReportedWithLineNumbers()
{
    const QString in = file(QStringLiteral("bad.csv"));
    const QString db = file(QStringLiteral("bad.db"));
    const QString out = file(QStringLiteral("bad-back.csv"));
    QVERIFY(writeFile(in,
        kHeader
            + "1767225600,10,11,9,10.5,100\n"  // 2 ok
              "1767225660,10,10.2,9,10.5,100\n"  // 3 high below close
              "1767225660,10,11,10.1,10.5,100\n"  // 4 low above open
              "1767225660,-1,11,9,10.5,100\n"  // 5 negative open
              "1767225660,10,11,9,10.5,-3\n"  // 6 negative volume
              "1767225660,10,nan,9,10.5,1\n"  // 7 NaN
              "1767225660,10,inf,9,10.5,1\n"  // 8 infinite
              "1767225600,10,11,9,10.5,1\n"  // 9 not after line 2
              "yesterday,10,11,9,10.5,1\n"  // 10 bad ts
              "1767225660,10,11,9\n"  // 11 too few fields
              "1767225660,10,eleven,9,10.5,1\n"  // 12 not a number
              "\n"  // 13 empty: skipped
              "1767225660,10,11,9,10.5,0\n"  // 14 ok
              "1767225720,10,11,9,10.5,1\n"));  // 15 ok
    const Run run = runCli({QStringLiteral("import"), QStringLiteral("--db"), db,
        QStringLiteral("--symbol"), QStringLiteral("csv:BAD"), QStringLiteral("--timeframe"),
        QStringLiteral("1m"), QStringLiteral("--in"), in});
    QCOMPARE(run.exitCode, 1);
    const QStringList expected = {
        QStringLiteral(":3: high 10.199999999999999 is below max(open, close) 10.5"),
        QStringLiteral(":4: low 10.1 is above min(open, close) 10"),
        QStringLiteral(":5: open -1 is not positive"),
        QStringLiteral(":6: volume -3 is negative"),
        QStringLiteral(":7: high is not finite"),
        QStringLiteral(":8: high is not finite"),
        QStringLiteral(":9: ts 1767225600 is not after the previous accepted row's 1767225600"),
        QStringLiteral(":10: ts 'yesterday' is not unix seconds, unix milliseconds or ISO-8601"),
        QStringLiteral(":11: expected 6 fields (ts,open,high,low,close,volume), found 4"),
        QStringLiteral(":12: high 'eleven' is not a number"),
    };
    for (const QString &line : expected)
        QVERIFY2(
            run.err.contains(QStringLiteral("wick-cli import: ") + in + line), qPrintable(run.err));
    QCOMPARE(run.err.count(QStringLiteral("wick-cli import: ") + in + QLatin1Char(':')), 10);
    QVERIFY2(run.err.contains(QStringLiteral("3 bars of csv:BAD 1m stored in ") + db
                 + QStringLiteral("; 10 rows rejected")),
        qPrintable(run.err));
    QCOMPARE(
        runCli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
                   QStringLiteral("csv:BAD"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
                   QStringLiteral("--out"), out})
            .exitCode,
        0);
    QCOMPARE(readAll(out),
        kHeader
            + "1767225600,10,11,9,10.5,100\n1767225660,10,11,9,10.5,0\n1767225720,10,11,9,10.5,"
              "1\n");
}

void TestCliImportExport::exportFromTo()
{
    const QString in = file(QStringLiteral("range.csv"));
    const QString db = file(QStringLiteral("range.db"));
    QByteArray csv = kHeader;
    for (int i = 0; i < 10; ++i)
        csv += QByteArray::number(1767225600 + i * 60) + ",1,2,0.5,1.5," + QByteArray::number(i)
            + '\n';
    QVERIFY(writeFile(in, csv));
    QCOMPARE(
        runCli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
                   QStringLiteral("csv:R"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
                   QStringLiteral("--in"), in})
            .exitCode,
        0);
    // [00:02, 00:05): ISO-8601 and unix seconds mean the same.
    for (const auto &[from, to] :
        {std::pair {QStringLiteral("2026-01-01T00:02:00Z"), QStringLiteral("2026-01-01T00:05:00Z")},
            std::pair {QStringLiteral("1767225720"), QStringLiteral("1767225900")}}) {
        const Run run = runCli({QStringLiteral("export"), QStringLiteral("--db"), db,
            QStringLiteral("--symbol"), QStringLiteral("csv:R"), QStringLiteral("--timeframe"),
            QStringLiteral("1m"), QStringLiteral("--from"), from, QStringLiteral("--to"), to,
            QStringLiteral("--out"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out,
            QString::fromLatin1(kHeader
                + "1767225720,1,2,0.5,1.5,2\n1767225780,1,2,0.5,1.5,3\n1767225840,1,2,0.5,1.5,"
                  "4\n"));
    }
}

// The forming bar (as wick-cli collect leaves it) is kept apart: the default
// export has closed bars only, in the import format; --include-forming adds a
// forming column and the forming bar last; a closed bar of its minute supersedes it.
void TestCliImportExport::exportIncludeFormingMarksTheFormingBar()
{
    const QString in = file(QStringLiteral("forming.csv"));
    const QString db = file(QStringLiteral("forming.db"));
    QVERIFY(writeFile(in, kHeader + "1767225600,1,2,0.5,1.5,10\n1767225660,1.5,2.5,1,2,20\n"));
    QCOMPARE(
        runCli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
                   QStringLiteral("binance:BTCUSDT"), QStringLiteral("--timeframe"),
                   QStringLiteral("1m"), QStringLiteral("--in"), in})
            .exitCode,
        0);
    const Bar forming {1767225720000, 2.0, 2.25, 1.75, 2.125, 0.30000000000000004, 3};
    {
        auto database = Database::open(db);
        const auto id
            = SymbolStore(*database).find(QStringLiteral("binance"), QStringLiteral("BTCUSDT"));
        QVERIFY(id);
        FormingBarStore(*database).save(
            *id, Timeframe::M1, Bar {1767225660000, 9, 9, 9, 9, 9, 9}, 1);
        FormingBarStore(*database).save(*id, Timeframe::M1, forming, 1767225750000);  // replaces
        QCOMPARE(FormingBarStore(*database).saved(*id, Timeframe::M1)->bar, forming);
    }
    auto exportRun = [&](const QStringList &extra) {
        return runCli(QStringList {QStringLiteral("export"), QStringLiteral("--db"), db,
                          QStringLiteral("--symbol"), QStringLiteral("binance:BTCUSDT"),
                          QStringLiteral("--timeframe"), QStringLiteral("1m"),
                          QStringLiteral("--out"), QStringLiteral("-")}
            + extra);
    };
    const QByteArray closed = "1767225600,1,2,0.5,1.5,10\n1767225660,1.5,2.5,1,2,20\n";
    Run run = exportRun({});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QString::fromLatin1(kHeader + closed));
    run = exportRun({QStringLiteral("--include-forming")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        QStringLiteral("ts,open,high,low,close,volume,forming\n1767225600,1,2,0.5,1.5,10,0\n"
                       "1767225660,1.5,2.5,1,2,20,0\n"
                       "1767225720,2,2.25,1.75,2.125,0.30000000000000004,1\n"));
    QVERIFY2(run.err.contains(QLatin1String("and the forming one")), qPrintable(run.err));
    // Outside --from/--to: not shown.
    run = exportRun({QStringLiteral("--include-forming"), QStringLiteral("--to"),
        QStringLiteral("1767225720")});
    QCOMPARE(run.out,
        QStringLiteral("ts,open,high,low,close,volume,forming\n1767225600,1,2,0.5,1.5,10,0\n"
                       "1767225660,1.5,2.5,1,2,20,0\n"));
    // The closed bar of that minute arrives (the next collect): it supersedes the forming one.
    const QString later = file(QStringLiteral("forming-closed.csv"));
    QVERIFY(writeFile(later, kHeader + "1767225720,2,2.5,1.5,2.25,7\n"));
    QCOMPARE(
        runCli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
                   QStringLiteral("binance:BTCUSDT"), QStringLiteral("--timeframe"),
                   QStringLiteral("1m"), QStringLiteral("--in"), later})
            .exitCode,
        0);
    run = exportRun({QStringLiteral("--include-forming")});
    QCOMPARE(run.out,
        QStringLiteral("ts,open,high,low,close,volume,forming\n1767225600,1,2,0.5,1.5,10,0\n"
                       "1767225660,1.5,2.5,1,2,20,0\n1767225720,2,2.5,1.5,2.25,7,0\n"));
}

void TestCliImportExport::defaultDbIsTheAppCache()
{
    const QString home = file(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    const QString in = file(QStringLiteral("default.csv"));
    QVERIFY(writeFile(in, kHeader + "1767225600,1,2,0.5,1.5,10\n"));
    const Run run = runCli(
        {QStringLiteral("import"), QStringLiteral("--symbol"), QStringLiteral("csv:D"),
            QStringLiteral("--timeframe"), QStringLiteral("1d"), QStringLiteral("--in"), in},
        env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString cache = home + QStringLiteral("/data/Wick/Wick/cache.db");
    QVERIFY2(run.err.contains(cache), qPrintable(run.err));
    QVERIFY(QFile::exists(cache));
    const Run back = runCli({QStringLiteral("export"), QStringLiteral("--symbol"),
                                QStringLiteral("csv:D"), QStringLiteral("--timeframe"),
                                QStringLiteral("1d"), QStringLiteral("--out"), QStringLiteral("-")},
        env);
    QCOMPARE(back.exitCode, 0);
    QCOMPARE(back.out, QString::fromLatin1(kHeader + "1767225600,1,2,0.5,1.5,10\n"));
}

void TestCliImportExport::quotedCsvImports()
{
    // Every field quoted, CRLF line ends: what spreadsheets and Python's csv
    // (QUOTE_ALL) write. Export gives the plain format back.
    const QString in = file(QStringLiteral("quoted.csv"));
    const QString db = file(QStringLiteral("quoted.db"));
    QVERIFY(writeFile(in,
        "\"ts\",\"open\",\"high\",\"low\",\"close\",\"volume\"\r\n"
        "\"1767225600\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\"\r\n"
        "1767225660,\"1.5\",2.5,1,2,20\r\n"
        "\"1767225720\",\"2,5\",3,2,2.5,1\r\n"));
    Run run = runCli({QStringLiteral("import"), QStringLiteral("--db"), db,
        QStringLiteral("--symbol"), QStringLiteral("csv:QUOTED"), QStringLiteral("--timeframe"),
        QStringLiteral("1m"), QStringLiteral("--in"), in});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(in + QStringLiteral(":4: open '2,5' is not a number")),
        qPrintable(run.err));
    QVERIFY2(
        run.err.contains(QStringLiteral("2 bars of csv:QUOTED 1m stored")), qPrintable(run.err));
    run = runCli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--symbol"),
        QStringLiteral("csv:QUOTED"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
        QStringLiteral("--out"), QStringLiteral("-")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        QString::fromLatin1(kHeader + "1767225600,1,2,0.5,1.5,10\n1767225660,1.5,2.5,1,2,20\n"));
}

void TestCliImportExport::exportSaysWhatTheFileIs_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("0 bytes") << QStringLiteral("zero.db")
                             << QStringLiteral("is empty (0 bytes): not a Wick cache");
    QTest::newRow("SQLite without tables")
        << QStringLiteral("notables.db")
        << QStringLiteral("is empty (an SQLite file without tables): not a Wick cache");
    QTest::newRow("SQLite of something else") << QStringLiteral(
        "other.db") << QStringLiteral("is not a Wick cache: an SQLite file without Wick's tables");
    QTest::newRow("not SQLite") << QStringLiteral("text.db")
                                << QStringLiteral("is not a Wick cache: not an SQLite file");
    QTest::newRow("older Wick cache")
        << QStringLiteral("older.db")
        << QStringLiteral("has schema version %1, older than %2: open it read-write first")
               .arg(latestSchemaVersion() - 1)
               .arg(latestSchemaVersion());
}

void TestCliImportExport::exportSaysWhatTheFileIs()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    const QString path = file(name);
    QFile::remove(path);
    if (name == QLatin1String("zero.db")) {
        QVERIFY(writeFile(path, QByteArray()));
    } else if (name == QLatin1String("notables.db")) {
        QVERIFY(writeSqlite(path, "PRAGMA user_version = 7"));
    } else if (name == QLatin1String("other.db")) {
        QVERIFY(writeSqlite(path,
            "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); "
            "INSERT INTO photos (name) VALUES ('a')"));
    } else if (name == QLatin1String("text.db")) {
        QVERIFY(writeFile(path, QByteArray("ts,open,high,low,close,volume\n").repeated(100)));
    } else {
        const QByteArray older
            = "PRAGMA user_version = " + QByteArray::number(latestSchemaVersion() - 1);
        Database::open(path)->exec(older.constData());
    }
    const QByteArray before = readAll(path);
    const Run run = runCli({QStringLiteral("export"), QStringLiteral("--db"), path,
        QStringLiteral("--symbol"), QStringLiteral("csv:A"), QStringLiteral("--timeframe"),
        QStringLiteral("1m"), QStringLiteral("--out"), QStringLiteral("-")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QStringLiteral("wick-cli export: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(path + QLatin1Char(' ') + message), qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(run.out, QString());
    // Export only reads: the file is as it was.
    QCOMPARE(readAll(path), before);
}

void TestCliImportExport::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString db = file(QStringLiteral("args.db"));
    const QString in = file(QStringLiteral("args.csv"));
    QVERIFY(writeFile(in, kHeader + "1767225600,1,2,0.5,1.5,10\n"));
    QTest::newRow("import: symbol without source") << QStringList {QStringLiteral("import"),
        QStringLiteral("--db"), db, QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
        QStringLiteral("--timeframe"), QStringLiteral("1m"), QStringLiteral("--in"),
        in} << 2 << QStringLiteral("wick-cli import: --symbol must be source:CODE, not 'BTCUSDT'");
    QTest::newRow("import: bad timeframe") << QStringList {QStringLiteral("import"),
        QStringLiteral("--db"), db, QStringLiteral("--symbol"), QStringLiteral("csv:A"),
        QStringLiteral("--timeframe"), QStringLiteral("2m"), QStringLiteral("--in"),
        in} << 2 << QStringLiteral("wick-cli import: --timeframe must be one of");
    QTest::newRow("import: missing file")
        << QStringList {QStringLiteral("import"), QStringLiteral("--db"), db,
               QStringLiteral("--symbol"), QStringLiteral("csv:A"), QStringLiteral("--timeframe"),
               QStringLiteral("1m"), QStringLiteral("--in"), file(QStringLiteral("nope.csv"))}
        << 1 << QStringLiteral("wick-cli import: cannot read");
    QTest::newRow("export: no cache") << QStringList {QStringLiteral("export"),
        QStringLiteral("--db"), file(QStringLiteral("none.db")), QStringLiteral("--symbol"),
        QStringLiteral("csv:A"), QStringLiteral("--timeframe"), QStringLiteral("1m"),
        QStringLiteral("--out"), QStringLiteral("-")}
                                      << 1 << QStringLiteral("wick-cli export: no cache at");
    QTest::newRow("export: bad --from") << QStringList {QStringLiteral("export"),
        QStringLiteral("--db"), db, QStringLiteral("--symbol"), QStringLiteral("csv:A"),
        QStringLiteral("--timeframe"), QStringLiteral("1m"), QStringLiteral("--from"),
        QStringLiteral("soon"), QStringLiteral("--out"),
        QStringLiteral("-")} << 2 << QStringLiteral("wick-cli export: --from must be ISO-8601 UTC");
}

void TestCliImportExport::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, status);
    QFETCH(QString, message);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, status);
    QVERIFY2(run.err.startsWith(message), qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
}

QTEST_APPLESS_MAIN(TestCliImportExport)
#include "test_cli_import_export.moc"
