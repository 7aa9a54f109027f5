// core/alerts + core/storage: the alerts in the cache (schema version 6).
// AlertStore keeps rules in order with their actions and state, a fire once
// per rule and bar, acknowledgements, and drops a rule's state with it.
// AlertService over a real MarketEngine and StorageService, restarted on the
// same file: a live close fires once and is written with the rule's state;
// after a restart the rule has its state back, a crossing in the backfill is
// reported once as missed while offline (no live fire), and a second restart
// whose backfill holds the same bars (the first fire's bar included) adds
// nothing, in memory or on disk. The log starts with the newest 2,000 fires
// of the cache and pages the older ones in, 500 at a time, off this thread.
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "alerts/AlertService.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "storage/AlertStore.h"
#include "storage/Database.h"
#include "storage/StorageService.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

Symbol testSymbol()
{
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = QStringLiteral("A");
    s.displayName = QStringLiteral("A");
    return s;
}

// Minutes first..last with close `close` (open = close).
std::vector<Bar> flat(int first, int last, double close)
{
    std::vector<Bar> bars;
    for (int i = first; i <= last; ++i)
        bars.push_back(Bar {kT0 + i * kMinuteMs, close, close + 0.5, close - 0.5, close, 10, 3});
    return bars;
}

BarsPtr barsOf(std::vector<Bar> bars)
{
    return std::make_shared<const std::vector<Bar>>(std::move(bars));
}

AlertEntry crossingRule()
{
    AlertEntry entry;
    entry.rule.id = QStringLiteral("cross");
    entry.rule.symbol = QStringLiteral("test:A");
    entry.rule.trigger = AlertTrigger::OncePerBarClose;
    QString error;
    if (!entry.rule.setText(QStringLiteral("close crosses_above 105"), &error))
        qFatal("%s", qPrintable(error));
    entry.actions.sound = true;
    entry.actions.webhookUrl = QStringLiteral("http://127.0.0.1:1/hook");
    return entry;
}

// One run of the terminal: an engine on this thread, the cache writer on this
// thread, the alert service on a clock the test sets.
struct Run {
    explicit Run(const QString &path, TimeMs now)
        : symbols(std::make_shared<SymbolRegistry>())
        , a(symbols->intern(testSymbol()))
        , clock(std::make_shared<ManualClock>(now))
        , engine(symbols)
        , storage(path)
        , alerts(
              &engine, nullptr, &storage, [this](const QString &key) { return symbols->find(key); },
              clock)
    {
        engine.setCloseClock(clock);
        engine.setManualPublish(true);
        storage.open();
    }
    ~Run()
    {
        alerts.shutdown();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        storage.close();
    }
    void history(std::vector<Bar> bars)
    {
        engine.loadHistory(a, barsOf(std::move(bars)));
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
    }

    std::shared_ptr<SymbolRegistry> symbols;
    SymbolId a;
    std::shared_ptr<ManualClock> clock;
    MarketEngine engine;
    StorageService storage;
    AlertService alerts;
};

StoredAlerts readBack(const QString &path)
{
    auto db = Database::open(path);
    return AlertStore(*db).load();
}

}  // namespace

