// core/alerts: AlertEngine as a BarListener of a real MarketEngine (manual
// publish, an injected clock, loadHistory and addTicks): its fires are the
// pure path's fires over the same bars, their values are the engine's own run
// values (what the chart shows) bit for bit, runs are shared with a chart
// and released with the last rule, intrabar once-per-bar fires once per bar,
// fires leave in one signal per event-loop turn, a flood of closed bars
// pauses a rule, and a stale feed fires from checkDataConditions(); fire
// times, cooldowns and `stale` run on the source's clock (a sped-up demo), and
// rules read the right runs while other owners add and drop runs before theirs.
#include <cmath>
#include <cstring>

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include "EngineTestData.h"
#include "alerts/AlertBacktest.h"
#include "alerts/AlertEngine.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;
using namespace wick::enginetest;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr int kHistoryMinutes = 120;

class Walk
{
public:
    double next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        const double step = static_cast<double>(m_state >> 11) / 9007199254740992.0 - 0.5;
        m_price += step * 2.0;
        return m_price;
    }

private:
    std::uint64_t m_state = 42;
    double m_price = 100.0;
};

std::vector<Bar> walkMinutes(Walk &walk, int first, int count)
{
    std::vector<Bar> bars;
    for (int i = first; i < first + count; ++i) {
        const double open = walk.next();
        const double close = walk.next();
        bars.push_back(Bar {kT0 + i * kMinuteMs, open, std::max(open, close) + 0.5,
            std::min(open, close) - 0.5, close, 10.0 + i % 7, 5});
    }
    return bars;
}

bool sameDouble(double a, double b)
{
    return std::memcmp(&a, &b, sizeof(double)) == 0;
}

AlertRule ruleOf(const QString &id, const QString &text, AlertTrigger trigger)
{
    AlertRule rule;
    rule.id = id;
    rule.symbol = QStringLiteral("test:A");
    rule.trigger = trigger;
    QString error;
    if (!rule.setText(text, &error))
        qFatal("%s", qPrintable(error));
    return rule;
}

// An engine on this thread publishing only when told, closed by a clock the
// test moves; the alert engine on the same clock; every fire collected.
struct Rig {
    Rig()
        : symbols(std::make_shared<SymbolRegistry>())
        , a(symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A"))))
        , clock(std::make_shared<ManualClock>(kT0))
        , engine(symbols)
        , alerts(&engine, clock)
    {
        engine.setCloseClock(clock);
        engine.setManualPublish(true);
        QObject::connect(&alerts, &AlertEngine::firesReady, &alerts,
            [this](const std::vector<AlertFire> &batch) {
                ++signalCount;
                fires.insert(fires.end(), batch.begin(), batch.end());
            });
        QObject::connect(
            &engine, &MarketEngine::snapshotReady, &engine, [this](const MarketSnapshotPtr &s) {
                for (const SeriesSnapshot &series : s->series)
                    if (series.symbol == a && series.timeframe == Timeframe::M1)
                        latest = series;
            });
    }

    void add(const AlertRule &rule)
    {
        QString error;
        QVERIFY2(alerts.addRule(rule, a, &error), qPrintable(error));
    }

    void trades(std::vector<Tick> ticks)
    {
        clock->set(ticks.back().time);
        engine.addTicks(batchOf(std::move(ticks)));
    }

    std::shared_ptr<SymbolRegistry> symbols;
    SymbolId a;
    std::shared_ptr<ManualClock> clock;
    MarketEngine engine;
    AlertEngine alerts;
    std::vector<AlertFire> fires;
    int signalCount = 0;
    SeriesSnapshot latest;
};

}  // namespace

class TestAlertEngine final : public QObject
{
    Q_OBJECT

private slots:
    void firesAreTheChartsValues();
    void intrabarOncePerBar();
    void oneSignalPerTurn();
    void floodOfClosesPauses();
    void staleFeed();
    void sourceClockTimesFires();
    void runsChangingUnderTheRules();
};

