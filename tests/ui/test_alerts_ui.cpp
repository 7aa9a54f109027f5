// ui/alerts in the running app (offscreen, the demo feed at 60x): "Add alert
// at <price>" from the chart's context menu opens the editor prefilled with
// the chart's symbol, timeframe and price, validates as typed, and the saved
// rule is in the alerts dock's list; a rule that fires on the next 1m close
// appears in the log dock and as a marker on the chart at its bar, and a
// double-click on the log line asks for the chart at that bar.
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <qcustomplot.h>

#include "AppController.h"
#include "MainWindow.h"
#include "alerts/AlertEditorDialog.h"
#include "alerts/AlertMarks.h"
#include "alerts/AlertService.h"
#include "alerts/AlertsController.h"
#include "alerts/AlertsDock.h"
#include "alerts/ScannerWindow.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/PaneLegend.h"
#include "model/SymbolRegistry.h"
#include "session/MarketSession.h"
#include "watchlist/WatchlistModel.h"
#include "watchlist/WatchlistView.h"

using namespace wick;

namespace {

// WICK_ALERTS_SHOTS=<dir>: the test also saves what it looked at, as PNGs.
void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("WICK_ALERTS_SHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace

class TestAlertsUi final : public QObject
{
    Q_OBJECT

private slots:
    void contextMenuAlertAndFiredMarker();
    void legendAndWatchlistAlerts();
};

void TestAlertsUi::contextMenuAlertAndFiredMarker()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppConfig config;
    config.dataDir = dir.path();
    SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.values.insert(QStringLiteral("seed"), 5);
    demo.values.insert(QStringLiteral("speed"), 60.0);
    // Four days: ACME, a stock, has at least one whole session among them
    // whatever the weekday (one day back from a Monday holds none).
    demo.values.insert(QStringLiteral("historyDays"), 4);
    demo.values.insert(QStringLiteral("symbols"),
        QStringList {QStringLiteral("BTCUSD"), QStringLiteral("ETHUSD"), QStringLiteral("SOLUSD"),
            QStringLiteral("ACME")});
    AppController app(config,
        std::make_unique<QSettings>(
            dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
    MainWindow *window = app.window();
    window->resize(1280, 800);
    window->show();
    QTRY_VERIFY_WITH_TIMEOUT(window->chart()->candleCount() > 0, 30'000);
    window->setTimeframe(Timeframe::M1);
    QTRY_VERIFY_WITH_TIMEOUT(window->chart()->candleCount() > 0, 30'000);
    AlertsController *alerts = app.alerts();
    QVERIFY(alerts);
    AlertsDock *dock = alerts->dock();
    QCOMPARE(dock->rulesTable()->rowCount(), 0);

    // The context menu at the middle of the price pane.
    ChartView *chart = window->chart();
    QCPAxisRect *rect = chart->plot()->axisRect(0);
    const QPoint at = rect->rect().center();
    QMenu *menu = chart->contextMenuAt(at);
    QAction *add = nullptr;
    for (QAction *action : menu->actions())
        if (action->text().startsWith(QStringLiteral("Add alert at ")))
            add = action;
    QVERIFY(add);
    QSignalSpy opened(dock, &AlertsDock::editorOpened);
    add->trigger();
    menu->deleteLater();
    QCOMPARE(opened.size(), 1);
    auto *editor = qobject_cast<AlertEditorDialog *>(opened[0][0].value<QDialog *>());
    QVERIFY(editor);
    const QString condition = editor->conditionEdit()->text();
    QVERIFY2(condition.startsWith(QStringLiteral("close crosses ")), qPrintable(condition));
    const double price = condition.mid(14).toDouble();
    QVERIFY2(add->text().endsWith(QString::number(price, 'f', 2)), qPrintable(add->text()));
    QVERIFY(rect->axis(QCPAxis::atRight)->range().contains(price));
    QVERIFY(editor->isValid());
    QCOMPARE(editor->entry().rule.symbol, QStringLiteral("demo:BTCUSD"));
    QCOMPARE(editor->entry().rule.timeframe, Timeframe::M1);
    QCOMPARE(editor->triggerLabel()->text(),
        AlertEditorDialog::triggerSentence(AlertTrigger::OncePerBarClose));
    // Live validation with the parser's message; OK comes back when it parses.
    editor->conditionEdit()->setText(QStringLiteral("RSI:14 > abc"));
    QVERIFY(!editor->isValid());
    QVERIFY2(editor->validationMessage().contains(QStringLiteral("unknown indicator abc")),
        qPrintable(editor->validationMessage()));
    editor->show();
    shoot(editor, QStringLiteral("alerts-editor-invalid.png"));
    editor->conditionEdit()->setText(QStringLiteral("MACD:12,26,9.bogus > 0"));
    QVERIFY2(editor->validationMessage().contains(QStringLiteral("no output 'bogus'")),
        qPrintable(editor->validationMessage()));
    editor->conditionEdit()->setText(condition);
    QVERIFY(editor->isValid());
    shoot(editor, QStringLiteral("alerts-editor.png"));
    editor->accept();
    QCOMPARE(dock->rulesTable()->rowCount(), 1);
    QCOMPARE(dock->rulesTable()->item(0, 1)->text(), QStringLiteral("demo:BTCUSD"));
    QCOMPARE(dock->rulesTable()->item(0, 3)->text(), condition);
    QCOMPARE(app.session()->alerts()->rules().size(), 1u);

    // A rule that holds at every close fires at the next 1m close (a second at 60x).
    AlertEntry always;
    always.rule.symbol = QStringLiteral("demo:BTCUSD");
    QString error;
    QVERIFY(always.rule.setText(QStringLiteral("close > 0"), &error));
    QVERIFY2(app.session()->alerts()->addRule(always, &error), qPrintable(error));
    QCOMPARE(dock->rulesTable()->rowCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(dock->logTable()->rowCount() >= 1, 20'000);
    QCOMPARE(dock->logTable()->item(0, 2)->text(), QStringLiteral("close > 0"));
    QVERIFY(dock->logTable()->item(0, 1)->text().startsWith(QStringLiteral("demo:BTCUSD 1m")));
    QTRY_VERIFY_WITH_TIMEOUT(alerts->marks()->visibleMarks() >= 1, 10'000);
    const TimeMs firedBar = app.session()->alerts()->log().back().fire.barTime;
    const auto marked = alerts->marks()->markedBars();
    QVERIFY(std::find(marked.begin(), marked.end(), firedBar) != marked.end());

    dock->tabs()->setCurrentIndex(1);
    QTest::qWait(2500);  // a few more closes in the log
    shoot(window, QStringLiteral("alerts-log.png"));
    QSignalSpy openChart(dock, &AlertsDock::openChart);
    emit dock->logTable()->cellDoubleClicked(0, 0);
    QCOMPARE(openChart.size(), 1);
    QCOMPARE(openChart[0][0].toString(), QStringLiteral("demo:BTCUSD"));
    QCOMPARE(openChart[0][1].value<Timeframe>(), Timeframe::M1);
    QCOMPARE(openChart[0][2].value<TimeMs>(), app.session()->alerts()->log().back().fire.barTime);

    // The scanner over the watchlist: a condition true at every bar holds on
    // every symbol, since the first bar it reads (the newest 500; ACME, a
    // stock, at least one 390-minute session of history).
    ScannerWindow *scanner = alerts->openScanner();
    QVERIFY(scanner->isVisible());
    scanner->setTimeframe(Timeframe::M1);
    scanner->setCondition(QStringLiteral("close > 0"));
    QTRY_VERIFY_WITH_TIMEOUT(scanner->results().size() == 4, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(scanner->table()->rowCount(), 4, 10'000);
    QStringList shown;
    for (int row = 0; row < 4; ++row)
        shown << scanner->table()->item(row, 0)->text();
    shown.sort();
    QCOMPARE(shown,
        (QStringList {QStringLiteral("demo:ACME"), QStringLiteral("demo:BTCUSD"),
            QStringLiteral("demo:ETHUSD"), QStringLiteral("demo:SOLUSD")}));
    for (const ScanResult &r : scanner->results()) {
        QVERIFY(r.holds);
        QVERIFY2(r.barsHeld == int(ScannerWindow::kBars)
                || (r.symbol == QStringLiteral("demo:ACME") && r.barsHeld >= 390),
            qPrintable(r.symbol + QLatin1Char(' ') + QString::number(r.barsHeld)));
        QVERIFY(r.since < r.lastBar);
    }
    QSignalSpy scannerOpens(scanner, &ScannerWindow::openChart);
    emit scanner->table()->cellDoubleClicked(0, 0);
    QCOMPARE(scannerOpens.size(), 1);
    QCOMPARE(scannerOpens[0][0].toString(), scanner->table()->item(0, 0)->text());
    // Sortable by value.
    scanner->table()->sortByColumn(2, Qt::DescendingOrder);
    QVERIFY(scanner->table()->item(0, 2)->text().toDouble()
        >= scanner->table()->item(3, 2)->text().toDouble());
    // A condition that does not parse says why.
    QSignalSpy scans(scanner, &ScannerWindow::scanned);
    scanner->setCondition(QStringLiteral("RSI:14 > abc"));
    QTRY_VERIFY(!scans.isEmpty());
    QCOMPARE(scanner->table()->rowCount(), 0);
    scanner->setCondition(QStringLiteral("close > SMA:20"));
    QTRY_VERIFY(scans.size() >= 2);
    shoot(scanner, QStringLiteral("alerts-scanner.png"));
}

// "Add alert on <indicator>" from an indicator pane's legend menu and "Add alert
// for <symbol>" from the watchlist's row menu open the editor on that operand at
// its last value (the chart's own number) and on that symbol at its last price.
void TestAlertsUi::legendAndWatchlistAlerts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppConfig config;
    config.dataDir = dir.path();
    SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.values.insert(QStringLiteral("seed"), 5);
    demo.values.insert(QStringLiteral("historyDays"), 1);
    demo.values.insert(QStringLiteral("symbols"),
        QStringList {QStringLiteral("BTCUSD"), QStringLiteral("ETHUSD")});
    AppController app(config,
        std::make_unique<QSettings>(
            dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
    MainWindow *window = app.window();
    window->resize(1280, 800);
    window->show();
    ChartView *chart = window->chart();
    QTRY_VERIFY_WITH_TIMEOUT(chart->candleCount() > 0, 30'000);
    chart->setIndicatorSpecs({QStringLiteral("RSI:14"), QStringLiteral("MACD:12,26,9")});
    QTRY_VERIFY_WITH_TIMEOUT(
        std::isfinite(chart->indicatorPanes()->lastValue(QStringLiteral("RSI:14"), 0)), 30'000);
    AlertsDock *dock = app.alerts()->dock();
    QSignalSpy opened(dock, &AlertsDock::editorOpened);

    // One output: the spec is the operand, its last value the level.
    QMenu *menu = chart->paneLegend()->menuFor(QStringLiteral("RSI:14"), chart);
    QList<QAction *> alerts;
    for (QAction *action : menu->actions())
        if (action->objectName() == QStringLiteral("legendAlert"))
            alerts << action;
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts[0]->text(), QStringLiteral("Add alert on RSI:14\u2026"));
    const double rsi = chart->indicatorPanes()->lastValue(QStringLiteral("RSI:14"), 0);
    alerts[0]->trigger();
    delete menu;
    QCOMPARE(opened.size(), 1);
    auto *editor = qobject_cast<AlertEditorDialog *>(opened[0][0].value<QDialog *>());
    QVERIFY(editor);
    QCOMPARE(editor->conditionEdit()->text(),
        QStringLiteral("RSI:14 crosses %1").arg(QString::number(rsi, 'g', 6)));
    QVERIFY2(editor->isValid(), qPrintable(editor->validationMessage()));
    QCOMPARE(editor->entry().rule.symbol, QStringLiteral("demo:BTCUSD"));
    editor->reject();

    // Several outputs: one action each, named as rules name them.
    menu = chart->paneLegend()->menuFor(QStringLiteral("MACD:12,26,9"), chart);
    QStringList texts;
    QAction *signal = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->objectName() != QStringLiteral("legendAlert"))
            continue;
        texts << action->text();
        if (action->text().contains(QStringLiteral(".signal")))
            signal = action;
    }
    QCOMPARE(texts.size(), 3);
    QVERIFY(signal);
    const double macdSignal = chart->indicatorPanes()->lastValue(QStringLiteral("MACD:12,26,9"), 1);
    signal->trigger();
    delete menu;
    QCOMPARE(opened.size(), 2);
    editor = qobject_cast<AlertEditorDialog *>(opened[1][0].value<QDialog *>());
    QCOMPARE(editor->conditionEdit()->text(),
        QStringLiteral("MACD:12,26,9.signal crosses %1").arg(QString::number(macdSignal, 'g', 6)));
    QVERIFY2(editor->isValid(), qPrintable(editor->validationMessage()));
    editor->reject();

    // The watchlist's row menu (a modal menu: picked from the popup once it shows).
    WatchlistView *list = window->watchlistView();
    QTableView *table = list->table();
    int ethRow = -1;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        if (table->model()->index(row, 0).data().toString().contains(QStringLiteral("ETHUSD")))
            ethRow = row;
    QVERIFY(ethRow >= 0);
    const std::optional<SymbolId> found
        = app.session()->symbols()->find(QStringLiteral("demo:ETHUSD"));
    QVERIFY(found);
    const SymbolId eth = *found;
    QTRY_VERIFY_WITH_TIMEOUT(window->watchlistModel()->quote(eth).has_value(), 20'000);
    QTimer::singleShot(200, this, [] {
        auto *popup = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QAction *pick = nullptr;
        if (popup)
            for (QAction *action : popup->actions())
                if (action->text() == QStringLiteral("Add alert for ETHUSD\u2026"))
                    pick = action;
        if (pick)
            pick->trigger();
        if (popup)
            popup->close();
    });
    QSignalSpy requested(list, &WatchlistView::alertRequested);
    const QRect cell = table->visualRect(table->model()->index(ethRow, 0));
    emit table->customContextMenuRequested(cell.center());
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested[0][0].value<SymbolId>(), eth);
    const double last = requested[0][1].toDouble();
    QVERIFY(last > 0.0);
    QCOMPARE(opened.size(), 3);
    editor = qobject_cast<AlertEditorDialog *>(opened[2][0].value<QDialog *>());
    QCOMPARE(editor->conditionEdit()->text(),
        QStringLiteral("close crosses %1").arg(QString::number(last, 'g', 12)));
    QCOMPARE(editor->entry().rule.symbol, QStringLiteral("demo:ETHUSD"));
    QVERIFY(editor->isValid());
    editor->reject();
}

QTEST_MAIN(TestAlertsUi)
#include "test_alerts_ui.moc"
