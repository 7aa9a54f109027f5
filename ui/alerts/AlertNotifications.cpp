#include "alerts/AlertNotifications.h"

#include <cmath>

#include <QApplication>
#include <QDateTime>
#include <QSystemTrayIcon>
#include <QWidget>

#include <spdlog/spdlog.h>

#include "alerts/AlertNotifier.h"
#include "alerts/AlertService.h"

namespace wick {

namespace {

QString number(double value)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'g', 10);
}

}  // namespace

AlertNotifications::AlertNotifications(
    AlertService *service, QWidget *window, AlertNotifier *notifier, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_window(window)
    , m_notifier(notifier ? notifier : new AlertNotifier(QDBusConnection::sessionBus(), this))
{
    connect(m_service, &AlertService::fired, this, &AlertNotifications::onFired);
    connect(m_notifier, &AlertNotifier::unavailable, this,
        [this](const QString &, const QString &summary, const QString &body,
            const QString &reason) { fallBack(summary, body, reason); });
    connect(m_notifier, &AlertNotifier::activated, this, [this](const QString &ruleId) {
        if (m_window) {
            m_window->show();
            m_window->raise();
            m_window->activateWindow();
        }
        const auto it = m_lastShown.constFind(ruleId);
        if (it != m_lastShown.cend())
            emit openChart(it->fire.symbol, it->fire.timeframe, it->fire.barTime);
    });
}

QString AlertNotifications::summaryOf(const AlertLogEntry &entry)
{
    const QString code = entry.fire.symbol.section(QLatin1Char(':'), 1);
    return QStringLiteral("%1 %2: %3")
        .arg(code.isEmpty() ? entry.fire.symbol : code, timeframeName(entry.fire.timeframe),
            entry.condition);
}

QString AlertNotifications::bodyOf(const AlertLogEntry &entry)
{
    const AlertFire &f = entry.fire;
    const QString time
        = QDateTime::fromMSecsSinceEpoch(f.barTime, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm");
    QString body = tr("%1 vs %2 at the %3 UTC bar").arg(number(f.left), number(f.right), time);
    if (!std::isnan(f.close))
        body += tr(", close %1").arg(number(f.close));
    if (f.intrabar)
        body += tr(" (forming bar)");
    return body;
}

void AlertNotifications::onFired(const std::vector<AlertLogEntry> &entries)
{
    bool beep = false;
    for (const AlertLogEntry &entry : entries) {
        m_lastShown.insert(entry.fire.ruleId, entry);
        m_notifier->notify(entry.fire.ruleId, summaryOf(entry), bodyOf(entry));
        const AlertEntry *rule = m_service->rule(entry.fire.ruleId);
        beep = beep || (rule && rule->actions.sound);
    }
    if (beep) {
        ++m_beeps;
        QApplication::beep();
    }
}

void AlertNotifications::fallBack(
    const QString &summary, const QString &body, const QString &reason)
{
    ++m_fallbacks;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                if (m_window) {
                    m_window->raise();
                    m_window->activateWindow();
                }
            });
            m_tray->show();
        }
        m_tray->showMessage(summary, body, QSystemTrayIcon::Information, 10'000);
        return;
    }
    spdlog::info("alerts: shown in the log only (no notification service: {}, no tray): {} -- {}",
        reason.toStdString(), summary.toStdString(), body.toStdString());
}

}  // namespace wick
