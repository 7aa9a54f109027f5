#include "alerts/AlertRule.h"

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

}  // namespace wick
