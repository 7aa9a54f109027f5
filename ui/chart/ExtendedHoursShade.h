// ui/chart: ExtendedHoursShade tints the bars of the pre- and post-market
// hours (a source that sends them: Yahoo with includePrePost) behind the
// candles on intraday timeframes, for symbols whose market has such hours (US
// equities; MarketCalendar), so the regular session stands out. A bar is
// extended when its session day has a regular session and the bar lies outside
// it (holidays and early closes come from the calendar). Work per replot: the
// visible bars, one calendar lookup per day; nothing when zoomed out past
// kMaxBarsPerPx. UI thread only.
#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <QColor>

#include <qcustomplot.h>

#include "model/Symbol.h"
#include "model/Timeframe.h"
#include "quality/MarketCalendar.h"

namespace wick {

class CandleDataAdapter;

class ExtendedHoursShade : public QCPLayerable
{
public:
    ExtendedHoursShade(QCustomPlot *plot, QCPAxisRect *rect, const CandleDataAdapter *candles,
        const QString &layer);

    void setSeries(const Symbol &symbol, Timeframe timeframe);
    // Where the tint runs top to bottom (every pane shown); the rect's by default.
    void setArea(std::function<QRect()> area) { m_area = std::move(area); }
    void setColor(const QColor &color) { m_color = color; }
    // The runs of extended-hours bars the last replot tinted (first, last), for tests.
    const std::vector<std::pair<std::size_t, std::size_t>> &drawnRuns() const { return m_drawn; }

    static constexpr double kMaxBarsPerPx = 100.0;

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    QCPAxisRect *m_rect;
    std::function<QRect()> m_area;
    const CandleDataAdapter *m_candles;
    QColor m_color = QColor(128, 128, 128, 40);
    std::optional<MarketCalendar> m_calendar;  // set: the series has extended hours
    std::vector<std::pair<std::size_t, std::size_t>> m_drawn;
};

}  // namespace wick
