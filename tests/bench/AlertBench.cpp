// wick-bench --only alerts: 10,000 alert rules over 1,000 symbols (10 per
// symbol, 5 shared indicator runs each), evaluated by AlertEngine as a
// BarListener of a MarketEngine, on the thread that feeds the engine (the
// engine-thread path: the listener calls happen inside addTicks). Every rule
// is once-per-bar, so every forming-bar update samples every rule of its
// symbol that has not fired on the bar yet and whose gate does not hold the
// update (AlertSeriesProgram.h; once-per-bar-close rules cost only at closes).
// First, what a batch is: trades per batch as BinanceFeed hands them to the
// engine (FakeBinanceServer on 127.0.0.1, 2,000 trades/s over 4 symbols: one
// batch per read of the feed thread; the engine calls its listeners once per
// batch and symbol -- its 2 ms is the snapshot interval, not a batching of
// listener calls). Then per batch size -- 1, 10, 100, 1000 trades, then 4
// and the measured mean and p99 where they are not among those:
//   in-listener: the time spent inside AlertEngine's BarListener calls, per
//                batch: only the updates that reach it (those its hold,
//                engine/FormingHold.h, covers never do: end-to-end counts
//                them; a forwarding listener times each call by the TSC,
//                CallClock; it includes about one clock read per call, the
//                figure printed as "timer");
//   end-to-end:  CPU time of this thread in addTicks() of an engine whose
//                alert engine listens directly (no timer), minus an identical
//                engine whose indicator runs are held by a plain owner: the
//                engine's listener calls included;
//   samples:     rule samples evaluated, skipped (bar-close only, idle) and
//                gated (AlertEngine::stats()), and the listener calls in which
//                every gate held.
// The same trades go to all three engines; the two alert engines' fires must
// agree. With --no-gates, AlertEngine::setGating(false) (the baseline of the
// gates). Prints figures and whether the goal (under 50 us per tick batch)
// holds at each size; never fails on time.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <random>
#include <string>
#include <vector>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include "BenchClock.h"
#include "FakeBinanceServer.h"
#include "alerts/AlertEngine.h"
#include "engine/BarListener.h"
#include "engine/MarketEngine.h"
#include "engine/SeriesView.h"
#include "feeds/binance/BinanceFeed.h"
#include "model/Clock.h"
#include "model/Symbol.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int kSymbols = 1000;
constexpr int kRulesPerSymbol = 10;
constexpr int kHistoryMinutes = 200;
constexpr double kGoalUs = 50.0;

// Trades per batch that BinanceFeed emits (what MarketEngine::addFeedTicks
// gets, one listener call per symbol in it) at 2,000 trades/s: 4 symbols, a
// trade each every 2 ms, the fake server writing frames every 1 ms.
struct BatchSizes {
    double mean = 0;
    std::size_t p50 = 0;
    std::size_t p99 = 0;
    std::size_t max = 0;
    std::size_t batches = 0;
};

BatchSizes measureFeedBatches(double seconds)
{
    auto clock = std::make_shared<SystemClock>();
    FakeBinanceConfig serverConfig;
    serverConfig.symbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
        QStringLiteral("BNBUSDT"), QStringLiteral("SOLUSDT")};
    serverConfig.marketStart = clock->now() - 5 * kMinuteMs;
    serverConfig.tradeIntervalMs = 2;
    serverConfig.pumpIntervalMs = 1;
    FakeBinanceServer server(serverConfig, clock);
    BatchSizes figures;
    if (!server.listen())
        return figures;
    auto registry = std::make_shared<SymbolRegistry>();
    BinanceFeedConfig config;
    config.wsUrl = server.wsUrl();
    config.restUrl = server.restUrl();
    config.symbols = serverConfig.symbols;
    config.clock = clock;
    auto *feed = new BinanceFeed(registry, config);
    QThread feedThread;
    feed->moveToThread(&feedThread);
    QObject::connect(&feedThread, &QThread::finished, feed, &QObject::deleteLater);
    std::vector<std::size_t> sizes;
    bool measuring = false;
    QObject context;
    QObject::connect(feed, &Feed::ticksReceived, &context, [&](const TickBatch &batch) {
        if (measuring)
            sizes.push_back(batch.ticks.size());
    });
    feedThread.start();
    QMetaObject::invokeMethod(feed, &BinanceFeed::start, Qt::QueuedConnection);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1000 || (feed->state() != FeedState::Live && timer.elapsed() < 10000))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    measuring = true;
    timer.restart();
    while (timer.elapsed() < qint64(seconds * 1000.0))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    measuring = false;
    QMetaObject::invokeMethod(feed, &BinanceFeed::stop, Qt::BlockingQueuedConnection);
    feedThread.quit();
    feedThread.wait();
    if (sizes.empty())
        return figures;
    std::sort(sizes.begin(), sizes.end());
    double total = 0;
    for (const std::size_t n : sizes)
        total += double(n);
    figures.batches = sizes.size();
    figures.mean = total / double(sizes.size());
    figures.p50 = sizes[sizes.size() / 2];
    figures.p99 = sizes[std::min(sizes.size() - 1, sizes.size() * 99 / 100)];
    figures.max = sizes.back();
    return figures;
}

