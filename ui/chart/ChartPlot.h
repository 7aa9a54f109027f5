// ui/chart: ChartPlot, the chart's QCustomPlot with one opaque paint buffer.
// QCustomPlot clears its buffers to transparent on every replot, and its paint
// event fills the widget with the background and then alpha-blends each
// 1920x1080 buffer onto it: three full-frame passes, a third of a zoomed-out
// replot. Here the first buffer is filled with the chart's background instead
// (it stays an opaque RGB32 image), the widget paints opaquely and the buffer
// is copied, not blended. The background brush stays the chart's, for
// toPixmap() and exports, which draw without the buffers. UI thread only.
#pragma once

#include <QColor>

#include <qcustomplot.h>

namespace wick {

class ChartPlot : public QCustomPlot
{
public:
    explicit ChartPlot(QWidget *parent = nullptr);

    // The colour each replot starts from (the chart's background).
    void setFillColor(const QColor &color);
    const QColor &fillColor() const { return m_fill; }

protected:
    // The buffers only: the first one is opaque, nothing needs filling under it.
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_fill = Qt::black;
};

}  // namespace wick
