// ui/alerts: desktop notifications of alert fires on a private D-Bus daemon
// (started here with a minimal configuration: no service activation, so no
// notification daemon of the machine can answer) with a small
// org.freedesktop.Notifications service written below. A notification carries
// the app name, summary, body and the default action; a rule's next fire
// replaces its previous notification; the default action asks for the chart;
// with no service on the bus the fire falls back (tray or log line) and is
// still in the alert log, and the rule's sound beeps.
#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "alerts/AlertNotifications.h"
#include "alerts/AlertNotifier.h"
#include "alerts/AlertService.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

struct NotifyCall {
    QString app;
    uint replaces = 0;
    QString summary;
    QString body;
    QStringList actions;
};

}  // namespace

// The notification server side of the spec, as much as the notifier uses.
class TestNotificationService final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    std::vector<NotifyCall> calls;

public slots:
    uint Notify(const QString &app, uint replaces, const QString &, const QString &summary,
        const QString &body, const QStringList &actions, const QVariantMap &, int)
    {
        calls.push_back(NotifyCall {app, replaces, summary, body, actions});
        return replaces != 0 ? replaces : ++m_next;
    }

private:
    uint m_next = 40;
};

class TestAlertNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void notifiesAndReplacesPerRule();
    void defaultActionAsksForTheChart();
    void noServiceFallsBackAndStillLogs();

private:
    QDBusConnection bus(const QString &name)
    {
        return QDBusConnection::connectToBus(m_address, name);
    }
    bool registerService();

    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    TestNotificationService m_service;
};

void TestAlertNotifier::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed (Debian: dbus-daemon; scripts/setup installs it)");
    QVERIFY(m_dir.isValid());
    const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
        "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
        "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
        "<allow eavesdrop=\"true\"/><allow own=\"*\"/>"
        "</policy></busconfig>\n")
                   .arg(m_dir.path())
                   .toUtf8());
    file.close();
    m_daemon.start(daemon,
        {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
            QStringLiteral("--print-address=1")});
    QVERIFY2(m_daemon.waitForStarted(5000), qPrintable(m_daemon.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_daemon.canReadLine(), 10'000);
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY2(m_address.startsWith(QStringLiteral("unix:")), qPrintable(m_address));
    QVERIFY(bus(QStringLiteral("service")).isConnected());
}

void TestAlertNotifier::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(QStringLiteral("service"));
    QDBusConnection::disconnectFromBus(QStringLiteral("client"));
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        m_daemon.waitForFinished(5000);
    }
}

bool TestAlertNotifier::registerService()
{
    QDBusConnection service = bus(QStringLiteral("service"));
    if (service.interface()->isServiceRegistered(QString::fromLatin1(AlertNotifier::kService)))
        return true;
    return service.registerObject(QString::fromLatin1(AlertNotifier::kPath), &m_service,
               QDBusConnection::ExportAllSlots)
        && service.registerService(QString::fromLatin1(AlertNotifier::kService));
}

void TestAlertNotifier::notifiesAndReplacesPerRule()
{
    QVERIFY(registerService());
    m_service.calls.clear();
    AlertNotifier notifier(bus(QStringLiteral("client")));
    QSignalSpy shown(&notifier, &AlertNotifier::shown);
    notifier.notify(QStringLiteral("r1"), QStringLiteral("BTCUSDT 1m: close > 100"),
        QStringLiteral("101.5 vs 100"));
    QTRY_COMPARE(shown.size(), 1);
    QCOMPARE(m_service.calls.size(), 1u);
    const NotifyCall first = m_service.calls[0];
    QCOMPARE(first.app, QStringLiteral("Wick"));
    QCOMPARE(first.replaces, 0u);
    QCOMPARE(first.summary, QStringLiteral("BTCUSDT 1m: close > 100"));
    QCOMPARE(first.body, QStringLiteral("101.5 vs 100"));
    QCOMPARE(first.actions.value(0), QStringLiteral("default"));
    const uint id = shown[0][1].toUInt();
    QCOMPARE(notifier.notificationId(QStringLiteral("r1")), id);
    // The same rule again replaces its notification; another rule gets its own.
    notifier.notify(QStringLiteral("r1"), QStringLiteral("again"), QString());
    notifier.notify(QStringLiteral("r2"), QStringLiteral("other"), QString());
    QTRY_COMPARE(shown.size(), 3);
    QCOMPARE(m_service.calls[1].replaces, id);
    QCOMPARE(m_service.calls[2].replaces, 0u);
    QVERIFY(notifier.notificationId(QStringLiteral("r2")) != id);
}

