// ui/chart: BaselineHandle, the baseline chart type's level as a handle on
// the chart: the dashed level line in the price pane can be dragged up or
// down (the cursor shows it on hover); the fill follows the drag, and the
// release sets the level. Owns those mouse events through an event filter on
// the plot (a press elsewhere pans as before). UI thread only.
#pragma once

#include <functional>

#include <QObject>

#include "chart/HoverCursor.h"

class QCPAxisRect;
class QCustomPlot;

namespace wick {

class BaselineHandle : public QObject
{
    Q_OBJECT

public:
    struct Hooks {
        std::function<bool()> active;  // the chart draws the baseline type
        std::function<double()> level;  // the level drawn now (a price)
        std::function<void(double)> preview;  // draw at this level while dragging
        std::function<void(double)> set;  // the trader let go here
    };
    BaselineHandle(QCustomPlot *plot, QCPAxisRect *price, Hooks hooks);

    // Pixels either side of the line that grab it.
    static constexpr double kGrabPx = 4.0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool overLine(const QPointF &pos) const;
    double priceAt(double y) const;

    QCustomPlot *m_plot;
    QCPAxisRect *m_price;
    Hooks m_hooks;
    bool m_dragging = false;
    HoverCursor m_hoverCursor;
};

}  // namespace wick
