#include "chart/IndicatorGraph.h"

#include "chart/RasterCanvas.h"

namespace wick {

void IndicatorGraph::drawLinePlot(QCPPainter *painter, const QVector<QPointF> &lines) const
{
    const QPen &pen = painter->pen();
    if (pen.style() == Qt::NoPen || pen.color().alpha() == 0)
        return;
    applyDefaultAntialiasingHint(painter);
    const RasterCanvas canvas(painter);
    if (canvas.strokes(pen))
        canvas.polyline(lines, pen.color());
    else
        QCPGraph::drawLinePlot(painter, lines);
}

void IndicatorGraph::drawFill(QCPPainter *painter, QVector<QPointF> *lines) const
{
    const QBrush &brush = painter->brush();
    const auto *other = dynamic_cast<const IndicatorGraph *>(mChannelFillGraph.data());
    if (brush.style() != Qt::SolidPattern || !RasterCanvas::paints(brush.color()) || !other
        || mLineStyle != lsLine || other->lineStyle() != lsLine || other->keyAxis() != keyAxis()) {
        QCPGraph::drawFill(painter, lines);
        return;
    }
    applyFillAntialiasingHint(painter);
    const RasterCanvas canvas(painter);
    if (!canvas.isValid()) {
        QCPGraph::drawFill(painter, lines);
        return;
    }
    other->getLines(&m_otherLines, QCPDataRange(0, other->dataCount()));
    canvas.fillBetween(*lines, m_otherLines, brush.color());
}

}  // namespace wick