class TestAlertPersistence final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void storeKeepsRulesStatesAndFires();
    void restartReportsMissedBarsOnce();
    void logPagesOlderFiresIn();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("cache.db")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAlertPersistence::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAlertPersistence::storeKeepsRulesStatesAndFires()
{
    auto db = Database::open(path());
    AlertStore store(*db);
    AlertEntry first = crossingRule();
    AlertEntry second = crossingRule();
    second.rule.id = QStringLiteral("b");
    second.enabled = false;
    second.actions = AlertActions {};
    AlertWrite write;
    write.rules = {first, second};
    AlertStateRecord state;
    state.ruleId = first.rule.id;
    state.fireCount = 3;
    state.lastFire = kT0 + 5;
    state.lastFiredBar = kT0;
    state.armed = false;
    state.paused = true;
    state.pauseReason = QStringLiteral("paused: fired 16 times within 3 minutes");
    write.states = {state};
    AlertLogEntry fire;
    fire.fire.ruleId = first.rule.id;
    fire.fire.symbol = first.rule.symbol;
    fire.fire.barTime = kT0;
    fire.fire.fireTime = kT0 + 60'500;
    fire.fire.left = 106.25;
    fire.fire.right = 105;
    fire.condition = first.rule.text;
    fire.missed = true;
    write.fires = {fire, fire};  // the same bar twice: kept once
    QCOMPARE(store.apply(write), 1);
    QCOMPARE(store.apply(AlertWrite {{}, {}, {}, {fire}, {}}), 0);

    StoredAlerts stored = store.load();
    QCOMPARE(stored.rules.size(), 2u);
    QCOMPARE(stored.rules[0].rule.id, QStringLiteral("cross"));
    QCOMPARE(stored.rules[0].rule.text, QStringLiteral("close crosses_above 105"));
    QCOMPARE(stored.rules[0].actions, first.actions);
    QVERIFY(stored.rules[0].enabled);
    QCOMPARE(stored.rules[0].state, state);
    QCOMPARE(stored.rules[1].rule.id, QStringLiteral("b"));
    QVERIFY(!stored.rules[1].enabled);
    QCOMPARE(stored.rules[1].state.fireCount, 0);
    QCOMPARE(stored.rules[1].state.lastFiredBar, AlertRuleState::kNever);
    QCOMPARE(stored.fires.size(), 1u);
    QCOMPARE(stored.fires[0].fire.left, 106.25);
    QCOMPARE(stored.fires[0].fire.right, 105.0);
    QCOMPARE(stored.fires[0].fire.fireTime, kT0 + 60'500);
    QVERIFY(stored.fires[0].missed);
    QVERIFY(!stored.fires[0].acknowledged);
    QCOMPARE(stored.fires[0].condition, first.rule.text);

    // Acknowledged; the rule removed takes its state, its fires stay in the log.
    AlertWrite later;
    later.acknowledged = {{first.rule.id, kT0}};
    later.removed = {first.rule.id};
    store.apply(later);
    stored = store.load();
    QCOMPARE(stored.rules.size(), 1u);
    QCOMPARE(stored.rules[0].rule.id, QStringLiteral("b"));
    QCOMPARE(db->scalarInt("SELECT count(*) FROM alert_state"), 0);
    QCOMPARE(stored.fires.size(), 1u);
    QVERIFY(stored.fires[0].acknowledged);
    // Bad JSON in a row: that rule is left out with a reason, the rest is read.
    db->exec("INSERT INTO alert_rules (id, rule) VALUES ('bad', '{\"text\": \"close >\"}')");
    stored = store.load();
    QCOMPARE(stored.rules.size(), 1u);
    QCOMPARE(stored.errors.size(), 1);
    QVERIFY2(stored.errors[0].startsWith(QStringLiteral("alert rule bad: ")),
        qPrintable(stored.errors[0]));
}

void TestAlertPersistence::restartReportsMissedBarsOnce()
{
    const TimeMs liveBar = kT0 + 60 * kMinuteMs;
    const TimeMs missedBar = kT0 + 70 * kMinuteMs;
    {
        // Run 1: the rule is added, minute 60 closes live above 105.
        Run run(path(), liveBar);
        run.history(flat(0, 59, 100));
        QString error;
        QVERIFY2(run.alerts.addRule(crossingRule(), &error), qPrintable(error));
        QCoreApplication::processEvents();
        QSignalSpy fired(&run.alerts, &AlertService::fired);
        QSignalSpy missed(&run.alerts, &AlertService::missedWhileOffline);
        run.clock->set(liveBar + kMinuteMs + 1500);
        run.history(flat(60, 60, 110));
        QTRY_COMPARE(fired.size(), 1);
        const auto live = fired[0][0].value<std::vector<AlertLogEntry>>();
        QCOMPARE(live.size(), 1u);
        QCOMPARE(live[0].fire.barTime, liveBar);
        QCOMPARE(live[0].fire.left, 110.0);
        QCOMPARE(live[0].fire.right, 105.0);
        QCOMPARE(live[0].fire.close, 110.0);
        QVERIFY(!live[0].missed);
        QCOMPARE(missed.size(), 0);
        QTRY_COMPARE(run.alerts.rules()[0].state.fireCount, 1);
    }
    StoredAlerts stored = readBack(path());
    QCOMPARE(stored.rules.size(), 1u);
    QCOMPARE(stored.rules[0].state.fireCount, 1);
    QCOMPARE(stored.rules[0].state.lastFiredBar, liveBar);
    QCOMPARE(stored.fires.size(), 1u);
    QVERIFY(!stored.fires[0].missed);
    QCOMPARE(stored.fires[0].fire.close, 110.0);

    // The app was closed from minute 61 to 120; the feed backfills 60..79.
    std::vector<Bar> backfill = flat(60, 60, 110);
    for (const Bar &bar : flat(61, 69, 100))
        backfill.push_back(bar);
    for (const Bar &bar : flat(70, 79, 110))
        backfill.push_back(bar);
    const TimeMs restartAt = kT0 + 120 * kMinuteMs;
    {
        // The cache as run 1 left it: up to minute 60, the live close.
        Run run(path(), restartAt);
        std::vector<Bar> cached = flat(0, 59, 100);
        cached.push_back(backfill.front());
        run.history(cached);
        run.alerts.restore(readBack(path()));
        QCoreApplication::processEvents();
        QCOMPARE(run.alerts.rules().size(), 1u);
        QCOMPARE(run.alerts.rules()[0].state.fireCount, 1);
        QCOMPARE(run.alerts.log().size(), 1u);
        QSignalSpy fired(&run.alerts, &AlertService::fired);
        QSignalSpy missed(&run.alerts, &AlertService::missedWhileOffline);
        run.history(backfill);
        QTRY_COMPARE(missed.size(), 1);
        const auto offline = missed[0][0].value<std::vector<AlertLogEntry>>();
        QCOMPARE(offline.size(), 1u);
        QCOMPARE(offline[0].fire.barTime, missedBar);
        QVERIFY(offline[0].missed);
        QCOMPARE(run.alerts.log().size(), 2u);
        QTRY_COMPARE(run.alerts.rules()[0].state.fireCount, 2);
        QCOMPARE(fired.size(), 0);
    }
    stored = readBack(path());
    QCOMPARE(stored.fires.size(), 2u);
    QCOMPARE(stored.fires[1].fire.barTime, missedBar);
    QVERIFY(stored.fires[1].missed);
    QCOMPARE(stored.rules[0].state.lastFiredBar, missedBar);

    {
        // Run 3: a cache that ends at minute 59 and the same backfill again --
        // the engine sees both crossings (60 and 70) once more; nothing is new.
        Run run(path(), restartAt + kMinuteMs);
        run.history(flat(0, 59, 100));
        run.alerts.restore(readBack(path()));
        QCoreApplication::processEvents();
        QSignalSpy fired(&run.alerts, &AlertService::fired);
        QSignalSpy missed(&run.alerts, &AlertService::missedWhileOffline);
        QSignalSpy logChanged(&run.alerts, &AlertService::logChanged);
        run.history(backfill);
        QTest::qWait(50);
        QCOMPARE(fired.size(), 0);
        QCOMPARE(missed.size(), 0);
        QCOMPARE(logChanged.size(), 0);
        QCOMPARE(run.alerts.log().size(), 2u);
    }
    stored = readBack(path());
    QCOMPARE(stored.fires.size(), 2u);
}

void TestAlertPersistence::logPagesOlderFiresIn()
{
    constexpr int kFires = 2600;
    {
        auto db = Database::open(path());
        AlertWrite write;
        write.rules = {crossingRule()};
        for (int i = 0; i < kFires; ++i) {
            AlertLogEntry entry;
            entry.fire.ruleId = QStringLiteral("cross");
            entry.fire.symbol = QStringLiteral("test:A");
            entry.fire.barTime = kT0 + i * kMinuteMs;
            entry.fire.fireTime = kT0 + i * kMinuteMs + 60'000;
            entry.fire.left = 100.0 + i;
            entry.condition = write.rules[0].rule.text;
            write.fires.push_back(entry);
        }
        QCOMPARE(AlertStore(*db).apply(write), kFires);
    }
    Run run(path(), kT0 + kFires * kMinuteMs);
    run.alerts.setCachePath(path());
    run.alerts.restore(readBack(path()));
    const auto &log = run.alerts.log();
    QCOMPARE(log.size(), AlertService::kLogLimit);
    QCOMPARE(log.front().fire.left, 100.0 + (kFires - 2000));
    QVERIFY(run.alerts.hasOlderFires());

    QSignalSpy changed(&run.alerts, &AlertService::logChanged);
    QVERIFY(run.alerts.loadOlderFires());
    QVERIFY(!run.alerts.loadOlderFires());  // one page at a time
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(log.size(), std::size_t(2500));
    QCOMPARE(log.front().fire.left, 100.0 + (kFires - 2500));
    QVERIFY(run.alerts.hasOlderFires());
    QVERIFY(run.alerts.loadOlderFires());
    QTRY_COMPARE(changed.size(), 2);
    // The last 100: the cache's oldest is in, in order, each once.
    QCOMPARE(log.size(), std::size_t(kFires));
    for (int i = 0; i < kFires; ++i)
        QCOMPARE(log[std::size_t(i)].fire.barTime, kT0 + i * kMinuteMs);
    QVERIFY(!run.alerts.hasOlderFires());
    QVERIFY(!run.alerts.loadOlderFires());
}

QTEST_GUILESS_MAIN(TestAlertPersistence)
#include "test_alert_persistence.moc"
