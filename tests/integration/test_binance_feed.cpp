// BinanceFeed on its thread against FakeBinanceServer on 127.0.0.1, through a
// real MarketEngine: after every fault the engine's 1m bars equal the fake
// server's truth (no gap, no duplicate) and the forming bar holds exactly the
// truth's first trades of its minute. The clock runs `kSpeed` times the wall
// clock, so a minute passes in about two seconds.
#include <algorithm>
#include <map>
#include <memory>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "FakeBinanceServer.h"
#include "engine/MarketEngine.h"
#include "feeds/binance/BinanceFeed.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "session/FeedHost.h"

using namespace wick;

namespace {

constexpr double kSpeed = 30.0;
constexpr TimeMs kT0 = 1767571200000 + 20'000;  // 2026-01-05T00:00:20Z
constexpr TimeMs kMarketStart = kT0 - 40 * kMinuteMs;
constexpr TimeMs kBackfillFrom = kT0 - 20'000 - 15 * kMinuteMs;  // a minute boundary

QString describe(const Bar &b)
{
    return QStringLiteral("%1 o%2 h%3 l%4 c%5 v%6 n%7")
        .arg(b.time)
        .arg(b.open, 0, 'g', 17)
        .arg(b.high, 0, 'g', 17)
        .arg(b.low, 0, 'g', 17)
        .arg(b.close, 0, 'g', 17)
        .arg(b.volume, 0, 'g', 17)
        .arg(b.tradeCount);
}

// A fake server, an engine and a feed, each on its thread but the server's.
class Rig
{
public:
    explicit Rig(QStringList symbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")},
        FakeBinanceConfig serverConfig = {}, std::function<void(BinanceFeedConfig &)> tune = {})
        : clock(std::make_shared<SimulatedClock>(kT0, kSpeed))
        , registry(std::make_shared<SymbolRegistry>())
    {
        clock->start();
        serverConfig.marketStart = kMarketStart;
        serverConfig.tradeIntervalMs = 500;
        serverConfig.pingIntervalMs = 100;
        server = std::make_unique<FakeBinanceServer>(serverConfig, clock);
        ok = server->listen();

        BinanceFeedConfig config;
        config.wsUrl = server->wsUrl();
        config.restUrl = server->restUrl();
        config.symbols = std::move(symbols);
        config.backfillFrom = kBackfillFrom;
        config.clock = clock;
        config.clockRate = kSpeed;
        config.closeGraceMs = 3000;
        config.heartbeatTimeoutMs = 15'000;  // kline updates come every 2 s
        config.backoff = BackoffPolicy {1500, 6000, 2.0, Jitter::Full};
        config.circuit = CircuitBreakerPolicy {4, 6000, 1};
        config.restTimeoutMs = 60'000;
        if (tune)
            tune(config);
        backfillFrom = config.backfillFrom;

        engine = MarketEngine::startOnThread(registry, &engineThread);
        // The session's way: the feed and its screen on the feed's thread.
        auto made = std::make_unique<BinanceFeed>(registry, config);
        feed = made.get();
        host = std::make_unique<FeedHost>(std::move(made), registry, engine);
        QObject::connect(engine, &MarketEngine::snapshotReady, &context,
            [this](const MarketSnapshotPtr &snapshot) {
                for (const SeriesSnapshot &series : snapshot->series)
                    latest[series.symbol] = series;
            });
        QObject::connect(host.get(), &FeedHost::quarantined, &context,
            [this](const std::vector<QuarantineRecord> &records) {
                quarantine.insert(quarantine.end(), records.begin(), records.end());
            });
        QObject::connect(host.get(), &FeedHost::stateChanged, &context,
            [this](const QString &, FeedState state, const QString &detail) {
                states.push_back(state);
                details << detail;
            });
        QObject::connect(host.get(), &FeedHost::symbolError, &context,
            [this](SymbolId id, const QString &message) { errors[id] = message; });
        QObject::connect(host.get(), &FeedHost::dayReferenceChanged, &context,
            [this](SymbolId id, double price, const QString &what) {
                references[id] = {price, what};
            });
        for (SymbolId id : feed->symbolIds())
            QMetaObject::invokeMethod(
                engine, [e = engine, id] { e->subscribe(id, Timeframe::M1); },
                Qt::QueuedConnection);
        host->start();
    }

