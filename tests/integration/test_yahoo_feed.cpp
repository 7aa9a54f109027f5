// YahooFeed against FakeYahooServer (tests/fixtures/yahoo) on 127.0.0.1, its
// clock at the fixture's last quote (2025-02-19 10:29:38 New York): 20 days of
// 1m history in three period1/period2 pages, the fixture's bars with its null
// minutes skipped, its last minute as the forming bar, then polled; a 429 with
// Retry-After waited out; an unknown symbol dropped with Yahoo's message while
// the other goes on; a rotated crumb refreshed once (cookie and crumb) and the
// quote batch sent again; the symbol list from search.
#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "FakeHttpServer.h"
#include "FakeYahooServer.h"
#include "feeds/yahoo/YahooChartParser.h"
#include "feeds/yahoo/YahooFeed.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

using namespace wick;

namespace {

constexpr TimeMs kOpen = 1739975400000;  // 2025-02-19 09:30 New York, the fixture's first minute
constexpr TimeMs kNow = 1739978978000;  // its regularMarketTime, 10:29:38

struct Received {
    std::vector<Bar> bars;  // closed 1m bars, in arrival order
    std::vector<Bar> forming;
    QHash<SymbolId, double> dayReference;
    QHash<SymbolId, QString> errors;
    std::vector<ListedSymbol> listed;
    int listings = 0;
};

}  // namespace

class TestYahooFeed final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void historyPagesAndFormingBar();
    void rateLimitIsWaitedOut();
    void unknownSymbolFailsAlone();
    void invalidCrumbIsRefreshedOnce();

private:
    YahooFeedConfig config(const QStringList &symbols) const;
    void start(const YahooFeedConfig &config);
    std::vector<Bar> fixtureBars() const;
    SymbolId id(const QString &code) const
    {
        return m_registry->find(QStringLiteral("yahoo:") + code).value();
    }

    std::unique_ptr<FakeYahooServer> m_server;
    std::shared_ptr<SymbolRegistry> m_registry;
    std::shared_ptr<SimulatedClock> m_clock;
    std::unique_ptr<YahooFeed> m_feed;
    Received m_got;
};

void TestYahooFeed::init()
{
    registerCoreMetaTypes();
    m_server = std::make_unique<FakeYahooServer>(qEnvironmentVariable("WICK_TEST_FIXTURES"));
    QVERIFY(m_server->listen());
    m_server->addChart(QStringLiteral("AAPL"));
    m_registry = std::make_shared<SymbolRegistry>();
    m_clock = std::make_shared<SimulatedClock>(kNow, 1.0);
    m_clock->start();
    m_got = {};
}

void TestYahooFeed::cleanup()
{
    if (m_feed)
        m_feed->stop();
    m_feed.reset();
    m_server.reset();
}

YahooFeedConfig TestYahooFeed::config(const QStringList &symbols) const
{
    YahooFeedConfig c;
    c.restUrl = m_server->url();
    c.cookieUrl = m_server->url();
    c.symbols = symbols;
    c.backfillFrom = kNow - 20 * kDayMs;
    c.clock = m_clock;
    c.quoteIntervalMs = 0;
    c.pollIntervalMs = 60'000;
    c.requestsPerSecond = 100.0;
    c.burst = 100.0;
    c.backoff.initialMs = 50;
    c.backoff.maxMs = 200;
    return c;
}

