// ui/chart: IndicatorGraph, the QCPGraph of an indicator line. Where QPainter
// would draw an aliased 1 px opaque line (zoomed out, or while dragging) or an
// aliased opaque fill between two lines (the Bollinger band) it writes the
// pixels itself (RasterCanvas: the same pixels for a fraction of the cost);
// otherwise it is QCustomPlot's graph unchanged. UI thread.
#pragma once

#include <qcustomplot.h>

namespace wick {

class IndicatorGraph : public QCPGraph
{
public:
    using QCPGraph::QCPGraph;

protected:
    void drawLinePlot(QCPPainter *painter, const QVector<QPointF> &lines) const override;
    void drawFill(QCPPainter *painter, QVector<QPointF> *lines) const override;

private:
    mutable QVector<QPointF> m_otherLines;  // the channel's other edge, reused between replots
};

}  // namespace wick
