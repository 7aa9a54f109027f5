#include "alerts/AlertNotifier.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

#include <spdlog/spdlog.h>

namespace wick {

AlertNotifier::AlertNotifier(QDBusConnection bus, QObject *parent)
    : QObject(parent)
    , m_bus(std::move(bus))
{
    if (m_bus.isConnected())
        m_bus.connect(QString::fromLatin1(kService), QString::fromLatin1(kPath),
            QString::fromLatin1(kInterface), QStringLiteral("ActionInvoked"), this,
            SLOT(onActionInvoked(uint, QString)));
}

void AlertNotifier::notify(const QString &ruleId, const QString &summary, const QString &body)
{
    if (!m_bus.isConnected()) {
        emit unavailable(ruleId, summary, body, QStringLiteral("no D-Bus session bus"));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService),
        QString::fromLatin1(kPath), QString::fromLatin1(kInterface), QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("wick"));
    hints.insert(QStringLiteral("category"), QStringLiteral("x-wick.alert"));
    call << QStringLiteral("Wick") << m_ids.value(ruleId, 0u) << QStringLiteral("wick") << summary
         << body << QStringList {QStringLiteral("default"), tr("Open chart")} << hints
         << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
        [this, ruleId, summary, body](QDBusPendingCallWatcher *w) {
            w->deleteLater();
            const QDBusPendingReply<uint> reply = *w;
            if (reply.isError()) {
                const QString reason
                    = reply.error().name() + QStringLiteral(": ") + reply.error().message();
                spdlog::info("alerts: no desktop notification for rule {} ({})",
                    ruleId.toStdString(), reason.toStdString());
                emit unavailable(ruleId, summary, body, reason);
                return;
            }
            m_ids.insert(ruleId, reply.value());
            emit shown(ruleId, reply.value());
        });
}

void AlertNotifier::onActionInvoked(uint id, const QString &action)
{
    if (action != QLatin1String("default"))
        return;
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it) {
        if (it.value() == id) {
            emit activated(it.key());
            return;
        }
    }
}

}  // namespace wick
