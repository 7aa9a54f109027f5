#include "model/Timeframe.h"

#include <QDateTime>

namespace wick {

namespace {

constexpr TimeMs floorDiv(TimeMs a, TimeMs b)
{
    const TimeMs q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// 1970-01-05, the first Monday after the epoch.
constexpr TimeMs kFirstMondayMs = 4 * kDayMs;

TimeMs localMidnight(QDate date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
}

}  // namespace

QString timeframeName(Timeframe tf)
{
    switch (tf) {
    case Timeframe::M1:
        return QStringLiteral("1m");
    case Timeframe::M5:
        return QStringLiteral("5m");
    case Timeframe::M15:
        return QStringLiteral("15m");
    case Timeframe::M30:
        return QStringLiteral("30m");
    case Timeframe::H1:
        return QStringLiteral("1h");
    case Timeframe::H4:
        return QStringLiteral("4h");
    case Timeframe::D1:
        return QStringLiteral("1d");
    case Timeframe::W1:
        return QStringLiteral("1w");
    }
    return {};
}

std::optional<Timeframe> parseTimeframe(QStringView name)
{
    for (Timeframe tf : kAllTimeframes) {
        if (name.compare(timeframeName(tf), Qt::CaseInsensitive) == 0)
            return tf;
    }
    return std::nullopt;
}

bool isIntraday(Timeframe tf)
{
    return tf != Timeframe::D1 && tf != Timeframe::W1;
}

TimeMs nominalDurationMs(Timeframe tf)
{
    switch (tf) {
    case Timeframe::M1:
        return kMinuteMs;
    case Timeframe::M5:
        return 5 * kMinuteMs;
    case Timeframe::M15:
        return 15 * kMinuteMs;
    case Timeframe::M30:
        return 30 * kMinuteMs;
    case Timeframe::H1:
        return kHourMs;
    case Timeframe::H4:
        return 4 * kHourMs;
    case Timeframe::D1:
        return kDayMs;
    case Timeframe::W1:
        return 7 * kDayMs;
    }
    return kMinuteMs;
}

Bucket bucketAt(Timeframe tf, TimeMs t, const QTimeZone &zone)
{
    if (isIntraday(tf)) {
        const TimeMs length = nominalDurationMs(tf);
        const TimeMs start = floorDiv(t, length) * length;
        return {start, start + length};
    }
    const bool utc = !zone.isValid() || zone == QTimeZone::utc();
    if (utc) {
        if (tf == Timeframe::D1) {
            const TimeMs start = floorDiv(t, kDayMs) * kDayMs;
            return {start, start + kDayMs};
        }
        const TimeMs week = 7 * kDayMs;
        const TimeMs start = floorDiv(t - kFirstMondayMs, week) * week + kFirstMondayMs;
        return {start, start + week};
    }
    QDate date = QDateTime::fromMSecsSinceEpoch(t, zone).date();
    int days = 1;
    if (tf == Timeframe::W1) {
        date = date.addDays(1 - date.dayOfWeek());
        days = 7;
    }
    Bucket bucket {localMidnight(date, zone), localMidnight(date.addDays(days), zone)};
    // A zone whose midnight falls in a DST gap starts its day at the first
    // existing local time; keep the invariant start <= t < end regardless.
    if (bucket.start > t)
        bucket.start = t;
    if (bucket.end <= t)
        bucket.end = t + 1;
    return bucket;
}

TimeframeCalendar::TimeframeCalendar(Timeframe tf, QTimeZone zone)
    : m_timeframe(tf)
    , m_zone(std::move(zone))
    , m_utc(!m_zone.isValid() || m_zone == QTimeZone::utc())
    , m_cached {1, 0}  // empty: contains() is false for every t
{ }

Bucket TimeframeCalendar::refresh(TimeMs t) const
{
    m_cached = wick::bucketAt(m_timeframe, t, m_utc ? QTimeZone::utc() : m_zone);
    return m_cached;
}

}  // namespace wick
