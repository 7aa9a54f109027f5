#include "UiBenchCrosshair.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QThread>
#include <QTimer>

#include <time.h>

#include "chart/ChartCrosshair.h"
#include "chart/ChartPlot.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"

using namespace wick;

namespace {

double percentileOf(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())) - 1.0);
    return v[std::min(i, v.size() - 1)];
}

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

template<class Done>
bool spinFor(Done done, int timeoutMs)
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

}  // namespace

void runCrosshairPhase(ChartView &chart, int moves)
{
    // Price, volume and three indicator panes.
    QStringList specs = chart.indicatorSpecs();
    for (const QString &extra : {QStringLiteral("ATR:14"), QStringLiteral("CCI:14")}) {
        if (chart.paneCount() >= 3)
            break;
        specs << extra;
        chart.setIndicatorSpecs(specs);
    }
    const bool drawn = spinFor(
        [&] {
            for (const QString &spec : specs) {
                QCPAxisRect *pane = chart.indicatorPanes()->paneOf(spec);
                if (!pane)
                    continue;
                bool any = false;
                for (QCPAbstractPlottable *p : pane->plottables()) {
                    if (auto *graph = qobject_cast<QCPGraph *>(p))
                        any = any || !graph->data()->isEmpty();
                }
                if (!any)
                    return false;
            }
            return chart.lodReady();
        },
        60'000);
    spinFor([] { return false; }, 300);

    auto *plot = static_cast<ChartPlot *>(chart.plot());
    QList<QCPAxisRect *> panes {plot->axisRect()};
    for (QCPAxisRect *rect : plot->axisRects()) {
        if (rect != plot->axisRect())
            panes.append(rect);
    }
    int fullReplots = 0;
    const QMetaObject::Connection counting
        = QObject::connect(plot, &QCustomPlot::afterReplot, plot, [&] { ++fullReplots; });

    std::mt19937_64 rng(11);
    std::vector<double> ms;
    std::vector<double> cpuMs;
    ms.reserve(static_cast<std::size_t>(moves));
    cpuMs.reserve(static_cast<std::size_t>(moves));
    int unpainted = 0;
    for (int i = 0; i < moves; ++i) {
        QCPAxisRect *pane = panes.at(i % panes.size());
        const QRect r = pane->rect().adjusted(2, 2, -2, -2);
        std::uniform_int_distribution<int> px(r.left(), r.right());
        std::uniform_int_distribution<int> py(r.top(), r.bottom());
        const QPointF pos(px(rng), py(rng));
        const std::uint64_t paints = plot->paintCount();
        QElapsedTimer t;
        t.start();
        const qint64 cpu = threadCpuNs();
        QMouseEvent move(QEvent::MouseMove, pos, plot->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
            Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        // Sleeps until an event comes (the thread's CPU is then its own work).
        QTimer::singleShot(1000, plot, [] {});
        while (plot->paintCount() == paints && t.elapsed() < 1000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (plot->paintCount() == paints)
            ++unpainted;
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        cpuMs.push_back(static_cast<double>(threadCpuNs() - cpu) / 1e6);
        // The next move a frame later: one move a frame, as a mouse sends them.
        spinFor([] { return false; }, 17);
    }
    QObject::disconnect(counting);
    std::printf("  crosshair  %d moves: median %.2f ms, p99 %.2f ms per move; full replots "
                "during the phase: %d\n",
        moves, percentileOf(ms, 0.5), percentileOf(ms, 0.99), fullReplots);
    std::printf("    (the UI thread's own CPU per move: median %.2f ms, p99 %.2f ms; %d indicator "
                "panes, crosshair %s%s%s)\n",
        percentileOf(cpuMs, 0.5), percentileOf(cpuMs, 0.99), chart.paneCount(),
        chart.crosshair()->isShown() ? "shown" : "hidden",
        unpainted > 0 ? qPrintable(QStringLiteral(", %1 moves never painted").arg(unpainted)) : "",
        drawn ? "" : ", indicators TIMEOUT");
}
