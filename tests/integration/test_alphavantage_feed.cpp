// AlphaVantageFeed against a FakeHttpServer answering /query from
// tests/fixtures/alphavantage, on a ManualClock: the intraday and daily series
// fetched once each (the daily bar of today still forming), refreshed only while
// the market is open; the per-minute limit kept before asking and a "Note"
// waited out for a minute; the daily "Information" holding every request until
// 00:00 UTC, then the same request again and nothing lost; an unknown symbol
// dropped with Alpha Vantage's text while the other goes on; the API key in
// each request's query and in no log line.
#include <memory>
#include <vector>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/spdlog.h>

#include "FakeHttpServer.h"
#include "feeds/alphavantage/AlphaVantageFeed.h"
#include "feeds/alphavantage/AlphaVantageParser.h"
#include "log/Logging.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

using namespace wick;

namespace {

constexpr TimeMs kAfterClose = 1715371800000;  // 2024-05-10 16:10 New York (a Friday)
constexpr TimeMs kMondayOpen = 1715608800000;  // 2024-05-13 10:00 New York
constexpr TimeMs kNextUtcDay = 1715385600000;  // 2024-05-11 00:00 UTC
const QString kKey = QStringLiteral("AVKEY-SECRET-7731");

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alphavantage/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

struct Received {
    std::vector<Bar> m5;
    std::vector<Bar> d1;
    std::vector<Bar> forming;
    QHash<SymbolId, QString> errors;
};

}  // namespace

class TestAlphaVantageFeed final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void historyOnceThenRefreshWhileOpen();
    void minuteLimitKeptAndNoteWaitedOut();
    void dailyLimitHoldsUntilTheDayTurns();
    void unknownSymbolFailsAlone();
    void keyOnlyInTheQuery();

private:
    AlphaVantageFeedConfig config(const QStringList &symbols, const QStringList &intervals) const;
    void start(const AlphaVantageFeedConfig &config);
    int queries() const { return m_server->requests(QStringLiteral("/query")); }

    std::unique_ptr<FakeHttpServer> m_server;
    std::shared_ptr<SymbolRegistry> m_registry;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<AlphaVantageFeed> m_feed;
    Received m_got;
};

void TestAlphaVantageFeed::init()
{
    registerCoreMetaTypes();
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route(QStringLiteral("/query"), [](const HttpRequest &r) {
        const QString function = r.query.queryItemValue(QStringLiteral("function"));
        if (r.query.queryItemValue(QStringLiteral("symbol")) == QLatin1String("ZZZZ"))
            return HttpReply::json(200, fixture("error_invalid_call.json"));
        if (function == QLatin1String("TIME_SERIES_DAILY"))
            return HttpReply::json(200, fixture("daily_ibm.json"));
        return HttpReply::json(200, fixture("intraday_ibm_5min.json"));
    });
    m_registry = std::make_shared<SymbolRegistry>();
    m_clock = std::make_shared<ManualClock>(kAfterClose);
    m_got = {};
}

void TestAlphaVantageFeed::cleanup()
{
    if (m_feed)
        m_feed->stop();
    m_feed.reset();
    m_server.reset();
}

AlphaVantageFeedConfig TestAlphaVantageFeed::config(
    const QStringList &symbols, const QStringList &intervals) const
{
    AlphaVantageFeedConfig c;
    c.restUrl = m_server->url();
    c.apiKey = kKey;
    c.symbols = symbols;
    c.intervals = intervals;
    c.clock = m_clock;
    c.clockRate = 20.0;  // the feed's timer looks every 50 ms
    c.pollIntervalMs = 30 * kMinuteMs;
    c.backoff.initialMs = 50;
    c.backoff.maxMs = 200;
    return c;
}

