#include "alerts/AlertRule.h"

#include <cmath>

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace wick {

QString alertTriggerName(AlertTrigger trigger)
{
    switch (trigger) {
    case AlertTrigger::Once:
        return QStringLiteral("once");
    case AlertTrigger::OncePerBar:
        return QStringLiteral("once-per-bar");
    case AlertTrigger::OncePerBarClose:
        break;
    }
    return QStringLiteral("once-per-bar-close");
}

std::optional<AlertTrigger> parseAlertTrigger(const QString &name)
{
    for (AlertTrigger t :
        {AlertTrigger::Once, AlertTrigger::OncePerBar, AlertTrigger::OncePerBarClose})
        if (name.compare(alertTriggerName(t), Qt::CaseInsensitive) == 0)
            return t;
    return std::nullopt;
}

bool AlertRule::setText(const QString &conditionText, QString *error)
{
    auto parsed = parseAlertCondition(conditionText, error);
    if (!parsed)
        return false;
    text = conditionText;
    condition = std::move(*parsed);
    return true;
}

QByteArray AlertRule::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("text"), text);
    o.insert(QStringLiteral("symbol"), symbol);
    o.insert(QStringLiteral("timeframe"), timeframeName(timeframe));
    o.insert(QStringLiteral("trigger"), alertTriggerName(trigger));
    o.insert(QStringLiteral("cooldownMs"), qint64(cooldownMs));
    o.insert(QStringLiteral("expiresAt"), qint64(expiresAt));
    o.insert(QStringLiteral("maxFires"), maxFires);
    o.insert(QStringLiteral("hysteresis"),
        std::isnan(hysteresis) ? QJsonValue(QJsonValue::Null) : QJsonValue(hysteresis));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<AlertRule> AlertRule::fromJson(QByteArrayView json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("rule JSON at offset %1: %2")
                  .arg(parseError.offset)
                  .arg(parseError.errorString())
            : QStringLiteral("rule JSON: not an object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const auto bad = [&](const char *key, const QString &why) {
        *error = QStringLiteral("rule JSON '%1': %2").arg(QLatin1StringView(key), why);
        return std::nullopt;
    };
    const auto string = [&](const char *key, QString &out) {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isUndefined())
            return true;
        if (!v.isString())
            return false;
        out = v.toString();
        return true;
    };
    // Whole numbers within +-2^53 (JSON numbers are doubles).
    const auto whole = [&](const char *key, qint64 min, qint64 &out) {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isUndefined())
            return true;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || d < double(min) || d > 9007199254740992.0)
            return false;
        out = qint64(d);
        return true;
    };

    AlertRule rule;
    QString text;
    QString timeframe = timeframeName(rule.timeframe);
    QString trigger = alertTriggerName(rule.trigger);
    if (!string("id", rule.id))
        return bad("id", QStringLiteral("must be a string"));
    if (!string("symbol", rule.symbol))
        return bad("symbol", QStringLiteral("must be a string"));
    if (!string("text", text) || text.isEmpty())
        return bad("text", QStringLiteral("must be the rule's condition text"));
    if (!string("timeframe", timeframe) || !parseTimeframe(timeframe))
        return bad("timeframe", QStringLiteral("must be one of 1m 5m 15m 30m 1h 4h 1d 1w"));
    rule.timeframe = *parseTimeframe(timeframe);
    if (!string("trigger", trigger) || !parseAlertTrigger(trigger))
        return bad("trigger", QStringLiteral("must be once, once-per-bar or once-per-bar-close"));
    rule.trigger = *parseAlertTrigger(trigger);
    qint64 cooldown = 0, expires = 0, maxFires = 0;
    if (!whole("cooldownMs", 0, cooldown))
        return bad("cooldownMs", QStringLiteral("must be a whole number of ms, 0 or more"));
    if (!whole("expiresAt", 0, expires))
        return bad("expiresAt", QStringLiteral("must be unix ms (0: never)"));
    if (!whole("maxFires", 0, maxFires) || maxFires > 1'000'000'000)
        return bad("maxFires", QStringLiteral("must be a whole number, 0 (no limit) or more"));
    rule.cooldownMs = cooldown;
    rule.expiresAt = expires;
    rule.maxFires = int(maxFires);
    const QJsonValue band = o.value(QStringLiteral("hysteresis"));
    if (band.isDouble() && band.toDouble() >= 0)
        rule.hysteresis = band.toDouble();
    else if (!band.isNull() && !band.isUndefined())
        return bad("hysteresis", QStringLiteral("must be a number, 0 or more, or null (off)"));
    QString why;
    if (!rule.setText(text, &why))
        return bad("text", why);
    return rule;
}

}  // namespace wick
