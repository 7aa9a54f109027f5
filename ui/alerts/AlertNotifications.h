// ui/alerts/AlertNotifications: what a live alert fire does on the desktop --
// a D-Bus notification (AlertNotifier), or the tray icon's message when no
// notification service answers, and the rule's sound (QApplication::beep:
// Qt Multimedia is not a dependency, so no QSoundEffect). Clicking the
// notification asks for the chart at the fired bar (openChart) and raises the
// window. Fires missed while offline are only listed (the log dock), never
// shown here. The alert log line is written by AlertService before any of
// this, shown or not. UI thread.
#pragma once

#include <QObject>
#include <QPointer>

#include "alerts/AlertEntry.h"

class QSystemTrayIcon;
class QWidget;

namespace wick {

class AlertNotifier;
class AlertService;

class AlertNotifications final : public QObject
{
    Q_OBJECT

public:
    // notifier: null makes one on the session bus. window: raised on a click.
    AlertNotifications(AlertService *service, QWidget *window, AlertNotifier *notifier = nullptr,
        QObject *parent = nullptr);

    AlertNotifier *notifier() const { return m_notifier; }
    // The notification's text for one fire.
    static QString summaryOf(const AlertLogEntry &entry);
    static QString bodyOf(const AlertLogEntry &entry);
    // How many fires beeped / fell back to the tray (or to the log alone) so far.
    int beeps() const { return m_beeps; }
    int fallbacks() const { return m_fallbacks; }

signals:
    void openChart(const QString &symbol, wick::Timeframe timeframe, wick::TimeMs barTime);

private:
    void onFired(const std::vector<AlertLogEntry> &entries);
    void fallBack(const QString &summary, const QString &body, const QString &reason);

    AlertService *m_service;
    QPointer<QWidget> m_window;
    AlertNotifier *m_notifier;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<QString, AlertLogEntry> m_lastShown;  // rule -> its last notified fire
    int m_beeps = 0;
    int m_fallbacks = 0;
};

}  // namespace wick
