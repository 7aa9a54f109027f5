// Alpha Vantage's answers (tests/fixtures/alphavantage): the intraday and
// daily series as bars in UTC, oldest first, from US/Eastern keys; its HTTP 200
// refusals told apart ("Note", the daily "Information", another "Information",
// "Error Message"); malformed bodies refused with the field; SYMBOL_SEARCH's
// matches; the budget of 25 requests a day and 5 a minute.
#include <QFile>
#include <QTest>

#include "feeds/alphavantage/AlphaVantageBudget.h"
#include "feeds/alphavantage/AlphaVantageParser.h"
#include "feeds/alphavantage/AlphaVantageSymbols.h"

using namespace wick;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alphavantage/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

constexpr TimeMs k20240510 = 1715299200000;  // 2024-05-10T00:00Z

}  // namespace

class TestAlphaVantageParsers final : public QObject
{
    Q_OBJECT

private slots:
    void intradaySeries()
    {
        const auto parsed = parseAlphaVantageSeries(fixture("intraday_ibm_5min.json"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        const AlphaVantageAnswer &a = parsed.value();
        QCOMPARE(a.refusal, AlphaVantageRefusal::None);
        QCOMPARE(a.series.symbol, QStringLiteral("IBM"));
        QCOMPARE(a.series.interval, QStringLiteral("5min"));
        QCOMPARE(a.series.timeframe, Timeframe::M5);
        QCOMPARE(a.series.timeZone, QByteArrayLiteral("America/New_York"));
        const std::vector<Bar> &bars = a.series.bars;
        QCOMPARE(bars.size(), std::size_t(36));
        // "2024-05-10 13:00:00" US/Eastern (EDT) is 17:00 UTC; oldest first.
        QCOMPARE(bars.front().time, TimeMs(1715360400000));
        QCOMPARE(bars.front().open, 167.31);
        QCOMPARE(bars.front().high, 167.4445);
        QCOMPARE(bars.front().low, 167.253);
        QCOMPARE(bars.front().close, 167.3072);
        QCOMPARE(bars.front().volume, 33523.0);
        QCOMPARE(bars.back().time, TimeMs(1715370900000));  // 15:55 EDT
        QCOMPARE(bars.back().close, 167.4388);
        QCOMPARE(bars.back().volume, 77162.0);
        for (std::size_t i = 1; i < bars.size(); ++i)
            QCOMPARE(bars[i].time - bars[i - 1].time, 5 * kMinuteMs);
    }

    void dailySeries()
    {
        const auto parsed = parseAlphaVantageSeries(fixture("daily_ibm.json"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        const AlphaVantageSeries &s = parsed.value().series;
        QCOMPARE(s.timeframe, Timeframe::D1);
        QCOMPARE(s.bars.size(), std::size_t(30));
        // A day is its New York date: local midnight, 04:00 UTC under EDT.
        QCOMPARE(s.bars.front().time, TimeMs(1711944000000));  // 2024-04-01
        QCOMPARE(s.bars.front().open, 183.9219);
        QCOMPARE(s.bars.back().time, k20240510 + 4 * kHourMs);
        QCOMPARE(s.bars.back().high, 170.6222);
        QCOMPARE(s.bars.back().volume, 3482988.0);
        QCOMPARE(bucketAt(Timeframe::D1, s.bars.back().time, QTimeZone("America/New_York")).start,
            s.bars.back().time);
    }

    void refusalsAreNotData_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("refusal");
        QTest::addColumn<QString>("says");
        QTest::newRow("note") << fixture("rate_limit_note.json")
                              << int(AlphaVantageRefusal::MinuteLimit)
                              << QStringLiteral("5 calls per minute");
        QTest::newRow("daily information")
            << fixture("rate_limit_information.json") << int(AlphaVantageRefusal::DailyLimit)
            << QStringLiteral("25 requests per day");
        QTest::newRow("premium information")
            << QByteArray(R"({"Information": "Thank you for using Alpha Vantage! This is a )"
                          R"(premium endpoint."})")
            << int(AlphaVantageRefusal::Refused) << QStringLiteral("premium endpoint");
        QTest::newRow("error message")
            << fixture("error_invalid_call.json") << int(AlphaVantageRefusal::InvalidCall)
            << QStringLiteral("Invalid API call");
    }

    void refusalsAreNotData()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, refusal);
        QFETCH(QString, says);
        const auto parsed = parseAlphaVantageSeries(body);
        QVERIFY(parsed.ok());
        QCOMPARE(int(parsed.value().refusal), refusal);
        QVERIFY2(parsed.value().message.contains(says), qPrintable(parsed.value().message));
        QVERIFY(parsed.value().series.bars.empty());
        QString message;
        QCOMPARE(int(alphaVantageRefusal(body, &message)), refusal);
        QCOMPARE(message, parsed.value().message);
        QCOMPARE(alphaVantageRefusal(fixture("daily_ibm.json")), AlphaVantageRefusal::None);
    }

    void malformedBodiesSayWhere_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QByteArray intraday = fixture("intraday_ibm_5min.json");
        QTest::newRow("not json") << QByteArray("<html>oops") << QString();
        QTest::newRow("array") << QByteArray("[]") << QString();
        QTest::newRow("no series")
            << QByteArray(R"({"Meta Data": {}})") << QStringLiteral("Time Series");
        QByteArray badPrice = intraday;
        badPrice.replace("\"77162\"", "\"abc\"");
        QTest::newRow("bad price")
            << badPrice << QStringLiteral("Time Series (5min).2024-05-10 15:55:00.volume");
        QByteArray badTime = intraday;
        badTime.replace("2024-05-10 15:55:00", "2024-05-10T15:55");
        QTest::newRow("bad time") << badTime
                                  << QStringLiteral("Time Series (5min).2024-05-10T15:55");
        QByteArray badZone = intraday;
        badZone.replace("US/Eastern", "Mars/Olympus");
        QTest::newRow("bad zone") << badZone << QStringLiteral("Meta Data.Time Zone");
        QByteArray badInterval = intraday;
        badInterval.replace("Time Series (5min)", "Time Series (2min)");
        QTest::newRow("bad interval") << badInterval << QStringLiteral("Time Series (2min)");
    }

    void malformedBodiesSayWhere()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto parsed = parseAlphaVantageSeries(body);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().field, field);
        QVERIFY(!parsed.error().problem.isEmpty());
    }

    void intervals()
    {
        QCOMPARE(alphaVantageTimeframe(u"1min"), Timeframe::M1);
        QCOMPARE(alphaVantageTimeframe(u"60min"), Timeframe::H1);
        QCOMPARE(alphaVantageTimeframe(u"daily"), Timeframe::D1);
        QVERIFY(!alphaVantageTimeframe(u"4h"));
        QCOMPARE(alphaVantageInterval(Timeframe::M30), QStringLiteral("30min"));
        QVERIFY(alphaVantageInterval(Timeframe::H4).isEmpty());
    }

    void search()
    {
        const auto parsed = parseAlphaVantageSearch(fixture("symbol_search_tesco.json"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        const std::vector<AlphaVantageMatch> &m = parsed.value().matches;
        QCOMPARE(m.size(), std::size_t(2));
        QCOMPARE(m[0].symbol, QStringLiteral("TSCO.LON"));
        QCOMPARE(m[0].name, QStringLiteral("Tesco PLC"));
        QCOMPARE(m[0].region, QStringLiteral("United Kingdom"));
        QCOMPARE(m[0].currency, QStringLiteral("GBX"));
        QCOMPARE(m[0].matchScore, 0.7273);
        QCOMPARE(m[1].type, QStringLiteral("Equity"));
        const auto limited = parseAlphaVantageSearch(fixture("rate_limit_information.json"));
        QVERIFY(limited.ok());
        QCOMPARE(limited.value().refusal, AlphaVantageRefusal::DailyLimit);
        QVERIFY(!parseAlphaVantageSearch(QByteArray(R"({"bestMatches": [{"2. name": "x"}]})")));
    }

    void symbols()
    {
        QVERIFY(isValidAlphaVantageCode(u"IBM"));
        QVERIFY(isValidAlphaVantageCode(u"TSCO.LON"));
        QVERIFY(!isValidAlphaVantageCode(u""));
        QVERIFY(!isValidAlphaVantageCode(u"A B"));
        QVERIFY(!isValidAlphaVantageCode(u"IBM."));
        const Symbol ibm = alphaVantageSymbol(u"ibm");
        QCOMPARE(ibm.key(), QStringLiteral("alphavantage:IBM"));
        QCOMPARE(ibm.timeZoneId, QByteArrayLiteral("America/New_York"));
        QCOMPARE(ibm.assetClass, AssetClass::Equity);
        const Symbol tesco = alphaVantageSymbol(u"TSCO.LON");
        QCOMPARE(tesco.timeZoneId, QByteArrayLiteral("Europe/London"));
        QCOMPARE(tesco.session.openMinute, 8 * 60);
    }

    void budgetKeepsBothLimits()
    {
        AlphaVantageBudget budget(25, 5);
        const TimeMs t0 = k20240510 + 14 * kHourMs;
        for (int k = 0; k < 5; ++k) {
            QVERIFY(budget.allows(t0 + k * 1000));
            budget.spend(t0 + k * 1000);
        }
        // The sixth waits until the first leaves the minute.
        QVERIFY(!budget.allows(t0 + 5000));
        QCOMPARE(budget.nextAllowedAt(t0 + 5000), t0 + kMinuteMs);
        QVERIFY(budget.allows(t0 + kMinuteMs));
        TimeMs t = t0 + kMinuteMs;
        while (budget.usedToday(t) < 25) {
            t = budget.nextAllowedAt(t);
            budget.spend(t);
        }
        QCOMPARE(budget.usedToday(t), 25);
        // Spent: nothing until 00:00 UTC, then a new day.
        QVERIFY(budget.daySpentAt(t));
        QCOMPARE(budget.nextAllowedAt(t), k20240510 + kDayMs);
        QVERIFY(budget.allows(k20240510 + kDayMs));
        QCOMPARE(budget.usedToday(k20240510 + kDayMs), 0);
    }

    void budgetTakesTheSourcesWord()
    {
        AlphaVantageBudget budget(25, 5);
        const TimeMs t0 = k20240510 + 15 * kHourMs;
        budget.spend(t0);
        budget.minuteSpent(t0);
        QCOMPARE(budget.nextAllowedAt(t0 + 1), t0 + kMinuteMs);
        budget.daySpent(t0 + 2);
        QCOMPARE(budget.usedToday(t0 + 2), 25);
        QCOMPARE(budget.nextAllowedAt(t0 + 2), k20240510 + kDayMs);
        QCOMPARE(budget.usedToday(k20240510 + kDayMs + 1), 0);
    }
};

QTEST_GUILESS_MAIN(TestAlphaVantageParsers)
#include "test_alphavantage_parsers.moc"
