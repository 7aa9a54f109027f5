#include "feeds/alphavantage/AlphaVantageParser.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTimeZone>

namespace wick {

namespace {

ParseError problem(const QString &field, const QString &what)
{
    return ParseError {field, what};
}

bool parseRoot(QByteArrayView body, QJsonObject &root, ParseError &error)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        error = problem({}, QStringLiteral("malformed JSON: ") + jsonError.errorString());
        return false;
    }
    if (!doc.isObject()) {
        error = problem({}, QStringLiteral("not a JSON object"));
        return false;
    }
    root = doc.object();
    return true;
}

AlphaVantageRefusal refusalOf(const QJsonObject &root, QString *message)
{
    auto said = [&](const char *key) {
        const QJsonValue v = root.value(QLatin1String(key));
        if (!v.isString())
            return false;
        if (message)
            *message = v.toString();
        return true;
    };
    // A body with data is never a refusal, whatever else it carries.
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key().startsWith(QLatin1String("Time Series"))
            || it.key() == QLatin1String("bestMatches"))
            return AlphaVantageRefusal::None;
    }
    if (said("Error Message"))
        return AlphaVantageRefusal::InvalidCall;
    if (said("Note"))
        return AlphaVantageRefusal::MinuteLimit;
    if (said("Information")) {
        const QString text
            = message ? *message : root.value(QLatin1String("Information")).toString();
        return text.contains(QLatin1String("per day"), Qt::CaseInsensitive)
                || text.contains(QLatin1String("daily"), Qt::CaseInsensitive)
            ? AlphaVantageRefusal::DailyLimit
            : AlphaVantageRefusal::Refused;
    }
    return AlphaVantageRefusal::None;
}

// The value of the key that ends with `name` ("3. low" for "low"; "4. close"
// but not "5. adjusted close" for "close").
QJsonValue suffixed(const QJsonObject &o, QLatin1StringView name)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString &key = it.key();
        const qsizetype dot = key.indexOf(QLatin1String(". "));
        if (QStringView(key).mid(dot < 0 ? 0 : dot + 2) == name)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool number(
    const QJsonObject &o, const QString &at, QLatin1StringView name, double &out, ParseError &error)
{
    const QJsonValue v = suffixed(o, name);
    bool ok = false;
    if (v.isString())
        out = v.toString().trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(out)) {
        error = problem(at + QLatin1Char('.') + name,
            v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not a number string"));
        return false;
    }
    return true;
}

QTimeZone zoneOf(const QString &name)
{
    // Alpha Vantage writes the old aliases; the IANA ids they stand for.
    if (name == QLatin1String("US/Eastern"))
        return QTimeZone(QByteArrayLiteral("America/New_York"));
    if (name.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0)
        return QTimeZone::utc();
    return QTimeZone(name.toUtf8());
}

}  // namespace

QString alphaVantageRefusalName(AlphaVantageRefusal refusal)
{
    switch (refusal) {
    case AlphaVantageRefusal::None:
        return QStringLiteral("none");
    case AlphaVantageRefusal::MinuteLimit:
        return QStringLiteral("per-minute limit");
    case AlphaVantageRefusal::DailyLimit:
        return QStringLiteral("daily limit");
    case AlphaVantageRefusal::Refused:
        return QStringLiteral("refused");
    case AlphaVantageRefusal::InvalidCall:
        return QStringLiteral("invalid call");
    }
    return {};
}

AlphaVantageRefusal alphaVantageRefusal(QByteArrayView body, QString *message)
{
    QJsonObject root;
    ParseError error;
    if (!parseRoot(body, root, error))
        return AlphaVantageRefusal::None;
    return refusalOf(root, message);
}

std::optional<Timeframe> alphaVantageTimeframe(QStringView interval)
{
    if (interval == u"1min")
        return Timeframe::M1;
    if (interval == u"5min")
        return Timeframe::M5;
    if (interval == u"15min")
        return Timeframe::M15;
    if (interval == u"30min")
        return Timeframe::M30;
    if (interval == u"60min")
        return Timeframe::H1;
    if (interval.compare(u"Daily", Qt::CaseInsensitive) == 0)
        return Timeframe::D1;
    return std::nullopt;
}

QString alphaVantageInterval(Timeframe timeframe)
{
    switch (timeframe) {
    case Timeframe::M1:
        return QStringLiteral("1min");
    case Timeframe::M5:
        return QStringLiteral("5min");
    case Timeframe::M15:
        return QStringLiteral("15min");
    case Timeframe::M30:
        return QStringLiteral("30min");
    case Timeframe::H1:
        return QStringLiteral("60min");
    default:
        return {};
    }
}