    ~Rig()
    {
        host.reset();  // stops the feed on its thread
        MarketEngine::shutdown(engineThread);
    }

    std::int64_t ruleCount(SymbolId symbol, QualityRule rule) const
    {
        return host->screen()->ruleCount(symbol, rule);
    }

    SymbolId id(const QString &code) const
    {
        return *registry->find(QStringLiteral("binance:") + code);
    }

    TimeMs now() const { return clock->now(); }

    // Both servers down until a minute has closed, then up: the minute missed
    // is backfilled over REST.
    void outageAcrossMinute()
    {
        server->setDown(true);
        waitUntil(minuteFloor(now()) + kMinuteMs + 5000);
        server->setDown(false);
    }

    // Waits (event loop running) until the clock reaches `time`.
    void waitUntil(TimeMs time)
    {
        while (clock->now() < time)
            QTest::qWait(5);
    }

    // The engine's series equal the truth from the backfill start through a
    // closed minute at or after `closedThrough`, and the forming bar is the
    // truth's first n trades of its minute.
    bool matches(const QString &code, TimeMs closedThrough, QString *why)
    {
        const auto it = latest.find(id(code));
        if (it == latest.end()) {
            *why = QStringLiteral("no snapshot yet");
            return false;
        }
        const SeriesSnapshot &series = it->second;
        std::vector<Bar> closed(series.closed.begin(), series.closed.end());
        if (closed.empty() || closed.back().time < closedThrough) {
            *why = QStringLiteral("closed through %1, waiting for %2")
                       .arg(closed.empty() ? 0 : closed.back().time)
                       .arg(closedThrough);
            return false;
        }
        const std::vector<Bar> truth
            = server->truthBars(code, backfillFrom, closed.back().time + kMinuteMs);
        if (closed != truth) {
            const std::size_t n = std::min(closed.size(), truth.size());
            std::size_t i = 0;
            while (i < n && closed[i] == truth[i])
                ++i;
            *why = QStringLiteral("%1 closed bars vs %2 in truth; first difference at %3: %4 vs %5")
                       .arg(closed.size())
                       .arg(truth.size())
                       .arg(i)
                       .arg(i < closed.size() ? describe(closed[i]) : QStringLiteral("none"))
                       .arg(i < truth.size() ? describe(truth[i]) : QStringLiteral("none"));
            return false;
        }
        if (series.forming) {
            const Bar &forming = *series.forming;
            std::optional<Bar> expected;
            std::int64_t taken = 0;
            for (const FakeTrade &t : server->trades(code)) {
                if (t.time < forming.time || t.time >= forming.time + kMinuteMs
                    || taken == forming.tradeCount)
                    continue;
                ++taken;
                if (!expected)
                    expected = Bar::fromTrade(forming.time, t.price, t.quantity);
                else
                    expected->addTrade(t.price, t.quantity);
            }
            if (!expected || !(*expected == forming)) {
                *why = QStringLiteral("forming %1 vs truth %2")
                           .arg(describe(forming),
                               expected ? describe(*expected) : QStringLiteral("none"));
                return false;
            }
        }
        return true;
    }

    bool allMatch(const QStringList &codes, TimeMs closedThrough, QString *why)
    {
        for (const QString &code : codes) {
            if (!matches(code, closedThrough, why)) {
                why->prepend(code + QStringLiteral(": "));
                return false;
            }
        }
        return true;
    }

    FeedHealth health() const { return feed->health(); }

