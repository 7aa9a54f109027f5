#include "FeaturesSidecar.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "features/FeatureSet.h"

namespace wick::cli {

namespace {

QJsonObject calendarJson(const Symbol &symbol)
{
    const SessionHours &hours = symbol.session;
    QJsonObject calendar {
        {QStringLiteral("time_zone"), QString::fromLatin1(symbol.timeZoneId)},
        {QStringLiteral("always_open"), hours.alwaysOpen},
    };
    if (!hours.alwaysOpen) {
        QJsonArray weekdays;
        for (int day = 1; day <= 7; ++day) {
            if (hours.weekdays & (1u << (day - 1)))
                weekdays.append(day);
        }
        calendar.insert(QStringLiteral("weekdays"), weekdays);  // ISO, 1 = Monday
        calendar.insert(QStringLiteral("open_minute"), hours.openMinute);
        calendar.insert(QStringLiteral("close_minute"), hours.closeMinute);
    }
    return calendar;
}

}  // namespace

QString marketOpenNote(const FeaturesRun &run)
{
    if (run.symbolKey.isEmpty())
        return QStringLiteral("empty: no --symbol given, so no market calendar");
    if (!run.calendar)
        return QStringLiteral("empty: no market calendar known for %1").arg(run.symbolKey);
    return QStringLiteral("from the session hours of %1").arg(run.calendar->key());
}

QByteArray featuresSidecar(const FeaturesRun &run)
{
    QJsonArray columns;
    columns.append(QJsonObject {
        {QStringLiteral("name"), QStringLiteral("ts")},
        {QStringLiteral("definition"), QStringLiteral("the bar's open time, unix seconds (UTC)")},
        {QStringLiteral("warm_up"), 0},
    });
    for (const FeatureColumn &column : featureColumns()) {
        columns.append(QJsonObject {
            {QStringLiteral("name"), QString::fromLatin1(column.name)},
            {QStringLiteral("definition"), QString::fromLatin1(column.definition)},
            {QStringLiteral("warm_up"), column.warmUp},
        });
    }
    QJsonObject source;
    if (!run.inputFile.isEmpty()) {
        source.insert(QStringLiteral("file"), run.inputFile);
    } else {
        source.insert(QStringLiteral("cache"), run.cacheFile);
        source.insert(QStringLiteral("timeframe"), run.timeframe);
    }
    QJsonObject root {
        {QStringLiteral("version"), QString::fromLatin1(kFeatureSetVersion)},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("symbol"),
            run.symbolKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(run.symbolKey)},
        {QStringLiteral("calendar"),
            run.calendar ? QJsonValue(calendarJson(*run.calendar)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("market_open"), marketOpenNote(run)},
        {QStringLiteral("source"), source},
        {QStringLiteral("bars"), qint64(run.bars)},
        {QStringLiteral("empty_fields"),
            QStringLiteral("warm-up rows (see warm_up) and undefined values; never back-filled")},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace wick::cli
