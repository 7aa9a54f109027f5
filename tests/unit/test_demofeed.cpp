// DemoFeed: symbols interned up front, history per symbol on start(), one
// batch per step, nothing on an empty step, and the timer / thread wiring.
#include <memory>

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include "feeds/demo/DemoFeed.h"
#include "feeds/demo/DemoInstrument.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

const TimeMs kStart
    = QDateTime(QDate(2026, 1, 5), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();

struct Recorder {
    std::vector<std::pair<SymbolId, BarsPtr>> histories;
    std::vector<TickBatch> batches;
    std::vector<FeedState> states;

    void attach(DemoFeed &feed)
    {
        QObject::connect(
            &feed, &Feed::barsReceived, &feed, [this](SymbolId id, Timeframe, const BarsPtr &bars) {
                histories.emplace_back(id, bars);
            });
        QObject::connect(&feed, &Feed::ticksReceived, &feed,
            [this](const TickBatch &batch) { batches.push_back(batch); });
        QObject::connect(&feed, &Feed::stateChanged, &feed,
            [this](FeedState state, const QString &) { states.push_back(state); });
    }
};

DemoFeedConfig manualConfig(const std::shared_ptr<ManualClock> &clock)
{
    DemoFeedConfig config;
    config.seed = 42;
    config.start = kStart;
    config.clock = clock;
    return config;
}

}  // namespace

class TestDemoFeed final : public QObject
{
    Q_OBJECT

private slots:
    void constructorInternsSymbols();
    void startSendsHistoryThenGoesLive();
    void advanceToEmitsOneTimeOrderedBatch();
    void emptyStepEmitsNothing();
    void timerStepsToTheClock();
    void runsOnItsOwnThread();
    void defaultClockIsSimulatedAtStart();
    void resumeSendsOnlyTheMissingHistory();
};

void TestDemoFeed::constructorInternsSymbols()
{
    auto registry = std::make_shared<SymbolRegistry>();
    DemoFeed feed(registry, manualConfig(std::make_shared<ManualClock>(kStart)));
    const auto catalogue = demoInstruments();
    QCOMPARE(feed.symbolIds().size(), catalogue.size());
    QCOMPARE(registry->size(), catalogue.size());
    for (std::size_t i = 0; i < catalogue.size(); ++i) {
        const Symbol symbol = registry->symbol(feed.symbolIds()[i]);
        QCOMPARE(symbol, catalogue[i].symbol);
        QCOMPARE(symbol.source, QStringLiteral("demo"));
    }
    QCOMPARE(registry->find(QStringLiteral("demo:BTCUSD")),
        std::optional<SymbolId>(feed.symbolIds()[0]));
    QCOMPARE(feed.source(), QStringLiteral("demo"));
    QCOMPARE(feed.state(), FeedState::Offline);

    DemoFeedConfig subset = manualConfig(std::make_shared<ManualClock>(kStart));
    subset.symbols = {QStringLiteral("ACME"), QStringLiteral("BTCUSD")};
    DemoFeed second(registry, subset);
    QCOMPARE(second.symbolIds().size(), std::size_t(2));
    QCOMPARE(registry->size(), catalogue.size());  // same keys, same ids
    QCOMPARE(second.symbolIds()[0], feed.symbolIds()[0]);
}