    bool ok = false;
    TimeMs backfillFrom = kBackfillFrom;
    std::shared_ptr<SimulatedClock> clock;
    std::shared_ptr<SymbolRegistry> registry;
    std::unique_ptr<FakeBinanceServer> server;
    QThread *engineThread = nullptr;
    MarketEngine *engine = nullptr;
    std::unique_ptr<FeedHost> host;
    BinanceFeed *feed = nullptr;  // owned by the host, on its thread
    QObject context;
    std::map<SymbolId, SeriesSnapshot> latest;
    std::vector<QuarantineRecord> quarantine;
    std::vector<FeedState> states;
    QStringList details;
    std::map<SymbolId, QString> errors;
    std::map<SymbolId, std::pair<double, QString>> references;  // dayReferenceChanged
};

const QStringList kBoth {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};

// Waits until the bars match with the minute `through` closed (evaluated once).
#define WAIT_MATCH(rig, codes, through, timeout)                                                   \
    do {                                                                                           \
        const TimeMs closedThrough_ = (through);                                                   \
        QString why;                                                                               \
        QTRY_VERIFY2_WITH_TIMEOUT(                                                                 \
            (rig).allMatch(codes, closedThrough_, &why), qPrintable(why), timeout);                \
    } while (false)

}  // namespace

class TestBinanceFeed final : public QObject
{
    Q_OBJECT

private slots:
    void backfillAndLive();
    void streamDropMidMinute();
    void serverRestart();
    void serverShutdownFrame();
    void heartbeatStall();
    void rateLimited429();
    void banned418();
    void burstOf5xx();
    void malformedFrames();
    void duplicateAndOutOfOrderTrades();
    void priceSpikeKeptAndFlagged();
    void invalidSymbol();
    void weightNeverExceeded();
    void subscribeOnTheFlyAcrossConnections();
    void proactiveReconnect();
    void missingHistoricalTradesDegrades();
    void formingBarStartsFromUnclosedKline();
    void dayReferenceFromMiniTicker();
};

void TestBinanceFeed::backfillAndLive()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.feed->state(), FeedState::Live, 5000);
    const FeedHealth h = rig.health();
    QVERIFY(h.backfilledBars >= 2 * 14);
    QVERIFY(h.messagesReceived > h.tradesReceived);
    QCOMPARE(h.weightLimit, 6000);
    QCOMPARE(h.streamCircuit, CircuitState::Closed);
    QVERIFY(rig.host->sampleHealth(rig.now()).health.tradesReceived > 0);
    QVERIFY(rig.server->pongsReceived() > 0);
    QCOMPARE(rig.server->controlRateViolations(), 0);
    QVERIFY(rig.server->subscribeMessages() >= 1);
    QVERIFY(rig.quarantine.empty());
    QVERIFY(
        std::find(rig.states.begin(), rig.states.end(), FeedState::Connecting) != rig.states.end());
}

void TestBinanceFeed::streamDropMidMinute()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    // Drop 15 s into a minute; the forming bar of that minute must come back whole.
    const TimeMs minute = minuteFloor(rig.now()) + kMinuteMs;
    rig.waitUntil(minute + 15'000);
    rig.server->dropConnections();
    QTRY_VERIFY_WITH_TIMEOUT(rig.health().reconnects >= 1, 5000);
    // The forming minute restarts from the stream's unclosed kline (no trade fill needed).
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(rig.allMatch(kBoth, minute - kMinuteMs, &why)
            && rig.latest[rig.id(QStringLiteral("BTCUSDT"))].forming
            && rig.latest[rig.id(QStringLiteral("BTCUSDT"))].forming->time == minute,
        qPrintable(why), 5000);
    QVERIFY2(rig.now() < minute + kMinuteMs, "the drop minute closed before the check");
    // And the minutes after it.
    WAIT_MATCH(rig, kBoth, minute + kMinuteMs, 10000);
    QVERIFY(std::find(rig.states.begin(), rig.states.end(), FeedState::Reconnecting)
        != rig.states.end());
}

void TestBinanceFeed::serverRestart()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()) - kMinuteMs, 15000);
    const int accepted = rig.server->connectionsAccepted();
    rig.server->setDown(true);
    // Down for about 1.5 minutes: the reconnects fail and the circuit opens.
    const TimeMs downUntil = rig.now() + 90'000;
    QTRY_VERIFY_WITH_TIMEOUT(rig.feed->state() == FeedState::CircuitOpen, 10000);
    rig.waitUntil(downUntil);
    rig.server->setDown(false);
    QTRY_VERIFY_WITH_TIMEOUT(rig.server->connectionsAccepted() > accepted, 10000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.feed->state(), FeedState::Live, 5000);
}