void TestAlphaVantageFeed::start(const AlphaVantageFeedConfig &c)
{
    m_feed = std::make_unique<AlphaVantageFeed>(m_registry, c);
    connect(m_feed.get(), &Feed::barsReceived, this,
        [this](SymbolId, Timeframe tf, const BarsPtr &bars) {
            std::vector<Bar> &into = tf == Timeframe::D1 ? m_got.d1 : m_got.m5;
            QVERIFY(tf == Timeframe::D1 || tf == Timeframe::M5);
            into.insert(into.end(), bars->begin(), bars->end());
        });
    connect(m_feed.get(), &Feed::formingBarChanged, this,
        [this](SymbolId, Timeframe, const Bar &bar) { m_got.forming.push_back(bar); });
    connect(m_feed.get(), &Feed::symbolError, this,
        [this](SymbolId symbol, const QString &message) { m_got.errors[symbol] = message; });
    m_feed->start();
}

void TestAlphaVantageFeed::historyOnceThenRefreshWhileOpen()
{
    start(config({QStringLiteral("IBM")}, {QStringLiteral("5min"), QStringLiteral("daily")}));
    const std::vector<Bar> intraday
        = parseAlphaVantageSeries(fixture("intraday_ibm_5min.json")).value().series.bars;
    const std::vector<Bar> daily
        = parseAlphaVantageSeries(fixture("daily_ibm.json")).value().series.bars;
    QTRY_COMPARE(m_got.m5.size(), intraday.size());
    QTRY_COMPARE(m_got.d1.size(), daily.size() - 1);
    QVERIFY(m_got.m5 == intraday);  // every 5-minute bar of the day closed by 16:10
    QVERIFY(std::equal(m_got.d1.begin(), m_got.d1.end(), daily.begin()));
    // Friday's daily bar is still Friday's (its New York day ends at midnight).
    QCOMPARE(m_got.forming.size(), std::size_t(1));
    QCOMPARE(m_got.forming[0], daily.back());
    QCOMPARE(queries(), 2);
    const HttpRequest &first = m_server->requestLog().front();
    QCOMPARE(first.query.queryItemValue(QStringLiteral("function")),
        QStringLiteral("TIME_SERIES_INTRADAY"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("symbol")), QStringLiteral("IBM"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("interval")), QStringLiteral("5min"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("outputsize")), QStringLiteral("compact"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("extended_hours")), QStringLiteral("false"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("apikey")), kKey);
    QCOMPARE(m_server->requestLog().back().query.queryItemValue(QStringLiteral("function")),
        QStringLiteral("TIME_SERIES_DAILY"));
    const FeedHealth h = m_feed->health();
    QCOMPARE(h.requestsToday, 2);
    QCOMPARE(h.dailyRequestLimit, 25);
    QCOMPARE(h.backfilledBars, std::int64_t(intraday.size() + daily.size() - 1));
    QCOMPARE(m_feed->state(), FeedState::Live);
    // The market is closed all weekend: an hour later nothing was asked again.
    m_clock->advance(kHourMs);
    QTest::qWait(300);
    QCOMPARE(queries(), 2);
    // Monday 10:00, open: both series are refreshed; what was sent is not sent
    // again, and Friday's daily bar, closed now, comes once.
    m_clock->set(kMondayOpen);
    QTRY_COMPARE(queries(), 4);
    QTRY_COMPARE(m_got.d1.size(), daily.size());
    QTest::qWait(200);
    QCOMPARE(m_got.m5.size(), intraday.size());
    QVERIFY(m_got.d1 == daily);
}

