// wick-ui-bench: how long the UI thread stalls while a ChartView shows a long
// 1m series with RSI, Bollinger Bands and MACD, against a real MarketEngine on
// its own thread. Offscreen; prints figures, never fails on time.
//
// A 1 ms PreciseTimer probe on the UI thread records the longest gap between its
// ticks in each phase: show (subscribe until candles and indicators are drawn),
// zoom out (wheel-like steps until the whole series is visible), pan, zoom in,
// live (trades for a few seconds, bars closing), reload (the history merged
// again: a new generation of the series). Also: time until the first
// replot with candles, and replot time (median, p99) at full zoom-out.
//
// Options: --bars N (1,000,000), --live-seconds S (3), --png FILE (the chart at
// full zoom-out), --width W --height H (1920x1080), --indicators "RSI:14;..."
// (';'-separated, or none), --verbose (every gap over 16 ms and every replot
// over 8 ms, wall and the UI thread's own CPU, with a time stamp: a gap holding
// two replots is two frames of work the probe could not tell apart), and every
// event the UI thread took over 6 ms of CPU for, with its receiver and type.
// --only LIST: some phases (stalls, types, crosshair, tick; see --help).
// --profile: the replot's CPU with each plottable and each layer hidden in
// turn, at five zoom levels (what each element costs).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include <time.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QTimer>

#include "BenchClock.h"
#include "UiBenchChartTypes.h"
#include "UiBenchCrosshair.h"
#include "UiBenchPanes.h"
#include "UiBenchTickToPixel.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kHistoryStart = 1'577'836'800'000;  // 2020-01-01T00:00:00Z

struct Options {
    qint64 bars = 1'000'000;
    int liveSeconds = 3;
    QString png;
    bool verbose = false;
    int width = 1920;
    int height = 1080;
};

// A random walk of closed 1m bars with wicks and volume.
std::vector<Bar> syntheticBars(qint64 count)
{
    std::vector<Bar> bars(static_cast<std::size_t>(count));
    std::mt19937_64 rng(0x5eed);
    std::normal_distribution<double> step(0.0, 0.0015);
    std::exponential_distribution<double> wick(1.0 / 0.0008);
    std::lognormal_distribution<double> volume(3.0, 0.6);
    double price = 100.0;
    for (qint64 i = 0; i < count; ++i) {
        Bar &b = bars[static_cast<std::size_t>(i)];
        b.time = kHistoryStart + i * kMinuteMs;
        b.open = price;
        price *= std::exp(step(rng));
        b.close = price;
        b.high = std::max(b.open, b.close) * (1.0 + wick(rng));
        b.low = std::min(b.open, b.close) * (1.0 - wick(rng));
        b.volume = volume(rng);
        b.tradeCount = 10;
    }
    return bars;
}

// The calling thread's CPU time in ns: a gap's own work, without the time the
// thread waited for a core (2 cores shared by many processes inflate wall gaps).
qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Longest gap between ticks of a 1 ms timer on the UI thread, per phase: wall
// clock, and the UI thread's CPU time within one gap.
class StallProbe : public QObject
{
public:
    explicit StallProbe(bool verbose)
        : m_verbose(verbose)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_clock.start();
        m_timer.start();
    }
    void beginPhase()
    {
        m_last = m_clock.nsecsElapsed();
        m_lastCpu = threadCpuNs();
        m_max = 0;
        m_maxCpu = 0;
    }
    double phaseMaxMs() const { return static_cast<double>(m_max) / 1e6; }
    double phaseMaxCpuMs() const { return static_cast<double>(m_maxCpu) / 1e6; }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        if (m_verbose && now - m_last > 16'000'000)
            std::printf("    gap at %8.1f ms: %5.1f ms (own CPU %5.1f ms)\n",
                static_cast<double>(m_last) / 1e6, static_cast<double>(now - m_last) / 1e6,
                static_cast<double>(cpu - m_lastCpu) / 1e6);
        m_max = std::max(m_max, now - m_last);
        m_maxCpu = std::max(m_maxCpu, cpu - m_lastCpu);
        m_last = now;
        m_lastCpu = cpu;
    }
    bool m_verbose;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_max = 0;
    qint64 m_maxCpu = 0;
};

// Runs the event loop until done() or the timeout; false on timeout.
template<class Done>
bool spinUntil(Done done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200);
    }
    return true;
}

void spinFor(int ms)
{
    spinUntil([] { return false; }, ms);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())) - 1.0);
    return v[std::min(i, v.size() - 1)];
}

