#include "chart/BarTimeTicker.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <QDateTime>

namespace wick {

namespace {

TimeMs floorDiv(TimeMs a, TimeMs b)
{
    const TimeMs q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct CivilDate {
    int year;
    int month;  // 1..12
    int day;  // 1..31
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// civil_from_days): label generation runs on every replot, QDate would be slower.
CivilDate civilFromDays(TimeMs days)
{
    days += 719468;
    const TimeMs era = (days >= 0 ? days : days - 146096) / 146097;
    const TimeMs doe = days - era * 146097;
    const TimeMs yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const TimeMs doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const TimeMs mp = (5 * doy + 2) / 153;
    const TimeMs d = doy - (153 * mp + 2) / 5 + 1;
    const TimeMs m = mp < 10 ? mp + 3 : mp - 9;
    const TimeMs y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return CivilDate {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

// Intraday levels and their length in minutes; they divide the day, so
// flooring wall-clock time by them lands on local boundaries.
constexpr std::array<TimeMs, 8> kIntradayMinutes = {1, 5, 15, 30, 60, 180, 360, 720};

}  // namespace

BarTimeTicker::BarTimeTicker(QCPAxis *axis)
    : m_axis(axis)
{ }

void BarTimeTicker::reset(const QTimeZone &zone, TimeMs shiftMs)
{
    m_zone = zone;
    m_shiftMs = shiftMs;
    m_zoneIsUtc = zone == QTimeZone::utc() || zone.id() == "UTC";
    m_offsets.clear();
    m_lastQuery = Query();
}

void BarTimeTicker::setSource(
    std::function<std::size_t()> count, std::function<TimeMs(std::size_t)> openTime)
{
    m_count = std::move(count);
    m_openTime = std::move(openTime);
}

TimeMs BarTimeTicker::toLocal(TimeMs utc) const
{
    if (m_zoneIsUtc)
        return utc;
    auto it = std::upper_bound(m_offsets.begin(), m_offsets.end(), utc,
        [](TimeMs t, const Offset &o) { return t < o.from; });
    if (it != m_offsets.begin() && utc < std::prev(it)->until)
        return utc + std::prev(it)->offsetMs;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(utc, QTimeZone::utc());
    Offset offset;
    offset.offsetMs = static_cast<TimeMs>(m_zone.offsetFromUtc(at)) * 1000;
    const QTimeZone::OffsetData next = m_zone.nextTransition(at);
    const QTimeZone::OffsetData previous = m_zone.previousTransition(at.addMSecs(1));
    offset.until = next.atUtc.isValid() ? next.atUtc.toMSecsSinceEpoch()
                                        : std::numeric_limits<TimeMs>::max();
    offset.from = previous.atUtc.isValid() ? previous.atUtc.toMSecsSinceEpoch()
                                           : std::numeric_limits<TimeMs>::min();
    if (offset.from > utc)
        offset.from = utc;
    if (offset.until <= utc)
        offset.until = utc + 1;
    // Keep the list sorted and disjoint: drop what the new interval overlaps.
    m_offsets.erase(
        std::remove_if(m_offsets.begin(), m_offsets.end(),
            [&](const Offset &o) { return o.from < offset.until && offset.from < o.until; }),
        m_offsets.end());
    m_offsets.insert(std::upper_bound(m_offsets.begin(), m_offsets.end(), offset.from,
                         [](TimeMs t, const Offset &o) { return t < o.from; }),
        offset);
    return utc + offset.offsetMs;
}

int BarTimeTicker::weightBetween(TimeMs a, TimeMs b)
{
    const TimeMs dayA = floorDiv(a, kDayMs);
    const TimeMs dayB = floorDiv(b, kDayMs);
    if (dayA != dayB) {
        const CivilDate da = civilFromDays(dayA);
        const CivilDate db = civilFromDays(dayB);
        if (da.year != db.year)
            return Year;
        if ((da.month - 1) / 3 != (db.month - 1) / 3)
            return Quarter;
        if (da.month != db.month)
            return Month;
        // Weeks start on Monday; 1970-01-01 was a Thursday.
        if (floorDiv(dayA + 3, 7) != floorDiv(dayB + 3, 7))
            return Week;
        return Day;
    }
    for (int level = Hour12; level >= Minute1; --level) {
        const TimeMs unit = kIntradayMinutes[static_cast<std::size_t>(level)] * kMinuteMs;
        if (floorDiv(a, unit) != floorDiv(b, unit))
            return level;
    }
    return -1;
}

QString BarTimeTicker::barTimeText(std::size_t index, bool withTime) const
{
    if (!m_openTime || index >= size())
        return QString();
    const TimeMs local = localTime(index);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(local, QTimeZone::utc());
    const QLocale locale;
    return locale.toString(at,
        withTime ? QStringLiteral("ddd dd MMM ''yy  HH:mm") : QStringLiteral("ddd dd MMM ''yy"));
}

QString BarTimeTicker::label(std::size_t index, int level) const
{
    const TimeMs local = localTime(index);
    const TimeMs day = floorDiv(local, kDayMs);
    const CivilDate date = civilFromDays(day);
    // Month names follow the application locale (German later), not the plot's C locale.
    const QLocale locale;
    switch (level) {
    case Year:
        return QString::number(date.year);
    case Quarter:
    case Month:
        return locale.monthName(date.month, QLocale::ShortFormat);
    case Week:
    case Day:
        return QString::number(date.day) + QLatin1Char(' ')
            + locale.monthName(date.month, QLocale::ShortFormat);
    default: {
        const TimeMs minuteOfDay = (local - day * kDayMs) / kMinuteMs;
        return QStringLiteral("%1:%2")
            .arg(minuteOfDay / 60, 2, 10, QLatin1Char('0'))
            .arg(minuteOfDay % 60, 2, 10, QLatin1Char('0'));
    }
    }
}

void BarTimeTicker::generate(const QCPRange &range, const QLocale &locale, QChar formatChar,
    int precision, QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels)
{
    Q_UNUSED(locale)
    Q_UNUSED(formatChar)
    Q_UNUSED(precision)
    ticks.clear();
    if (subTicks)
        subTicks->clear();
    if (tickLabels)
        tickLabels->clear();
    const auto count = static_cast<TimeMs>(size());
    if (count == 0 || range.size() <= 0.0)
        return;
    const TimeMs first = std::max<TimeMs>(0, static_cast<TimeMs>(std::ceil(range.lower)));
    const TimeMs last = std::min<TimeMs>(count - 1, static_cast<TimeMs>(std::floor(range.upper)));
    if (first > last)
        return;

    const double widthPx = m_axis && m_axis->axisRect() ? m_axis->axisRect()->width() : 0;
    const double pxPerBar = std::max(widthPx, 100.0) / range.size();
    const Query query {range.lower, range.upper, widthPx, count,
        m_openTime(static_cast<std::size_t>(first)), m_openTime(static_cast<std::size_t>(last))};
    if (query == m_lastQuery) {
        ticks = m_lastTicks;
        if (tickLabels)
            *tickLabels = m_lastLabels;
        return;
    }

    // Zoomed out, one candidate per stride of bars (about a pixel column): the
    // coarsest boundary inside the stride, placed and named at its last bar.
    TimeMs stride = 1;
    while (static_cast<double>(last - first + 1) / static_cast<double>(stride)
        > std::max(widthPx, 100.0))
        stride *= 2;

    struct Candidate {
        TimeMs index;
        int weight;
    };
    std::vector<Candidate> candidates;
    candidates.reserve(static_cast<std::size_t>((last - first) / stride + 2));
    std::array<int, LevelCount> perLevel {};
    for (TimeMs j = first / stride; j <= last / stride; ++j) {
        const TimeMs i = std::min(j * stride + stride - 1, count - 1);
        if (i < first || i > last)
            continue;
        const TimeMs previous = j * stride - 1;
        // The first bar starts a day as far as the chart knows.
        const int weight = previous < 0
            ? (stride == 1 ? static_cast<int>(Day) : -1)
            : weightBetween(localTime(static_cast<std::size_t>(previous)),
                localTime(static_cast<std::size_t>(i)));
        if (weight < 0)
            continue;
        candidates.push_back({i, weight});
        ++perLevel[static_cast<std::size_t>(weight)];
    }

    // The finest level whose boundaries are, on average, far enough apart.
    const double visiblePx = static_cast<double>(last - first + 1) * pxPerBar;
    int minLevel = Year;
    int atOrAbove = 0;
    for (int level = Year; level >= Minute1; --level) {
        atOrAbove += perLevel[static_cast<std::size_t>(level)];
        if (atOrAbove > 0 && visiblePx / atOrAbove < kMinLabelSpacingPx)
            break;
        minLevel = level;
    }

    // Coarser boundaries first; a finer one only where it does not crowd them
    // (a session open 30 minutes before the next full hour, say).
    std::stable_sort(candidates.begin(), candidates.end(),
        [](const Candidate &a, const Candidate &b) { return a.weight > b.weight; });
    std::vector<Candidate> placed;
    for (const Candidate &c : candidates) {
        if (c.weight < minLevel)
            break;
        const bool crowded = std::any_of(placed.begin(), placed.end(), [&](const Candidate &p) {
            return std::abs(static_cast<double>(p.index - c.index)) * pxPerBar
                < kMinLabelSpacingPx * 0.8;
        });
        if (!crowded)
            placed.push_back(c);
    }
    std::sort(placed.begin(), placed.end(),
        [](const Candidate &a, const Candidate &b) { return a.index < b.index; });

    ticks.reserve(static_cast<int>(placed.size()));
    QVector<QString> labels;
    labels.reserve(static_cast<int>(placed.size()));
    for (const Candidate &c : placed) {
        ticks.append(static_cast<double>(c.index));
        labels.append(label(static_cast<std::size_t>(c.index), c.weight));
    }
    if (tickLabels)
        *tickLabels = labels;
    m_lastQuery = query;
    m_lastTicks = ticks;
    m_lastLabels = labels;
}

}  // namespace wick
