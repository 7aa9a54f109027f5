#include "alerts/AlertsController.h"

#include <cmath>

#include <QStatusBar>
#include <QTimer>

#include "MainWindow.h"
#include "alerts/AlertMarks.h"
#include "alerts/AlertNotifications.h"
#include "alerts/AlertService.h"
#include "alerts/AlertsDock.h"
#include "alerts/ScannerWindow.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "model/SymbolRegistry.h"
#include "watchlist/WatchlistView.h"

namespace wick {

AlertsController::AlertsController(AlertService *service, MainWindow *window, MarketEngine *engine,
    std::shared_ptr<SymbolRegistry> symbols)
    : QObject(window)
    , m_service(service)
    , m_window(window)
    , m_symbols(std::move(symbols))
    , m_dock(new AlertsDock(service, window))
    , m_marks(new AlertMarks(window->chart(), m_symbols, this))
    , m_notifications(new AlertNotifications(service, window, nullptr, this))
    , m_engine(engine)
    , m_centreTimer(new QTimer(this))
{
    // Under the watchlist by default, so the chart keeps the window's height;
    // where the trader left it, at the size it had, once the window's saved
    // layout knows the dock (the layout was restored before the dock existed:
    // restoreDockWidget() puts it back in its place, restoring the layout again
    // gives the docks of its area their sizes).
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    if (window->restoreDockWidget(m_dock))
        window->restoreDockLayout();
    m_dock->setSymbolChoices(window->watchlistKeys());
    connect(window, &MainWindow::sessionChanged, this,
        [this] { m_dock->setSymbolChoices(m_window->watchlistKeys()); });
    connect(window->chart(), &ChartView::alertRequested, this, &AlertsController::addAlertAt);
    connect(window->chart(), &ChartView::indicatorAlertRequested, this,
        &AlertsController::addIndicatorAlert);
    connect(window->watchlistView(), &WatchlistView::alertRequested, this,
        &AlertsController::addSymbolAlert);
    connect(m_dock, &AlertsDock::openChart, this, &AlertsController::showBar);
    connect(m_dock, &AlertsDock::scannerRequested, this, &AlertsController::openScanner);
    connect(m_notifications, &AlertNotifications::openChart, this, &AlertsController::showBar);
    connect(
        service, &AlertService::logChanged, this, [this] { m_marks->setFires(m_service->log()); });
    connect(service, &AlertService::missedWhileOffline, this,
        [this](const std::vector<AlertLogEntry> &entries) {
            if (m_window)
                m_window->statusBar()->showMessage(
                    tr("%n alert(s) fired while Wick was closed: see Alerts > Log", nullptr,
                        int(entries.size())),
                    15'000);
        });
    m_marks->setFires(service->log());
    m_centreTimer->setInterval(100);
    connect(m_centreTimer, &QTimer::timeout, this, [this] {
        if (centre(m_centreOn) || ++m_centreTries > 50)
            m_centreTimer->stop();
    });
}

ScannerWindow *AlertsController::openScanner()
{
    if (!m_scanner) {
        m_scanner = new ScannerWindow(m_symbols, m_engine, m_window);
        m_scanner->setAttribute(Qt::WA_DeleteOnClose);
        m_scanner->setTimeframe(m_window->currentTimeframe());
        m_scanner->setSymbols(m_window->watchlistKeys());
        connect(m_window, &MainWindow::sessionChanged, m_scanner,
            [this] { m_scanner->setSymbols(m_window->watchlistKeys()); });
        connect(m_scanner, &ScannerWindow::openChart, this, &AlertsController::showBar);
    }
    m_scanner->show();
    m_scanner->raise();
    return m_scanner;
}

void AlertsController::addAlertAt(double price)
{
    if (!m_window)
        return;
    const SymbolId id = m_window->currentSymbol();
    openNewRule(
        id != kInvalidSymbol && id < m_symbols->size() ? m_symbols->symbol(id).key() : QString(),
        QStringLiteral("close crosses %1").arg(QString::number(price, 'g', 12)));
}

void AlertsController::addIndicatorAlert(const QString &operand, double value)
{
    if (!m_window)
        return;
    const SymbolId id = m_window->currentSymbol();
    // Without a value yet (warm-up) the level is left for the trader; the editor says so.
    const QString level = std::isfinite(value) ? QString::number(value, 'g', 6) : QString();
    openNewRule(
        id != kInvalidSymbol && id < m_symbols->size() ? m_symbols->symbol(id).key() : QString(),
        QStringLiteral("%1 crosses %2").arg(operand, level).trimmed());
}

void AlertsController::addSymbolAlert(SymbolId id, double last)
{
    if (!m_window || id == kInvalidSymbol || id >= m_symbols->size())
        return;
    const QString level = last > 0.0 ? QString::number(last, 'g', 12) : QString();
    openNewRule(
        m_symbols->symbol(id).key(), QStringLiteral("close crosses %1").arg(level).trimmed());
}

void AlertsController::openNewRule(const QString &symbolKey, const QString &condition)
{
    AlertEntry entry;
    entry.rule.symbol = symbolKey;
    entry.rule.timeframe = m_window->currentTimeframe();
    entry.rule.trigger = AlertTrigger::OncePerBarClose;
    QString error;
    if (!entry.rule.setText(condition, &error))
        entry.rule.text = condition;  // the editor shows it with the parser's message
    m_dock->setSymbolChoices(m_window->watchlistKeys());
    m_dock->show();
    m_dock->raise();
    m_dock->openEditor(entry);
}

void AlertsController::showBar(const QString &symbol, Timeframe timeframe, TimeMs barTime)
{
    if (!m_window)
        return;
    m_window->selectSymbol(symbol);
    m_window->setTimeframe(timeframe);
    m_centreOn = barTime;
    m_centreTries = 0;
    // The series may still be on its way from the engine: try until its bars are in.
    if (!centre(barTime))
        m_centreTimer->start();
}

bool AlertsController::centre(TimeMs barTime)
{
    ChartView *chart = m_window ? m_window->chart() : nullptr;
    const CandleDataAdapter *data = chart ? chart->candleData() : nullptr;
    const std::optional<std::size_t> index = data ? data->indexOfTime(barTime) : std::nullopt;
    if (!index)
        return false;
    QCPAxis *x = chart->plot()->axisRect(0)->axis(QCPAxis::atBottom);
    const double half = std::max(20.0, x->range().size() / 2.0);
    x->setRange(double(*index) - half, double(*index) + half);
    chart->plot()->replot(QCustomPlot::rpQueuedReplot);
    return true;
}

}  // namespace wick
