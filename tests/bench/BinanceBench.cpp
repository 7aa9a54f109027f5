// wick-bench, binance section: Binance trade messages parsed per second on one
// core, simdjson (the parser the feed uses) against QJsonDocument, on raw and
// combined-stream frames, and from QString (what QWebSocket's text frames give).
// Then tick-to-snapshot latency: FakeBinanceServer on 127.0.0.1 -> BinanceFeed on
// its thread -> MarketEngine on its thread -> the snapshot back on this thread,
// from the moment a trade frame was written to the local socket to the moment
// the snapshot holding that trade arrives (p50, p99, max).
// Last, what a closed kline costs the engine (MarketEngine::loadHistory) on a
// symbol with 100,000 minutes of history and indicators: at the tail
// (incremental) against a minute elsewhere (the rebuild).
// Prints, never fails. `wick-bench --only binance`; --binance-messages N.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QThread>

#include "FakeBinanceServer.h"
#include "engine/MarketEngine.h"
#include "feeds/binance/BinanceFeed.h"
#include "feeds/binance/BinanceStreamParser.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Distinct frames shaped like the fixtures: a random walk around 61,350 USDT
// with 8-decimal prices and quantities, ascending ids and times.
std::vector<std::string> tradeFrames(std::size_t count, bool combined)
{
    std::mt19937_64 rng(0xb1a5);
    std::vector<std::string> frames;
    frames.reserve(count);
    std::int64_t cents = 6'135'015;
    std::int64_t id = 3'452'187'521;
    std::int64_t time = 1'709'254'901'214;
    char buf[320];
    for (std::size_t i = 0; i < count; ++i) {
        cents += std::int64_t(rng() % 5) - 2;
        time += std::int64_t(rng() % 40);
        const std::uint64_t qty = 1 + rng() % 500'000;
        const bool maker = rng() & 1;
        const char *format = combined
            ? R"({"stream":"btcusdt@trade","data":{"e":"trade","E":%lld,"s":"BTCUSDT","t":%lld,"p":"%lld.%02lld000000","q":"%llu.%08llu","T":%lld,"m":%s,"M":true}})"
            : R"({"e":"trade","E":%lld,"s":"BTCUSDT","t":%lld,"p":"%lld.%02lld000000","q":"%llu.%08llu","T":%lld,"m":%s,"M":true})";
        const int n = std::snprintf(buf, sizeof buf, format, (long long)(time + 1), (long long)id++,
            (long long)(cents / 100), (long long)(cents % 100),
            (unsigned long long)(qty / 100'000'000), (unsigned long long)(qty % 100'000'000),
            (long long)time, maker ? "true" : "false");
        frames.emplace_back(buf, std::size_t(n));
    }
    return frames;
}

template<typename Parse>
void measure(const char *name, std::size_t messages, const std::vector<std::string> &frames,
    std::size_t bytes, Parse parse)
{
    double checksum = 0.0;
    std::size_t failed = 0;
    const auto wallStart = std::chrono::steady_clock::now();
    const double cpuStart = threadCpuSeconds();
    for (std::size_t i = 0; i < messages; ++i) {
        const Parsed<BinanceTrade> t = parse(frames[i % frames.size()]);
        if (t.ok())
            checksum += t.value().price;
        else
            ++failed;
    }
    const double cpu = threadCpuSeconds() - cpuStart;
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const double avgBytes = double(bytes) / double(frames.size());
    std::printf("binance %-34s %9.0f messages/s on one core (CPU time; %.0f by wall clock),"
                " %.0f MB/s, %.0f ns/message, %zu failed, checksum %.6g\n",
        name, double(messages) / cpu, double(messages) / wall,
        double(messages) * avgBytes / cpu / 1e6, cpu * 1e9 / double(messages), failed, checksum);
    std::fflush(stdout);
}

}  // namespace

