// ui/chart: QualityOverlay draws QualityMarks on one pane of the chart -- the
// gaps as hatched bands between the two bars around them (at least a few pixels
// wide, merged where they would overlap) and, on the price pane, a label with
// the missing time and a mark under the low of each bucket holding quarantined
// records (one per bucket at the drawn level, with a count). It remembers what
// it drew for the chart's tooltips. Work per replot: a binary search per drawn
// band or mark, never the history. UI thread only.
#pragma once

#include <QCoreApplication>

#include <vector>

#include <QColor>
#include <QFont>
#include <QTimeZone>

#include <qcustomplot.h>

#include "model/Timeframe.h"

namespace wick {

class CandleDataAdapter;
class QualityMarks;

class QualityOverlay : public QCPLayerable
{
    Q_DECLARE_TR_FUNCTIONS(wick::QualityOverlay)

public:
    // price: the price pane (labels and marks); otherwise bands only.
    QualityOverlay(QCustomPlot *plot, QCPAxisRect *rect, const QualityMarks *marks,
        const CandleDataAdapter *candles, bool price, const QString &layer);

    void setColors(
        const QColor &mark, const QColor &band, const QColor &text, const QColor &labelBackground);
    void setLabelFont(const QFont &font) { m_font = font; }
    void setSeries(Timeframe timeframe, const QTimeZone &zone);

    // What a point of the plot (widget pixels) is over; empty when nothing.
    QString toolTipAt(const QPointF &pos) const;
    // Marks drawn by the last replot (buckets with quarantined records).
    int drawnMarks() const { return m_drawnMarks; }

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    struct Hit {
        QRectF rect;
        bool gap = false;
        std::size_t first = 0;  // gaps [first, last], or the marks of one bucket
        std::size_t last = 0;
    };
    void drawGaps(QCPPainter *painter);
    void drawMarks(QCPPainter *painter);
    QString gapText(std::size_t first, std::size_t last) const;
    QString markText(std::size_t first, std::size_t last) const;
    QString timeText(TimeMs time, bool seconds = false) const;

    QCPAxisRect *m_rect;
    const QualityMarks *m_marks;
    const CandleDataAdapter *m_candles;
    bool m_price;
    QColor m_markColor;
    QColor m_bandColor;
    QColor m_textColor;
    QColor m_labelBackground;
    QFont m_font;
    Timeframe m_timeframe = Timeframe::M1;
    QTimeZone m_zone = QTimeZone::utc();
    std::vector<Hit> m_hits;
    int m_drawnMarks = 0;
};

}  // namespace wick
