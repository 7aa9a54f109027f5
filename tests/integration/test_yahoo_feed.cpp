// YahooFeed against FakeYahooServer (tests/fixtures/yahoo) on 127.0.0.1, its
// clock at the fixture's last quote (2025-02-19 10:29:38 New York): 20 days of
// 1m history in three period1/period2 pages, the fixture's bars with its null
// minutes skipped, its last minute as the forming bar, then polled; a 429 with
// Retry-After waited out; an unknown symbol dropped with Yahoo's message while
// the other goes on; a rotated crumb refreshed once (cookie and crumb) and the
// quote batch sent again; the symbol list from search; quote-only symbols
// (a watchlist of 250 beside one chart) kept by batched quote rounds alone,
// an unknown one dropped, a symbol given its bars when a chart wants them.
#include <memory>
#include <optional>
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
    QHash<SymbolId, SourceQuote> quotes;
    int quoteSignals = 0;
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
    void quoteOnlySymbolsFollowQuoteRounds();
    void closedMarketIsQuotedUntilItsClosingPrice();

private:
    YahooFeedConfig config(const QStringList &symbols) const;
    void start(const YahooFeedConfig &config, const std::optional<QStringList> &barCodes = {});
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

void TestYahooFeed::start(const YahooFeedConfig &c, const std::optional<QStringList> &barCodes)
{
    m_feed = std::make_unique<YahooFeed>(m_registry, c);
    if (barCodes)
        m_feed->setBarCodes(*barCodes);
    connect(m_feed.get(), &Feed::quotesReceived, this, [this](const SourceQuotes &quotes) {
        ++m_got.quoteSignals;
        for (const SourceQuote &q : quotes)
            m_got.quotes[q.symbol] = q;
    });
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

void TestYahooFeed::quoteOnlySymbolsFollowQuoteRounds()
{
    constexpr int kUniverse = 250;
    m_server->addUniverse(kUniverse);
    m_server->addChart(QStringLiteral("S0007"));
    QStringList codes {QStringLiteral("AAPL"), QStringLiteral("NOPE")};
    for (int i = 1; i <= kUniverse; ++i)
        codes.append(FakeYahooServer::universeQuote(i).code);
    YahooFeedConfig c = config(codes);
    c.quoteIntervalMs = 60'000;  // one round while the test looks
    c.quoteBatch = 100;
    start(c, QStringList {QStringLiteral("AAPL")});
    // One round: 252 codes in three batches of at most 100, one after another.
    QTRY_COMPARE(m_got.quotes.size(), kUniverse + 1);
    QTRY_VERIFY(m_got.errors.contains(id(QStringLiteral("NOPE"))));
    QCOMPARE(m_server->quoteRequests(), 3);
    QCOMPARE(m_got.quoteSignals, 3);
    const FakeYahooServer::UniverseQuote truth = FakeYahooServer::universeQuote(42);
    const SourceQuote s42 = m_got.quotes.value(id(truth.code));
    QCOMPARE(s42.price, truth.price);
    QCOMPARE(s42.time, truth.timeSeconds * 1000);
    QCOMPARE(s42.dayVolume, truth.volume);
    QVERIFY(s42.previousClose > 0.0);
    QCOMPARE(m_got.dayReference.value(id(truth.code)), s42.previousClose);
    QCOMPARE(m_got.quotes.value(id(QStringLiteral("AAPL"))).price, 245.19);
    QCOMPARE(m_got.quotes.value(id(QStringLiteral("AAPL"))).time, kNow);
    // Yahoo answered without NOPE: not a symbol it knows, dropped, the others go on.
    QCOMPARE(m_got.errors.value(id(QStringLiteral("NOPE"))),
        QStringLiteral("yahoo:NOPE: no quote in Yahoo's answer: not a symbol it knows"));
    QCOMPARE(m_got.errors.size(), 1);
    QVERIFY(!m_feed->symbolCodes().contains(QStringLiteral("NOPE")));
    QCOMPARE(m_feed->symbolCodes().size(), kUniverse + 1);
    // Bars for AAPL alone: no chart request for any quote-only symbol.
    const std::vector<Bar> truthBars = fixtureBars();
    QTRY_COMPARE(m_got.bars.size(), truthBars.size() - 1);
    for (const auto &r : m_server->chartRequests())
        QCOMPARE(r.code, QStringLiteral("AAPL"));
    QCOMPARE(m_feed->state(), FeedState::Live);
    // A chart opens on S0007: its history is fetched from then on.
    const std::size_t charts = m_server->chartRequests().size();
    m_feed->setBarCodes({QStringLiteral("AAPL"), QStringLiteral("s0007")});
    QTRY_COMPARE(m_got.bars.size(), 2 * (truthBars.size() - 1));
    QVERIFY(m_server->chartRequests().size() > charts);
    for (std::size_t k = charts; k < m_server->chartRequests().size(); ++k)
        QCOMPARE(m_server->chartRequests()[k].code, QStringLiteral("S0007"));
    QCOMPARE(m_server->quoteRequests(), 3);  // the round does not repeat before its interval
}

void TestYahooFeed::closedMarketIsQuotedUntilItsClosingPrice()
{
    // From 15:59:30 New York at 100 times the wall clock, a round every 30 s:
    // rounds while open and after the 16:00 close until a quote from 16:02 on
    // (the closing price settled), then none while the market stays closed.
    m_clock = std::make_shared<SimulatedClock>(kOpen + (6 * 60 + 29) * kMinuteMs + 30'000, 100.0);
    m_clock->start();
    m_server->addUniverse(5);
    QStringList codes;
    for (int i = 1; i <= 5; ++i)
        codes.append(FakeYahooServer::universeQuote(i).code);
    YahooFeedConfig c = config(codes);
    c.clockRate = 100.0;
    c.quoteIntervalMs = 30'000;
    start(c, QStringList {});
    const TimeMs close = kOpen + 390 * kMinuteMs;
    QTRY_VERIFY_WITH_TIMEOUT(m_clock->now() > close + 4 * kMinuteMs, 10'000);
    const int rounds = m_server->quoteRequests();
    QVERIFY2(rounds >= 4 && rounds <= 7, qPrintable(QString::number(rounds)));
    QTest::qWait(1500);  // five more intervals of the feed's clock
    QCOMPARE(m_server->quoteRequests(), rounds);
    QCOMPARE(m_got.quotes.size(), 5);
    QCOMPARE(m_got.quoteSignals, rounds);
    QVERIFY(m_server->chartRequests().empty());
    // The data-health rate counts each quote answer.
    QCOMPARE(m_feed->health().messagesReceived, std::int64_t(rounds));
}

QTEST_MAIN(TestYahooFeed)
#include "test_yahoo_feed.moc"
