// wick-bench: throughput figures for the bar pipeline. Prints, never fails on time.
//
//   1. BarBuilder (1m) + Aggregator (5m .. 1w) on one core, with the forming-bar
//      queries a 60 Hz publish would make.
//   2. MarketEngine end to end on its worker thread: a feed thread emits
//      TickBatches through a queued connection (the way Feed::ticksReceived
//      reaches the engine), the main thread counts the snapshots it receives.
//
// Options: --ticks N (10,000,000), --symbols N (1,000), --batch N (1,000 ticks
// per TickBatch), --subscribed N (100 symbols with 1m and 1h series).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include "bars/Aggregator.h"
#include "bars/BarBuilder.h"
#include "engine/MarketEngine.h"
#include "feeds/Feed.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

using SteadyClock = std::chrono::steady_clock;

double secondsSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct Options {
    std::uint64_t ticks = 10'000'000;
    std::uint32_t symbols = 1000;
    std::uint32_t batch = 1000;
    std::uint32_t subscribed = 100;
};

// 2026-03-09 13:30:00Z, the New York open on the first day of summer time.
constexpr TimeMs kStart = 1'773'063'000'000;
constexpr double kTicksPerSymbolPerSecond = 3.0;

// Trades of every symbol interleaved in time order: the global clock moves by
// whole ms so that there are about three trades per symbol per simulated second;
// each trade goes to a random symbol whose price takes a random-walk step.
std::vector<Tick> generateTicks(const Options &opt)
{
    std::vector<Tick> ticks(opt.ticks);
    std::mt19937_64 rng(0xb0a7);
    std::vector<double> price(opt.symbols);
    for (std::uint32_t s = 0; s < opt.symbols; ++s)
        price[s] = 20.0 + double(s % 500);
    // Mean time step per trade in ms: its whole part always, plus 1 ms with the
    // probability of its fraction (a threshold on a 32-bit draw).
    const double msPerTick = 1000.0 / (kTicksPerSymbolPerSecond * opt.symbols);
    const auto wholeMs = TimeMs(msPerTick);
    const auto stepThreshold = std::uint64_t((msPerTick - double(wholeMs)) * 4294967296.0);
    TimeMs t = kStart;
    std::int64_t tradeId = 0;
    for (Tick &tick : ticks) {
        const std::uint64_t r = rng();
        t += wholeMs + ((r & 0xffffffffu) < stepThreshold ? 1 : 0);
        const auto symbol = SymbolId((r >> 32) % opt.symbols);
        const std::uint64_t r2 = rng();
        double &p = price[symbol];
        p += 0.01 * (double(r2 % 9) - 4.0);
        if (p < 1.0)
            p = 1.0;
        tick.symbol = symbol;
        tick.time = t;
        tick.price = p;
        tick.size = double(1 + (r2 >> 8) % 1000) / 100.0;
        tick.tradeId = tradeId++;
        tick.side = (r2 >> 40) & 1 ? Side::Buy : Side::Sell;
    }
    return ticks;
}

// ---- 1. BarBuilder + Aggregator ------------------------------------------------

void benchBars(const Options &opt, const std::vector<Tick> &ticks)
{
    struct SymbolBars {
        BarBuilder minute {TimeframeCalendar(Timeframe::M1)};
        Aggregator aggregator;
        std::uint64_t closedMinutes = 0;
        std::uint64_t closedHigher = 0;
        bool dirty = false;
    };
    std::vector<SymbolBars> symbols(opt.symbols);
    std::vector<Bar> closedMinutes;
    std::vector<ClosedBar> closedHigher;
    std::vector<SymbolId> dirty;
    dirty.reserve(opt.symbols);
    // A publish every 16 ms at 10 M ticks/s is one per 160,000 ticks: it asks every
    // symbol that traded since the last publish for its live bar at every timeframe.
    constexpr std::uint64_t kTicksPerPublish = 160'000;
    std::uint64_t publishes = 0;
    std::uint64_t formingQueries = 0;
    double checksum = 0.0;

    const auto start = SteadyClock::now();
    std::uint64_t sincePublish = 0;
    for (const Tick &tick : ticks) {
        SymbolBars &s = symbols[tick.symbol];
        const TickOutcome outcome
            = s.minute.addTick(tick.time, tick.price, tick.size, closedMinutes);
        if (outcome == TickOutcome::Opened) {
            for (const Bar &m : closedMinutes)
                s.aggregator.addMinute(m, closedHigher);
            s.closedMinutes += closedMinutes.size();
            closedMinutes.clear();
            s.aggregator.closeDue(s.minute.formingBar().time, closedHigher);
            s.closedHigher += closedHigher.size();
            closedHigher.clear();
        }
        if (!s.dirty) {
            s.dirty = true;
            dirty.push_back(tick.symbol);
        }
        if (++sincePublish == kTicksPerPublish) {
            sincePublish = 0;
            ++publishes;
            for (SymbolId id : dirty) {
                SymbolBars &d = symbols[id];
                d.dirty = false;
                const Bar *formingMinute = d.minute.hasForming() ? &d.minute.formingBar() : nullptr;
                for (Timeframe tf : kAllTimeframes) {
                    if (const std::optional<Bar> live = d.aggregator.formingBar(tf, formingMinute))
                        checksum += live->close;
                    ++formingQueries;
                }
            }
            dirty.clear();
        }
    }
    const double seconds = secondsSince(start);

    std::uint64_t minuteBars = 0;
    std::uint64_t higherBars = 0;
    for (const SymbolBars &s : symbols) {
        minuteBars += s.closedMinutes;
        higherBars += s.closedHigher;
    }
    std::printf("barbuilder+aggregator: %" PRIu64 " ticks, %u symbols, %.2f s, %.1f M ticks/s"
                " (one core; %" PRIu64 " closed 1m bars, %" PRIu64 " closed higher bars,"
                " %" PRIu64 " publishes, %" PRIu64 " formingBar queries, checksum %.6g)\n",
        std::uint64_t(ticks.size()), opt.symbols, seconds, double(ticks.size()) / seconds / 1e6,
        minuteBars, higherBars, publishes, formingQueries, checksum);
    std::fflush(stdout);
}

