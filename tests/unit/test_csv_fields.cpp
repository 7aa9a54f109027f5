// CSV quoting (RFC 4180) in core/storage/CsvFields: a field with a comma, a
// quote, CR or LF is written quoted with inner quotes doubled and read back as
// it was; records span lines only inside quotes; BarCsv reads quoted headers
// and cells.
#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "storage/BarCsv.h"
#include "storage/CsvFields.h"

using namespace wick;

class TestCsvFields final : public QObject
{
    Q_OBJECT

private slots:
    void writesQuotesOnlyWhenNeeded_data();
    void writesQuotesOnlyWhenNeeded();
    void quotedHeaderRoundTrips();
    void recordsSpanLinesOnlyInsideQuotes();
    void malformedQuotingIsReported_data();
    void malformedQuotingIsReported();
    void barCsvReadsQuotedHeaderAndCells();
    void barCsvRoundsTimesDown();
};

void TestCsvFields::writesQuotesOnlyWhenNeeded_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << QByteArray("SMA(20)") << QByteArray("SMA(20)");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("spaces") << QByteArray(" a b ") << QByteArray(" a b ");
    QTest::newRow("comma") << QByteArray("MACD(12,26,9).signal")
                           << QByteArray("\"MACD(12,26,9).signal\"");
    QTest::newRow("quote") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("lf") << QByteArray("a\nb") << QByteArray("\"a\nb\"");
    QTest::newRow("cr") << QByteArray("a\rb") << QByteArray("\"a\rb\"");
}

void TestCsvFields::writesQuotesOnlyWhenNeeded()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, written);
    QByteArray out;
    appendCsvField(out, field);
    QCOMPARE(out, written);
    const CsvRecord back = splitCsvRecord(out);
    QCOMPARE(back.problem, QString());
    QCOMPARE(back.fields, QList<QByteArray> {field});
}

void TestCsvFields::quotedHeaderRoundTrips()
{
    const QList<QByteArray> header = {"ts", "MACD(12,26,9).macd", "MACD(12,26,9).signal",
        "BBANDS(20,2,2).upper", "SMA(9)@RSI(14)", "odd \"name\", too"};
    const QByteArray line = csvRecord(header);
    QCOMPARE(line,
        QByteArray("ts,\"MACD(12,26,9).macd\",\"MACD(12,26,9).signal\",\"BBANDS(20,2,2).upper\","
                   "SMA(9)@RSI(14),\"odd \"\"name\"\", too\"\n"));
    const CsvRecord back = splitCsvRecord(QByteArrayView(line).chopped(1));
    QCOMPARE(back.problem, QString());
    QCOMPARE(back.fields, header);
    // Empty cells stay empty fields (indicator values before their lookback).
    QCOMPARE(splitCsvRecord(",,\"\",").fields, (QList<QByteArray> {"", "", "", ""}));
    // Spaces around a quoted field are not part of it; a quote inside an
    // unquoted field is an ordinary character (as Python's csv reads it).
    QCOMPARE(splitCsvRecord(" \"a,b\" ,c\"d").fields, (QList<QByteArray> {"a,b", "c\"d"}));
}

void TestCsvFields::recordsSpanLinesOnlyInsideQuotes()
{
    QByteArray data = "ts,\"two\nlines\",x\r\n"
                      "\r\n"
                      "1,\"a \"\"quoted\"\"\r\nbreak\",3\n"
                      "4,5,6";
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    qint64 lines = 0;
    CsvRecord record;
    QVERIFY(readCsvRecord(buffer, &lines, &record));
    QCOMPARE(record.line, 1);
    QCOMPARE(record.fields, (QList<QByteArray> {"ts", "two\nlines", "x"}));
    QCOMPARE(lines, 2);
    QVERIFY(readCsvRecord(buffer, &lines, &record));
    QCOMPARE(record.line, 3);
    QVERIFY(record.blank());
    QVERIFY(readCsvRecord(buffer, &lines, &record));
    QCOMPARE(record.line, 4);
    // A line break inside quotes comes back as LF.
    QCOMPARE(record.fields, (QList<QByteArray> {"1", "a \"quoted\"\nbreak", "3"}));
    QVERIFY(readCsvRecord(buffer, &lines, &record));
    QCOMPARE(record.line, 6);
    QCOMPARE(record.fields, (QList<QByteArray> {"4", "5", "6"}));
    QVERIFY(!record.blank());
    QCOMPARE(lines, 6);
    QVERIFY(!readCsvRecord(buffer, &lines, &record));
}

