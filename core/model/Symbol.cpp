#include "model/Symbol.h"

#include <QDateTime>

namespace wick {

QString assetClassName(AssetClass assetClass)
{
    switch (assetClass) {
    case AssetClass::Crypto:
        return QStringLiteral("Crypto");
    case AssetClass::Equity:
        return QStringLiteral("Equity");
    case AssetClass::Index:
        return QStringLiteral("Index");
    case AssetClass::Forex:
        return QStringLiteral("Forex");
    case AssetClass::Future:
        return QStringLiteral("Future");
    }
    return QStringLiteral("Unknown");
}

bool SessionHours::isOpen(int isoWeekday, int minuteOfDay) const
{
    if (alwaysOpen)
        return true;
    if (isoWeekday < 1 || isoWeekday > 7 || !(weekdays & (1u << (isoWeekday - 1))))
        return false;
    return minuteOfDay >= openMinute && minuteOfDay < closeMinute;
}

QTimeZone Symbol::timeZone() const
{
    if (timeZoneId.isEmpty() || timeZoneId == "UTC")
        return QTimeZone::utc();
    QTimeZone zone(timeZoneId);
    return zone.isValid() ? zone : QTimeZone::utc();
}

BarDays Symbol::barDays() const
{
    if (assetClass == AssetClass::Forex)
        return BarDays::forex();
    return BarDays(timeZone());
}

bool Symbol::isOpenAt(TimeMs time) const
{
    if (session.alwaysOpen)
        return true;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(time, timeZone());
    const QTime clock = local.time();
    return session.isOpen(local.date().dayOfWeek(), clock.hour() * 60 + clock.minute());
}

}  // namespace wick