void TestAlertEngine::firesAreTheChartsValues()
{
    Rig rig;
    Walk walk;
    rig.engine.subscribe(rig.a, Timeframe::M1);
    const auto history = walkMinutes(walk, 0, kHistoryMinutes);
    rig.engine.loadHistory(rig.a, std::make_shared<const std::vector<Bar>>(history));
    // A chart holds RSI:14 already: the alert shares its run.
    const OwnerId chart = MarketEngine::newOwnerId();
    rig.engine.acquireIndicators(chart, rig.a, Timeframe::M1, {QStringLiteral("RSI:14")});
    const std::vector<AlertRule> rules {
        ruleOf(QStringLiteral("sma"), QStringLiteral("close crosses_above SMA:5"),
            AlertTrigger::OncePerBarClose),
        ruleOf(QStringLiteral("rsi"), QStringLiteral("RSI:14 > 50"), AlertTrigger::OncePerBarClose),
        ruleOf(QStringLiteral("macd"),
            QStringLiteral("MACD:12,26,9.macd crosses MACD:12,26,9.signal"),
            AlertTrigger::OncePerBarClose),
    };
    QString error;
    for (int k = 0; k < 3; ++k)
        rig.add(rules[std::size_t(k)]);
    QVERIFY(!rig.alerts.addRule(rules[0], rig.a, &error));
    QCOMPARE(error, QStringLiteral("rule sma: the id is taken"));
    // RSI (shared), SMA(5), MACD: three runs, not four.
    QCOMPARE(rig.engine.indicatorRunCount(rig.a, Timeframe::M1), 3);

    // 60 live minutes, 4 trades each, one batch per minute: the first trade of
    // a minute closes the one before.
    for (int m = kHistoryMinutes; m < kHistoryMinutes + 60; ++m) {
        std::vector<Tick> ticks;
        for (int k = 0; k < 4; ++k)
            ticks.push_back(
                trade(rig.a, kT0 + m * kMinuteMs + 1000 + k * 10'000, walk.next(), 1.0));
        rig.trades(std::move(ticks));
        QCoreApplication::processEvents();
    }
    rig.engine.publishNow();
    const BarSeries closed = rig.latest.closed;
    QCOMPARE(closed.size(), std::size_t(kHistoryMinutes + 59));
    QVERIFY(rig.fires.size() > 10);

    // Every fire's values are the engine's run values at its bar.
    const auto valueAt = [&](const QString &spec, int output, TimeMs barTime) {
        const IndicatorSnapshot *run = rig.latest.findIndicator(indicatorRunKey(spec));
        const auto i = std::size_t((barTime - kT0) / kMinuteMs);
        return run ? run->closed[std::size_t(output)][i] : -1.0;
    };
    for (const AlertFire &f : rig.fires) {
        QVERIFY(f.barTime >= kT0 + kHistoryMinutes * kMinuteMs);  // history fires nothing
        QCOMPARE(f.symbolId, rig.a);
        QVERIFY(!f.intrabar);
        QCOMPARE(
            f.fireTime, f.barTime + kMinuteMs + 1000 + 30'000);  // the next minute's last trade
        const auto i = std::size_t((f.barTime - kT0) / kMinuteMs);
        if (f.ruleId == u"sma") {
            QVERIFY(sameDouble(f.left, closed[i].close));
            QVERIFY(sameDouble(f.right, valueAt(QStringLiteral("SMA:5"), 0, f.barTime)));
        } else if (f.ruleId == u"rsi") {
            QVERIFY(sameDouble(f.left, valueAt(QStringLiteral("RSI:14"), 0, f.barTime)));
            QCOMPARE(f.right, 50.0);
        } else {
            QCOMPARE(f.ruleId, QStringLiteral("macd"));
            QVERIFY(sameDouble(f.left, valueAt(QStringLiteral("MACD:12,26,9"), 0, f.barTime)));
            QVERIFY(sameDouble(f.right, valueAt(QStringLiteral("MACD:12,26,9"), 1, f.barTime)));
        }
    }

    // The pure path over the same closed bars fires the same, after the history.
    AlertBacktest backtest;
    for (int k = 0; k < 3; ++k)
        QVERIFY(backtest.addRule(rules[std::size_t(k)], &error));
    std::vector<AlertFire> pure;
    backtest.runBars(std::span<const Bar>(closed.begin(), closed.end()), pure);
    std::erase_if(
        pure, [](const AlertFire &f) { return f.barTime < kT0 + kHistoryMinutes * kMinuteMs; });
    QCOMPARE(pure.size(), rig.fires.size());
    // Same set; the engine emits in close order, rule order within a bar.
    for (std::size_t k = 0; k < pure.size(); ++k) {
        QCOMPARE(rig.fires[k].ruleId, pure[k].ruleId);
        QCOMPARE(rig.fires[k].barTime, pure[k].barTime);
        QVERIFY(sameDouble(rig.fires[k].left, pure[k].left));
        QVERIFY(sameDouble(rig.fires[k].right, pure[k].right));
    }

    // The alert's runs go with its last rule; the chart's RSI stays.
    QVERIFY(rig.alerts.removeRule(QStringLiteral("sma")));
    QCOMPARE(rig.engine.indicatorRunCount(rig.a, Timeframe::M1), 3);
    QVERIFY(rig.alerts.removeRule(QStringLiteral("rsi")));
    QVERIFY(rig.alerts.removeRule(QStringLiteral("macd")));
    QVERIFY(!rig.alerts.removeRule(QStringLiteral("macd")));
    QCOMPARE(rig.alerts.ruleCount(), std::size_t(0));
    QCOMPARE(rig.engine.indicatorRunCount(rig.a, Timeframe::M1), 1);
}

void TestAlertEngine::intrabarOncePerBar()
{
    Rig rig;
    std::vector<Bar> history;
    for (int i = 0; i < 10; ++i)
        history.push_back(Bar {kT0 + i * kMinuteMs, 99, 99, 99, 99, 1, 1});
    rig.engine.loadHistory(rig.a, std::make_shared<const std::vector<Bar>>(history));
    rig.add(ruleOf(QStringLiteral("bar"), QStringLiteral("close crosses_above 100"),
        AlertTrigger::OncePerBar));
    rig.add(ruleOf(QStringLiteral("close"), QStringLiteral("close crosses_above 100"),
        AlertTrigger::OncePerBarClose));
    // Minutes 10 and 11: 50 batches of one trade each, 101 / 99 alternating
    // (last 99); minute 12 closes minute 11 at 99.
    for (int m = 10; m <= 11; ++m)
        for (int k = 0; k < 50; ++k) {
            rig.trades(
                {trade(rig.a, kT0 + m * kMinuteMs + 1000 * k, k % 2 == 0 ? 101.0 : 99.0, 1.0)});
            QCoreApplication::processEvents();
        }
    rig.trades({trade(rig.a, kT0 + 12 * kMinuteMs + 500, 99.0, 1.0)});
    QCoreApplication::processEvents();
    QCOMPARE(rig.fires.size(), std::size_t(2));
    for (int k = 0; k < 2; ++k) {
        const AlertFire &f = rig.fires[std::size_t(k)];
        QCOMPARE(f.ruleId, QStringLiteral("bar"));
        QCOMPARE(f.barTime, kT0 + (10 + k) * kMinuteMs);
        QCOMPARE(f.fireTime, f.barTime);  // the first trade of the minute
        QCOMPARE(f.left, 101.0);
        QVERIFY(f.intrabar);
    }
    QCOMPARE(rig.alerts.ruleState(QStringLiteral("close"))->fireCount(), 0);
}

void TestAlertEngine::oneSignalPerTurn()
{
    Rig rig;
    std::vector<Bar> history;
    for (int i = 0; i < 5; ++i)
        history.push_back(Bar {kT0 + i * kMinuteMs, 99, 99, 99, 99, 1, 1});
    rig.engine.loadHistory(rig.a, std::make_shared<const std::vector<Bar>>(history));
    for (int k = 0; k < 3; ++k)
        rig.add(ruleOf(QString::number(k), QStringLiteral("close > %1").arg(98 + k),
            AlertTrigger::OncePerBarClose));
    // Three closes in one turn of the event loop: one signal, seven fires.
    rig.trades({trade(rig.a, kT0 + 5 * kMinuteMs + 1000, 99.5, 1.0)});
    rig.trades({trade(rig.a, kT0 + 6 * kMinuteMs + 1000, 100.5, 1.0)});
    rig.trades({trade(rig.a, kT0 + 7 * kMinuteMs + 1000, 100.5, 1.0)});
    rig.trades({trade(rig.a, kT0 + 8 * kMinuteMs + 1000, 90.0, 1.0)});
    QCOMPARE(rig.signalCount, 0);
    QCoreApplication::processEvents();
    QCOMPARE(rig.signalCount, 1);
    // Minute 5 (99.5): rules 0, 1; minutes 6 and 7 (100.5): 0, 1, 2.
    QStringList got;
    for (const AlertFire &f : rig.fires)
        got << QStringLiteral("%1@%2").arg(f.ruleId).arg((f.barTime - kT0) / kMinuteMs);
    QCOMPARE(got,
        (QStringList {QStringLiteral("0@5"), QStringLiteral("1@5"), QStringLiteral("0@6"),
            QStringLiteral("1@6"), QStringLiteral("2@6"), QStringLiteral("0@7"),
            QStringLiteral("1@7"), QStringLiteral("2@7")}));
    QCoreApplication::processEvents();
    QCOMPARE(rig.signalCount, 1);  // never an empty one
}

void TestAlertEngine::floodOfClosesPauses()
{
    Rig rig;
    Walk walk;
    rig.engine.loadHistory(
        rig.a, std::make_shared<const std::vector<Bar>>(walkMinutes(walk, 0, 10)));
    rig.add(ruleOf(
        QStringLiteral("flood"), QStringLiteral("close > 0"), AlertTrigger::OncePerBarClose));
    // A backfill of 20 minutes at the tail, at one moment: each is a close.
    rig.clock->set(kT0 + 40 * kMinuteMs);
    const auto before = rig.engine.incrementalHistoryLoads();
    rig.engine.loadHistory(
        rig.a, std::make_shared<const std::vector<Bar>>(walkMinutes(walk, 10, 20)));
    QCOMPARE(rig.engine.incrementalHistoryLoads(), before + 1);
    QCoreApplication::processEvents();
    QCOMPARE(rig.fires.size(), std::size_t(16));
    const AlertRuleState *state = rig.alerts.ruleState(QStringLiteral("flood"));
    QVERIFY(state->paused());
    QCOMPARE(state->pauseReason(), QStringLiteral("paused: fired 16 times within 3 minutes"));
    QVERIFY(rig.alerts.rearmRule(QStringLiteral("flood")));
    QVERIFY(!rig.alerts.ruleState(QStringLiteral("flood"))->paused());
}

void TestAlertEngine::staleFeed()
{
    Rig rig;
    rig.add(ruleOf(QStringLiteral("stale"), QStringLiteral("stale 30s"), AlertTrigger::OncePerBar));
    rig.add(ruleOf(
        QStringLiteral("quality"), QStringLiteral("quality < 0.9"), AlertTrigger::OncePerBar));
    rig.trades({trade(rig.a, kT0 + 1000, 10.0, 1.0)});
    rig.clock->set(kT0 + 20'000);
    rig.alerts.checkDataConditions();
    rig.alerts.flushFires();
    QCOMPARE(rig.fires.size(), std::size_t(0));
    rig.clock->set(kT0 + 41'000);
    rig.alerts.setQuality(rig.a, 0.95);
    rig.alerts.checkDataConditions();
    rig.alerts.flushFires();
    QCOMPARE(rig.fires.size(), std::size_t(1));
    QCOMPARE(rig.fires[0].ruleId, QStringLiteral("stale"));
    QCOMPARE(rig.fires[0].left, 40.0);
    QCOMPARE(rig.fires[0].barTime, kT0);
    rig.alerts.setQuality(rig.a, 0.5);
    rig.alerts.checkDataConditions();
    rig.alerts.flushFires();
    QCOMPARE(rig.fires.size(), std::size_t(2));
    QCOMPARE(rig.fires[1].ruleId, QStringLiteral("quality"));
    QCOMPARE(rig.fires[1].left, 0.5);
    QCOMPARE(rig.signalCount, 2);
}

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "test_alert_engine.moc"

void TestAlertEngine::sourceClockTimesFires()
{
    // A sped-up demo: the source's clock is far from the wall clock (the
    // alert engine's own, rig.clock, which stays put).
    Rig rig;
    const TimeMs wall = kT0 + 24 * 60 * kMinuteMs;
    rig.clock->set(wall);
    const auto source = std::make_shared<ManualClock>(kT0 + 5 * kMinuteMs);
    rig.engine.setSourceClock(QStringLiteral("test"), source, 0);
    std::vector<Bar> history;
    for (int i = 0; i < 5; ++i)
        history.push_back(Bar {kT0 + i * kMinuteMs, 99, 99, 99, 99, 1, 1});
    rig.engine.loadHistory(rig.a, std::make_shared<const std::vector<Bar>>(history));
    AlertRule up = ruleOf(
        QStringLiteral("up"), QStringLiteral("close > 100"), AlertTrigger::OncePerBarClose);
    up.cooldownMs = 90'000;
    rig.add(up);
    rig.add(ruleOf(QStringLiteral("stale"), QStringLiteral("stale 30s"), AlertTrigger::OncePerBar));
    // Minutes 5..10, one trade each at 101: each closes the minute before.
    for (int m = 5; m <= 10; ++m) {
        const TimeMs t = kT0 + m * kMinuteMs + 1000;
        source->set(t);
        rig.engine.addTicks(batchOf({trade(rig.a, t, 101.0, 1.0)}));
        QCoreApplication::processEvents();
    }
    // Fire times are the source's (the next minute's trade); the 90 s
    // cooldown, on that clock, lets every other close through. On the wall
    // clock every fire would be at `wall` and the cooldown would hold all but one.
    QStringList got;
    for (const AlertFire &f : rig.fires) {
        QCOMPARE(f.ruleId, QStringLiteral("up"));
        QCOMPARE(f.fireTime, f.barTime + kMinuteMs + 1000);
        QCOMPARE(f.clockStart, kT0 + 5 * kMinuteMs);  // the source's reading when it was set
        got << QString::number((f.barTime - kT0) / kMinuteMs);
    }
    QCOMPARE(got, (QStringList {QStringLiteral("5"), QStringLiteral("7"), QStringLiteral("9")}));
    // `stale` counts on the source's clock too: 20 s of it is not stale, 40 s is.
    source->set(kT0 + 10 * kMinuteMs + 21'000);
    rig.alerts.checkDataConditions();
    rig.alerts.flushFires();
    QCOMPARE(rig.fires.size(), std::size_t(3));
    source->set(kT0 + 10 * kMinuteMs + 41'000);
    rig.alerts.checkDataConditions();
    rig.alerts.flushFires();
    QCOMPARE(rig.fires.size(), std::size_t(4));
    QCOMPARE(rig.fires[3].ruleId, QStringLiteral("stale"));
    QCOMPARE(rig.fires[3].left, 40.0);
    QCOMPARE(rig.fires[3].fireTime, kT0 + 10 * kMinuteMs + 41'000);
    QCOMPARE(rig.fires[3].barTime, kT0 + 10 * kMinuteMs);
}

void TestAlertEngine::runsChangingUnderTheRules()
{
    // The alert engine keeps the run indexes it found while the series' runs
    // stay the same: a chart adding and dropping runs ahead of the alert's
    // (indexes shift) must not make a rule read another run.
    Rig rig;
    Walk walk;
    const auto history = walkMinutes(walk, 0, kHistoryMinutes);
    rig.engine.loadHistory(rig.a, std::make_shared<const std::vector<Bar>>(history));
    const OwnerId chart = MarketEngine::newOwnerId();
    rig.engine.acquireIndicators(
        chart, rig.a, Timeframe::M1, {QStringLiteral("EMA:3"), QStringLiteral("SMA:7")});
    rig.add(ruleOf(QStringLiteral("rsi"), QStringLiteral("RSI:14 > 0"), AlertTrigger::OncePerBar));
    rig.engine.subscribe(rig.a, Timeframe::M1);
    const auto formingRsi = [&]() {
        rig.engine.publishNow();
        const IndicatorSnapshot *run
            = rig.latest.findIndicator(indicatorRunKey(QStringLiteral("RSI:14")));
        return run ? run->forming[0] : -1.0;
    };
    for (int m = kHistoryMinutes; m < kHistoryMinutes + 4; ++m) {
        // After the first minute the chart's runs change: dropped (the
        // alert's RSI moves from index 2 to 0), others added, dropped again.
        if (m == kHistoryMinutes + 1 || m == kHistoryMinutes + 3)
            rig.engine.releaseIndicators(chart, rig.a, Timeframe::M1);
        else if (m == kHistoryMinutes + 2)
            rig.engine.acquireIndicators(chart, rig.a, Timeframe::M1,
                {QStringLiteral("MACD:12,26,9"), QStringLiteral("EMA:3")});
        rig.trades({trade(rig.a, kT0 + m * kMinuteMs + 1000, walk.next(), 1.0)});
        QCoreApplication::processEvents();
        QCOMPARE(rig.fires.size(), std::size_t(m - kHistoryMinutes + 1));
        const AlertFire &f = rig.fires.back();
        QVERIFY(f.intrabar);
        QVERIFY(sameDouble(f.left, formingRsi()));
    }
}