void TestCsvFields::malformedQuotingIsReported_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<qint64>("linesRead");
    QTest::newRow("text after the closing quote")
        << QByteArray("1,\"2\"x,3\n4,5,6\n")
        << QStringLiteral("text after the closing quote of field 2") << qint64(1);
    QTest::newRow("never closed") << QByteArray("1,\"2,3\n4,5,6\n")
                                  << QStringLiteral("a quoted field is not closed") << qint64(2);
}

void TestCsvFields::malformedQuotingIsReported()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, problem);
    QFETCH(qint64, linesRead);
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    qint64 lines = 0;
    CsvRecord record;
    QVERIFY(readCsvRecord(buffer, &lines, &record));
    QCOMPARE(record.line, 1);
    QCOMPARE(record.problem, problem);
    QVERIFY(!record.blank());
    QCOMPARE(lines, linesRead);
}

void TestCsvFields::barCsvReadsQuotedHeaderAndCells()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("quoted.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // As a spreadsheet that quotes every field writes it (Python's QUOTE_ALL).
    file.write("\"ts\",\"open\",\"high\",\"low\",\"close\",\"volume\"\r\n"
               "\"1767225600\",\"1.5\",\"2\",\"1\",\"1.25\",\"10\"\r\n"
               "1767225660,\"1.25\",2.5,1,2,\"0\"\r\n"
               "\"1767225720\",\"1,5\",2,1,1.5,1\r\n"
               "1767225780,1.5,2,1,1.75,\"3\"x\r\n");
    file.close();
    const BarCsvRead read = readBarsCsv(path);
    QCOMPARE(read.error, QString());
    QCOMPARE(read.bars,
        (std::vector<Bar> {Bar {1767225600000, 1.5, 2, 1, 1.25, 10, 0},
            Bar {1767225660000, 1.25, 2.5, 1, 2, 0, 0}}));
    QCOMPARE(read.rejected.size(), std::size_t(2));
    // A quoted comma is one field, which is no number.
    QCOMPARE(read.rejected[0].line, 4);
    QCOMPARE(read.rejected[0].reason, QStringLiteral("open '1,5' is not a number"));
    QCOMPARE(read.rejected[1].line, 5);
    QCOMPARE(read.rejected[1].reason, QStringLiteral("text after the closing quote of field 6"));
    // What BarCsv writes reads back the same.
    const QString again = dir.filePath(QStringLiteral("again.csv"));
    QFile out(again);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(barsCsv(read.bars));
    out.close();
    QCOMPARE(readBarsCsv(again).bars, read.bars);
}

void TestCsvFields::barCsvRoundsTimesDown()
{
    // Seconds are the floor of the milliseconds, before 1970 too: every
    // writer (demo, export, the app's export) uses appendBarCsv.
    auto ts = [](TimeMs time) {
        QByteArray csv;
        appendBarCsv(csv, Bar {time, 1, 1, 1, 1, 0, 0});
        return csv.left(csv.indexOf(','));
    };
    QCOMPARE(ts(1500), QByteArray("1"));
    QCOMPARE(ts(0), QByteArray("0"));
    QCOMPARE(ts(-500), QByteArray("-1"));
    QCOMPARE(ts(-1000), QByteArray("-1"));
    QCOMPARE(ts(-1001), QByteArray("-2"));
    QCOMPARE(ts(-60'000), QByteArray("-60"));
}

QTEST_APPLESS_MAIN(TestCsvFields)
#include "test_csv_fields.moc"
