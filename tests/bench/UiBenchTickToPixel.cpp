#include "UiBenchTickToPixel.h"

#include <algorithm>
#include <array>
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

// The hops of one trade, in order: each the time it got past that hop (zero:
// not yet, or not seen).
enum Hop : std::size_t {
    kSent,  // the frame left the server's socket
    kFed,  // the feed emitted the batch holding it
    kPublished,  // the engine emitted the first snapshot holding it
    kReceived,  // the chart took that snapshot (UI thread)
    kReplotStart,  // the first replot after that began
    kPaintStart,  // the paint after that replot began
    kPainted,  // the paint that shows it ended
    kHops
};
constexpr std::array<const char *, kHops - 1> kHopNames {"server -> feed emits",
    "feed -> engine snapshot", "snapshot -> chart takes it", "chart takes it -> replot starts",
    "replot starts -> paint starts", "paint"};

// A trade of the shown symbol as it left the server: the forming bar it makes
// (its minute, close and volume through it) identifies it on the chart.
struct SentTrade {
    std::int64_t id = 0;
    TimeMs minute = 0;
    double price = 0.0;
    double volume = 0.0;  // of its minute, through this trade
    std::array<Steady::time_point, kHops> at {};
};

// What a chart's newest bar holds: the forming bar after a snapshot or a replot.
struct Drawn {
    TimeMs minute = 0;
    double close = 0.0;
    double volume = 0.0;
};

// Filled on the server's thread (sent), the feed's (fed) and the engine's
// (published), matched on the UI thread; all under the mutex.
struct SentLog {
    std::mutex mutex;
    std::deque<SentTrade> pending;
    bool measuring = false;
    TimeMs minute = -1;
    double volume = 0.0;
    // When the engine emitted each recent snapshot.
    std::deque<std::pair<const MarketSnapshot *, Steady::time_point>> published;

    // The newest pending trade a drawn bar is made of, given the volume offset
    // of its minute.
    std::optional<std::size_t> newestIn(const Drawn &drawn, double offset) const
    {
        for (std::size_t i = pending.size(); i-- > 0;) {
            const SentTrade &t = pending[i];
            if (t.minute == drawn.minute && t.price == drawn.close
                && std::abs(drawn.volume - t.volume - offset) < 1e-6)
                return i;
        }
        return std::nullopt;
    }
    // Stamps hop on every trade through index `through` that lacks it.
    void stamp(std::size_t through, Hop hop, Steady::time_point at)
    {
        for (std::size_t i = 0; i <= through && i < pending.size(); ++i) {
            if (pending[i].at[hop] == Steady::time_point())
                pending[i].at[hop] = at;
        }
    }
};

// Times the start and the end of each paint of the plot: the event is
// delivered from here and the clock read before and when it returns.
class PaintClock final : public QObject
{
public:
    PaintClock(QObject *target, std::function<void()> started, std::function<void()> painted)
        : m_target(target)
        , m_started(std::move(started))
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
        m_started();
        watched->event(event);
        m_inside = false;
        m_painted();
        return true;
    }

private:
    QObject *m_target;
    std::function<void()> m_started;
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