// Called from main.cpp.
void runBinanceBench(std::size_t messages)
{
    const std::size_t distinct = std::min<std::size_t>(messages, 100'000);
    for (const bool combined : {false, true}) {
        const std::vector<std::string> frames = tradeFrames(distinct, combined);
        std::size_t bytes = 0;
        std::vector<QByteArray> qtFrames;
        std::vector<QString> textFrames;
        qtFrames.reserve(frames.size());
        textFrames.reserve(frames.size());
        for (const std::string &f : frames) {
            bytes += f.size();
            qtFrames.push_back(QByteArray::fromStdString(f));
            textFrames.push_back(QString::fromStdString(f));
        }
        std::printf("binance: %zu %s trade frames (%zu distinct, %.0f bytes each)\n", messages,
            combined ? "combined-stream" : "raw", distinct, double(bytes) / double(distinct));
        measure(combined ? "simdjson (combined)" : "simdjson (raw)", messages, frames, bytes,
            [](const std::string &f) { return parseBinanceTrade(f); });
        std::size_t next = 0;
        measure(combined ? "simdjson from QString (combined)" : "simdjson from QString (raw)",
            messages, frames, bytes, [&](const std::string &) {
                const QByteArray utf8 = textFrames[next++ % textFrames.size()].toUtf8();
                return parseBinanceTrade(
                    std::string_view(utf8.constData(), std::size_t(utf8.size())));
            });
        next = 0;
        measure(combined ? "QJsonDocument (combined)" : "QJsonDocument (raw)",
            std::min<std::size_t>(messages, 300'000), frames, bytes, [&](const std::string &) {
                return parseBinanceTradeQt(qtFrames[next++ % qtFrames.size()]);
            });
    }
}

namespace {

struct LatencyFigures {
    std::size_t samples = 0;
    double p50 = 0, p99 = 0, max = 0;
    std::int64_t snapshots = 0;  // while measuring
    double seconds = 0;
};

// `symbols` symbols, one trade each every `intervalMs`, for `seconds` after a
// one-second warm-up (backfill and subscribe); the engine publishes at most
// once per `publishMs`.
LatencyFigures measureLatency(int symbols, TimeMs intervalMs, double seconds, int publishMs)
{
    using Steady = std::chrono::steady_clock;
    auto clock = std::make_shared<SystemClock>();
    FakeBinanceConfig serverConfig;
    serverConfig.symbols.clear();
    const char *codes[]
        = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOGEUSDT", "TRXUSDT"};
    QStringList list;
    for (int i = 0; i < symbols && i < 8; ++i)
        list << QString::fromLatin1(codes[i]);
    serverConfig.symbols = list;
    serverConfig.marketStart = clock->now() - 5 * kMinuteMs;
    serverConfig.tradeIntervalMs = intervalMs;
    serverConfig.pumpIntervalMs = 1;
    FakeBinanceServer server(serverConfig, clock);
    if (!server.listen())
        return {};

    // Trade time -> when its frame left, per symbol code.
    QHash<QString, QHash<TimeMs, Steady::time_point>> sent;
    bool measuring = false;
    server.setTradeSentHook([&](const QString &code, const FakeTrade &t) {
        if (measuring)
            sent[code].insert(t.time, Steady::now());
    });

    auto registry = std::make_shared<SymbolRegistry>();
    QThread *engineThread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(registry, &engineThread);
    QMetaObject::invokeMethod(
        engine, [engine, publishMs] { engine->setMinPublishInterval(publishMs); },
        Qt::BlockingQueuedConnection);
    BinanceFeedConfig config;
    config.wsUrl = server.wsUrl();
    config.restUrl = server.restUrl();
    config.symbols = list;
    config.clock = clock;
    auto *feed = new BinanceFeed(registry, config);
    QThread feedThread;
    feed->moveToThread(&feedThread);
    QObject::connect(&feedThread, &QThread::finished, feed, &QObject::deleteLater);
    engine->attachFeed(feed);
    QHash<SymbolId, QString> codeOf;
    for (SymbolId id : feed->symbolIds())
        codeOf.insert(id, registry->symbol(id).code);

    std::vector<double> latencies;
    LatencyFigures figures;
    QObject context;
    QObject::connect(
        engine, &MarketEngine::snapshotReady, &context, [&](const MarketSnapshotPtr &snapshot) {
            const auto now = Steady::now();
            ++figures.snapshots;
            for (const Quote &q : snapshot->quotes) {
                auto symbolSent = sent.find(codeOf.value(q.symbol));
                if (symbolSent == sent.end())
                    continue;
                // Every trade up to the quote's last one is in this snapshot.
                for (auto it = symbolSent->begin(); it != symbolSent->end();) {
                    if (it.key() <= q.time) {
                        latencies.push_back(
                            std::chrono::duration<double, std::milli>(now - it.value()).count());
                        it = symbolSent->erase(it);
                    } else {
                        ++it;
                    }
                }
            }
        });
    feedThread.start();
    QMetaObject::invokeMethod(feed, &BinanceFeed::start, Qt::QueuedConnection);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1000 || feed->state() != FeedState::Live)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    measuring = true;
    const std::int64_t snapshotsBefore = figures.snapshots;
    timer.restart();
    while (timer.elapsed() < qint64(seconds * 1000.0))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    measuring = false;
    const std::int64_t snapshotsMeasured = figures.snapshots - snapshotsBefore;
    figures.seconds = double(timer.elapsed()) / 1000.0;
    timer.restart();
    while (timer.elapsed() < 200)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QMetaObject::invokeMethod(feed, &BinanceFeed::stop, Qt::BlockingQueuedConnection);
    feedThread.quit();
    feedThread.wait();
    MarketEngine::shutdown(engineThread);

    figures.snapshots = snapshotsMeasured;
    std::sort(latencies.begin(), latencies.end());
    figures.samples = latencies.size();
    if (!latencies.empty()) {
        auto at = [&](double q) {
            return latencies[std::min(
                latencies.size() - 1, std::size_t(q * double(latencies.size())))];
        };
        figures.p50 = at(0.50);
        figures.p99 = at(0.99);
        figures.max = latencies.back();
    }
    return figures;
}

// One closed kline into a symbol with `minutes` of history and indicators on
// 1m and 1h: the engine's own thread is this one, nothing else runs.
void measureKlineMerge(int minutes)
{
    using Steady = std::chrono::steady_clock;
    auto registry = std::make_shared<SymbolRegistry>();
    Symbol symbol;
    symbol.source = QStringLiteral("binance");
    symbol.code = QStringLiteral("BTCUSDT");
    const SymbolId id = registry->intern(symbol);
    MarketEngine engine(registry);
    const QStringList specs {QStringLiteral("SMA:20"), QStringLiteral("EMA:50"),
        QStringLiteral("RSI:14"), QStringLiteral("MACD:12,26,9"), QStringLiteral("BBANDS:20,2,2"),
        QStringLiteral("ATR:14")};
    engine.setIndicators(id, Timeframe::M1, specs);
    engine.setIndicators(id, Timeframe::H1, specs);
    engine.subscribe(id, Timeframe::M1);
    const TimeMs start = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
    std::mt19937_64 rng(7);
    auto barAt = [&](int i) {
        const double open = 60'000.0 + double(rng() % 1000);
        return Bar {start + TimeMs(i) * kMinuteMs, open, open + 5.0, open - 5.0,
            open + double(rng() % 9) - 4.0, 1.0 + double(rng() % 100), 50};
    };
    std::vector<Bar> history;
    history.reserve(std::size_t(minutes));
    for (int i = 0; i < minutes; ++i)
        history.push_back(barAt(i));
    engine.loadHistory(id, std::make_shared<const std::vector<Bar>>(history));

    auto one = [&](const Bar &bar) {
        const auto t0 = Steady::now();
        engine.loadHistory(id, std::make_shared<const std::vector<Bar>>(std::vector<Bar> {bar}));
        return std::chrono::duration<double, std::micro>(Steady::now() - t0).count();
    };
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    };
    // Live: a new minute's kline (appended), then that minute's kline again
    // (replacing the newest minute), 200 minutes on.
    std::vector<double> appended, replaced;
    const std::uint64_t incrementalBefore = engine.incrementalHistoryLoads();
    for (int i = minutes; i < minutes + 200; ++i) {
        appended.push_back(one(barAt(i)));
        replaced.push_back(one(barAt(i)));
    }
    const std::uint64_t incremental = engine.incrementalHistoryLoads() - incrementalBefore;
    // A minute in the middle: rebuilt.
    std::vector<double> rebuilt;
    const std::uint64_t fullBefore = engine.fullHistoryLoads();
    for (int k = 0; k < 10; ++k)
        rebuilt.push_back(one(barAt(minutes / 2 + k)));
    const std::uint64_t full = engine.fullHistoryLoads() - fullBefore;
    std::printf("binance: closed kline into %d minutes of history (6 indicators on 1m and 1h): "
                "appended %.1f us, replacing the newest minute %.1f us (%" PRIu64
                " of 400 incremental); "
                "a minute in the middle (rebuild) %.1f us (%" PRIu64 " of 10 rebuilt); medians\n",
        minutes, median(appended), median(replaced), incremental, median(rebuilt), full);
    std::fflush(stdout);
}

}  // namespace

