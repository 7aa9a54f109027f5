#include "chart/ExtendedHoursShade.h"

#include <cmath>
#include <limits>

#include "chart/CandleDataAdapter.h"
#include "quality/SymbolMarket.h"

namespace wick {

namespace {

// The regular session of a bar's session day, looked up once per day (bars
// come in time order).
class SessionOf
{
public:
    explicit SessionOf(const MarketCalendar &calendar)
        : m_calendar(calendar)
    { }

    // True when t lies outside the regular session of a day that has one.
    bool extended(TimeMs t)
    {
        if (t < m_dayFrom || t >= m_dayUntil) {
            const QDate day = m_calendar.sessionDay(t);
            const QDateTime start(day, QTime(0, 0), m_calendar.zone());
            m_dayFrom = start.toMSecsSinceEpoch();
            m_dayUntil = start.addDays(1).toMSecsSinceEpoch();
            m_session = m_calendar.sessionOn(day);
        }
        return m_session && (t < m_session->open || t >= m_session->close);
    }

private:
    const MarketCalendar &m_calendar;
    TimeMs m_dayFrom = 0;
    TimeMs m_dayUntil = 0;
    std::optional<TradingSession> m_session;
};

}  // namespace

ExtendedHoursShade::ExtendedHoursShade(
    QCustomPlot *plot, QCPAxisRect *rect, const CandleDataAdapter *candles, const QString &layer)
    : QCPLayerable(plot, layer)
    , m_rect(rect)
    , m_candles(candles)
{ }

void ExtendedHoursShade::setSeries(const Symbol &symbol, Timeframe timeframe)
{
    m_calendar.reset();
    m_drawn.clear();
    if (!isIntraday(timeframe))
        return;
    std::optional<MarketCalendar> calendar = calendarFor(symbol);
    if (calendar && calendar->market() == Market::UsEquity)
        m_calendar = std::move(calendar);
}

QRect ExtendedHoursShade::clipRect() const
{
    return m_area ? m_area() : m_rect->rect();
}

void ExtendedHoursShade::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(false);
}

void ExtendedHoursShade::draw(QCPPainter *painter)
{
    m_drawn.clear();
    const std::size_t count = m_candles->size();
    if (!m_calendar || count == 0)
        return;
    const QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
    const QCPRange range = x->range();
    const QRect area = m_rect->rect();
    const auto first = static_cast<std::size_t>(std::max(0.0, std::ceil(range.lower - 0.5)));
    const auto last = static_cast<std::size_t>(
        std::clamp(std::floor(range.upper + 0.5), 0.0, static_cast<double>(count - 1)));
    if (first > last || static_cast<double>(last - first) > area.width() * kMaxBarsPerPx)
        return;
    SessionOf session(*m_calendar);
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t runStart = kNone;
    for (std::size_t i = first; i <= last; ++i) {
        const bool extended = session.extended(m_candles->bar(i).time);
        if (extended && runStart == kNone)
            runStart = i;
        if (!extended && runStart != kNone) {
            m_drawn.emplace_back(runStart, i - 1);
            runStart = kNone;
        }
    }
    if (runStart != kNone)
        m_drawn.emplace_back(runStart, last);
    if (m_drawn.empty())
        return;
    const QRect band = clipRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    for (const auto &[from, to] : m_drawn) {
        const double left = std::round(x->coordToPixel(static_cast<double>(from) - 0.5));
        const double right = std::round(x->coordToPixel(static_cast<double>(to) + 0.5));
        painter->drawRect(QRectF(left, band.top(), right - left, band.height()));
    }
}

}  // namespace wick