// Times every event the UI thread delivers: with --verbose, each one that took
// over 6 ms of the thread's CPU is printed with its receiver and type, so a
// long gap can be pinned on what ran in it.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool verbose = false;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!verbose || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const int type = event->type();
        const qint64 cpu = threadCpuNs();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ns = threadCpuNs() - cpu;
        if (ns > 6'000'000)
            std::printf("    event %d to %s (%s): own CPU %5.1f ms\n", type,
                receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                static_cast<double>(ns) / 1e6);
        return result;
    }
};

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("UI-thread stalls of the chart"));
    parser.addHelpOption();
    const QCommandLineOption barsOpt(QStringLiteral("bars"), QStringLiteral("1m bars"),
        QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption liveOpt(QStringLiteral("live-seconds"),
        QStringLiteral("seconds of live trades"), QStringLiteral("S"), QStringLiteral("3"));
    const QCommandLineOption pngOpt(
        QStringLiteral("png"), QStringLiteral("grab at full zoom-out"), QStringLiteral("FILE"));
    const QCommandLineOption widthOpt(QStringLiteral("width"), QStringLiteral("window width"),
        QStringLiteral("W"), QStringLiteral("1920"));
    const QCommandLineOption indicatorsOpt(QStringLiteral("indicators"),
        QStringLiteral("indicator specs, ';'-separated, or none"), QStringLiteral("LIST"),
        QStringLiteral("RSI:14;BBANDS:20,2,2;MACD:12,26,9"));
    const QCommandLineOption heightOpt(QStringLiteral("height"), QStringLiteral("window height"),
        QStringLiteral("H"), QStringLiteral("1080"));
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
        QStringLiteral("replot cost per plottable and layer at a few zoom levels"));
    const QCommandLineOption verboseOpt(
        QStringLiteral("verbose"), QStringLiteral("print long gaps and replots"));
    const QCommandLineOption onlyOpt(QStringLiteral("only"),
        QStringLiteral("run only these phases, ','-separated: stalls (show, zoom out, replot, "
                       "panes, pan, zoom in, live, reload), types, crosshair, tick (the chart "
                       "is always shown first, except for tick alone)"),
        QStringLiteral("LIST"));
    parser.addOptions({barsOpt, liveOpt, pngOpt, widthOpt, heightOpt, indicatorsOpt, verboseOpt,
        profileOpt, onlyOpt});
    parser.process(app);
    const QStringList only = parser.value(onlyOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &phase : only) {
        if (!QStringList {QStringLiteral("stalls"), QStringLiteral("types"),
                QStringLiteral("crosshair"), QStringLiteral("tick")}
                 .contains(phase)) {
            std::fprintf(
                stderr, "wick-ui-bench: unknown phase '%s' in --only\n", qPrintable(phase));
            return 2;
        }
    }
    const auto runs = [&only](const char *phase) {
        return only.isEmpty() || only.contains(QLatin1String(phase));
    };
    Options opt;
    opt.bars = std::max<qint64>(300, parser.value(barsOpt).toLongLong());
    opt.liveSeconds = std::max(0, parser.value(liveOpt).toInt());
    opt.png = parser.value(pngOpt);
    opt.verbose = parser.isSet(verboseOpt);
    app.verbose = opt.verbose;
    opt.width = parser.value(widthOpt).toInt();
    opt.height = parser.value(heightOpt).toInt();

    const QString indicatorList = parser.value(indicatorsOpt);
    const QStringList specs = indicatorList == QLatin1String("none")
        ? QStringList()
        : indicatorList.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    if (!runs("stalls") && !runs("types") && !runs("crosshair")) {
        runTickToPixelPhase(QSize(opt.width, opt.height), specs, 6);
        return 0;
    }

    auto symbols = std::make_shared<SymbolRegistry>();
    Symbol s;
    s.source = QStringLiteral("bench");
    s.code = QStringLiteral("BENCHUSD");
    s.displayName = QStringLiteral("Bench instrument");
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.tickSize = 0.0001;
    const SymbolId id = symbols->intern(s);

    QThread *engineThread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(symbols, &engineThread);
    const TimeMs historyEnd = kHistoryStart + opt.bars * kMinuteMs;
    auto clock = std::make_shared<ManualClock>(historyEnd);
    QMetaObject::invokeMethod(
        engine, [engine, clock] { engine->setSourceClock(QStringLiteral("bench"), clock, 2000); },
        Qt::QueuedConnection);

    std::printf("wick-ui-bench: %lld 1m bars, indicators [%s], %dx%d offscreen\n",
        static_cast<long long>(opt.bars), qPrintable(parser.value(indicatorsOpt)), opt.width,
        opt.height);
    QElapsedTimer gen;
    gen.start();
    auto minutes = std::make_shared<const std::vector<Bar>>(syntheticBars(opt.bars));
    std::printf("  generated in %.0f ms\n", static_cast<double>(gen.elapsed()));

    // Load into the engine before the chart exists: its history-sized work is the engine's.
    QMetaObject::invokeMethod(
        engine, [engine, id, minutes] { engine->loadHistory(id, minutes); },
        Qt::BlockingQueuedConnection);

    ChartView chart(symbols, engine);
    QObject::connect(engine, &MarketEngine::snapshotReady, &chart,
        [&chart](const MarketSnapshotPtr &snapshot) { chart.applySnapshot(*snapshot); });
    chart.resize(opt.width, opt.height);
    chart.show();
    chart.setIndicatorSpecs(specs);
    spinFor(200);

    QCustomPlot *plot = chart.plot();
    int replotsWithCandles = 0;
    QObject::connect(plot, &QCustomPlot::afterReplot, &chart, [&] {
        if (chart.candleCount() > 0)
            ++replotsWithCandles;
    });
    const auto indicatorsDrawn = [&] {
        // Every indicator's first line has values.
        for (const QString &spec : specs) {
            bool drawn = false;
            for (const QString &output :
                {QStringLiteral("value"), QStringLiteral("upper"), QStringLiteral("macd")}) {
                if (QCPGraph *g = chart.indicatorGraph(spec, output))
                    drawn = !g->data()->isEmpty();
            }
            if (!drawn)
                return false;
        }
        return true;
    };

    StallProbe probe(opt.verbose);
    if (opt.verbose) {
        auto replotClock = std::make_shared<QElapsedTimer>();
        auto replotCpu = std::make_shared<qint64>(0);
        QObject::connect(plot, &QCustomPlot::beforeReplot, &chart, [replotClock, replotCpu] {
            replotClock->start();
            *replotCpu = threadCpuNs();
        });
        QObject::connect(plot, &QCustomPlot::afterReplot, &chart, [replotClock, replotCpu] {
            const qint64 ns = replotClock->nsecsElapsed();
            if (ns > 8'000'000)
                std::printf("    replot %5.1f ms (own CPU %5.1f ms)\n",
                    static_cast<double>(ns) / 1e6,
                    static_cast<double>(threadCpuNs() - *replotCpu) / 1e6);
        });
    }
    double overall = 0.0;
    double overallCpu = 0.0;
    const auto endPhase = [&](const char *name, const QString &extra = QString()) {
        const double ms = probe.phaseMaxMs();
        const double cpuMs = probe.phaseMaxCpuMs();
        overall = std::max(overall, ms);
        overallCpu = std::max(overallCpu, cpuMs);
        std::printf("  %-10s longest UI-thread gap %7.1f ms (its own CPU %6.1f ms)%s\n", name, ms,
            cpuMs, qPrintable(extra));
    };

    // Show: subscribe; the engine computes the indicators over the whole history.
    probe.beginPhase();
    QElapsedTimer showClock;
    showClock.start();
    chart.showSeries(id, Timeframe::M1);
    qint64 firstPaintMs = -1;
    const bool shown = spinUntil(
        [&] {
            if (firstPaintMs < 0 && replotsWithCandles > 0)
                firstPaintMs = showClock.elapsed();
            return replotsWithCandles > 0 && indicatorsDrawn();
        },
        120'000);
    const qint64 allDrawnMs = showClock.elapsed();
    // The zoomed-out levels are built off the UI thread; their landing is part of this phase.
    const bool levelsReady = spinUntil([&] { return chart.lodReady(); }, 60'000);
    const qint64 levelsMs = showClock.elapsed();
    spinFor(100);
    endPhase("show",
        QStringLiteral("   first paint with candles %1 ms, indicators drawn %2 ms, zoomed-out "
                       "levels ready %3 ms%4")
            .arg(firstPaintMs)
            .arg(allDrawnMs)
            .arg(levelsMs)
            .arg(shown && levelsReady ? QString() : QStringLiteral(" (TIMEOUT)")));

    QCPAxis *x = plot->axisRect()->axis(QCPAxis::atBottom);
    const auto count = static_cast<double>(opt.bars);
    if (runs("stalls")) {
        // Wheel-like steps: 1.25x per step around the right edge, one frame each.
        const auto zoomTo = [&](double targetSize) {
            for (int step = 0; step < 200; ++step) {
                const QCPRange r = chart.visibleRange();
                const double size = r.size();
                if ((targetSize > size && size >= targetSize * 0.999)
                    || (targetSize < size && size <= targetSize * 1.001))
                    break;
                const double next = targetSize > size ? std::min(targetSize, size * 1.25)
                                                      : std::max(targetSize, size / 1.25);
                x->setRange(r.upper - next, r.upper);
                plot->replot(QCustomPlot::rpQueuedReplot);
                spinFor(16);
                if (std::abs(chart.visibleRange().size() - size) < 1e-9)
                    break;  // the chart caps the zoom
            }
        };

        probe.beginPhase();
        zoomTo(count + 200.0);
        spinFor(500);
        endPhase("zoom out",
            QStringLiteral("   visible %1 bars, %2 candles handed to QCustomPlot")
                .arg(chart.visibleRange().size(), 0, 'f', 0)
                .arg(chart.candleCount()));

        // Replot time at full zoom-out (these replots are stalls by construction).
        std::vector<double> replots;
        std::vector<double> replotsCpu;
        for (int i = 0; i < 40; ++i) {
            QElapsedTimer t;
            t.start();
            const qint64 cpu = threadCpuNs();
            plot->replot(QCustomPlot::rpImmediateRefresh);
            replotsCpu.push_back(static_cast<double>(threadCpuNs() - cpu) / 1e6);
            replots.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            QCoreApplication::processEvents();
        }
        std::printf(
            "  replot at full zoom-out: median %.1f ms, p99 %.1f ms; its own CPU median %.1f "
            "ms, p99 %.1f ms (%zu replots)\n",
            percentile(replots, 0.5), percentile(replots, 0.99), percentile(replotsCpu, 0.5),
            percentile(replotsCpu, 0.99), replots.size());
        runPaneBench(chart);
        if (!opt.png.isEmpty()) {
            const QPixmap shot = chart.grab();
            shot.save(opt.png);
            // And a detail at full size: the newest quarter of the price pane.
            QString crop = opt.png;
            crop.insert(crop.endsWith(QLatin1String(".png")) ? crop.size() - 4 : crop.size(),
                QStringLiteral("-detail"));
            const QRect pane = plot->axisRect()->rect();
            shot.copy(QRect(pane.right() - pane.width() / 4, plot->geometry().top() + pane.top(),
                          pane.width() / 4, pane.height()))
                .save(crop);
            std::printf("  grabbed %s and %s\n", qPrintable(opt.png), qPrintable(crop));
        }

        if (parser.isSet(profileOpt)) {
            // What each element costs: the median replot CPU with it hidden, against all shown.
            const auto medianReplotCpu = [&] {
                std::vector<double> cpu;
                for (int i = 0; i < 15; ++i) {
                    const qint64 start = threadCpuNs();
                    plot->replot(QCustomPlot::rpImmediateRefresh);
                    cpu.push_back(static_cast<double>(threadCpuNs() - start) / 1e6);
                    QCoreApplication::processEvents();
                }
                return percentile(cpu, 0.5);
            };
            for (const double bars : {count + 200.0, 20'000.0, 2'000.0, 400.0, 150.0}) {
                x->setRange(count - bars, count + 8.0);
                spinFor(50);
                const double all = medianReplotCpu();
                // The same view moved by a bar each time: new ticks, labels and margins.
                std::vector<double> moving;
                for (int i = 0; i < 15; ++i) {
                    const QCPRange r = chart.visibleRange();
                    x->setRange(r.lower + (i % 2 ? 1.0 : -1.0), r.upper + (i % 2 ? 1.0 : -1.0));
                    const qint64 start = threadCpuNs();
                    plot->replot(QCustomPlot::rpImmediateRefresh);
                    moving.push_back(static_cast<double>(threadCpuNs() - start) / 1e6);
                    QCoreApplication::processEvents();
                }
                std::printf(
                    "  profile at %.0f bars (level %d): replot CPU %.2f ms, %.2f ms when the view "
                    "moved; without:\n",
                    bars, chart.lodLevel(), all, percentile(moving, 0.5));
                for (int i = 0; i < plot->plottableCount(); ++i) {
                    QCPAbstractPlottable *p = plot->plottable(i);
                    if (!p->visible())
                        continue;
                    p->setVisible(false);
                    const double without = medianReplotCpu();
                    p->setVisible(true);
                    std::printf("    %-28s %5.2f ms\n",
                        qPrintable(QStringLiteral("%1 #%2 (%3)")
                                       .arg(QString::fromLatin1(p->metaObject()->className()))
                                       .arg(i)
                                       .arg(p->name())),
                        all - without);
                }
                for (int i = 0; i < plot->layerCount(); ++i) {
                    QCPLayer *layer = plot->layer(i);
                    if (!layer->visible() || layer->children().isEmpty())
                        continue;
                    layer->setVisible(false);
                    const double without = medianReplotCpu();
                    layer->setVisible(true);
                    std::printf(
                        "    layer %-22s %5.2f ms\n", qPrintable(layer->name()), all - without);
                }
            }
            zoomTo(count + 200.0);
        }

        // Pan over a quarter of the series at an eighth of it on screen.
        probe.beginPhase();
        zoomTo(std::max(300.0, count / 8.0));
        for (int step = 0; step < 40; ++step) {
            const QCPRange r = chart.visibleRange();
            x->setRange(r.lower - r.size() * 0.05, r.upper - r.size() * 0.05);
            plot->replot(QCustomPlot::rpQueuedReplot);
            spinFor(16);
        }
        spinFor(300);
        endPhase("pan");

        probe.beginPhase();
        {
            const QCPRange r = chart.visibleRange();
            x->setRange(count - r.size(), count + 8.0);
        }
        zoomTo(150.0);
        spinFor(300);
        endPhase("zoom in",
            QStringLiteral("   visible %1 bars").arg(chart.visibleRange().size(), 0, 'f', 0));

        // Live: a batch of trades every 20 ms; the feed clock runs 600x, so a bar closes every 100
        // ms.
        probe.beginPhase();
        const int candlesBefore = chart.candleCount();
        TimeMs feedTime = historyEnd;
        double price = minutes->back().close;
        std::mt19937_64 rng(7);
        std::normal_distribution<double> move(0.0, 0.0004);
        QTimer live;
        live.setInterval(20);
        QObject::connect(&live, &QTimer::timeout, &chart, [&] {
            TickBatch batch;
            for (int i = 0; i < 5; ++i) {
                feedTime += 2'400;
                price *= std::exp(move(rng));
                Tick tick;
                tick.symbol = id;
                tick.time = feedTime;
                tick.price = price;
                tick.size = 0.5;
                batch.ticks.push_back(tick);
            }
            batch.feedTime = feedTime;
            clock->set(feedTime);
            QMetaObject::invokeMethod(
                engine, [engine, batch] { engine->addTicks(batch); }, Qt::QueuedConnection);
        });
        live.start();
        spinFor(opt.liveSeconds * 1000);
        live.stop();
        spinFor(300);
        endPhase("live",
            QStringLiteral("   %1 simulated minutes, candles handed %2 -> %3")
                .arg((feedTime - historyEnd) / kMinuteMs)
                .arg(candlesBefore)
                .arg(chart.candleCount()));
        // Reload: a backfill merges the whole history again (a new generation of
        // the series): the chart replaces its bars and rebuilds its levels.
        probe.beginPhase();
        {
            const std::uint64_t generation = chart.candleData()->generation();
            QElapsedTimer reloadClock;
            reloadClock.start();
            QMetaObject::invokeMethod(
                engine, [engine, id, minutes] { engine->loadHistory(id, minutes); },
                Qt::QueuedConnection);
            const bool reloaded = spinUntil(
                [&] { return chart.candleData()->generation() != generation && chart.lodReady(); },
                60'000);
            const qint64 reloadMs = reloadClock.elapsed();
            spinFor(200);
            endPhase("reload",
                QStringLiteral("   new generation drawn with its levels in %1 ms%2")
                    .arg(reloadMs)
                    .arg(reloaded ? QString() : QStringLiteral(" (TIMEOUT)")));
        }
    } else {
        // The view the stall phases leave: the newest 150 bars.
        x->setRange(count - 142.0, count + 8.0);
        spinFor(300);
    }
    if (runs("types"))
        benchChartTypes(symbols, engine, id, QSize(opt.width, opt.height), specs, opt.png);
    if (runs("crosshair"))
        runCrosshairPhase(chart, 500);
    if (runs("tick"))
        runTickToPixelPhase(QSize(opt.width, opt.height), specs, 6);
    std::printf("  overall    longest UI-thread gap %7.1f ms (its own CPU %6.1f ms)\n", overall,
        overallCpu);
    std::printf("  (load average during the run: %s)\n", bench::loadAverage().c_str());
    std::fflush(stdout);

    MarketEngine::shutdown(engineThread);
    return 0;
}
