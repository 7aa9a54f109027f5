// ui/chart: PatternMarks draws the chart's candlestick patterns on the price
// pane (IndicatorPanes::markSeries: "CDLENGULFING" and the other 60 on their
// own) -- an up triangle under the low of each bucket where a pattern is
// bullish (value > 0), a down triangle over its high where one is bearish
// (< 0), in the chart's up and down colours, with the number of patterns when
// several fall on it; under a quality mark when the bucket has one. At a
// zoomed-out level a bucket is marked when a bar in it is (the pattern's
// ValuePyramid: its max > 0, its min < 0). It remembers what it drew for the
// chart's tooltip (the patterns' names and values, the bar's time). Work per
// replot: the handed slice's buckets times the patterns shown, never the
// history. UI thread only.
#pragma once

#include <QCoreApplication>

#include <cstddef>
#include <functional>
#include <vector>

#include <QColor>
#include <QFont>
#include <QString>

#include <qcustomplot.h>

#include "chart/IndicatorPanes.h"

namespace wick {

class CandleDataAdapter;

class PatternMarks : public QCPLayerable
{
    Q_DECLARE_TR_FUNCTIONS(wick::PatternMarks)

public:
    struct Sources {
        std::function<std::vector<IndicatorPanes::MarkSeries>()> series;
        // A quality mark sits under the low of bucket (level, index): the
        // bullish marks go under it.
        std::function<bool(int level, std::size_t bucket)> qualityMarked;
        // A bar's time as the chart shows it (its time zone).
        std::function<QString(std::size_t bar)> barTime;
    };
    PatternMarks(QCustomPlot *plot, QCPAxisRect *price, const CandleDataAdapter *candles,
        Sources sources, const QString &layer);

    void setColors(const QColor &bullish, const QColor &bearish, const QColor &text);
    void setLabelFont(const QFont &font) { m_font = font; }

    // What a point of the plot (widget pixels) is over; empty when no mark.
    QString toolTipAt(const QPointF &pos) const;

    // What the last replot drew (tests, the bench).
    struct Drawn {
        std::size_t bucket = 0;
        int level = 0;
        bool bullish = false;
        int count = 0;  // patterns on it in that direction
        QRectF rect;  // the triangle (and its count), widget pixels
    };
    const std::vector<Drawn> &drawn() const { return m_drawn; }

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    // The direction of each pattern in a bucket: +1 bullish, -1 bearish, 2 both
    // (at a zoomed-out level), 0 none; the value at level 0.
    struct Hit {
        int direction = 0;
        double value = 0.0;
    };
    Hit hitOf(const IndicatorPanes::MarkSeries &series, int level, std::size_t bucket) const;
    QRectF drawTriangle(QCPPainter *painter, double px, double edge, bool up, double size);

    QCPAxisRect *m_price;
    const CandleDataAdapter *m_candles;
    Sources m_sources;
    QColor m_bullish = Qt::green;
    QColor m_bearish = Qt::red;
    QColor m_text = Qt::white;
    QFont m_font;
    std::vector<Drawn> m_drawn;
};

}  // namespace wick
