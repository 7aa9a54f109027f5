#include "chart/SessionBreaks.h"

#include <cmath>
#include <limits>

#include <QDateTime>

#include "chart/CandleDataAdapter.h"

namespace wick {

namespace {

TimeMs floorDiv(TimeMs a, TimeMs b)
{
    const TimeMs q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The exchange-day number of UTC instants, ascending: the zone's offset is
// looked up again only past its next transition.
class DayOf
{
public:
    explicit DayOf(const QTimeZone &zone)
        : m_zone(zone)
    { }

    TimeMs operator()(TimeMs utc)
    {
        if (utc < m_from || utc >= m_until) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(utc, QTimeZone::utc());
            m_offsetMs = static_cast<TimeMs>(m_zone.offsetFromUtc(at)) * 1000;
            const QTimeZone::OffsetData next = m_zone.nextTransition(at);
            m_from = utc;
            m_until = next.atUtc.isValid() ? next.atUtc.toMSecsSinceEpoch()
                                           : std::numeric_limits<TimeMs>::max();
        }
        return floorDiv(utc + m_offsetMs, kDayMs);
    }

private:
    QTimeZone m_zone;
    TimeMs m_offsetMs = 0;
    TimeMs m_from = std::numeric_limits<TimeMs>::max();
    TimeMs m_until = std::numeric_limits<TimeMs>::min();
};

}  // namespace

SessionBreaks::SessionBreaks(
    QCustomPlot *plot, QCPAxisRect *rect, const CandleDataAdapter *candles, const QString &layer)
    : QCPLayerable(plot, layer)
    , m_rect(rect)
    , m_candles(candles)
{ }

void SessionBreaks::setSeries(const Symbol &symbol, Timeframe timeframe)
{
    m_enabled = !symbol.session.alwaysOpen && isIntraday(timeframe);
    m_zone = symbol.timeZone();
    m_drawn.clear();
}

QRect SessionBreaks::clipRect() const
{
    return m_area ? m_area() : m_rect->rect();
}

void SessionBreaks::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(false);
}

void SessionBreaks::draw(QCPPainter *painter)
{
    m_drawn.clear();
    const std::size_t count = m_candles->size();
    if (!m_enabled || count < 2)
        return;
    const QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
    const QCPRange range = x->range();
    const QRect area = m_rect->rect();
    const QRect lines = clipRect();
    const double pxPerBar = area.width() / std::max(range.size(), 1e-9);
    const auto first = static_cast<std::size_t>(std::max(1.0, std::ceil(range.lower)));
    const auto last = static_cast<std::size_t>(
        std::clamp(std::floor(range.upper), 0.0, static_cast<double>(count - 1)));
    if (first > last)
        return;
    // Days no wider than a few pixels: no room for a line per day (and no
    // scan of thousands of days).
    const double maxBreaks = area.width() / kMinSpacingPx;
    if (static_cast<double>(last - first) > area.width() * kMaxBarsPerPx)
        return;
    DayOf dayOf(m_zone);
    TimeMs previousDay = dayOf(m_candles->bar(first - 1).time);
    for (std::size_t i = first; i <= last; ++i) {
        const TimeMs day = dayOf(m_candles->bar(i).time);
        if (day != previousDay) {
            m_drawn.push_back(i);
            if (static_cast<double>(m_drawn.size()) > maxBreaks) {
                m_drawn.clear();
                return;
            }
        }
        previousDay = day;
    }
    for (std::size_t k = 1; k < m_drawn.size(); ++k) {
        if ((static_cast<double>(m_drawn[k] - m_drawn[k - 1])) * pxPerBar < kMinSpacingPx) {
            m_drawn.clear();
            return;
        }
    }
    QPen pen(m_color, 1, Qt::DashLine);
    painter->setPen(pen);
    for (std::size_t i : m_drawn) {
        const double px = std::round(x->coordToPixel(static_cast<double>(i) - 0.5));
        painter->drawLine(QLineF(px, lines.top(), px, lines.bottom()));
    }
}

}  // namespace wick
