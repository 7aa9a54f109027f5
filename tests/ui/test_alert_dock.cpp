// The Alerts dock's place across restarts of the whole terminal (offscreen,
// one settings file): on a first start it sits under the watchlist, in the
// same column; a restart brings it back there; moved by the trader to the
// right of the chart, the next start shows it on the right. The window's
// layout is restored before the alerts dock exists (AlertsController adds
// it later), so this is what restoreDockWidget has to get right.
#include <cstdlib>
#include <functional>
#include <memory>

#include <QDockWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "AppController.h"
#include "MainWindow.h"
#include "alerts/AlertsController.h"
#include "alerts/AlertsDock.h"

using namespace wick;

namespace {

AppConfig offlineConfig(const QString &dataDir)
{
    AppConfig config;
    config.dataDir = dataDir;
    config.startFeed = false;
    SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.values.insert(QStringLiteral("seed"), 3);
    demo.values.insert(QStringLiteral("historyDays"), 1);
    demo.values.insert(QStringLiteral("symbols"), QStringList {QStringLiteral("BTCUSD")});
    return config;
}

struct Places {
    Qt::DockWidgetArea watchlistArea = Qt::NoDockWidgetArea;
    Qt::DockWidgetArea alertsArea = Qt::NoDockWidgetArea;
    QRect watchlist;
    QRect alerts;
};

}  // namespace

class TestAlertDock final : public QObject
{
    Q_OBJECT

private slots:
    void placeIsRestoredAfterARestart();

private:
    // One start of the terminal over dir's data and settings: where the two
    // docks are once the window is laid out; `move` runs before it closes.
    static Places start(const QString &dir, const std::function<void(MainWindow *)> &move = {});
};

Places TestAlertDock::start(const QString &dir, const std::function<void(MainWindow *)> &move)
{
    Places places;
    AppController app(offlineConfig(dir),
        std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat));
    MainWindow *window = app.window();
    window->resize(1280, 800);  // every start alike (the first has no saved geometry)
    window->show();
    auto *watchlist = window->findChild<QDockWidget *>(QStringLiteral("watchlistDock"));
    AlertsDock *alerts = app.alerts() ? app.alerts()->dock() : nullptr;
    if (!watchlist || !alerts)
        return places;
    if (!QTest::qWaitForWindowExposed(window) || !QTest::qWaitFor([&] {
            return alerts->isVisible() && watchlist->isVisible() && alerts->height() > 0;
        }))
        return places;
    places.watchlistArea = window->dockWidgetArea(watchlist);
    places.alertsArea = window->dockWidgetArea(alerts);
    places.watchlist = watchlist->geometry();
    places.alerts = alerts->geometry();
    if (move) {
        move(window);
        QTest::qWait(50);  // the layout settles before the window saves it
    }
    return places;
}

void TestAlertDock::placeIsRestoredAfterARestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const Places first = start(dir.path());
    QCOMPARE(first.watchlistArea, Qt::LeftDockWidgetArea);
    QCOMPARE(first.alertsArea, Qt::LeftDockWidgetArea);
    // Under the watchlist: the same column, below it.
    QCOMPARE(first.alerts.left(), first.watchlist.left());
    QVERIFY2(first.alerts.top() > first.watchlist.bottom(),
        qPrintable(QStringLiteral("alerts at %1, watchlist ends at %2")
                       .arg(first.alerts.top())
                       .arg(first.watchlist.bottom())));

    // Restarted: there again, at the height it had.
    const Places second = start(dir.path(), [](MainWindow *window) {
        auto *alerts = window->findChild<QDockWidget *>(QStringLiteral("alertsDock"));
        window->addDockWidget(Qt::RightDockWidgetArea, alerts);  // the trader drags it right
    });
    QCOMPARE(second.alertsArea, Qt::LeftDockWidgetArea);
    QCOMPARE(second.alerts.left(), second.watchlist.left());
    QVERIFY(second.alerts.top() > second.watchlist.bottom());
    QVERIFY2(std::abs(second.alerts.height() - first.alerts.height()) <= 2,
        qPrintable(
            QStringLiteral("%1 then %2").arg(first.alerts.height()).arg(second.alerts.height())));

    // Moved to the right before that run closed: on the right now.
    const Places third = start(dir.path());
    QCOMPARE(third.watchlistArea, Qt::LeftDockWidgetArea);
    QCOMPARE(third.alertsArea, Qt::RightDockWidgetArea);
    QVERIFY(third.alerts.left() > third.watchlist.right());
}

QTEST_MAIN(TestAlertDock)
#include "test_alert_dock.moc"