void TestDemoFeed::resumeSendsOnlyTheMissingHistory()
{
    auto registry = std::make_shared<SymbolRegistry>();
    DemoFeedConfig config = manualConfig(std::make_shared<ManualClock>(kStart));
    config.symbols = {QStringLiteral("BTCUSD"), QStringLiteral("ETHUSD")};
    DemoFeed feed(registry, config);
    // BTCUSD's cache ends two hours ago; ETHUSD's (a --demo-speed run) ten
    // minutes in the future, which moves the start past it.
    const ResumePoint btc {kStart - 2 * kHourMs, 40'000.0};
    const ResumePoint eth {kStart + 10 * kMinuteMs, 2'000.0};
    feed.resumeFrom({{QStringLiteral("BTCUSD"), btc}, {QStringLiteral("ETHUSD"), eth}});
    QCOMPARE(feed.config().start, kStart + 11 * kMinuteMs);
    Recorder recorder;
    recorder.attach(feed);
    feed.start();
    QCOMPARE(recorder.histories.size(), std::size_t(2));
    const BarsPtr &btcBars = recorder.histories[0].second;
    QCOMPARE(btcBars->front().time, btc.lastClosed + kMinuteMs);
    QVERIFY(btcBars->back().time <= kStart + 10 * kMinuteMs);
    QVERIFY(btcBars->back().time >= kStart);
    // A quiet minute has no bar (no phantom bars), so at most 130.
    QVERIFY(btcBars->size() <= std::size_t(2 * 60 + 10) && btcBars->size() > 100);
    QVERIFY(std::abs(btcBars->front().open / btc.lastClose - 1.0) < 0.005);
    QVERIFY(recorder.histories[1].second->empty());
    // Too late once started: the market stays as it is.
    feed.resumeFrom({});
    QCOMPARE(feed.config().start, kStart + 11 * kMinuteMs);
    QCOMPARE(feed.config().resume.size(), 2);
    feed.stop();
}

void TestDemoFeed::startSendsHistoryThenGoesLive()
{
    auto registry = std::make_shared<SymbolRegistry>();
    DemoFeed feed(registry, manualConfig(std::make_shared<ManualClock>(kStart)));
    Recorder recorder;
    recorder.attach(feed);
    QElapsedTimer elapsed;
    elapsed.start();
    feed.start();
    qInfo("history of %zu symbols x 30 days: %lld ms", feed.symbolIds().size(),
        static_cast<long long>(elapsed.elapsed()));

    QCOMPARE(recorder.histories.size(), feed.symbolIds().size());
    for (std::size_t i = 0; i < feed.symbolIds().size(); ++i) {
        const auto &[id, bars] = recorder.histories[i];
        QCOMPARE(id, feed.symbolIds()[i]);
        QVERIFY(bars && !bars->empty());
        QVERIFY(bars->back().time < kStart);
        QVERIFY(bars->front().time >= kStart - 31 * kDayMs);
    }
    const BarsPtr &btc = recorder.histories[0].second;
    QVERIFY(btc->size() >= 43000);
    QCOMPARE(btc->back().time, kStart - kMinuteMs);
    QCOMPARE(feed.state(), FeedState::Live);
    QCOMPARE(recorder.states, (std::vector<FeedState> {FeedState::Connecting, FeedState::Live}));
    QVERIFY(recorder.batches.empty());

    feed.start();  // already live: no second history
    QCOMPARE(recorder.histories.size(), feed.symbolIds().size());
    feed.stop();
    QCOMPARE(feed.state(), FeedState::Offline);
    QCOMPARE(recorder.states.back(), FeedState::Offline);
}

void TestDemoFeed::advanceToEmitsOneTimeOrderedBatch()
{
    auto registry = std::make_shared<SymbolRegistry>();
    auto clock = std::make_shared<ManualClock>(kStart);
    DemoFeedConfig config = manualConfig(clock);
    config.historyDays = 1;
    DemoFeed feed(registry, config);
    Recorder recorder;
    recorder.attach(feed);
    feed.start();
    feed.stop();  // keep the timer out of it: this test steps by hand

    const TimeMs step = kStart + 30'000;
    feed.advanceTo(step);
    QCOMPARE(recorder.batches.size(), std::size_t(1));
    const TickBatch &batch = recorder.batches[0];
    QCOMPARE(batch.feedTime, step);
    QVERIFY(batch.ticks.size() > 10);  // 30 s of four crypto pairs
    std::vector<TimeMs> lastTime(registry->size(), kStart - 1);
    std::vector<bool> finished(registry->size(), false);
    SymbolId current = kInvalidSymbol;
    for (const Tick &t : batch.ticks) {
        QVERIFY(t.symbol < registry->size());
        if (t.symbol != current) {
            QVERIFY(!finished[t.symbol]);  // each symbol's ticks are contiguous
            if (current != kInvalidSymbol)
                finished[current] = true;
            current = t.symbol;
        }
        QVERIFY(t.time > lastTime[t.symbol]);  // and in time order
        QVERIFY(t.time >= kStart && t.time <= step);
        QVERIFY(registry->symbol(t.symbol).isOpenAt(t.time));
        lastTime[t.symbol] = t.time;
    }

    feed.advanceTo(step + 60'000);
    QCOMPARE(recorder.batches.size(), std::size_t(2));
    for (const Tick &t : recorder.batches[1].ticks)
        QVERIFY(t.time > step && t.time <= step + 60'000);
}

void TestDemoFeed::emptyStepEmitsNothing()
{
    // 5 January 2026, 00:00 UTC is Sunday evening in New York: ACME is closed.
    auto registry = std::make_shared<SymbolRegistry>();
    DemoFeedConfig config = manualConfig(std::make_shared<ManualClock>(kStart));
    config.symbols = {QStringLiteral("ACME")};
    config.historyDays = 2;
    DemoFeed feed(registry, config);
    Recorder recorder;
    recorder.attach(feed);
    feed.start();
    feed.stop();
    feed.advanceTo(kStart + kHourMs);
    feed.advanceTo(kStart + kHourMs);  // no time passed
    feed.advanceTo(kStart);  // backwards
    QVERIFY(recorder.batches.empty());
    // The open, 09:30 New York = 14:30 UTC, brings trades.
    feed.advanceTo(kStart + 14 * kHourMs + 31 * kMinuteMs);
    QCOMPARE(recorder.batches.size(), std::size_t(1));
    QVERIFY(recorder.batches[0].ticks.front().time >= kStart + 14 * kHourMs + 30 * kMinuteMs);
}

void TestDemoFeed::timerStepsToTheClock()
{
    auto registry = std::make_shared<SymbolRegistry>();
    auto clock = std::make_shared<ManualClock>(kStart);
    DemoFeedConfig config = manualConfig(clock);
    config.historyDays = 1;
    config.timerIntervalMs = 10;
    config.speed = 60.0;
    DemoFeed feed(registry, config);
    QVERIFY(feed.closeGraceMs() >= 10 * 60);
    Recorder recorder;
    recorder.attach(feed);
    feed.start();
    clock->advance(5 * kMinuteMs);
    QTRY_VERIFY(!recorder.batches.empty());
    QCOMPARE(recorder.batches.back().feedTime, kStart + 5 * kMinuteMs);
    feed.stop();
}

void TestDemoFeed::runsOnItsOwnThread()
{
    auto registry = std::make_shared<SymbolRegistry>();
    auto clock = std::make_shared<ManualClock>(kStart);
    DemoFeedConfig config = manualConfig(clock);
    config.historyDays = 1;
    config.timerIntervalMs = 10;
    auto *feed = new DemoFeed(registry, config);
    QThread thread;
    thread.setObjectName(QStringLiteral("wick-feed-demo"));
    feed->moveToThread(&thread);
    connect(&thread, &QThread::finished, feed, &QObject::deleteLater);
    std::size_t histories = 0;
    std::size_t batches = 0;
    connect(feed, &Feed::barsReceived, this,
        [&](SymbolId, Timeframe, const BarsPtr &) { ++histories; });
    connect(feed, &Feed::ticksReceived, this, [&](const TickBatch &) { ++batches; });
    thread.start();
    QMetaObject::invokeMethod(feed, &DemoFeed::start, Qt::QueuedConnection);
    QTRY_COMPARE(histories, demoInstruments().size());
    clock->advance(kMinuteMs);
    QTRY_VERIFY(batches > 0);
    QMetaObject::invokeMethod(feed, &DemoFeed::stop, Qt::BlockingQueuedConnection);
    thread.quit();
    QVERIFY(thread.wait(5000));
}

void TestDemoFeed::defaultClockIsSimulatedAtStart()
{
    auto registry = std::make_shared<SymbolRegistry>();
    DemoFeedConfig config;
    config.start = kStart + 12'345;  // rounded down to the minute
    config.speed = 10.0;
    config.historyDays = 1;
    DemoFeed feed(registry, config);
    const TimeMs now = feed.clock()->now();
    QVERIFY(now >= kStart && now < kStart + kMinuteMs);
    QVERIFY(feed.closeGraceMs() >= 50 * 10);
}

QTEST_GUILESS_MAIN(TestDemoFeed)
#include "test_demofeed.moc"
