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

Bucket bucketAt(Timeframe tf, TimeMs t, const BarDays &days)
{
    if (isIntraday(tf)) {
        const TimeMs length = nominalDurationMs(tf);
        const TimeMs start = floorDiv(t, length) * length;
        return {start, start + length};
    }
    if (days.utc()) {
        if (tf == Timeframe::D1) {
            const TimeMs start = floorDiv(t, kDayMs) * kDayMs;
            return {start, start + kDayMs};
        }
        const TimeMs week = 7 * kDayMs;
        const TimeMs start = floorDiv(t - kFirstMondayMs, week) * week + kFirstMondayMs;
        return {start, start + week};
    }
    QDate date = days.sessionDate(t);
    int length = 1;
    if (tf == Timeframe::W1) {
        date = date.addDays(1 - date.dayOfWeek());
        length = 7;
    }
    Bucket bucket {days.dayStart(date), days.dayStart(date.addDays(length))};
    // A zone whose day start falls in a DST gap starts its day at the first
    // existing local time; keep the invariant start <= t < end regardless.
    if (bucket.start > t)
        bucket.start = t;
    if (bucket.end <= t)
        bucket.end = t + 1;
    return bucket;
}

BarDays BarDays::forex()
{
    return BarDays(QTimeZone(QByteArrayLiteral("America/New_York")), 17 * 60);
}

QDate BarDays::sessionDate(TimeMs t) const
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, zone);
    const QTime roll = QTime(0, 0).addSecs(rollMinute * 60);
    return rollMinute > 0 && local.time() >= roll ? local.date().addDays(1) : local.date();
}

TimeMs BarDays::dayStart(QDate day) const
{
    if (rollMinute == 0)
        return localMidnight(day, zone);
    return QDateTime(day.addDays(-1), QTime(0, 0).addSecs(rollMinute * 60), zone)
        .toMSecsSinceEpoch();
}

TimeframeCalendar::TimeframeCalendar(Timeframe tf, BarDays days)
    : m_timeframe(tf)
    , m_days(std::move(days))
    , m_cached {1, 0}  // empty: contains() is false for every t
{ }

Bucket TimeframeCalendar::refresh(TimeMs t) const
{
    m_cached = wick::bucketAt(m_timeframe, t, m_days);
    return m_cached;
}

}  // namespace wick