void TestYahooFeed::start(const YahooFeedConfig &c)
{
    m_feed = std::make_unique<YahooFeed>(m_registry, c);
    connect(m_feed.get(), &Feed::barsReceived, this,
        [this](SymbolId, Timeframe tf, const BarsPtr &bars) {
            QCOMPARE(tf, Timeframe::M1);
            m_got.bars.insert(m_got.bars.end(), bars->begin(), bars->end());
        });
    connect(m_feed.get(), &Feed::formingBarChanged, this,
        [this](SymbolId, Timeframe, const Bar &bar) { m_got.forming.push_back(bar); });
    connect(m_feed.get(), &Feed::dayReferenceChanged, this,
        [this](SymbolId symbol, double price, const QString &) {
            m_got.dayReference[symbol] = price;
        });
    connect(m_feed.get(), &Feed::symbolError, this,
        [this](SymbolId symbol, const QString &message) { m_got.errors[symbol] = message; });
    connect(m_feed.get(), &Feed::symbolsListed, this, [this](const std::vector<ListedSymbol> &l) {
        m_got.listed = l;
        ++m_got.listings;
    });
    m_feed->start();
}

std::vector<Bar> TestYahooFeed::fixtureBars() const
{
    QFile file(
        qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/yahoo/chart_aapl_1m.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no chart fixture");
    return parseYahooChart(file.readAll()).value().chart.bars;
}

void TestYahooFeed::historyPagesAndFormingBar()
{
    YahooFeedConfig c = config({QStringLiteral("AAPL")});
    c.pollIntervalMs = 1000;
    start(c);
    const std::vector<Bar> truth = fixtureBars();  // 57: the three null minutes are not bars
    QTRY_COMPARE(m_got.bars.size(), truth.size() - 1);
    // Every closed minute as the source has it; 10:29 is still forming.
    for (std::size_t i = 0; i + 1 < truth.size(); ++i)
        QCOMPARE(m_got.bars[i], truth[i]);
    QCOMPARE(m_got.bars.front().time, kOpen);
    QCOMPARE(m_got.bars.front().open, 244.86000061035156);
    QCOMPARE(m_got.bars.back().time, kOpen + 58 * kMinuteMs);
    QTRY_COMPARE(m_got.forming.size(), std::size_t(1));
    QCOMPARE(m_got.forming[0], truth.back());
    QCOMPARE(m_got.forming[0].close, 245.19000244140625);
    // Three pages under Yahoo's 8 days of 1m per request, the last one up to now.
    const auto &requests = m_server->chartRequests();
    QVERIFY(requests.size() >= 3);
    QCOMPARE(requests[0].interval, QStringLiteral("1m"));
    QCOMPARE(requests[0].from, (kNow - 20 * kDayMs) / 1000 * 1000);
    QCOMPARE(requests[1].from, (kNow - 20 * kDayMs + 8 * kDayMs - kHourMs) / 1000 * 1000);
    QCOMPARE(requests[2].from, (kNow - 20 * kDayMs + 16 * kDayMs - 2 * kHourMs) / 1000 * 1000);
    QVERIFY(requests[2].to >= kNow);
    for (std::size_t i = 0; i < 3; ++i)
        QVERIFY(requests[i].to - requests[i].from < 8 * kDayMs);
    // Then the forming minute is polled from the newest closed bar on (the market is open).
    QTRY_VERIFY(m_server->chartRequests().size() >= 4);
    QCOMPARE(m_server->chartRequests()[3].from, kOpen + 59 * kMinuteMs);
    QCOMPARE(m_got.bars.size(), truth.size() - 1);  // the poll repeats nothing
    QCOMPARE(m_feed->health().backfilledBars, std::int64_t(truth.size() - 1));
    QCOMPARE(m_feed->state(), FeedState::Live);
    // The symbol list from the search.
    QTRY_COMPARE(m_got.listings, 1);
    QCOMPARE(m_got.listed.size(), std::size_t(3));
    QCOMPARE(m_got.listed[1].symbol.key(), QStringLiteral("yahoo:APC.DE"));
    QCOMPARE(m_got.listed[1].symbol.timeZoneId, QByteArrayLiteral("Europe/Berlin"));
}

void TestYahooFeed::rateLimitIsWaitedOut()
{
    m_server->rateLimitCharts(1, 1);
    QElapsedTimer timer;
    timer.start();
    start(config({QStringLiteral("AAPL")}));
    const std::vector<Bar> truth = fixtureBars();
    QTRY_COMPARE_WITH_TIMEOUT(m_got.bars.size(), truth.size() - 1, 10'000);
    QVERIFY2(
        timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));  // Retry-After: 1
    for (std::size_t i = 0; i + 1 < truth.size(); ++i)
        QCOMPARE(m_got.bars[i], truth[i]);
    // The refused request went again: 1 answered 429 + the three pages.
    QCOMPARE(m_server->http().requests(QStringLiteral("/v8/finance/chart/")), 4);
    QVERIFY(m_feed->health().rateLimitWaits >= 1);
    QCOMPARE(m_feed->health().restCircuit, CircuitState::Closed);
    QVERIFY(m_got.errors.isEmpty());
}

void TestYahooFeed::unknownSymbolFailsAlone()
{
    start(config({QStringLiteral("ZZZZ"), QStringLiteral("AAPL")}));
    QTRY_VERIFY(m_got.errors.contains(id(QStringLiteral("ZZZZ"))));
    QCOMPARE(m_got.errors.value(id(QStringLiteral("ZZZZ"))),
        QStringLiteral("yahoo:ZZZZ: Not Found: No data found, symbol may be delisted"));
    QCOMPARE(m_feed->symbolCodes(), QStringList {QStringLiteral("AAPL")});
    const std::vector<Bar> truth = fixtureBars();
    QTRY_COMPARE(m_got.bars.size(), truth.size() - 1);
    QCOMPARE(m_got.bars.back(), truth[truth.size() - 2]);
    QCOMPARE(m_got.errors.size(), 1);
    // ZZZZ was asked once: a dropped symbol's later pages are not fetched.
    int zzzz = 0;
    for (const auto &r : m_server->chartRequests())
        zzzz += r.code == QLatin1String("ZZZZ");
    QCOMPARE(zzzz, 1);
}

void TestYahooFeed::invalidCrumbIsRefreshedOnce()
{
    m_server->addChart(QStringLiteral("MSFT"));
    YahooFeedConfig c = config({QStringLiteral("AAPL"), QStringLiteral("MSFT")});
    c.backfillFrom = 0;
    c.quoteIntervalMs = 300;
    start(c);
    // The first batch: cookie visit, crumb, quotes of both in one request.
    QTRY_COMPARE(m_got.dayReference.size(), 2);
    QCOMPARE(m_got.dayReference.value(id(QStringLiteral("AAPL"))), 245.97);
    QCOMPARE(m_got.dayReference.value(id(QStringLiteral("MSFT"))), 412.65);
    QCOMPARE(m_server->cookieVisits(), 1);
    QCOMPARE(m_server->crumbRequests(), 1);
    QCOMPARE(m_server->refusedQuotes(), 0);
    // Yahoo rotates the crumb: the next batch is refused once, cookie and crumb
    // are fetched again and the batch goes through.
    const int before = m_server->quoteRequests();
    m_server->rotateCrumb();
    QTRY_VERIFY(m_server->quoteRequests() >= before + 2);
    QTRY_COMPARE(m_server->crumbRequests(), 2);
    QCOMPARE(m_server->cookieVisits(), 2);
    QCOMPARE(m_server->refusedQuotes(), 1);
    const int after = m_server->quoteRequests();
    QTRY_VERIFY(m_server->quoteRequests() > after);  // later batches use the new crumb
    QCOMPARE(m_server->refusedQuotes(), 1);
    QCOMPARE(m_server->crumbRequests(), 2);
    QCOMPARE(m_feed->health().auxiliaryFailures, std::int64_t(0));
    // Every quote request carried the browser-like User-Agent.
    for (const HttpRequest &r : m_server->http().requestLog())
        QVERIFY2(
            r.header("User-Agent").startsWith("Mozilla/5.0"), r.header("User-Agent").constData());
}

QTEST_MAIN(TestYahooFeed)
#include "test_yahoo_feed.moc"
