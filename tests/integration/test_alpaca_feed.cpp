// AlpacaFeed against a FakeWebSocketServer (the IEX stream) and a
// FakeHttpServer (REST bars) on 127.0.0.1, from tests/fixtures/alpaca, on a
// ManualClock at 2025-02-19 15:29:30 UTC: the stream says "connected", the feed
// authenticates at once with the key and secret and subscribes its symbols'
// trades and bars; the history comes in two REST pages joined by
// next_page_token (key and secret in the headers); a stream trade is a tick, a
// stream bar a closed minute, and the minute REST and the stream both gave is
// sent once. 402 closes the stream until new credentials; 406 is said and
// retried; without credentials nothing connects until setCredentials().
// While US equities do not trade the stream is closed (the REST history still
// comes) and it reopens before the pre-market.
#include <algorithm>
#include <memory>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include "FakeHttpServer.h"
#include "FakeWebSocketServer.h"
#include "feeds/alpaca/AlpacaFeed.h"
#include "feeds/alpaca/AlpacaParser.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

using namespace wick;

namespace {

constexpr TimeMs kNow = 1739978970000;  // 2025-02-19T15:29:30Z
constexpr TimeMs kFrom = 1739975400000;  // 14:30Z, the first REST bar
const Credentials kCredentials {
    QStringLiteral("PKTEST0000000000000000"), QStringLiteral("test-secret-not-real")};

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alpaca/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

}  // namespace

class TestAlpacaFeed final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void authSubscribeHistoryAndLive();
    void authFailureStopsTheStream();
    void connectionLimitIsSaidAndRetried();
    void nothingWithoutCredentials();
    void streamPausesWhileTheMarketIsClosed();
    void startedClosedTheHistoryComesWithoutStream();

private:
    AlpacaFeedConfig config() const;
    void start(const AlpacaFeedConfig &config);

    std::unique_ptr<FakeWebSocketServer> m_ws;
    std::unique_ptr<FakeHttpServer> m_http;
    std::shared_ptr<SymbolRegistry> m_registry;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<AlpacaFeed> m_feed;
    QStringList m_sent;  // what clients sent, in order
    QByteArray m_authReply;  // what the fake answers to auth
    std::vector<Bar> m_bars;
    std::vector<Tick> m_ticks;
    QStringList m_details;  // every state text, in order
};

void TestAlpacaFeed::init()
{
    registerCoreMetaTypes();
    m_ws = std::make_unique<FakeWebSocketServer>(QStringLiteral("alpaca"));
    QVERIFY(m_ws->listen());
    m_http = std::make_unique<FakeHttpServer>();
    QVERIFY(m_http->listen());
    m_sent.clear();
    m_bars.clear();
    m_ticks.clear();
    m_details.clear();
    m_authReply = fixture("auth_success.json");
    connect(m_ws.get(), &FakeWebSocketServer::clientConnected, this, [this](QWebSocket *client) {
        m_ws->sendText(client, QString::fromUtf8(fixture("connected.json")));
    });
    connect(m_ws.get(), &FakeWebSocketServer::textReceived, this,
        [this](QWebSocket *client, const QString &text) {
            m_sent << text;
            const QString action
                = QJsonDocument::fromJson(text.toUtf8()).object().value(u"action").toString();
            if (action == QLatin1String("auth"))
                m_ws->sendText(client, QString::fromUtf8(m_authReply));
            else if (action == QLatin1String("subscribe"))
                m_ws->sendText(client, QString::fromUtf8(fixture("subscription.json")));
        });
    m_http->route(QStringLiteral("/v2/stocks/AAPL/bars"), [](const HttpRequest &r) {
        return HttpReply::json(200,
            r.query.hasQueryItem(QStringLiteral("page_token"))
                ? fixture("rest_bars_aapl_1min_page2.json")
                : fixture("rest_bars_aapl_1min.json"));
    });
    m_registry = std::make_shared<SymbolRegistry>();
    m_clock = std::make_shared<ManualClock>(kNow);
}

void TestAlpacaFeed::cleanup()
{
    if (m_feed)
        m_feed->stop();
    m_feed.reset();
    m_ws.reset();
    m_http.reset();
}

AlpacaFeedConfig TestAlpacaFeed::config() const
{
    AlpacaFeedConfig c;
    c.wsUrl = m_ws->url();
    c.restUrl = m_http->url();
    c.credentials = kCredentials;
    c.symbols = {QStringLiteral("AAPL")};
    c.backfillFrom = kFrom;
    c.clock = m_clock;
    c.requestsPerSecond = 100.0;
    c.backoff.initialMs = 100;
    c.backoff.maxMs = 300;
    return c;
}

void TestAlpacaFeed::start(const AlpacaFeedConfig &c)
{
    m_feed = std::make_unique<AlpacaFeed>(m_registry, c);
    connect(m_feed.get(), &Feed::barsReceived, this,
        [this](SymbolId, Timeframe tf, const BarsPtr &bars) {
            QCOMPARE(tf, Timeframe::M1);
            m_bars.insert(m_bars.end(), bars->begin(), bars->end());
        });
    connect(m_feed.get(), &Feed::ticksReceived, this, [this](const TickBatch &batch) {
        m_ticks.insert(m_ticks.end(), batch.ticks.begin(), batch.ticks.end());
    });
    connect(m_feed.get(), &Feed::stateChanged, this,
        [this](FeedState, const QString &detail) { m_details << detail; });
    m_feed->start();
}

