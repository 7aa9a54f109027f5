#include "alerts/AlertEntry.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace wick {

QByteArray AlertActions::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("sound"), sound);
    o.insert(QStringLiteral("webhookUrl"), webhookUrl);
    o.insert(QStringLiteral("webhookTemplate"), webhookTemplate);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<AlertActions> AlertActions::fromJson(QByteArrayView json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("alert actions: not a JSON object (%1)")
                     .arg(parseError.error == QJsonParseError::NoError ? QStringLiteral("array")
                                                                       : parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    AlertActions actions;
    actions.sound = o.value(QStringLiteral("sound")).toBool(false);
    actions.webhookUrl = o.value(QStringLiteral("webhookUrl")).toString();
    actions.webhookTemplate = o.value(QStringLiteral("webhookTemplate")).toString();
    return actions;
}

}  // namespace wick
