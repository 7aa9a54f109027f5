// ui/chart: SessionBreaks marks the first bar of each trading day with a thin
// vertical line through the chart's panes, for symbols with sessions (a 24/7 market has none)
// on intraday timeframes; the trading day is the exchange's (its zone, DST
// included). Work per replot: the visible bars, and only when the days are far
// enough apart to read (else nothing is drawn). UI thread only.
#pragma once

#include <functional>
#include <vector>

#include <QColor>
#include <QTimeZone>

#include <qcustomplot.h>

#include "model/Symbol.h"
#include "model/Timeframe.h"

namespace wick {

class CandleDataAdapter;

class SessionBreaks : public QCPLayerable
{
public:
    SessionBreaks(QCustomPlot *plot, QCPAxisRect *rect, const CandleDataAdapter *candles,
        const QString &layer);

    void setSeries(const Symbol &symbol, Timeframe timeframe);
    // Where the lines run top to bottom (every pane shown); the rect's by default.
    void setArea(std::function<QRect()> area) { m_area = std::move(area); }
    void setColor(const QColor &color) { m_color = color; }
    // The bars the last replot marked (the first bar of a trading day), for tests.
    const std::vector<std::size_t> &drawnBreaks() const { return m_drawn; }

    // Breaks are drawn only when trading days are at least this far apart.
    static constexpr double kMinSpacingPx = 6.0;
    // Zoomed out further (bars per pixel), nothing is looked at: even 1m bars
    // of a 6.5 h session are then closer than kMinSpacingPx a day.
    static constexpr double kMaxBarsPerPx = 100.0;

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    QCPAxisRect *m_rect;
    std::function<QRect()> m_area;
    const CandleDataAdapter *m_candles;
    QColor m_color = Qt::gray;
    bool m_enabled = false;
    QTimeZone m_zone = QTimeZone::utc();
    std::vector<std::size_t> m_drawn;
};

}  // namespace wick