void TestAlertNotifier::defaultActionAsksForTheChart()
{
    QVERIFY(registerService());
    AlertNotifier notifier(bus(QStringLiteral("client")));
    QSignalSpy shown(&notifier, &AlertNotifier::shown);
    QSignalSpy activated(&notifier, &AlertNotifier::activated);
    notifier.notify(QStringLiteral("r7"), QStringLiteral("s"), QStringLiteral("b"));
    QTRY_COMPARE(shown.size(), 1);
    QDBusMessage signal = QDBusMessage::createSignal(QString::fromLatin1(AlertNotifier::kPath),
        QString::fromLatin1(AlertNotifier::kInterface), QStringLiteral("ActionInvoked"));
    signal << notifier.notificationId(QStringLiteral("r7")) << QStringLiteral("default");
    QVERIFY(bus(QStringLiteral("service")).send(signal));
    QTRY_COMPARE(activated.size(), 1);
    QCOMPARE(activated[0][0].toString(), QStringLiteral("r7"));
}

void TestAlertNotifier::noServiceFallsBackAndStillLogs()
{
    QDBusConnection service = bus(QStringLiteral("service"));
    service.unregisterService(QString::fromLatin1(AlertNotifier::kService));
    QTRY_VERIFY(
        !service.interface()->isServiceRegistered(QString::fromLatin1(AlertNotifier::kService)));

    auto symbols = std::make_shared<SymbolRegistry>();
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = QStringLiteral("A");
    const SymbolId a = symbols->intern(s);
    auto clock = std::make_shared<ManualClock>(kT0 + 60 * kMinuteMs + 30'000);
    MarketEngine engine(symbols);
    engine.setCloseClock(clock);
    engine.setManualPublish(true);
    std::vector<Bar> history;
    for (int i = 0; i < 60; ++i)
        history.push_back(Bar {kT0 + i * kMinuteMs, 100, 100, 100, 100, 1, 1});
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(history));
    AlertService alerts(
        &engine, nullptr, nullptr, [&](const QString &key) { return symbols->find(key); }, clock);
    auto *notifier = new AlertNotifier(bus(QStringLiteral("client")));
    AlertNotifications notifications(&alerts, nullptr, notifier);
    notifier->setParent(&notifications);
    QSignalSpy unavailable(notifier, &AlertNotifier::unavailable);
    AlertEntry entry;
    entry.rule.symbol = QStringLiteral("test:A");
    entry.actions.sound = true;
    QString error;
    QVERIFY(entry.rule.setText(QStringLiteral("close > 105"), &error));
    QVERIFY2(alerts.addRule(entry, &error), qPrintable(error));
    QCoreApplication::processEvents();
    clock->set(kT0 + 61 * kMinuteMs + 1000);
    engine.loadHistory(a,
        std::make_shared<const std::vector<Bar>>(
            std::vector<Bar> {Bar {kT0 + 60 * kMinuteMs, 100, 110, 100, 110, 1, 1}}));
    QTRY_COMPARE(unavailable.size(), 1);
    QVERIFY2(unavailable[0][3].toString().contains(QStringLiteral("ServiceUnknown")),
        qPrintable(unavailable[0][3].toString()));
    QCOMPARE(unavailable[0][1].toString(), QStringLiteral("A 1m: close > 105"));
    QCOMPARE(unavailable[0][2].toString(),
        QStringLiteral("110 vs 105 at the 2026-01-01 01:00 UTC bar, close 110"));
    QCOMPARE(notifications.fallbacks(), 1);
    QCOMPARE(notifications.beeps(), 1);
    QCOMPARE(alerts.log().size(), 1u);
    QCOMPARE(alerts.log()[0].fire.barTime, kT0 + 60 * kMinuteMs);
}

QTEST_MAIN(TestAlertNotifier)
#include "test_alert_notifier.moc"