// ---- 2. MarketEngine end to end -------------------------------------------------

// A feed that replays prepared trades: the engine reaches it through attachFeed,
// exactly as it reaches a real source.
class BenchFeed final : public Feed
{
public:
    explicit BenchFeed(std::shared_ptr<ManualClock> clock)
        : m_clock(std::move(clock))
    { }

    QString source() const override { return QStringLiteral("bench"); }
    std::shared_ptr<const Clock> clock() const override { return m_clock; }
    FeedState state() const override { return FeedState::Live; }
    Capabilities capabilities() const override { return LiveTrades | Simulated; }
    FeedHealth health() const override { return {}; }
    QStringList symbolCodes() const override { return {}; }
    std::optional<Symbol> describeSymbol(const QString &) const override { return std::nullopt; }
    void start() override { }
    void stop() override { }
    void addSymbols(const QStringList &) override { }
    void removeSymbols(const QStringList &) override { }
    void resumeFrom(const QHash<QString, wick::ResumePoint> &) override { }

    // Called on the feed thread: one signal per batch, as a network read would.
    void deliver(const TickBatch &batch)
    {
        m_clock->set(batch.ticks.back().time);
        emit ticksReceived(batch);
    }

private:
    std::shared_ptr<ManualClock> m_clock;
};

struct EngineRun {
    std::uint64_t snapshots = 0;
    std::uint64_t seriesUpdates = 0;
    std::uint64_t quoteUpdates = 0;
    std::uint64_t lastTotal = 0;
    double seconds = 0.0;
    double firstSnapshot = -1.0;  // seconds since start
    double lastSnapshot = 0.0;
    bool finished = false;

    // Snapshots per second between the first and the last one (n - 1 intervals).
    double snapshotRate() const
    {
        const double span = lastSnapshot - firstSnapshot;
        return snapshots > 1 && span > 0.0 ? double(snapshots - 1) / span : 0.0;
    }
};