void runBinanceLatencyBench()
{
    struct Case {
        int symbols;
        TimeMs intervalMs;
        int publishMs;
        const char *what;
    };
    const int engineMs = MarketEngine::kMinPublishIntervalMs;
    for (const Case &c : {Case {1, 25, engineMs, "1 symbol, 40 trades/s"},
             Case {4, 2, engineMs, "4 symbols, 2,000 trades/s"},
             Case {4, 2, 2, "4 symbols, 2,000 trades/s, publishes >= 2 ms apart"},
             Case {4, 2, 16, "4 symbols, 2,000 trades/s, publishes >= 16 ms apart (60 Hz)"}}) {
        const LatencyFigures f = measureLatency(c.symbols, c.intervalMs, 5.0, c.publishMs);
        std::printf("binance: tick-to-snapshot latency, %s, engine publish interval %d ms: "
                    "p50 %.3f ms, p99 %.3f ms, max %.3f ms "
                    "(%zu trades, %" PRId64 " snapshots, %.0f per second)\n",
            c.what, c.publishMs, f.p50, f.p99, f.max, f.samples, f.snapshots,
            f.seconds > 0 ? double(f.snapshots) / f.seconds : 0.0);
        std::fflush(stdout);
    }
    measureKlineMerge(100'000);
}
