// ui/alerts/AlertNotifier: desktop notifications of alert fires over D-Bus
// (org.freedesktop.Notifications on the session bus, or on a bus the caller
// gives): the app name "Wick", a summary and a body, a default action that
// brings the chart to the front (activated), and one notification per rule --
// a rule's next fire replaces its previous one (replaces_id). Calls are
// asynchronous: the UI thread never waits for the bus. When no service
// answers, unavailable() says so (the caller falls back to the tray icon).
// UI thread.
#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QString>

namespace wick {

class AlertNotifier final : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kService = "org.freedesktop.Notifications";
    static constexpr const char *kPath = "/org/freedesktop/Notifications";
    static constexpr const char *kInterface = "org.freedesktop.Notifications";

    explicit AlertNotifier(
        QDBusConnection bus = QDBusConnection::sessionBus(), QObject *parent = nullptr);

    // Sends one notification for ruleId (replacing the rule's previous one).
    void notify(const QString &ruleId, const QString &summary, const QString &body);
    // The service's id of the rule's last notification (0: none yet).
    uint notificationId(const QString &ruleId) const { return m_ids.value(ruleId, 0); }

signals:
    void shown(const QString &ruleId, uint id);
    // No service took it (none on the bus, or an error): reason says what the bus said.
    void unavailable(
        const QString &ruleId, const QString &summary, const QString &body, const QString &reason);
    // The user clicked the notification (its default action).
    void activated(const QString &ruleId);

private slots:
    void onActionInvoked(uint id, const QString &action);

private:
    QDBusConnection m_bus;
    QHash<QString, uint> m_ids;  // rule -> its last notification
};

}  // namespace wick