void TestBinanceFeed::serverShutdownFrame()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()) - kMinuteMs, 15000);
    const int accepted = rig.server->connectionsAccepted();
    rig.server->sendServerShutdown();
    QTRY_VERIFY_WITH_TIMEOUT(rig.server->connectionsAccepted() > accepted, 5000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
}

void TestBinanceFeed::heartbeatStall()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()) - kMinuteMs, 15000);
    const int accepted = rig.server->connectionsAccepted();
    rig.server->stallConnections();
    // 15 s of silence (0.5 s here) is a dead connection.
    QTRY_VERIFY_WITH_TIMEOUT(rig.server->connectionsAccepted() > accepted, 5000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
}

void TestBinanceFeed::rateLimited429()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    // The backfill after an outage across a minute's close meets the 429.
    rig.server->failNext(QStringLiteral("/api/v3/"), 429, 1, 20);
    rig.outageAcrossMinute();
    QTRY_VERIFY_WITH_TIMEOUT(rig.health().rateLimitWaits >= 1, 5000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QCOMPARE(rig.server->requestsBlockedEarly(), 0);
    QCOMPARE(rig.server->overLimitResponses(), 0);
}

void TestBinanceFeed::banned418()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    rig.server->failNext(QStringLiteral("/api/v3/"), 418, 1, 30);
    rig.outageAcrossMinute();
    QTRY_VERIFY_WITH_TIMEOUT(
        rig.details.join(QLatin1Char('|')).contains(QLatin1String("418")), 5000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QCOMPARE(rig.server->requestsBlockedEarly(), 0);
}

void TestBinanceFeed::burstOf5xx()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    rig.server->failNext(QStringLiteral("/api/v3/"), 503, 6);
    rig.outageAcrossMinute();
    QTRY_VERIFY_WITH_TIMEOUT(rig.health().restFailures >= 6, 10000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
}

void TestBinanceFeed::malformedFrames()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    rig.server->sendMalformed(10);
    QTRY_VERIFY_WITH_TIMEOUT(rig.health().malformedMessages >= 8, 5000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QCOMPARE(rig.feed->state(), FeedState::Live);
}

void TestBinanceFeed::duplicateAndOutOfOrderTrades()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    rig.server->duplicateNext(QStringLiteral("BTCUSDT"));
    rig.server->swapNext(QStringLiteral("ETHUSDT"));
    QTRY_VERIFY_WITH_TIMEOUT(!rig.quarantine.empty(), 5000);
    QCOMPARE(rig.quarantine.front().rule, QualityRule::DuplicateTradeId);
    QCOMPARE(rig.quarantine.front().symbol, rig.id(QStringLiteral("BTCUSDT")));
    QTRY_VERIFY_WITH_TIMEOUT(
        rig.ruleCount(rig.id(QStringLiteral("ETHUSDT")), QualityRule::OutOfOrder) >= 1, 5000);
    // The late trade is kept; the minute's close comes right with the source's kline.
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QCOMPARE(rig.quarantine.size(), std::size_t(1));
}