Parsed<AlphaVantageAnswer> parseAlphaVantageSeries(QByteArrayView body)
{
    QJsonObject root;
    ParseError error;
    if (!parseRoot(body, root, error))
        return error;
    AlphaVantageAnswer answer;
    answer.refusal = refusalOf(root, &answer.message);
    if (answer.refusal != AlphaVantageRefusal::None)
        return answer;
    QString seriesKey;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key().startsWith(QLatin1String("Time Series"))) {
            seriesKey = it.key();
            break;
        }
    }
    if (seriesKey.isEmpty())
        return problem(
            QStringLiteral("Time Series"), QStringLiteral("missing: neither data nor a refusal"));
    const QJsonValue meta = root.value(QLatin1String("Meta Data"));
    if (!meta.isObject())
        return problem(QStringLiteral("Meta Data"), QStringLiteral("missing or not an object"));
    const QJsonObject m = meta.toObject();
    AlphaVantageSeries &s = answer.series;
    s.symbol = suffixed(m, QLatin1StringView("Symbol")).toString();
    const QString zoneName = suffixed(m, QLatin1StringView("Time Zone")).toString();
    const QTimeZone zone = zoneOf(zoneName);
    if (!zone.isValid())
        return problem(QStringLiteral("Meta Data.Time Zone"),
            QStringLiteral("unknown time zone '%1'").arg(zoneName));
    s.timeZone = zone.id();
    const qsizetype open = seriesKey.indexOf(QLatin1Char('('));
    const qsizetype close = seriesKey.lastIndexOf(QLatin1Char(')'));
    s.interval = open >= 0 && close > open ? seriesKey.mid(open + 1, close - open - 1) : QString();
    const std::optional<Timeframe> timeframe = alphaVantageTimeframe(s.interval);
    if (!timeframe)
        return problem(seriesKey, QStringLiteral("an interval Wick does not hold"));
    s.timeframe = *timeframe;
    const bool daily = s.timeframe == Timeframe::D1;
    const QJsonValue points = root.value(seriesKey);
    if (!points.isObject())
        return problem(seriesKey, QStringLiteral("not an object"));
    const QJsonObject p = points.toObject();
    s.bars.reserve(std::size_t(p.size()));
    for (auto it = p.begin(); it != p.end(); ++it) {
        const QString at = seriesKey + QLatin1Char('.') + it.key();
        QDateTime local;
        if (daily) {
            const QDate date = QDate::fromString(it.key(), Qt::ISODate);
            if (date.isValid())
                local = QDateTime(date, QTime(0, 0), zone);
        } else {
            const QDateTime parsed
                = QDateTime::fromString(it.key(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            if (parsed.isValid())
                local = QDateTime(parsed.date(), parsed.time(), zone);
        }
        if (!local.isValid())
            return problem(at,
                QStringLiteral("not a %1 timestamp")
                    .arg(daily ? QStringLiteral("YYYY-MM-DD")
                               : QStringLiteral("YYYY-MM-DD HH:MM:SS")));
        if (!it.value().isObject())
            return problem(at, QStringLiteral("not an object"));
        const QJsonObject v = it.value().toObject();
        Bar bar;
        bar.time = local.toMSecsSinceEpoch();
        if (!number(v, at, QLatin1StringView("open"), bar.open, error)
            || !number(v, at, QLatin1StringView("high"), bar.high, error)
            || !number(v, at, QLatin1StringView("low"), bar.low, error)
            || !number(v, at, QLatin1StringView("close"), bar.close, error)
            || !number(v, at, QLatin1StringView("volume"), bar.volume, error))
            return error;
        s.bars.push_back(bar);
    }
    std::sort(
        s.bars.begin(), s.bars.end(), [](const Bar &a, const Bar &b) { return a.time < b.time; });
    return answer;
}

Parsed<AlphaVantageSearch> parseAlphaVantageSearch(QByteArrayView body)
{
    QJsonObject root;
    ParseError error;
    if (!parseRoot(body, root, error))
        return error;
    AlphaVantageSearch search;
    search.refusal = refusalOf(root, &search.message);
    if (search.refusal != AlphaVantageRefusal::None)
        return search;
    const QJsonValue best = root.value(QLatin1String("bestMatches"));
    if (!best.isArray())
        return problem(QStringLiteral("bestMatches"), QStringLiteral("missing or not an array"));
    const QJsonArray items = best.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString at = QStringLiteral("bestMatches[%1]").arg(i);
        if (!items[i].isObject())
            return problem(at, QStringLiteral("not an object"));
        const QJsonObject o = items[i].toObject();
        AlphaVantageMatch match;
        match.symbol = suffixed(o, QLatin1StringView("symbol")).toString().trimmed();
        match.name = suffixed(o, QLatin1StringView("name")).toString().trimmed();
        match.type = suffixed(o, QLatin1StringView("type")).toString().trimmed();
        match.region = suffixed(o, QLatin1StringView("region")).toString().trimmed();
        match.currency = suffixed(o, QLatin1StringView("currency")).toString().trimmed();
        match.matchScore = suffixed(o, QLatin1StringView("matchScore")).toString().toDouble();
        if (match.symbol.isEmpty())
            return problem(at + QStringLiteral(".symbol"), QStringLiteral("missing"));
        search.matches.push_back(std::move(match));
    }
    return search;
}

}  // namespace wick
