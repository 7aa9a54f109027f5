#include "UiBenchTickToPixel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QHash>
#include <QThread>

#include "FakeBinanceServer.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "feeds/binance/BinanceFeed.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

using Steady = std::chrono::steady_clock;

// A trade of the shown symbol as it left the server: the forming bar it makes
// (its minute, close and volume through it) identifies it on the chart.
struct SentTrade {
    Steady::time_point sent;
    TimeMs minute = 0;
    double price = 0.0;
    double volume = 0.0;  // of its minute, through this trade
};

// Filled on the server's thread, matched on the UI thread.
struct SentLog {
    std::mutex mutex;
    std::deque<SentTrade> pending;
    bool measuring = false;
    TimeMs minute = -1;
    double volume = 0.0;
};

// Times the end of each paint of the plot: the event is delivered from here
// and the clock read when it returns.
class PaintClock final : public QObject
{
public:
    explicit PaintClock(QObject *target, std::function<void()> painted)
        : m_target(target)
        , m_painted(std::move(painted))
    {
        target->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_target || event->type() != QEvent::Paint || m_inside)
            return false;
        m_inside = true;
        watched->event(event);
        m_inside = false;
        m_painted();
        return true;
    }

private:
    QObject *m_target;
    std::function<void()> m_painted;
    bool m_inside = false;
};

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())) - 1.0);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace

void runTickToPixelPhase(const QSize &size, const QStringList &indicators, int seconds)
{
    auto clock = std::make_shared<SystemClock>();
    const QStringList codes {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
        QStringLiteral("BNBUSDT"), QStringLiteral("SOLUSDT")};
    const QString shown = codes.front();
    FakeBinanceConfig serverConfig;
    serverConfig.symbols = codes;
    serverConfig.marketStart = (clock->now() - 5 * kMinuteMs) / kMinuteMs * kMinuteMs;
    serverConfig.tradeIntervalMs = 2;  // 500 a second per symbol, 2,000 in all
    serverConfig.pumpIntervalMs = 1;

    // The server on its own thread, as the exchange is elsewhere.
    SentLog log;
    QThread serverThread;
    serverThread.start();
    FakeBinanceServer *server = nullptr;
    bool listening = false;
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            server = new FakeBinanceServer(serverConfig, clock);
            listening = server->listen();
            server->setTradeSentHook([&log, shown, server](
                                         const QString &code, const FakeTrade &sentTrade) {
                if (code != shown)
                    return;
                const FakeTrade t = sentTrade;  // truthBar may grow the server's trades
                const TimeMs minute = t.time / kMinuteMs * kMinuteMs;
                std::lock_guard lock(log.mutex);
                if (minute != log.minute) {
                    // The minute's volume before this trade, from the truth (once a minute).
                    const std::optional<Bar> before = server->truthBar(code, minute, t.time - 1);
                    log.minute = minute;
                    log.volume = before ? before->volume : 0.0;
                }
                log.volume += t.quantity;
                if (log.measuring)
                    log.pending.push_back({Steady::now(), minute, t.price, log.volume});
            });
        },
        Qt::BlockingQueuedConnection);
    const auto stopServer = [&] {
        QMetaObject::invokeMethod(
            &serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    };
    if (!listening) {
        std::printf("  tick to pixel: the fake server could not listen on 127.0.0.1\n");
        stopServer();
        return;
    }

    auto registry = std::make_shared<SymbolRegistry>();
    QThread *engineThread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(registry, &engineThread);
    BinanceFeedConfig config;
    config.wsUrl = server->wsUrl();
    config.restUrl = server->restUrl();
    config.symbols = codes;
    config.clock = clock;
    config.backfillWindowMs = 10 * kMinuteMs;
    auto *feed = new BinanceFeed(registry, config);
    QThread feedThread;
    feed->moveToThread(&feedThread);
    QObject::connect(&feedThread, &QThread::finished, feed, &QObject::deleteLater);
    engine->attachFeed(feed);
    SymbolId shownId = kInvalidSymbol;
    for (SymbolId id : feed->symbolIds()) {
        if (registry->symbol(id).code == shown)
            shownId = id;
    }

    {
        ChartView chart(registry, engine);
        // What taking the snapshots costs the UI thread while measuring.
        std::vector<double> applyMs;
        bool timingApply = false;
        QObject::connect(
            engine, &MarketEngine::snapshotReady, &chart, [&](const MarketSnapshotPtr &snapshot) {
                QElapsedTimer t;
                t.start();
                chart.applySnapshot(*snapshot);
                if (timingApply)
                    applyMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            });
        chart.resize(size);
        chart.show();
        chart.setIndicatorSpecs(indicators);
        chart.showSeries(shownId, Timeframe::M1);

        // What the latest replot drew (the forming bar), and so what the next paint shows.
        struct Drawn {
            TimeMs minute = 0;
            double close = 0.0;
            double volume = 0.0;
        };
        std::optional<Drawn> drawn;
        QCustomPlot *plot = chart.plot();
        std::vector<double> replotMs;
        QElapsedTimer replotClock;
        QObject::connect(plot, &QCustomPlot::beforeReplot, &chart, [&] { replotClock.start(); });
        QObject::connect(plot, &QCustomPlot::afterReplot, &chart, [&] {
            if (log.measuring)
                replotMs.push_back(static_cast<double>(replotClock.nsecsElapsed()) / 1e6);
            const CandleDataAdapter *data = chart.candleData();
            if (!data || data->size() == 0)
                return;
            const Bar &bar = data->bar(data->size() - 1);
            drawn = Drawn {bar.time, bar.close, bar.volume};
        });
        std::vector<double> latencies;
        std::size_t unmatchedPaints = 0;
        // The feed went live within a minute: that minute's bar on the chart holds
        // the trades the feed saw (the stream's forming kline, then trades), not
        // the whole minute's, so its volume is off the truth's by a constant,
        // learned once two paints agree on it; later minutes are built from the
        // stream alone (offset 0).
        TimeMs liveMinute = INT64_MAX;
        std::optional<double> firstOffset;
        std::vector<double> offsetCandidates;
        std::size_t learningDropped = 0;
        PaintClock paintClock(plot, [&] {
            const auto now = Steady::now();
            if (!drawn)
                return;
            std::lock_guard lock(log.mutex);
            if (log.pending.empty())
                return;
            std::optional<double> offset;
            if (drawn->minute > liveMinute)
                offset = 0.0;
            else if (firstOffset)
                offset = firstOffset;
            // The newest pending trade the drawn bar is made of; it and every
            // trade sent before it are on screen now.
            std::size_t through = log.pending.size();
            std::vector<double> candidates;
            for (std::size_t i = log.pending.size(); i-- > 0;) {
                const SentTrade &t = log.pending[i];
                if (t.minute != drawn->minute || t.price != drawn->close)
                    continue;
                const double off = drawn->volume - t.volume;
                if (offset && std::abs(off - *offset) < 1e-6) {
                    through = i;
                    break;
                }
                if (!offset)
                    candidates.push_back(off);
            }
            if (!offset) {
                std::vector<double> agreed;
                for (double c : candidates) {
                    for (double previous : offsetCandidates) {
                        if (std::abs(c - previous) < 1e-6) {
                            agreed.push_back(c);
                            break;
                        }
                    }
                }
                offsetCandidates = agreed.size() > 1 || offsetCandidates.empty()
                    ? (agreed.empty() ? candidates : agreed)
                    : candidates;
                if (agreed.size() == 1) {
                    // Learned: what was sent until now is on screen, but since when is
                    // not known; those trades are not counted.
                    firstOffset = agreed.front();
                    learningDropped += log.pending.size();
                    log.pending.clear();
                    drawn.reset();
                }
                return;
            }
            if (through == log.pending.size()) {
                ++unmatchedPaints;
                return;
            }
            for (std::size_t i = 0; i <= through; ++i)
                latencies.push_back(
                    std::chrono::duration<double, std::milli>(now - log.pending[i].sent).count());
            log.pending.erase(log.pending.begin(), log.pending.begin() + long(through) + 1);
            drawn.reset();
        });

        feedThread.start();
        QMetaObject::invokeMethod(feed, &BinanceFeed::start, Qt::QueuedConnection);
        QElapsedTimer timer;
        timer.start();
        while (
            (timer.elapsed() < 1500 || feed->state() != FeedState::Live || chart.candleCount() == 0)
            && timer.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        liveMinute = clock->now() / kMinuteMs * kMinuteMs;
        spin(1000);
        const bool live = feed->state() == FeedState::Live;
        {
            std::lock_guard lock(log.mutex);
            log.measuring = true;
        }
        timingApply = true;
        spin(seconds * 1000);
        timingApply = false;
        std::size_t left = 0;
        {
            std::lock_guard lock(log.mutex);
            log.measuring = false;
            left = log.pending.size();
        }
        spin(300);
        {
            std::lock_guard lock(log.mutex);
            left = std::min(left, log.pending.size());
        }
        std::printf("  tick to pixel: p50 %.2f ms, p99 %.2f ms (%zu trades)\n",
            percentile(latencies, 0.5), percentile(latencies, 0.99), latencies.size());
        std::printf(
            "    (BTCUSDT of 4 symbols at 2,000 trades/s for %d s, server, feed and "
            "engine each on a thread, %dx%d chart; max %.2f ms; %zu replots, median %.2f ms; %zu "
            "trades never "
            "matched a paint, %zu paints matched no trade, %zu sent while the first minute's "
            "volume offset was learned%s)\n",
            seconds, size.width(), size.height(), percentile(latencies, 1.0), replotMs.size(),
            percentile(replotMs, 0.5), left, unmatchedPaints, learningDropped,
            live ? "" : ", the feed never went live");
        double applyTotal = 0.0;
        for (double ms : applyMs)
            applyTotal += ms;
        std::printf("    (snapshots taken by the chart: %zu, %.0f a second, median %.2f ms, p99 "
                    "%.2f ms each, %.0f%% of the UI thread's time)\n",
            applyMs.size(), static_cast<double>(applyMs.size()) / seconds, percentile(applyMs, 0.5),
            percentile(applyMs, 0.99), 100.0 * applyTotal / (seconds * 1000.0));
        std::fflush(stdout);
        QMetaObject::invokeMethod(feed, &BinanceFeed::stop, Qt::BlockingQueuedConnection);
        feedThread.quit();
        feedThread.wait();
    }
    MarketEngine::shutdown(engineThread);
    stopServer();
}