void TestBinanceFeed::priceSpikeKeptAndFlagged()
{
    Rig rig;
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    rig.server->spikeNext(QStringLiteral("BTCUSDT"), 1.3);
    const SymbolId btc = rig.id(QStringLiteral("BTCUSDT"));
    QTRY_VERIFY_WITH_TIMEOUT(
        rig.ruleCount(btc, QualityRule::PriceJump) + rig.ruleCount(btc, QualityRule::PriceSpike)
            >= 1,
        5000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QVERIFY(rig.quarantine.empty());
    // The spike is in the bars: some closed high is 30 % above its open.
    const auto &closed = rig.latest[btc].closed;
    QVERIFY(std::any_of(
        closed.begin(), closed.end(), [](const Bar &b) { return b.high > b.open * 1.2; }));
}

void TestBinanceFeed::invalidSymbol()
{
    Rig rig({QStringLiteral("BTCUSDT"), QStringLiteral("NOSUCHCOIN"), QStringLiteral("ETHUSDT")});
    QVERIFY(rig.ok);
    const SymbolId bogus = rig.id(QStringLiteral("NOSUCHCOIN"));
    QTRY_VERIFY_WITH_TIMEOUT(rig.errors.count(bogus) == 1, 5000);
    QVERIFY2(
        rig.errors[bogus].contains(QLatin1String("Invalid symbol")), qPrintable(rig.errors[bogus]));
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QVERIFY(rig.latest[bogus].closed.empty());
    QVERIFY(!rig.latest[bogus].forming);
    // Added on the fly (the list is known by now): refused the same way.
    QMetaObject::invokeMethod(
        rig.feed, [f = rig.feed] { f->addSymbols({QStringLiteral("ALSONOTREAL")}); },
        Qt::BlockingQueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(rig.errors.size(), std::size_t(2), 5000);
    QCOMPARE(rig.feed->state(), FeedState::Live);
}

void TestBinanceFeed::weightNeverExceeded()
{
    // 90 weight a minute, backfill pages of 2 bars: the history takes several minutes
    // of request weight; the server counts what arrives in every 60 s window.
    FakeBinanceConfig server;
    server.weightLimit = 90;
    Rig rig(kBoth, server, [](BinanceFeedConfig &c) {
        c.klinesPageLimit = 2;
        c.backfillFrom = kMarketStart;
        c.weightWindowMs = 60'000 + 10'000;  // the network's share of a minute here
    });
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 30000);
    QVERIFY(rig.health().rateLimitWaits > 0);
    QVERIFY(rig.server->restRequests(QStringLiteral("klines")) >= 6);
    QCOMPARE(rig.server->overLimitResponses(), 0);
    QVERIFY2(rig.server->maxWeightInWindow(60'000) <= 90,
        qPrintable(QString::number(rig.server->maxWeightInWindow(60'000))));
}

void TestBinanceFeed::subscribeOnTheFlyAcrossConnections()
{
    // One symbol (three streams: trade, kline_1m, miniTicker) per connection
    // here; Binance allows 1024 streams.
    FakeBinanceConfig server;
    server.symbols << QStringLiteral("BNBUSDT");
    Rig rig(kBoth, server, [](BinanceFeedConfig &c) { c.maxStreamsPerConnection = 3; });
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()) - kMinuteMs, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.server->openConnections(), 2, 5000);
    QMetaObject::invokeMethod(
        rig.feed, [f = rig.feed] { f->addSymbols({QStringLiteral("bnbusdt")}); },
        Qt::BlockingQueuedConnection);
    const SymbolId bnb = rig.id(QStringLiteral("BNBUSDT"));
    QMetaObject::invokeMethod(
        rig.engine, [e = rig.engine, bnb] { e->subscribe(bnb, Timeframe::M1); },
        Qt::QueuedConnection);
    const QStringList all {
        QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"), QStringLiteral("BNBUSDT")};
    WAIT_MATCH(rig, all, minuteFloor(rig.now()), 15000);
    QCOMPARE(rig.server->openConnections(), 3);
    QCOMPARE(rig.server->maxStreamsOnAConnection(), 3);
    QCOMPARE(rig.server->subscribedStreams(), 9);
    QMetaObject::invokeMethod(
        rig.feed, [f = rig.feed] { f->removeSymbols({QStringLiteral("ETHUSDT")}); },
        Qt::BlockingQueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(rig.server->subscribedStreams(), 6, 5000);
    QCOMPARE(rig.server->controlRateViolations(), 0);
    WAIT_MATCH(rig, (QStringList {QStringLiteral("BTCUSDT"), QStringLiteral("BNBUSDT")}),
        minuteFloor(rig.now()), 15000);
}

void TestBinanceFeed::proactiveReconnect()
{
    // A connection lifetime of 20 s (Binance cuts at 24 h; the feed goes first).
    Rig rig(kBoth, {}, [](BinanceFeedConfig &c) { c.connectionLifetimeMs = 20'000; });
    QVERIFY(rig.ok);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.server->connectionsAccepted() >= 4, 10000);
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()), 15000);
    QVERIFY(rig.health().reconnects >= 3);
}

void TestBinanceFeed::missingHistoricalTradesDegrades()
{
    // An auxiliary endpoint answering 404 is no verdict on the symbol: only
    // exchangeInfo says a symbol does not exist. Klines and live trades go on.
    // The trade fill path (formingFromKline off) asks historicalTrades at every start.
    FakeBinanceConfig server;
    Rig rig(kBoth, server, [](BinanceFeedConfig &c) { c.formingFromKline = false; });
    QVERIFY(rig.ok);
    rig.server->removeEndpoint(QStringLiteral("/api/v3/historicalTrades"));
    QTRY_VERIFY_WITH_TIMEOUT(rig.health().auxiliaryFailures >= 2, 10000);
    QVERIFY(rig.server->restRequests(QStringLiteral("historicalTrades")) >= 2);
    // The minute after the start is whole from its first trade on.
    WAIT_MATCH(rig, kBoth, minuteFloor(rig.now()) + kMinuteMs, 20000);
    QVERIFY(rig.errors.empty());
    QCOMPARE(rig.feed->state(), FeedState::Live);
    QVERIFY(rig.health().backfilledBars >= 2 * 14);
}

void TestBinanceFeed::formingBarStartsFromUnclosedKline()
{
    // After the start the forming minute comes from the stream's unclosed kline
    // (OHLCV through its last trade id L), then only trades after L follow: the
    // two together are the source's minute, however many trades came before.
    Rig rig(kBoth, {}, [](BinanceFeedConfig &c) { c.formingFromKline = true; });
    QVERIFY(rig.ok);
    const SymbolId btc = rig.id(QStringLiteral("BTCUSDT"));
    std::optional<Bar> forming;
    std::vector<Tick> after;
    QObject::connect(rig.feed, &Feed::formingBarChanged, &rig.context,
        [&](SymbolId id, Timeframe tf, const Bar &bar) {
            if (id == btc && tf == Timeframe::M1 && !forming)
                forming = bar;
        });
    QObject::connect(rig.feed, &Feed::ticksReceived, &rig.context, [&](const TickBatch &batch) {
        for (const Tick &t : batch.ticks) {
            // Trades the kline holds come too (validated), marked as in its bar.
            if (t.symbol == btc && forming && !t.inSourceBar)
                after.push_back(t);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(forming.has_value(), 15000);
    QVERIFY(forming->tradeCount >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(after.size() >= 3, 10000);
    Bar merged = *forming;
    TimeMs through = 0;
    for (const Tick &t : after) {
        if (minuteFloor(t.time) != merged.time)
            break;
        merged.addTrade(t.price, t.size);
        through = t.time;
    }
    const std::optional<Bar> truth = rig.server->truthBar(
        QStringLiteral("BTCUSDT"), merged.time, through ? through : merged.time + kMinuteMs - 1);
    QVERIFY(truth.has_value());
    QVERIFY2(
        merged == *truth, qPrintable(describe(merged) + QStringLiteral(" vs ") + describe(*truth)));
    QVERIFY(rig.feed->capabilities().testFlag(Feed::FormingBars));
}

void TestBinanceFeed::dayReferenceFromMiniTicker()
{
    // The fake market started minutes ago: its 24 h window opens at its first
    // trade, which is the reference the feed reports for each symbol's change.
    Rig rig;
    QVERIFY(rig.ok);
    for (const QString &code : kBoth) {
        const SymbolId id = rig.id(code);
        QTRY_VERIFY_WITH_TIMEOUT(rig.references.count(id), 10000);
        const std::vector<FakeTrade> trades = rig.server->trades(code);
        QVERIFY(!trades.empty());
        QCOMPARE(rig.references[id].first, trades.front().price);
        QCOMPARE(rig.references[id].second, QStringLiteral("24 h"));
    }
    QCOMPARE(rig.health().malformedMessages, 0);
}

QTEST_GUILESS_MAIN(TestBinanceFeed)
#include "test_binance_feed.moc"
