#include "feeds/yahoo/YahooJson.h"

#include <cmath>
#include <limits>

#include <QJsonDocument>
#include <QJsonParseError>

namespace wick::yahoo_json {

bool parseObject(QByteArrayView body, QJsonObject &out, ParseError &error)
{
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error
            = ParseError {QString(), QStringLiteral("malformed JSON: ") + parseError.errorString()};
        return false;
    }
    if (!document.isObject()) {
        error = ParseError {QString(), QStringLiteral("expected an object")};
        return false;
    }
    out = document.object();
    return true;
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a bool");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

ParseError wrongType(const QString &at, const char *expected, const QJsonValue &value)
{
    return ParseError {
        at, QStringLiteral("expected %1, got %2").arg(QLatin1String(expected), typeName(value))};
}

QString indexed(const QString &at, qsizetype index)
{
    return at + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString field(const QString &at, const char *key)
{
    return at.isEmpty() ? QString::fromLatin1(key) : at + QLatin1Char('.') + QLatin1String(key);
}

bool readNumber(
    const QJsonObject &o, const QString &at, const char *key, double &out, ParseError &error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (!v.isDouble()) {
        error = wrongType(field(at, key), "a number", v);
        return false;
    }
    out = v.toDouble();
    return true;
}

bool readString(
    const QJsonObject &o, const QString &at, const char *key, QString &out, ParseError &error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        out.clear();
        return true;
    }
    if (!v.isString()) {
        error = wrongType(field(at, key), "a string", v);
        return false;
    }
    out = v.toString();
    return true;
}

bool readSeconds(
    const QJsonObject &o, const QString &at, const char *key, TimeMs &out, ParseError &error)
{
    double seconds = 0.0;
    if (!readNumber(o, at, key, seconds, error))
        return false;
    if (std::isnan(seconds)) {
        out = 0;
        return true;
    }
    // Whole seconds within +-10^11 (year 5138): beyond, the ms would not be exact.
    if (seconds != std::floor(seconds) || std::fabs(seconds) > 1e11) {
        error = ParseError {field(at, key),
            QStringLiteral("expected whole unix seconds, got %1").arg(seconds, 0, 'g', 17)};
        return false;
    }
    out = TimeMs(seconds) * 1000;
    return true;
}

bool readUtcOffset(
    const QJsonObject &o, const QString &at, const char *key, int &out, ParseError &error)
{
    double seconds = 0.0;
    if (!readNumber(o, at, key, seconds, error))
        return false;
    if (std::isnan(seconds)) {
        out = 0;
        return true;
    }
    // Real offsets lie within UTC-12 and UTC+14; +-18 h is ISO 8601's bound.
    constexpr double kMaxOffset = 18 * 3600;
    if (seconds != std::floor(seconds) || std::fabs(seconds) > kMaxOffset) {
        error = ParseError {field(at, key),
            QStringLiteral("expected a UTC offset in whole seconds within +-18 h, got %1")
                .arg(seconds, 0, 'g', 17)};
        return false;
    }
    out = int(seconds);
    return true;
}

}  // namespace wick::yahoo_json