void TestAlpacaFeed::authSubscribeHistoryAndLive()
{
    start(config());
    // Auth first, with the key and secret; then the subscription.
    QTRY_VERIFY(m_sent.size() >= 2);
    const QJsonObject auth = QJsonDocument::fromJson(m_sent[0].toUtf8()).object();
    QCOMPARE(auth.value(u"action").toString(), QStringLiteral("auth"));
    QCOMPARE(auth.value(u"key").toString(), kCredentials.key);
    QCOMPARE(auth.value(u"secret").toString(), kCredentials.secret);
    const QJsonObject sub = QJsonDocument::fromJson(m_sent[1].toUtf8()).object();
    QCOMPARE(sub.value(u"action").toString(), QStringLiteral("subscribe"));
    QCOMPARE(sub.value(u"trades").toArray().first().toString(), QStringLiteral("AAPL"));
    QCOMPARE(sub.value(u"bars").toArray().first().toString(), QStringLiteral("AAPL"));
    // Two REST pages: 30 + 26 closed minutes, in order.
    std::vector<Bar> truth = parseAlpacaBars(fixture("rest_bars_aapl_1min.json")).value().bars;
    const std::vector<Bar> page2
        = parseAlpacaBars(fixture("rest_bars_aapl_1min_page2.json")).value().bars;
    truth.insert(truth.end(), page2.begin(), page2.end());
    QTRY_COMPARE(m_bars.size(), truth.size());
    QVERIFY(m_bars == truth);
    QCOMPARE(m_http->requests(QStringLiteral("/v2/stocks/AAPL/bars")), 2);
    const HttpRequest &first = m_http->requestLog().front();
    QCOMPARE(first.header("APCA-API-KEY-ID"), kCredentials.key.toUtf8());
    QCOMPARE(first.header("APCA-API-SECRET-KEY"), kCredentials.secret.toUtf8());
    QCOMPARE(first.query.queryItemValue(QStringLiteral("timeframe")), QStringLiteral("1Min"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("start")),
        QStringLiteral("2025-02-19T14:30:00Z"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("feed")), QStringLiteral("iex"));
    QCOMPARE(m_http->requestLog().back().query.queryItemValue(QStringLiteral("page_token")),
        QStringLiteral("QUFQTHxNfDIwMjUtMDItMTlUMTU6MDE6MDAuMDAwMDAwMDAwWg=="));
    QTRY_COMPARE(m_feed->state(), FeedState::Live);
    // Live: a trade is a tick; the 15:28 bar REST already gave is not sent again.
    m_ws->broadcast(QString::fromUtf8(fixture("trade.json")));
    QTRY_COMPARE(m_ticks.size(), std::size_t(1));
    QCOMPARE(m_ticks[0].price, 245.19);
    QCOMPARE(m_ticks[0].time, TimeMs(1739978961417));
    QCOMPARE(m_ticks[0].tradeId, std::int64_t(52983525033527));
    m_ws->broadcast(QString::fromUtf8(fixture("bar.json")));
    QTest::qWait(200);
    QCOMPARE(m_bars.size(), truth.size());
    // The next minute closes on the stream: sent.
    m_clock->set(kNow + kMinuteMs);
    m_ws->broadcast(QStringLiteral(R"([{"T":"b","S":"AAPL","o":245.06,"h":245.3,"l":245.0,)"
                                   R"("c":245.2,"v":1800,"n":30,"t":"2025-02-19T15:29:00Z"}])"));
    QTRY_COMPARE(m_bars.size(), truth.size() + 1);
    QCOMPARE(m_bars.back().time, TimeMs(1739978940000));
    QCOMPARE(m_bars.back().close, 245.2);
    // A symbol added on the fly is subscribed at once.
    m_feed->addSymbols({QStringLiteral("SPY")});
    QTRY_VERIFY(m_sent.size() >= 3);
    const QJsonObject more = QJsonDocument::fromJson(m_sent.back().toUtf8()).object();
    QCOMPARE(more.value(u"action").toString(), QStringLiteral("subscribe"));
    QCOMPARE(more.value(u"trades").toArray().first().toString(), QStringLiteral("SPY"));
}

void TestAlpacaFeed::authFailureStopsTheStream()
{
    m_authReply = fixture("error_auth_failed.json");
    start(config());
    QTRY_VERIFY(m_feed->health().messagesReceived >= 2);
    QTRY_COMPARE(m_feed->state(), FeedState::Offline);
    QVERIFY2(m_details.last().startsWith(QStringLiteral("auth failed (402)")),
        qPrintable(m_details.last()));
    QTest::qWait(800);  // several backoffs: no reconnect with the same credentials
    QCOMPARE(m_ws->connectionsAccepted(), 1);
    QCOMPARE(m_http->requests(), 0);
    // New credentials: connected again.
    m_authReply = fixture("auth_success.json");
    m_feed->setCredentials({QStringLiteral("PKNEW"), QStringLiteral("new-secret")});
    QTRY_COMPARE(m_ws->connectionsAccepted(), 2);
    QTRY_COMPARE(m_feed->state(), FeedState::Live);
}

