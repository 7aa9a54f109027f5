// ui/alerts/AlertsController: the alerts in the window -- the alerts dock,
// desktop notifications, markers on the chart, "Add alert at <price>" from
// the chart's context menu (an editor prefilled with the chart's symbol,
// timeframe and `close crosses <price>`), and "open the chart at that bar"
// from the log and from a clicked notification. Owned by the window; talks to
// the session's AlertService. UI thread.
#pragma once

#include <memory>

#include <QObject>
#include <QPointer>

#include "model/Timeframe.h"
#include "model/Types.h"

class QTimer;

namespace wick {

class AlertMarks;
class AlertNotifications;
class AlertService;
class AlertsDock;
class MainWindow;
class MarketEngine;
class ScannerWindow;
class SymbolRegistry;

class AlertsController final : public QObject
{
    Q_OBJECT

public:
    AlertsController(AlertService *service, MainWindow *window, MarketEngine *engine,
        std::shared_ptr<SymbolRegistry> symbols);

    AlertsDock *dock() const { return m_dock; }
    AlertMarks *marks() const { return m_marks; }
    AlertNotifications *notifications() const { return m_notifications; }
    // The scanner window over the watchlist (made on first use).
    ScannerWindow *openScanner();
    // Opens the editor for a new rule on the chart's series at this price.
    void addAlertAt(double price);
    // The indicator legend's "Add alert on RSI:14": that operand crossing its last value.
    void addIndicatorAlert(const QString &operand, double value);
    // The watchlist's "Add alert for CODE": its close crossing its last price.
    void addSymbolAlert(SymbolId id, double last);
    // Shows symbol and timeframe on the chart, centred on the bar (once it is loaded).
    void showBar(const QString &symbol, Timeframe timeframe, TimeMs barTime);

private:
    // Opens the editor on a new bar-close rule for symbolKey with this condition.
    void openNewRule(const QString &symbolKey, const QString &condition);
    bool centre(TimeMs barTime);

    AlertService *m_service;
    QPointer<MainWindow> m_window;
    std::shared_ptr<SymbolRegistry> m_symbols;
    AlertsDock *m_dock;
    AlertMarks *m_marks;
    AlertNotifications *m_notifications;
    MarketEngine *m_engine;
    QPointer<ScannerWindow> m_scanner;
    QTimer *m_centreTimer;
    TimeMs m_centreOn = 0;
    int m_centreTries = 0;
};

}  // namespace wick
