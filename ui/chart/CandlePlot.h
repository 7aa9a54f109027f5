// ui/chart: CandlePlot and SolidBars, QCustomPlot's candlestick and bar
// plottables drawn in passes, as lightweight-charts' candlesticks renderer
// does: every wick of one colour in one drawLines call, then the bodies (or
// bars) of one colour as filled pixel rectangles, changing the brush only when
// the colour changes. QCPFinancial and QCPBars make three painter calls per
// candle and fill each bar as a polygon. The data, widths and colours are
// QCustomPlot's own (data(), setWidth, setBrushPositive ...), so everything
// else keeps treating them as a QCPFinancial and a QCPBars. Horizontal key
// axis, plot-coordinate widths, no stacking, no selection. UI thread only.
#pragma once

#include <QVector>

#include <qcustomplot.h>

namespace wick {

class CandlePlot : public QCPFinancial
{
public:
    CandlePlot(QCPAxis *keyAxis, QCPAxis *valueAxis);

protected:
    void draw(QCPPainter *painter) override;

private:
    QVector<QLineF> m_wicks[2];  // up, down; reused between replots
    QVector<QRect> m_bodies[2];
};

class SolidBars : public QCPBars
{
public:
    SolidBars(QCPAxis *keyAxis, QCPAxis *valueAxis);

protected:
    void draw(QCPPainter *painter) override;

private:
    QVector<QRect> m_rects;
};

}  // namespace wick
