#include "UiBenchChartTypes.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartExport.h"
#include "chart/ChartStyle.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"

namespace wick {

namespace {

constexpr int kReplots = 30;

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

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Measured {
    qint64 firstPaintMs = -1;
    double replotMedianMs = 0.0;
    bool timedOut = false;
};

Measured measure(const std::shared_ptr<SymbolRegistry> &symbols, MarketEngine *engine, SymbolId id,
    QSize size, const QStringList &specs, ChartType type, const PaneScale &scale,
    const QString &png, const QString &suffix)
{
    Measured m;
    ChartView chart(symbols, engine);
    QObject::connect(engine, &MarketEngine::snapshotReady, &chart,
        [&chart](const MarketSnapshotPtr &snapshot) { chart.applySnapshot(*snapshot); });
    chart.resize(size);
    chart.show();
    chart.setIndicatorSpecs(specs);
    chart.setChartType(type);
    chart.setPriceScale(scale);
    spinFor(100);
    QCustomPlot *plot = chart.plot();
    QElapsedTimer clock;
    QObject::connect(plot, &QCustomPlot::afterReplot, &chart, [&] {
        if (m.firstPaintMs < 0 && chart.candleCount() > 0)
            m.firstPaintMs = clock.elapsed();
    });
    clock.start();
    chart.showSeries(id, Timeframe::M1);
    m.timedOut = !spinUntil([&] { return m.firstPaintMs >= 0; }, 60'000);
    const bool levels = spinUntil(
        [&] {
            return chart.lodReady()
                && (type != ChartType::HeikinAshi || chart.candleData()->heikinAshiReady());
        },
        60'000);
    m.timedOut = m.timedOut || !levels;
    QCPAxis *x = plot->axisRect()->axis(QCPAxis::atBottom);
    x->setRange(-200.0, static_cast<double>(chart.candleData()->size()) + 200.0);
    spinFor(200);
    std::vector<double> replots;
    for (int i = 0; i < kReplots; ++i) {
        QElapsedTimer t;
        t.start();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        replots.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
    }
    m.replotMedianMs = median(replots);
    if (!png.isEmpty()) {
        QString file = png;
        if (file.endsWith(QLatin1String(".png")))
            file.chop(4);
        file += QLatin1Char('-') + suffix + QStringLiteral(".png");
        if (renderChartImage(chart, plot->size()).save(file, "PNG"))
            std::printf("  saved %s\n", qPrintable(file));
    }
    return m;
}

}  // namespace

void benchChartTypes(std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine, SymbolId id,
    QSize size, const QStringList &specs, const QString &png)
{
    for (ChartType type : kAllChartTypes) {
        const Measured m
            = measure(symbols, engine, id, size, specs, type, PaneScale(), png, chartTypeKey(type));
        std::printf(
            "chart type %s: first paint %lld ms, replot median %.1f ms at full zoom-out%s\n",
            qPrintable(chartTypeKey(type)), static_cast<long long>(m.firstPaintMs),
            m.replotMedianMs, m.timedOut ? " (TIMEOUT)" : "");
        std::fflush(stdout);
    }
    PaneScale log;
    log.mode = ScaleMode::Log;
    const Measured m = measure(
        symbols, engine, id, size, specs, ChartType::Candles, log, png, QStringLiteral("log"));
    std::printf("log scale: replot median %.1f ms at full zoom-out%s\n", m.replotMedianMs,
        m.timedOut ? " (TIMEOUT)" : "");
    std::fflush(stdout);
}

}  // namespace wick