// A cheap clock for timing one listener call: the time-stamp counter where
// there is one (a few ns to read, against about 20 for the steady clock),
// its rate measured against the steady clock; else the steady clock.
class CallClock
{
public:
    CallClock()
    {
#if defined(__x86_64__)
        const auto from = std::chrono::steady_clock::now();
        const std::uint64_t ticks = read();
        while (std::chrono::steady_clock::now() - from < std::chrono::milliseconds(50)) { }
        const double ns
            = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - from)
                  .count();
        m_nsPerTick = ns / double(read() - ticks);
#endif
    }
    static std::uint64_t read()
    {
#if defined(__x86_64__)
        unsigned aux = 0;
        return __rdtscp(&aux);  // waits for the instructions before it
#else
        return std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
    }
    double ns(std::uint64_t ticks) const
    {
        return double(ticks) * m_nsPerTick;
    }
    const char *name() const
    {
        return m_nsPerTick == 1.0 ? "steady clock" : "TSC";
    }

private:
    double m_nsPerTick = 1.0;  // the steady clock counts ns
};

// Forwards the engine's calls to the alert engine and times them.
class TimedListener final : public BarListener
{
public:
    explicit TimedListener(BarListener &inner)
        : m_inner(inner)
    { }
    void barClosed(const SeriesView &s) override
    {
        const std::uint64_t t = CallClock::read();
        m_inner.barClosed(s);
        m_ticks += CallClock::read() - t;
        ++m_calls;
    }
    void formingBarChanged(const SeriesView &s) override
    {
        const std::uint64_t t = CallClock::read();
        m_inner.formingBarChanged(s);
        m_ticks += CallClock::read() - t;
        ++m_calls;
    }
    void seriesReset(const SeriesView &s) override { m_inner.seriesReset(s); }
    double takeNs()
    {
        const double ns = m_clock.ns(m_ticks);
        m_ticks = 0;
        return ns;
    }
    std::uint64_t calls() const { return m_calls; }
    const CallClock &clock() const { return m_clock; }

private:
    BarListener &m_inner;
    CallClock m_clock;
    std::uint64_t m_ticks = 0;
    std::uint64_t m_calls = 0;
};

QStringList ruleTexts(double price)
{
    const auto p = [&](double f) { return QString::number(price * f, 'f', 2); };
    return {QStringLiteral("close crosses_above SMA:20"), QStringLiteral("RSI:14 crosses_below 30"),
        QStringLiteral("close > ") + p(1.01),
        QStringLiteral("MACD:12,26,9.macd crosses_above MACD:12,26,9.signal"),
        QStringLiteral("close enters ") + p(0.995) + u' ' + p(1.005),
        QStringLiteral("close moves 2% within 10 bars"), QStringLiteral("volume_spike 3 20"),
        QStringLiteral("SMA:9@RSI:14 > 70"), QStringLiteral("close crosses EMA:50"),
        QStringLiteral("close < ") + p(0.99) + QStringLiteral(" AND RSI:14 < 40")};
}

const QStringList kSpecs {QStringLiteral("SMA:20"), QStringLiteral("RSI:14"),
    QStringLiteral("MACD:12,26,9"), QStringLiteral("SMA:9@RSI:14"), QStringLiteral("EMA:50")};

struct Market {
    std::shared_ptr<SymbolRegistry> symbols = std::make_shared<SymbolRegistry>();
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
    std::unique_ptr<MarketEngine> engine;
    std::vector<SymbolId> ids;

    Market(const std::vector<std::vector<Bar>> &history)
        : engine(std::make_unique<MarketEngine>(symbols))
    {
        engine->setCloseClock(clock);
        engine->setManualPublish(true);
        for (int s = 0; s < kSymbols; ++s) {
            Symbol symbol;
            symbol.source = QStringLiteral("bench");
            symbol.code = QStringLiteral("S%1").arg(s);
            symbol.displayName = symbol.code;
            ids.push_back(symbols->intern(symbol));
            engine->loadHistory(
                ids.back(), std::make_shared<const std::vector<Bar>>(history[std::size_t(s)]));
        }
    }
};

}  // namespace