void TestAlpacaFeed::connectionLimitIsSaidAndRetried()
{
    m_authReply = fixture("error_connection_limit.json");
    connect(m_ws.get(), &FakeWebSocketServer::textReceived, this,
        [this](QWebSocket *, const QString &) {
            if (m_authReply.contains("406"))
                QTimer::singleShot(
                    20, m_ws.get(), [this] { m_ws->closeAll(QStringLiteral("limit")); });
        });
    start(config());
    QTRY_VERIFY(m_ws->connectionsAccepted() >= 2);  // retried after the server closed
    QVERIFY(m_details.filter(QStringLiteral("connection limit exceeded (406)")).size() >= 1);
    QVERIFY(m_feed->state() == FeedState::Reconnecting || m_feed->state() == FeedState::Connecting);
    m_authReply = fixture("auth_success.json");
    QTRY_COMPARE(m_feed->state(), FeedState::Live);
}

void TestAlpacaFeed::nothingWithoutCredentials()
{
    AlpacaFeedConfig c = config();
    c.credentials = {};
    start(c);
    QTest::qWait(300);
    QCOMPARE(m_ws->connectionsAccepted(), 0);
    QCOMPARE(m_feed->state(), FeedState::Connecting);
    m_feed->setCredentials(kCredentials);
    QTRY_COMPARE(m_ws->connectionsAccepted(), 1);
    QTRY_COMPARE(m_feed->state(), FeedState::Live);
    QTRY_VERIFY(!m_bars.empty());
}

void TestAlpacaFeed::streamPausesWhileTheMarketIsClosed()
{
    // Wednesday 2025-02-19 19:58 New York (00:58Z): post-market, the stream opens.
    constexpr TimeMs kPostMarket = 1740013080000;
    m_clock->set(kPostMarket);
    AlpacaFeedConfig c = config();
    c.marketCheckMs = 20;
    int disconnects = 0;
    connect(m_ws.get(), &FakeWebSocketServer::clientDisconnected, this,
        [&disconnects](QWebSocket *) { ++disconnects; });
    start(c);
    QTRY_COMPARE(m_feed->state(), FeedState::Live);
    QTRY_VERIFY(m_details.contains(QStringLiteral("live")));
    const auto auths = [this] {
        return int(std::count_if(m_sent.begin(), m_sent.end(),
            [](const QString &text) { return text.contains(QLatin1String("\"auth\"")); }));
    };
    QCOMPARE(auths(), 1);
    // 20:01: the last minute bars may still come; 20:04: closed, the stream goes.
    m_clock->set(kPostMarket + 3 * kMinuteMs);
    QTest::qWait(100);
    QCOMPARE(disconnects, 0);
    m_clock->set(kPostMarket + 6 * kMinuteMs);
    QTRY_COMPARE(disconnects, 1);
    QTRY_COMPARE(m_details.last(), QStringLiteral("market closed (stream paused)"));
    QCOMPARE(m_feed->state(), FeedState::Live);
    // Thursday 03:54 New York: still closed; 03:56: the pre-market is near, reopened.
    constexpr TimeMs kBeforePre = 1740041640000;  // 2025-02-20T08:54:00Z
    m_clock->set(kBeforePre);
    QTest::qWait(100);
    QCOMPARE(auths(), 1);
    m_clock->set(kBeforePre + 2 * kMinuteMs);
    QTRY_COMPARE(auths(), 2);
    QTRY_COMPARE(m_details.last(), QStringLiteral("live"));
}

void TestAlpacaFeed::startedClosedTheHistoryComesWithoutStream()
{
    // Saturday 2025-02-22 10:00 New York: the history, no stream.
    m_clock->set(1740236400000);
    int connections = 0;
    connect(m_ws.get(), &FakeWebSocketServer::clientConnected, this,
        [&connections](QWebSocket *) { ++connections; });
    AlpacaFeedConfig c = config();
    c.marketCheckMs = 20;
    start(c);
    QTRY_COMPARE(m_http->requests(QStringLiteral("/v2/stocks/AAPL/bars")), 2);
    QTRY_VERIFY(!m_bars.empty());
    QTest::qWait(100);
    QCOMPARE(connections, 0);
    QCOMPARE(m_feed->state(), FeedState::Live);
    QCOMPARE(m_details.last(), QStringLiteral("market closed (stream paused)"));
    // With pauseWhileClosed off, the stream opens whatever the hour.
    m_feed->stop();
    c.pauseWhileClosed = false;
    start(c);
    QTRY_COMPARE(connections, 1);
}

QTEST_GUILESS_MAIN(TestAlpacaFeed)
#include "test_alpaca_feed.moc"
