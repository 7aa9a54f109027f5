// Live smoke test against the real Binance (data-stream.binance.vision and
// data-api.binance.vision, public market data, no account). Skipped unless
// WICK_LIVE_TESTS=1: tests never touch the internet by default.
#include <QDateTime>
#include <QTest>
#include <QThread>

#include "engine/MarketEngine.h"
#include "feeds/binance/BinanceFeed.h"
#include "model/SymbolRegistry.h"

using namespace wick;

class TestBinanceLive final : public QObject
{
    Q_OBJECT

private slots:
    void streamsAndBackfills();
};

void TestBinanceLive::streamsAndBackfills()
{
    if (qEnvironmentVariable("WICK_LIVE_TESTS") != QLatin1String("1"))
        QSKIP("live test: set WICK_LIVE_TESTS=1 to run it against the real Binance");
    auto registry = std::make_shared<SymbolRegistry>();
    QThread *engineThread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(registry, &engineThread);
    BinanceFeedConfig config = BinanceFeedConfig::fromEnvironment({});
    config.symbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
    config.backfillFrom = QDateTime::currentMSecsSinceEpoch() - 30 * kMinuteMs;
    auto *feed = new BinanceFeed(registry, config);
    QThread feedThread;
    feed->moveToThread(&feedThread);
    QObject::connect(&feedThread, &QThread::finished, feed, &QObject::deleteLater);
    engine->attachFeed(feed);
    const SymbolId btc = feed->symbolIds().front();
    QMetaObject::invokeMethod(
        engine, [engine, btc] { engine->subscribe(btc, Timeframe::M1); }, Qt::QueuedConnection);
    std::size_t closed = 0;
    bool forming = false;
    QObject context;
    QObject::connect(
        engine, &MarketEngine::snapshotReady, &context, [&](const MarketSnapshotPtr &snapshot) {
            for (const SeriesSnapshot &s : snapshot->series) {
                if (s.symbol == btc) {
                    closed = s.closed.size();
                    forming = s.forming.has_value();
                }
            }
        });
    feedThread.start();
    QMetaObject::invokeMethod(feed, &BinanceFeed::start, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(feed->state(), FeedState::Live, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(closed >= 29 && forming, 60000);
    QCOMPARE(feed->health().malformedMessages, 0);
    QMetaObject::invokeMethod(feed, &BinanceFeed::stop, Qt::BlockingQueuedConnection);
    feedThread.quit();
    feedThread.wait();
    MarketEngine::shutdown(engineThread);
}

QTEST_GUILESS_MAIN(TestBinanceLive)
#include "test_binance_live.moc"