void runAlertBench(bool gates)
{
    std::printf(
        "\n== alerts: %d rules over %d symbols (AlertEngine as a BarListener), gates %s ==\n",
        kSymbols * kRulesPerSymbol, kSymbols, gates ? "on" : "off");
    const BatchSizes feedBatches = measureFeedBatches(3.0);
    std::printf("alerts: a tick batch at 2,000 trades/s (FakeBinanceServer -> BinanceFeed, 4 "
                "symbols, what MarketEngine::addFeedTicks gets): %zu batches, mean %.2f trades, "
                "p50 %zu, p99 %zu, max %zu (a 2 ms window at that rate holds 4)\n",
        feedBatches.batches, feedBatches.mean, feedBatches.p50, feedBatches.p99, feedBatches.max);
    std::fflush(stdout);
    std::mt19937_64 rng(0xa1e7);
    std::vector<double> price(kSymbols);
    std::vector<std::vector<Bar>> history(kSymbols);
    for (int s = 0; s < kSymbols; ++s) {
        double p = 20.0 + double(s % 500);
        for (int m = 0; m < kHistoryMinutes; ++m) {
            const double open = p;
            p *= 1.0 + 0.002 * (double(rng() % 2001) / 1000.0 - 1.0);
            history[std::size_t(s)].push_back(
                Bar {kStart + m * kMinuteMs, open, std::max(open, p) * 1.0005,
                    std::min(open, p) * 0.9995, p, double(1 + rng() % 100), 10});
        }
        price[std::size_t(s)] = p;
    }

    Market withAlerts(history);
    Market direct(history);
    Market baseline(history);
    AlertEngine alerts(withAlerts.engine.get(), withAlerts.clock);
    AlertEngine directAlerts(direct.engine.get(), direct.clock);
    alerts.setGating(gates);
    directAlerts.setGating(gates);
    TimedListener timed(alerts);
    std::uint64_t fires = 0;
    std::uint64_t directFires = 0;
    QObject::connect(&alerts, &AlertEngine::firesReady, &alerts,
        [&](const std::vector<AlertFire> &batch) { fires += batch.size(); });
    QObject::connect(&directAlerts, &AlertEngine::firesReady, &directAlerts,
        [&](const std::vector<AlertFire> &batch) { directFires += batch.size(); });
    const OwnerId plain = MarketEngine::newOwnerId();
    for (int s = 0; s < kSymbols; ++s) {
        const QStringList texts = ruleTexts(price[std::size_t(s)]);
        for (int k = 0; k < kRulesPerSymbol; ++k) {
            AlertRule rule;
            rule.id = QStringLiteral("%1/%2").arg(s).arg(k);
            rule.symbol = QStringLiteral("bench:S%1").arg(s);
            rule.trigger = AlertTrigger::OncePerBar;
            QString error;
            if (!rule.setText(texts[k], &error)
                || !alerts.addRule(rule, withAlerts.ids[std::size_t(s)], &error)
                || !directAlerts.addRule(rule, direct.ids[std::size_t(s)], &error)) {
                std::printf("alerts: bad rule %s: %s\n", qPrintable(texts[k]), qPrintable(error));
                return;
            }
        }
        // The timed listener stands in for the alert engine's own registration.
        withAlerts.engine->removeBarListener(
            &alerts, withAlerts.ids[std::size_t(s)], Timeframe::M1);
        withAlerts.engine->addBarListener(&timed, withAlerts.ids[std::size_t(s)], Timeframe::M1);
        baseline.engine->acquireIndicators(
            plain, baseline.ids[std::size_t(s)], Timeframe::M1, kSpecs);
    }
    std::printf("setup: %zu rules, %d indicator runs per symbol, %d minutes of history each; "
                "load average %s\n",
        alerts.ruleCount(), withAlerts.engine->indicatorRunCount(withAlerts.ids[0], Timeframe::M1),
        kHistoryMinutes, bench::loadAverage().c_str());

    // About 3 trades per symbol per second, random symbols, random-walk prices.
    TimeMs t = kStart + kHistoryMinutes * kMinuteMs;
    auto nextBatch = [&](std::size_t size) {
        TickBatch batch;
        batch.ticks.resize(size);
        for (Tick &tick : batch.ticks) {
            const std::uint64_t r = rng();
            t += (r & 3) == 0 ? 1 : 0;
            const int s = int((r >> 8) % kSymbols);
            double &p = price[std::size_t(s)];
            p *= 1.0 + 0.0005 * (double((r >> 20) % 2001) / 1000.0 - 1.0);
            tick.symbol = withAlerts.ids[std::size_t(s)];
            tick.time = t;
            tick.price = p;
            tick.size = double(1 + (r >> 40) % 100) / 10.0;
        }
        return batch;
    };

    // What the timed listener's clock read adds to each call.
    double timerNs = 0;
    {
        constexpr int kReads = 200'000;
        volatile std::uint64_t sink = 0;
        const std::uint64_t from = CallClock::read();
        for (int k = 0; k < kReads; ++k)
            sink = CallClock::read();
        timerNs = timed.clock().ns(CallClock::read() - from) / kReads;
        (void)sink;
    }
    std::printf("alerts: listener calls timed by the %s (a read: %.1f ns)\n", timed.clock().name(),
        timerNs);

    // 1, 10, 100, 1000 first (the same trades as earlier builds of this bench
    // measured), then the realistic sizes not among them.
    std::vector<std::size_t> sizes {1, 10, 100, 1000};
    std::vector<std::size_t> realistic {4};
    if (feedBatches.batches > 0) {
        realistic.push_back(std::max<std::size_t>(1, std::size_t(std::lround(feedBatches.mean))));
        realistic.push_back(std::max<std::size_t>(1, feedBatches.p99));
    }
    for (const std::size_t size : realistic)
        if (std::find(sizes.begin(), sizes.end(), size) == sizes.end())
            sizes.push_back(size);
    for (const std::size_t size : sizes) {
        const std::size_t batches = std::max<std::size_t>(200, 20'000 / size);
        double withNs = 0;
        double baseNs = 0;
        double listenerNs = 0;
        std::vector<double> perBatch;
        perBatch.reserve(batches);
        const std::uint64_t callsBefore = timed.calls();
        const std::uint64_t firesBefore = fires;
        const std::uint64_t directFiresBefore = directFires;
        const AlertEngine::Stats statsBefore = alerts.stats();
        for (std::size_t b = 0; b < batches; ++b) {
            TickBatch batch = nextBatch(size);
            const TickBatch copy = batch;  // the registries interned the symbols alike
            const TickBatch directCopy = batch;
            withAlerts.clock->set(batch.ticks.back().time);
            direct.clock->set(batch.ticks.back().time);
            baseline.clock->set(batch.ticks.back().time);
            withAlerts.engine->addTicks(batch);
            alerts.flushFires();
            const double inListener = timed.takeNs();
            listenerNs += inListener;
            perBatch.push_back(inListener);
            double start = bench::cpuNs();
            direct.engine->addTicks(directCopy);
            directAlerts.flushFires();
            withNs += bench::cpuNs() - start;
            start = bench::cpuNs();
            baseline.engine->addTicks(copy);
            baseNs += bench::cpuNs() - start;
            QCoreApplication::processEvents();
        }
        std::sort(perBatch.begin(), perBatch.end());
        const double n = double(batches);
        const double calls = double(timed.calls() - callsBefore);
        const double evaluated = double(alerts.stats().evaluated - statsBefore.evaluated);
        const double skipped = double(alerts.stats().skipped - statsBefore.skipped);
        const double gated = double(alerts.stats().gated - statsBefore.gated);
        const double quiet = double(alerts.stats().quiet - statsBefore.quiet);
        const double perBatchUs = listenerNs / n / 1e3;
        const double endToEndUs = (withNs - baseNs) / n / 1e3;
        const std::uint64_t firesHere = fires - firesBefore;
        const std::uint64_t directHere = directFires - directFiresBefore;
        std::printf("alerts: %4zu trades/batch, %5zu batches: in-listener %8.1f us/batch "
                    "(p50 %.1f, p99 %.1f; %.0f ns per listener call with timer %.0f ns, %.1f "
                    "calls per batch, %.1f with every gate holding; rule samples per batch %.1f "
                    "evaluated, %.1f skipped, %.1f gated), end-to-end +%.1f us/batch (%.1f with "
                    "alerts, %.1f without), %llu fires (%s); goal < %.0f us per batch: "
                    "in-listener %s, end-to-end %s\n",
            size, batches, perBatchUs, perBatch[batches / 2] / 1e3,
            perBatch[std::min(batches - 1, batches * 99 / 100)] / 1e3,
            listenerNs / std::max(calls, 1.0), timerNs, calls / n, quiet / n, evaluated / n,
            skipped / n, gated / n, endToEndUs, withNs / n / 1e3, baseNs / n / 1e3,
            static_cast<unsigned long long>(firesHere),
            firesHere == directHere ? "the untimed engine's agree" : "THE UNTIMED ENGINE'S DIFFER",
            kGoalUs, perBatchUs < kGoalUs ? "holds" : "does not hold",
            endToEndUs < kGoalUs ? "holds" : "does not hold");
        std::fflush(stdout);
    }
}
