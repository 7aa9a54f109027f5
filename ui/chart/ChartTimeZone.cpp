#include "chart/ChartTimeZone.h"

#include <QDateTime>
#include <QLocale>

#include <spdlog/spdlog.h>

namespace wick {

namespace {

const QString kExchangeId = QStringLiteral("exchange");
const QString kLocalId = QStringLiteral("local");
const QString kUtcId = QStringLiteral("UTC");

QString lastPart(const QByteArray &id)
{
    const QString text = QString::fromLatin1(id);
    const qsizetype slash = text.lastIndexOf(QLatin1Char('/'));
    QString part = slash < 0 ? text : text.mid(slash + 1);
    part.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (part == QLatin1String("New York"))
        return QStringLiteral("NY");
    return part;
}

}  // namespace

std::optional<ChartTimeZone> ChartTimeZone::named(const QByteArray &ianaId)
{
    if (ianaId == "UTC" || ianaId == "Etc/UTC")
        return utc();
    if (!QTimeZone::isTimeZoneIdAvailable(ianaId))
        return std::nullopt;
    return ChartTimeZone(Kind::Named, ianaId);
}

std::optional<ChartTimeZone> ChartTimeZone::fromId(const QString &id)
{
    if (id.isEmpty() || id == kExchangeId)
        return exchange();
    if (id == kLocalId)
        return local();
    if (id == kUtcId)
        return utc();
    std::optional<ChartTimeZone> zone = named(id.toLatin1());
    if (!zone)
        spdlog::warn("chart: unknown time zone '{}'", id.toStdString());
    return zone;
}

QString ChartTimeZone::id() const
{
    switch (m_kind) {
    case Kind::Exchange:
        return kExchangeId;
    case Kind::Local:
        return kLocalId;
    case Kind::Utc:
        return kUtcId;
    case Kind::Named:
        return QString::fromLatin1(m_ianaId);
    }
    return kExchangeId;
}

QStringList ChartTimeZone::commonZoneIds()
{
    return {QStringLiteral("America/New_York"), QStringLiteral("America/Chicago"),
        QStringLiteral("America/Los_Angeles"), QStringLiteral("Europe/London"),
        QStringLiteral("Europe/Berlin"), QStringLiteral("Asia/Tokyo"),
        QStringLiteral("Asia/Hong_Kong"), QStringLiteral("Asia/Singapore"),
        QStringLiteral("Australia/Sydney")};
}

QString ChartTimeZone::displayName(const Symbol &symbol) const
{
    switch (m_kind) {
    case Kind::Exchange:
        return tr("Exchange (%1)").arg(QString::fromLatin1(zoneFor(symbol).id()));
    case Kind::Local:
        return tr("Local (%1)").arg(QString::fromLatin1(QTimeZone::systemTimeZoneId()));
    case Kind::Utc:
        return kUtcId;
    case Kind::Named:
        return QString::fromLatin1(m_ianaId);
    }
    return {};
}

QString ChartTimeZone::shortName(const Symbol &symbol) const
{
    const QTimeZone zone = zoneFor(symbol);
    if (zone == QTimeZone::utc() || zone.id() == "UTC")
        return kUtcId;
    return lastPart(zone.id());
}

QTimeZone ChartTimeZone::zoneFor(const Symbol &symbol) const
{
    switch (m_kind) {
    case Kind::Exchange:
        return symbol.timeZone();
    case Kind::Local:
        return QTimeZone::systemTimeZone();
    case Kind::Utc:
        return QTimeZone::utc();
    case Kind::Named: {
        QTimeZone zone(m_ianaId);
        return zone.isValid() ? zone : QTimeZone::utc();
    }
    }
    return QTimeZone::utc();
}

QTimeZone ChartTimeZone::axisZone(const Symbol &symbol, Timeframe timeframe) const
{
    return isIntraday(timeframe) ? zoneFor(symbol) : symbol.barDays().zone;
}

QString ChartTimeZone::format(TimeMs barTime, Timeframe timeframe, const Symbol &symbol) const
{
    const QLocale locale;
    if (!isIntraday(timeframe))
        return locale.toString(
            symbol.barDays().sessionDate(barTime), QStringLiteral("ddd d MMM yyyy"));
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(barTime, axisZone(symbol, timeframe));
    return locale.toString(at, QStringLiteral("ddd d MMM yyyy HH:mm"));
}

}  // namespace wick