double msBetween(Steady::time_point from, Steady::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
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
                if (log.measuring) {
                    SentTrade sent {t.id, minute, t.price, log.volume, {}};
                    sent.at[kSent] = Steady::now();
                    log.pending.push_back(sent);
                }
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
    // The feed's and the engine's hops, stamped on their threads as they emit.
    QObject::connect(
        feed, &Feed::ticksReceived, feed,
        [&log, shownId](const TickBatch &batch) {
            const auto now = Steady::now();
            std::lock_guard lock(log.mutex);
            for (const Tick &tick : batch.ticks) {
                if (tick.symbol != shownId)
                    continue;
                for (std::size_t i = log.pending.size(); i-- > 0;) {
                    if (log.pending[i].id == tick.tradeId) {
                        log.pending[i].at[kFed] = now;
                        break;
                    }
                }
            }
        },
        Qt::DirectConnection);
    QObject::connect(
        engine, &MarketEngine::snapshotReady, engine,
        [&log](const MarketSnapshotPtr &snapshot) {
            const auto now = Steady::now();
            std::lock_guard lock(log.mutex);
            log.published.emplace_back(snapshot.get(), now);
            if (log.published.size() > 256)
                log.published.pop_front();
        },
        Qt::DirectConnection);

    {
        ChartView chart(registry, engine);
        // The newest bar the chart holds.
        const auto newestBar = [&chart]() -> std::optional<Drawn> {
            const CandleDataAdapter *data = chart.candleData();
            if (!data || data->size() == 0)
                return std::nullopt;
            const Bar &bar = data->bar(data->size() - 1);
            return Drawn {bar.time, bar.close, bar.volume};
        };
        // The feed went live within a minute: that minute's bar on the chart holds
        // the trades the feed saw (the stream's forming kline, then trades), not
        // the whole minute's, so its volume is off the truth's by a constant,
        // learned once two paints agree on it; later minutes are built from the
        // stream alone (offset 0).
        TimeMs liveMinute = INT64_MAX;
        std::optional<double> firstOffset;
        const auto offsetOf = [&](const Drawn &d) -> std::optional<double> {
            if (d.minute > liveMinute)
                return 0.0;
            return firstOffset;
        };

        // What taking the snapshots costs the UI thread while measuring, and
        // the hops up to the chart.
        std::vector<double> applyMs;
        bool timingApply = false;
        QObject::connect(
            engine, &MarketEngine::snapshotReady, &chart, [&](const MarketSnapshotPtr &snapshot) {
                const auto received = Steady::now();
                QElapsedTimer t;
                t.start();
                chart.applySnapshot(*snapshot);
                if (timingApply)
                    applyMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                const std::optional<Drawn> bar = newestBar();
                const std::optional<double> offset = bar ? offsetOf(*bar) : std::nullopt;
                std::lock_guard lock(log.mutex);
                Steady::time_point published;
                for (const auto &[which, at] : log.published) {
                    if (which == snapshot.get())
                        published = at;
                }
                if (!offset)
                    return;
                if (const std::optional<std::size_t> through = log.newestIn(*bar, *offset)) {
                    if (published != Steady::time_point())
                        log.stamp(*through, kPublished, published);
                    log.stamp(*through, kReceived, received);
                }
            });
        chart.resize(size);
        chart.show();
        chart.setIndicatorSpecs(indicators);
        chart.showSeries(shownId, Timeframe::M1);

        // What the latest replot drew (the forming bar), and so what the next paint shows.
        std::optional<Drawn> drawn;
        QCustomPlot *plot = chart.plot();
        std::vector<double> replotMs;
        QElapsedTimer replotClock;
        // Every trade past the hop before gets the time of this one.
        const auto stampHeld = [&](Hop hop, Hop after) {
            const auto now = Steady::now();
            std::lock_guard lock(log.mutex);
            for (SentTrade &t : log.pending) {
                if (t.at[after] != Steady::time_point() && t.at[hop] == Steady::time_point())
                    t.at[hop] = now;
            }
        };
        // The replot draws the data as it is when it begins (its paint may come
        // before afterReplot: rpImmediateRefresh).
        QObject::connect(plot, &QCustomPlot::beforeReplot, &chart, [&] {
            replotClock.start();
            stampHeld(kReplotStart, kReceived);
            drawn = newestBar();
        });
        QObject::connect(plot, &QCustomPlot::afterReplot, &chart, [&] {
            if (log.measuring)
                replotMs.push_back(static_cast<double>(replotClock.nsecsElapsed()) / 1e6);
        });
        std::vector<double> latencies;
        std::array<std::vector<double>, kHops - 1> hopMs;
        std::size_t unmatchedPaints = 0;
        std::vector<double> offsetCandidates;
        std::size_t learningDropped = 0;
        PaintClock paintClock(
            plot, [&] { stampHeld(kPaintStart, kReplotStart); },
            [&] {
                const auto now = Steady::now();
                if (!drawn)
                    return;
                std::lock_guard lock(log.mutex);
                if (log.pending.empty())
                    return;
                const std::optional<double> offset = offsetOf(*drawn);
                if (!offset) {
                    std::vector<double> candidates;
                    for (std::size_t i = log.pending.size(); i-- > 0;) {
                        const SentTrade &t = log.pending[i];
                        if (t.minute == drawn->minute && t.price == drawn->close)
                            candidates.push_back(drawn->volume - t.volume);
                    }
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
                // The newest pending trade the drawn bar is made of; it and every
                // trade sent before it are on screen now.
                const std::optional<std::size_t> through = log.newestIn(*drawn, *offset);
                if (!through) {
                    ++unmatchedPaints;
                    return;
                }
                for (std::size_t i = 0; i <= *through; ++i) {
                    SentTrade &t = log.pending[i];
                    t.at[kPainted] = now;
                    latencies.push_back(msBetween(t.at[kSent], now));
                    const bool everyHop = std::none_of(t.at.begin(), t.at.end(),
                        [](Steady::time_point p) { return p == Steady::time_point(); });
                    if (!everyHop)
                        continue;
                    for (std::size_t h = 0; h + 1 < kHops; ++h)
                        hopMs[h].push_back(msBetween(t.at[h], t.at[h + 1]));
                }
                log.pending.erase(log.pending.begin(), log.pending.begin() + long(*through) + 1);
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
            "engine each on a thread, %dx%d chart; max %.2f ms; %zu replots, median %.2f ms (with "
            "their paint when immediate); %zu "
            "trades never "
            "matched a paint, %zu paints matched no trade, %zu sent while the first minute's "
            "volume offset was learned%s)\n",
            seconds, size.width(), size.height(), percentile(latencies, 1.0), replotMs.size(),
            percentile(replotMs, 0.5), left, unmatchedPaints, learningDropped,
            live ? "" : ", the feed never went live");
        std::printf("    hops (median / p99 ms, %zu trades seen at every hop):\n", hopMs[0].size());
        for (std::size_t h = 0; h + 1 < kHops; ++h)
            std::printf("      %-34s %6.2f / %6.2f\n", kHopNames[h], percentile(hopMs[h], 0.5),
                percentile(hopMs[h], 0.99));
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
