#include "UiBenchPanes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QWheelEvent>

#include "chart/ChartView.h"
#include "chart/PaneLayout.h"

namespace wick {

namespace {

double percentileOf(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())) - 1.0);
    return v[std::min(i, v.size() - 1)];
}

void send(QWidget *widget, QEvent::Type type, const QPointF &at, Qt::MouseButton button,
    Qt::MouseButtons buttons)
{
    QMouseEvent event(type, at, widget->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

}  // namespace

void runPaneBench(ChartView &chart)
{
    QCustomPlot *plot = chart.plot();
    PaneLayout *layout = chart.paneLayout();
    const QStringList panes = layout->order();
    const double y = layout->handleY(panes.first());
    if (y < 0) {
        std::printf("  panes      no boundary under the price pane: skipped\n");
        return;
    }
    const double x = plot->axisRect()->rect().center().x();
    send(plot, QEvent::MouseButtonPress, QPointF(x, y), Qt::LeftButton, Qt::LeftButton);
    std::vector<double> steps;
    constexpr int kSteps = 60;
    for (int i = 1; i <= kSteps; ++i) {
        // Down 120 px and back up, 4 px a step.
        const double dy = 4.0 * (i <= kSteps / 2 ? i : kSteps - i);
        QElapsedTimer t;
        t.start();
        send(plot, QEvent::MouseMove, QPointF(x, y + dy), Qt::NoButton, Qt::LeftButton);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        steps.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
    }
    send(plot, QEvent::MouseButtonRelease, QPointF(x, y), Qt::LeftButton, Qt::NoButton);
    std::printf("  panes      %d drag steps: median %.1f ms, p99 %.1f ms per step (layout + "
                "replot); %lld panes\n",
        kSteps, percentileOf(steps, 0.5), percentileOf(steps, 0.99),
        static_cast<long long>(panes.size()));

    // The phases after this one start from the view they had.
    const QCPRange before = chart.visibleRange();
    QString counts;
    for (const QString &target : panes) {
        std::vector<int> changes(static_cast<std::size_t>(panes.size()), 0);
        std::vector<QMetaObject::Connection> connections;
        for (qsizetype k = 0; k < panes.size(); ++k)
            connections.push_back(
                QObject::connect(layout->rectOf(panes.at(k))->axis(QCPAxis::atBottom),
                    qOverload<const QCPRange &>(&QCPAxis::rangeChanged),
                    [&changes, k] { ++changes[static_cast<std::size_t>(k)]; }));
        const QPointF at(layout->rectOf(target)->rect().center());
        QWheelEvent wheel(at, plot->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        QCoreApplication::processEvents();
        for (const QMetaObject::Connection &c : connections)
            QObject::disconnect(c);
        counts += QStringLiteral(" %1:[").arg(target);
        for (int n : changes)
            counts += QString::number(n);
        counts += QLatin1Char(']');
    }
    plot->axisRect()->axis(QCPAxis::atBottom)->setRange(before);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    std::printf(
        "  panes      wheel zoom in each pane, range changes per pane:%s\n", qPrintable(counts));
}

}  // namespace wick
