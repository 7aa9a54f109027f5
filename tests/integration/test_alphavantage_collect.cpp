// wick-cli against a FakeHttpServer answering Alpha Vantage's /query, run as a
// process (WICK_CLI) with the key in WICK_ALPHAVANTAGE_API_KEY: `collect
// --source alphavantage` stores a recent session's 36 one-minute bars (the
// fixture's prices, minutes of the latest full US session two or more days ago)
// and fails the unknown symbol alone; `search --source alphavantage` prints
// SYMBOL_SEARCH's matches as CSV; without a key, or with one on the command
// line, it refuses with the reason.
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"
#include "FakeHttpServer.h"
#include "feeds/alphavantage/AlphaVantageParser.h"
#include "model/Clock.h"
#include "quality/MarketCalendar.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

const QByteArray kKey = QByteArrayLiteral("AVKEY-CLI-5521");

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alphavantage/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

// The fixture's 36 bars as consecutive minutes from 13:00 New York on `day`,
// and the 1min body Alpha Vantage would send for them (newest first).
struct Minutes {
    std::vector<Bar> bars;
    QByteArray body;
};

Minutes minutesOn(QDate day)
{
    const QTimeZone zone("America/New_York");
    Minutes m;
    m.bars = parseAlphaVantageSeries(fixture("intraday_ibm_5min.json")).value().series.bars;
    QJsonObject points;
    const QDateTime first(day, QTime(13, 0), zone);
    for (std::size_t i = 0; i < m.bars.size(); ++i) {
        Bar &b = m.bars[i];
        b.time = first.toMSecsSinceEpoch() + TimeMs(i) * kMinuteMs;
        const QString key = QDateTime::fromMSecsSinceEpoch(b.time, zone)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        points.insert(key,
            QJsonObject {{QStringLiteral("1. open"), QString::number(b.open, 'f', 4)},
                {QStringLiteral("2. high"), QString::number(b.high, 'f', 4)},
                {QStringLiteral("3. low"), QString::number(b.low, 'f', 4)},
                {QStringLiteral("4. close"), QString::number(b.close, 'f', 4)},
                {QStringLiteral("5. volume"), QString::number(b.volume, 'f', 0)}});
    }
    const QJsonObject meta {{QStringLiteral("1. Information"), QStringLiteral("Intraday (1min)")},
        {QStringLiteral("2. Symbol"), QStringLiteral("IBM")},
        {QStringLiteral("4. Interval"), QStringLiteral("1min")},
        {QStringLiteral("6. Time Zone"), QStringLiteral("US/Eastern")}};
    m.body = QJsonDocument(QJsonObject {{QStringLiteral("Meta Data"), meta},
                               {QStringLiteral("Time Series (1min)"), points}})
                 .toJson(QJsonDocument::Compact);
    return m;
}

}  // namespace

class TestAlphaVantageCollect final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
        qputenv("WICK_ALPHAVANTAGE_API_KEY", kKey);
    }

    void collectStoresTheBars()
    {
        // The latest full session at least two days back (a weekday, no holiday).
        const MarketCalendar us = MarketCalendar::forMarket(Market::UsEquity);
        QDate day = QDateTime::currentDateTimeUtc().date().addDays(-2);
        while (!us.sessionOn(day))
            day = day.addDays(-1);
        const Minutes minutes = minutesOn(day);
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.route(QStringLiteral("/query"), [&](const HttpRequest &r) {
            if (r.query.queryItemValue(QStringLiteral("symbol")) == QLatin1String("NOPE"))
                return HttpReply::json(200, fixture("error_invalid_call.json"));
            return HttpReply::json(200, minutes.body);
        });
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("cache.db"));
        const CliRun run = runCliServing(
            {QStringLiteral("collect"), QStringLiteral("--source"), QStringLiteral("alphavantage"),
                QStringLiteral("--symbols"), QStringLiteral("IBM,alphavantage:NOPE"),
                QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--db"), db,
                QStringLiteral("--rest-url"), server.url().toString()});
        QCOMPARE(run.exitCode, 1);  // NOPE failed; IBM went on
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(
            lines[0].startsWith(QStringLiteral("alphavantage:IBM: bars stored 36, quarantined 0")),
            qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QStringLiteral("alphavantage:NOPE: error: alphavantage:NOPE: "
                                                    "Invalid API call.")),
            qPrintable(lines[1]));
        auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
        const auto id
            = SymbolStore(*database).find(QStringLiteral("alphavantage"), QStringLiteral("IBM"));
        QVERIFY(id);
        const std::vector<Bar> stored
            = BarStore(*database).range(*id, Timeframe::M1, 0, kEndOfTime);
        QCOMPARE(stored.size(), minutes.bars.size());
        for (std::size_t i = 0; i < stored.size(); ++i)
            QVERIFY2(stored[i] == minutes.bars[i], qPrintable(QString::number(i)));
        QCOMPARE(server.requestLog().front().query.queryItemValue(QStringLiteral("interval")),
            QStringLiteral("1min"));
        QCOMPARE(server.requestLog().front().query.queryItemValue(QStringLiteral("apikey")),
            QString::fromLatin1(kKey));
        // The key is in the requests, never in what the command printed.
        QVERIFY(!run.err.contains(QString::fromLatin1(kKey)));
        QVERIFY(!run.out.contains(QString::fromLatin1(kKey)));
    }

    void searchPrintsTheMatches()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.route(QStringLiteral("/query"), [](const HttpRequest &) {
            return HttpReply::json(200, fixture("symbol_search_tesco.json"));
        });
        const CliRun run = runCliServing(
            {QStringLiteral("search"), QStringLiteral("--source"), QStringLiteral("alphavantage"),
                QStringLiteral("tesco"), QStringLiteral("--rest-url"), server.url().toString()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines,
            QStringList({QStringLiteral("key,name,type,exchange"),
                QStringLiteral("alphavantage:TSCO.LON,Tesco PLC,Equity,United Kingdom"),
                QStringLiteral("alphavantage:TSCDF,\"Tesco, plc\",Equity,United States")}));
        QCOMPARE(server.requests(QStringLiteral("/query")), 1);
        const HttpRequest &r = server.requestLog().front();
        QCOMPARE(
            r.query.queryItemValue(QStringLiteral("function")), QStringLiteral("SYMBOL_SEARCH"));
        QCOMPARE(r.query.queryItemValue(QStringLiteral("keywords")), QStringLiteral("tesco"));
        QVERIFY(!run.err.contains(QString::fromLatin1(kKey)));
    }

    void aKeyNeverComesFromTheCommandLine()
    {
        const CliRun given = runCli({QStringLiteral("search"), QStringLiteral("--source"),
            QStringLiteral("alphavantage"), QStringLiteral("ibm"), QStringLiteral("--set"),
            QStringLiteral("apiKey=SHOULD-NOT-BE-HERE")});
        QCOMPARE(given.exitCode, 2);
        QVERIFY2(
            given.err.contains(QStringLiteral("apiKey is not a setting")), qPrintable(given.err));
        qunsetenv("WICK_ALPHAVANTAGE_API_KEY");
        const CliRun none = runCli({QStringLiteral("search"), QStringLiteral("--source"),
            QStringLiteral("alphavantage"), QStringLiteral("ibm")});
        qputenv("WICK_ALPHAVANTAGE_API_KEY", kKey);
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains(QStringLiteral("Alpha Vantage needs an API key")),
            qPrintable(none.err));
    }
};

QTEST_MAIN(TestAlphaVantageCollect)
#include "test_alphavantage_collect.moc"