void TestAlphaVantageFeed::minuteLimitKeptAndNoteWaitedOut()
{
    AlphaVantageFeedConfig c
        = config({QStringLiteral("IBM"), QStringLiteral("AAA"), QStringLiteral("BBB")},
            {QStringLiteral("5min")});
    c.requestsPerMinute = 2;
    m_server->failNext(
        QStringLiteral("/query"), HttpReply::json(200, fixture("rate_limit_note.json")));
    start(c);
    // The first answer is a "Note": nothing more this minute.
    QTRY_COMPARE(queries(), 1);
    QTest::qWait(300);
    QCOMPARE(queries(), 1);
    QVERIFY(m_got.m5.empty());
    // A minute later the same request again, then one more (two a minute), then a wait.
    m_clock->advance(kMinuteMs);
    QTRY_COMPARE(queries(), 3);
    QTest::qWait(300);
    QCOMPARE(queries(), 3);
    QCOMPARE(m_server->requestLog()[1].query.queryItemValue(QStringLiteral("symbol")),
        QStringLiteral("IBM"));
    QVERIFY(m_feed->health().rateLimitWaits >= 2);
    m_clock->advance(kMinuteMs);
    QTRY_COMPARE(queries(), 4);
    QTRY_COMPARE(m_got.m5.size(), 3 * std::size_t(36));  // each symbol's bars, none lost
    QVERIFY(m_got.errors.isEmpty());
}

void TestAlphaVantageFeed::dailyLimitHoldsUntilTheDayTurns()
{
    m_server->failNext(
        QStringLiteral("/query"), HttpReply::json(200, fixture("rate_limit_information.json")));
    start(config({QStringLiteral("IBM")}, {QStringLiteral("5min")}));
    QTRY_COMPARE(queries(), 1);
    QTRY_VERIFY(m_feed->health().requestsToday == 25);
    QTest::qWait(300);
    m_clock->advance(2 * kHourMs);  // 18:10 New York, 22:10 UTC: the same UTC day
    QTest::qWait(300);
    QCOMPARE(queries(), 1);
    QVERIFY(m_got.m5.empty());
    QCOMPARE(m_feed->state(), FeedState::Connecting);  // nothing answered with data yet
    // 00:00 UTC: a new day, the request goes again.
    m_clock->set(kNextUtcDay + 30'000);
    QTRY_COMPARE(queries(), 2);
    QTRY_COMPARE(m_got.m5.size(), std::size_t(36));
    QCOMPARE(m_feed->health().requestsToday, 1);
    QCOMPARE(m_feed->state(), FeedState::Live);
}

void TestAlphaVantageFeed::unknownSymbolFailsAlone()
{
    start(config({QStringLiteral("ZZZZ"), QStringLiteral("IBM")}, {QStringLiteral("5min")}));
    const SymbolId zzzz = m_registry->find(QStringLiteral("alphavantage:ZZZZ")).value();
    QTRY_VERIFY(m_got.errors.contains(zzzz));
    QVERIFY2(m_got.errors.value(zzzz).contains(QStringLiteral("Invalid API call")),
        qPrintable(m_got.errors.value(zzzz)));
    QTRY_COMPARE(m_got.m5.size(), std::size_t(36));
    QCOMPARE(m_feed->symbolCodes(), QStringList {QStringLiteral("IBM")});
}

void TestAlphaVantageFeed::keyOnlyInTheQuery()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(initLogging(LoggingOptions {dir.path(), QStringLiteral("wick.log"), false, true}));
    m_server->failNext(QStringLiteral("/query"), HttpReply::json(503, "{}"));
    start(config({QStringLiteral("ZZZZ"), QStringLiteral("IBM")}, {QStringLiteral("5min")}));
    QTRY_COMPARE(m_got.m5.size(), std::size_t(36));
    QTRY_COMPARE(m_got.errors.size(), 1);
    for (const HttpRequest &r : m_server->requestLog())
        QCOMPARE(r.query.queryItemValue(QStringLiteral("apikey")), kKey);
    m_feed->stop();
    spdlog::default_logger()->flush();
    QFile log(dir.filePath(QStringLiteral("wick.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray text = log.readAll();
    QVERIFY2(text.contains("alphavantage"), text.constData());  // the run was logged
    QVERIFY2(text.contains("503"), text.constData());  // its failure too
    QVERIFY2(!text.contains(kKey.toUtf8()), text.constData());
    initLogging(LoggingOptions {});
}

QTEST_GUILESS_MAIN(TestAlphaVantageFeed)
#include "test_alphavantage_feed.moc"
