// ui/chart: PricePlot, the price pane's plottable in every chart type: candles
// (CandlePlot's passes), hollow candles (up bodies outlined), OHLC bars (a
// high-low stroke with open and close ticks), and the close as a line, an area
// (filled down to the pane's bottom) or a baseline (filled towards a level in
// the up colour above it and the down colour below; the level the trader set,
// else the first visible close, so the fill reads as the move since the left
// edge of the screen, as percent mode does). It draws whatever the
// chart handed it (the level-of-detail slice: a bucket's close is its last
// bar's), so every type costs what the screen holds, not the history. The
// Heikin-Ashi type is candles of the Heikin-Ashi buckets CandleDataAdapter
// hands instead of the real ones. UI thread only.
#pragma once

#include <cmath>
#include <limits>

#include <QColor>
#include <QPolygonF>
#include <QVector>

#include "chart/CandlePlot.h"
#include "chart/ChartStyle.h"

namespace wick {

class PricePlot : public CandlePlot
{
public:
    PricePlot(QCPAxis *keyAxis, QCPAxis *valueAxis);

    void setChartType(ChartType type) { m_type = type; }
    ChartType chartType() const { return m_type; }
    // The line types' colour and the area's fill (translucent).
    void setLineColors(const QColor &line, const QColor &areaFill);
    // The baseline's level (a price); NaN: the first visible close.
    void setBaseLevel(double price) { m_baseLevel = price; }
    double baseLevel() const { return m_baseLevel; }
    // The level the baseline type draws at now: its set level, else the close
    // of the first bucket whose centre is on screen, else (no bars on screen)
    // the middle of the value axis.
    double effectiveBaseLevel() const;

protected:
    void draw(QCPPainter *painter) override;

private:
    void drawHollow(QCPPainter *painter);
    void drawBars(QCPPainter *painter);
    void drawCloses(QCPPainter *painter);
    // The visible closes as pixel points, one per bucket.
    void collectCloses();

    ChartType m_type = ChartType::Candles;
    QColor m_line = QColor(41, 98, 255);
    QColor m_areaFill = QColor(41, 98, 255, 60);
    double m_baseLevel = std::numeric_limits<double>::quiet_NaN();
    QVector<QPointF> m_points;  // reused between replots
    QVector<QLineF> m_lines[2];  // up, down
    QVector<QRect> m_rects[2];
};

}  // namespace wick