void benchEngine(const Options &opt, const std::vector<Tick> &ticks, bool withFeedTime)
{
    auto registry = std::make_shared<SymbolRegistry>();
    for (std::uint32_t s = 0; s < opt.symbols; ++s) {
        Symbol symbol;
        symbol.source = QStringLiteral("bench");
        symbol.code = QStringLiteral("SYM%1").arg(s, 4, 10, QLatin1Char('0'));
        // One in ten an equity in New York, so daily bars follow that zone.
        if (s % 10 == 0) {
            symbol.assetClass = AssetClass::Equity;
            symbol.timeZoneId = QByteArrayLiteral("America/New_York");
        }
        registry->intern(symbol);
    }

    QThread *engineThread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(registry, &engineThread);
    auto feedClock = std::make_shared<ManualClock>(kStart);
    BenchFeed feed(feedClock);
    std::atomic<int> inFlight {0};
    if (withFeedTime) {
        engine->attachFeed(&feed);
    } else {
        QObject::connect(&feed, &Feed::ticksReceived, engine, &MarketEngine::addTicks);
        // Without a source clock the engine's close timer would use the wall clock,
        // which is far past the simulated trades: register the feed's clock.
        QMetaObject::invokeMethod(
            engine,
            [engine, feedClock] {
                engine->setSourceClock(QStringLiteral("bench"), feedClock, 2000);
            },
            Qt::QueuedConnection);
    }
    // Connected after the engine's own slot: runs after it, on the engine thread,
    // so the feed never runs more than a few batches ahead (a bounded socket buffer).
    QObject::connect(&feed, &Feed::ticksReceived, engine,
        [&inFlight](const TickBatch &) { inFlight.fetch_sub(1, std::memory_order_release); });

    const std::uint32_t subscribed = std::min(opt.subscribed, opt.symbols);
    for (std::uint32_t s = 0; s < subscribed; ++s) {
        const SymbolId id = s * (opt.symbols / subscribed);
        QMetaObject::invokeMethod(
            engine,
            [engine, id] {
                engine->subscribe(id, Timeframe::M1);
                engine->subscribe(id, Timeframe::H1);
            },
            Qt::QueuedConnection);
    }

    EngineRun run;
    const std::uint64_t total = ticks.size();
    QEventLoop loop;
    SteadyClock::time_point start;
    QObject::connect(
        engine, &MarketEngine::snapshotReady, &loop, [&](const MarketSnapshotPtr &snapshot) {
            ++run.snapshots;
            run.lastSnapshot = secondsSince(start);
            if (run.firstSnapshot < 0.0)
                run.firstSnapshot = run.lastSnapshot;
            run.seriesUpdates += snapshot->series.size();
            run.quoteUpdates += snapshot->quotes.size();
            run.lastTotal = snapshot->totalTicks;
            if (snapshot->totalTicks >= total && !run.finished) {
                run.finished = true;
                run.seconds = secondsSince(start);
                loop.quit();
            }
        });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);

    // Let the subscriptions and the clock registration land before timing.
    QThread::msleep(50);
    QCoreApplication::processEvents();

    constexpr int kMaxInFlight = 8;
    run = EngineRun {};  // the subscriptions' own snapshots are not part of the figure
    start = SteadyClock::now();
    std::thread feeder([&] {
        TickBatch batch;
        for (std::uint64_t i = 0; i < total; i += opt.batch) {
            const std::uint64_t end = std::min<std::uint64_t>(total, i + opt.batch);
            batch.ticks.assign(
                ticks.begin() + std::ptrdiff_t(i), ticks.begin() + std::ptrdiff_t(end));
            batch.feedTime = withFeedTime ? batch.ticks.back().time : 0;
            while (inFlight.load(std::memory_order_acquire) >= kMaxInFlight)
                std::this_thread::yield();
            inFlight.fetch_add(1, std::memory_order_acq_rel);
            feed.deliver(batch);
        }
    });
    watchdog.start(600'000);
    loop.exec();
    feeder.join();
    if (!run.finished)
        run.seconds = secondsSince(start);

    MarketEngine::shutdown(engineThread);  // deletes the engine

    const char *mode = withFeedTime ? "attachFeed, feedTime closes every symbol of the source"
                                    : "addTicks, no feedTime";
    if (!run.finished) {
        std::printf("engine (%s): gave up after %.1f s with %" PRIu64 " of %" PRIu64
                    " ticks processed\n",
            mode, run.seconds, run.lastTotal, total);
    }
    std::printf("engine (%s): %" PRIu64 " ticks, %u symbols, %u-tick batches, %u symbols x {1m,1h}"
                " subscribed, %.2f s, %.2f M ticks/s, %" PRIu64 " snapshots, %.1f snapshots/s"
                " between the first and the last (%" PRIu64 " series, %" PRIu64 " quotes)\n",
        mode, run.lastTotal, opt.symbols, opt.batch, subscribed, run.seconds,
        double(run.lastTotal) / run.seconds / 1e6, run.snapshots, run.snapshotRate(),
        run.seriesUpdates, run.quoteUpdates);
    std::fflush(stdout);
}

}  // namespace

void runIndicatorBench(std::size_t bars, const QStringList &functions);  // IndicatorBench.cpp
void runStorageBench();  // StorageBench.cpp
void runBinanceBench(std::size_t messages);  // BinanceBench.cpp
void runBinanceLatencyBench();  // BinanceBench.cpp
void runAlertBench(bool gates);  // AlertBench.cpp
void runQuotesBench(int symbols);  // QuotesBench.cpp

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wick-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Throughput figures for Wick's bar pipeline."));
    parser.addHelpOption();
    const QCommandLineOption ticksOption(QStringLiteral("ticks"),
        QStringLiteral("Number of synthetic trades (default 10000000)."), QStringLiteral("N"));
    const QCommandLineOption symbolsOption(QStringLiteral("symbols"),
        QStringLiteral("Number of symbols (default 1000)."), QStringLiteral("N"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
        QStringLiteral("Trades per TickBatch (default 1000)."), QStringLiteral("N"));
    const QCommandLineOption subscribedOption(QStringLiteral("subscribed"),
        QStringLiteral("Symbols with 1m and 1h series subscribed (default 100)."),
        QStringLiteral("N"));
    const QCommandLineOption onlyOption(QStringLiteral("only"),
        QStringLiteral("Run only these sections (comma-separated): bars, engine, indicators, "
                       "storage, binance, alerts, quotes. Default: all."),
        QStringLiteral("sections"));
    const QCommandLineOption indicatorBarsOption(QStringLiteral("indicator-bars"),
        QStringLiteral("Bars for the indicator figures (default 1000000)."), QStringLiteral("N"));
    const QCommandLineOption functionsOption(QStringLiteral("functions"),
        QStringLiteral("Indicator figures for these functions only (comma-separated, such as "
                       "ADX,CDLDOJI)."),
        QStringLiteral("names"));
    const QCommandLineOption binanceMessagesOption(QStringLiteral("binance-messages"),
        QStringLiteral("Trade messages per Binance parse figure (default 2000000)."),
        QStringLiteral("N"));
    const QCommandLineOption noGatesOption(QStringLiteral("no-gates"),
        QStringLiteral("Alerts: evaluate every forming update (AlertEngine::setGating(false))."));
    parser.addOptions({ticksOption, symbolsOption, batchOption, subscribedOption, onlyOption,
        indicatorBarsOption, functionsOption, binanceMessagesOption, noGatesOption});
    parser.process(app);

    const QStringList known = {QStringLiteral("bars"), QStringLiteral("engine"),
        QStringLiteral("indicators"), QStringLiteral("storage"), QStringLiteral("binance"),
        QStringLiteral("alerts"), QStringLiteral("quotes")};
    QStringList sections = known;
    if (parser.isSet(onlyOption)) {
        sections = parser.value(onlyOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &section : sections) {
            if (!known.contains(section)) {
                std::fprintf(stderr,
                    "wick-bench: unknown section '%s' (bars, engine, indicators, storage, "
                    "binance, alerts, quotes)\n",
                    qPrintable(section));
                return 2;
            }
        }
    }

    Options opt;
    auto positive = [&](const QCommandLineOption &option, auto &value) {
        if (!parser.isSet(option))
            return;
        bool ok = false;
        const qulonglong v = parser.value(option).toULongLong(&ok);
        if (!ok || v == 0) {
            std::fprintf(stderr, "wick-bench: --%s needs a positive number\n",
                qPrintable(option.names().constFirst()));
            std::exit(2);
        }
        value = static_cast<std::remove_reference_t<decltype(value)>>(v);
    };
    positive(ticksOption, opt.ticks);
    positive(symbolsOption, opt.symbols);
    positive(batchOption, opt.batch);
    positive(subscribedOption, opt.subscribed);
    std::size_t indicatorBars = 1'000'000;
    positive(indicatorBarsOption, indicatorBars);
    std::size_t binanceMessages = 2'000'000;
    positive(binanceMessagesOption, binanceMessages);

    if (sections.contains(QStringLiteral("indicators")))
        runIndicatorBench(indicatorBars,
            parser.value(functionsOption).split(QLatin1Char(','), Qt::SkipEmptyParts));
    if (sections.contains(QStringLiteral("storage")))
        runStorageBench();
    if (sections.contains(QStringLiteral("binance"))) {
        runBinanceBench(binanceMessages);
        runBinanceLatencyBench();
    }
    if (sections.contains(QStringLiteral("alerts")))
        runAlertBench(!parser.isSet(noGatesOption));
    if (sections.contains(QStringLiteral("quotes")))
        runQuotesBench(5000);
    if (!sections.contains(QStringLiteral("bars")) && !sections.contains(QStringLiteral("engine")))
        return 0;

    const auto genStart = SteadyClock::now();
    const std::vector<Tick> ticks = generateTicks(opt);
    const double simulated = double(ticks.back().time - ticks.front().time) / 1000.0;
    std::printf("generated %" PRIu64 " ticks over %u symbols in %.2f s: %.0f s of simulated time,"
                " %.2f ticks per symbol per second\n",
        std::uint64_t(ticks.size()), opt.symbols, secondsSince(genStart), simulated,
        double(ticks.size()) / opt.symbols / std::max(simulated, 1e-3));
    std::fflush(stdout);

    if (sections.contains(QStringLiteral("bars")))
        benchBars(opt, ticks);
    if (sections.contains(QStringLiteral("engine"))) {
        benchEngine(opt, ticks, false);
        benchEngine(opt, ticks, true);
    }
    return 0;
}
