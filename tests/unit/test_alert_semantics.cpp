// core/alerts: the semantics of AlertCondition.h and AlertRule.h on crafted
// series, through the pure path (AlertBacktest): crossings (99 -> 101 against
// 100 is one), levels, NaN warm-up, enters/exits, moves, volume spikes, AND/OR,
// the triggers intrabar and at the close, hysteresis, cooldown, expiry, max
// fires, the auto-pause and the data conditions.
#include <cmath>

#include <QTest>

#include "alerts/AlertBacktest.h"
#include "alerts/AlertRuleRun.h"
#include "indicators/IndicatorRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

Bar barAt(int minute, double close, double volume = 1.0)
{
    return Bar {kT0 + minute * kMinuteMs, close, close, close, close, volume, 1};
}

std::vector<Bar> barsOf(const QList<double> &closes)
{
    std::vector<Bar> bars;
    for (qsizetype i = 0; i < closes.size(); ++i)
        bars.push_back(barAt(int(i), closes[i]));
    return bars;
}

Tick tickAt(TimeMs time, double price)
{
    Tick t;
    t.symbol = 0;
    t.time = time;
    t.price = price;
    t.size = 1.0;
    return t;
}

AlertRule ruleOf(const QString &text, AlertTrigger trigger = AlertTrigger::OncePerBarClose)
{
    AlertRule rule;
    rule.id = QStringLiteral("r1");
    rule.symbol = QStringLiteral("test:A");
    rule.trigger = trigger;
    QString error;
    if (!rule.setText(text, &error))
        qFatal("bad rule %s: %s", qPrintable(text), qPrintable(error));
    return rule;
}

// The bar index of each fire.
QList<int> firedBars(const std::vector<AlertFire> &fires)
{
    QList<int> bars;
    for (const AlertFire &f : fires)
        bars << int((f.barTime - kT0) / kMinuteMs);
    return bars;
}

std::vector<AlertFire> runBars(const AlertRule &rule, const std::vector<Bar> &bars)
{
    AlertBacktest backtest;
    QString error;
    if (!backtest.addRule(rule, &error))
        qFatal("%s", qPrintable(error));
    std::vector<AlertFire> fires;
    backtest.runBars(bars, fires);
    return fires;
}

}  // namespace

class TestAlertSemantics final : public QObject
{
    Q_OBJECT

private slots:
    void conditionsAtClose_data();
    void conditionsAtClose();
    void crossingValues();
    void volumeSpike();
    void oncePerBarOscillation();
    void idleAfterFireThenNextBarCrossing();
    void movesAndSpikeIntrabarReadClosedBarsOnce();
    void barCloseIgnoresRevertedCross_data();
    void barCloseIgnoresRevertedCross();
    void gates_data();
    void gates();
    void onceRearms();
    void cooldownIgnoresALastFireInTheClocksFuture();
    void autoPause();
    void dataConditions();
    void indicatorValuesAreTheBatchValues();
};

void TestAlertSemantics::conditionsAtClose_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QList<double>>("closes");
    QTest::addColumn<QList<int>>("fires");

    using L = QList<double>;
    QTest::newRow("99 -> 101 crosses above 100 once")
        << "close crosses_above 100" << L {99, 101} << QList<int> {1};
    QTest::newRow("99 -> 101 does not cross below")
        << "close crosses_below 100" << L {99, 101} << QList<int> {};
    QTest::newRow("starts above: level fires")
        << "close > 100" << L {101, 102, 103} << QList<int> {0, 1, 2};
    QTest::newRow("starts above: no crossing")
        << "close crosses_above 100" << L {101, 102, 103} << QList<int> {};
    QTest::newRow("from equal is a crossing")
        << "close crosses_above 100" << L {100, 101} << QList<int> {1};
    QTest::newRow("touching is not above")
        << "close crosses_above 100" << L {99, 100, 99} << QList<int> {};
    QTest::newRow("down from the level")
        << "close crosses_below 100" << L {99, 100, 99} << QList<int> {2};
    QTest::newRow("crosses either way")
        << "close crosses 100" << L {99, 101, 99, 99} << QList<int> {1, 2};
    QTest::newRow(">= holds at equal")
        << "close >= 100" << L {99, 100, 101, 98} << QList<int> {1, 2};
    QTest::newRow("<=") << "close <= 100" << L {99, 100, 101, 98} << QList<int> {0, 1, 3};
    QTest::newRow("NaN warm-up never crosses")
        << "close crosses_above SMA:3" << L {1, 1, 100, 1, 100} << QList<int> {4};
    QTest::newRow("warm-up level") << "close > SMA:3" << L {5, 6, 100, 1, 100} << QList<int> {2, 4};
    QTest::newRow("enters") << "close enters 100 110" << L {95, 105, 107, 112, 105}
                            << QList<int> {1, 4};
    QTest::newRow("enters needs a previous bar")
        << "close enters 100 110" << L {105, 106} << QList<int> {};
    QTest::newRow("exits") << "close exits 100 110" << L {95, 105, 107, 112, 105} << QList<int> {3};
    QTest::newRow("moves 5% within 3 bars")
        << "close moves 5% within 3 bars" << L {100, 101, 102, 106, 106} << QList<int> {3};
    QTest::newRow("moves 5% within 2 bars")
        << "close moves 5% within 2 bars" << L {100, 101, 102, 106, 106} << QList<int> {};
    QTest::newRow("moves down") << "close moves 10% within 1 bars" << L {100, 89, 89}
                                << QList<int> {1};
    QTest::newRow("AND") << "close > 100 AND close < 105" << L {99, 101, 106, 103}
                         << QList<int> {1, 3};
    QTest::newRow("OR") << "close < 100 OR close > 105" << L {99, 101, 106, 103}
                        << QList<int> {0, 2};
    QTest::newRow("AND of crossings keeps both previous values")
        << "close crosses_above 100 AND close crosses_above 101" << L {99, 102, 99, 100.5, 102}
        << QList<int> {1};
    QTest::newRow("scaled operand") << "close > 2 * 50.5" << L {100, 101, 102} << QList<int> {2};
}

void TestAlertSemantics::conditionsAtClose()
{
    QFETCH(QString, rule);
    QFETCH(QList<double>, closes);
    QFETCH(QList<int>, fires);
    QCOMPARE(firedBars(runBars(ruleOf(rule), barsOf(closes))), fires);
}

void TestAlertSemantics::crossingValues()
{
    const auto fires
        = runBars(ruleOf(QStringLiteral("close crosses_above 100")), barsOf({99, 101}));
    QCOMPARE(fires.size(), std::size_t(1));
    QCOMPARE(fires[0].ruleId, QStringLiteral("r1"));
    QCOMPARE(fires[0].symbol, QStringLiteral("test:A"));
    QCOMPARE(fires[0].barTime, kT0 + kMinuteMs);
    QCOMPARE(fires[0].fireTime, kT0 + kMinuteMs);
    QCOMPARE(fires[0].left, 101.0);
    QCOMPARE(fires[0].right, 100.0);
    QCOMPARE(fires[0].intrabar, false);
}

void TestAlertSemantics::volumeSpike()
{
    std::vector<Bar> bars;
    const double volumes[] = {10, 10, 10, 25, 10, 31, 30};
    for (int i = 0; i < 7; ++i)
        bars.push_back(barAt(i, 100, volumes[i]));
    const auto fires = runBars(ruleOf(QStringLiteral("volume_spike 2 3")), bars);
    QCOMPARE(firedBars(fires), (QList<int> {3, 5}));
    QCOMPARE(fires[1].left, 31.0);
    QCOMPARE(fires[1].right, 30.0);  // 2 * mean(10, 25, 10) = 30; bar 6: 30 is not above 2 * 22
}

void TestAlertSemantics::oncePerBarOscillation()
{
    // Minute 0 at 99; minutes 1 and 2: 50 trades each alternating 101, 99.
    std::vector<Tick> ticks {tickAt(kT0 + 1000, 99.0)};
    for (int minute = 1; minute <= 2; ++minute)
        for (int k = 0; k < 50; ++k)
            ticks.push_back(tickAt(kT0 + minute * kMinuteMs + 1000 * k, k % 2 == 0 ? 101.0 : 99.0));
    for (const AlertTrigger trigger : {AlertTrigger::OncePerBar, AlertTrigger::OncePerBarClose}) {
        AlertBacktest backtest;
        QString error;
        QVERIFY(
            backtest.addRule(ruleOf(QStringLiteral("close crosses_above 100"), trigger), &error));
        std::vector<AlertFire> fires;
        backtest.runTicks(ticks, Timeframe::M1, fires);
        if (trigger == AlertTrigger::OncePerBar) {
            QCOMPARE(firedBars(fires), (QList<int> {1, 2}));
            QVERIFY(fires[0].intrabar && fires[1].intrabar);
            QCOMPARE(fires[0].left, 101.0);
        } else {
            QCOMPARE(firedBars(fires), QList<int> {});  // every minute closes at 99
        }
    }
}

void TestAlertSemantics::idleAfterFireThenNextBarCrossing()
{
    // Minute 0 at 99. Minute 1: 101 (the crossing: fires), then 99, 101, 99
    // (the rule fired on this bar: idle, not evaluated), closing at 99.
    // Minute 2: 101 again -- a crossing against the close of minute 1 (99),
    // so it fires although the last sample the rule took was 101.
    const std::vector<Tick> ticks {tickAt(kT0 + 1000, 99.0), tickAt(kT0 + kMinuteMs, 101.0),
        tickAt(kT0 + kMinuteMs + 1000, 99.0), tickAt(kT0 + kMinuteMs + 2000, 101.0),
        tickAt(kT0 + kMinuteMs + 3000, 99.0), tickAt(kT0 + 2 * kMinuteMs, 101.0),
        tickAt(kT0 + 2 * kMinuteMs + 1000, 102.0)};
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(
        ruleOf(QStringLiteral("close crosses_above 100"), AlertTrigger::OncePerBar), &error));
    AlertRule within = ruleOf(QStringLiteral("close > 100"), AlertTrigger::OncePerBar);
    within.id = QStringLiteral("r2");
    QVERIFY(backtest.addRule(within, &error));
    std::vector<AlertFire> fires;
    backtest.runTicks(ticks, Timeframe::M1, fires);
    QList<int> crossing;
    QList<int> level;
    for (const AlertFire &f : fires)
        (f.ruleId == QLatin1String("r1") ? crossing : level) << int((f.barTime - kT0) / kMinuteMs);
    QCOMPARE(crossing, (QList<int> {1, 2}));
    QCOMPARE(level, (QList<int> {1, 2}));
    // Both skipped: a sample on a bar a once-per-bar rule fired on.
    QVERIFY(backtest.rules()[0].skipIfIdle(kT0 + 2 * kMinuteMs, kT0 + 2 * kMinuteMs));
    QVERIFY(!backtest.rules()[0].skipIfIdle(kT0 + 3 * kMinuteMs, kT0 + 3 * kMinuteMs));
    // Not with a hysteresis band (a sample may re-arm it), nor `once`.
    AlertRule banded = ruleOf(QStringLiteral("close > 100"), AlertTrigger::OncePerBar);
    banded.hysteresis = 0.5;
    AlertRuleRun bandedRun(banded, {});
    QVERIFY(!bandedRun.skipIfIdle(AlertRuleState::kNever, kT0));
    AlertRuleRun once(ruleOf(QStringLiteral("close > 100"), AlertTrigger::Once), {});
    QVERIFY(!once.skipIfIdle(AlertRuleState::kNever, kT0));
}

void TestAlertSemantics::movesAndSpikeIntrabarReadClosedBarsOnce()
{
    // moves and volume_spike keep what they read of closed bars while the
    // forming bar moves: every update still compares with the right bars.
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(
        ruleOf(QStringLiteral("close moves 5% within 2 bars"), AlertTrigger::OncePerBar), &error));
    AlertRule spike = ruleOf(QStringLiteral("volume_spike 2 2"), AlertTrigger::OncePerBar);
    spike.id = QStringLiteral("r2");
    QVERIFY(backtest.addRule(spike, &error));
    std::vector<AlertFire> fires;
    backtest.closeBar(barAt(0, 100.0, 10.0), fires);
    backtest.closeBar(barAt(1, 102.0, 10.0), fires);
    QVERIFY(fires.empty());
    Bar forming = barAt(2, 104.0, 15.0);
    backtest.updateForming(forming, fires);  // +4% of 100, 15 <= 2 * 10
    QVERIFY(fires.empty());
    forming.close = 105.0;
    forming.volume = 21.0;
    backtest.updateForming(forming, fires);  // +5% of 100, 21 > 20
    QCOMPARE(fires.size(), std::size_t(2));
    QCOMPARE(fires[0].left, 105.0);
    QCOMPARE(fires[0].right, 100.0);
    QCOMPARE(fires[1].left, 21.0);
    QCOMPARE(fires[1].right, 20.0);
    // The bar closes; the next forming bar reads bars 1 and 2.
    fires.clear();
    backtest.closeBar(Bar {forming.time, 104.0, 105.0, 104.0, 105.0, 21.0, 2}, fires);
    QVERIFY(fires.empty());  // fired on this bar already
    Bar next = barAt(3, 107.2, 30.0);
    backtest.updateForming(next, fires);  // +5% of 102 (bar 1), 30 <= 2 * (10 + 21) / 2
    QCOMPARE(fires.size(), std::size_t(1));
    QCOMPARE(fires[0].ruleId, QStringLiteral("r1"));
    QCOMPARE(fires[0].right, 102.0);
}

void TestAlertSemantics::barCloseIgnoresRevertedCross_data()
{
    QTest::addColumn<int>("trigger");
    QTest::addColumn<QList<int>>("fires");
    QTest::newRow("once-per-bar-close") << int(AlertTrigger::OncePerBarClose) << QList<int> {};
    QTest::newRow("once-per-bar") << int(AlertTrigger::OncePerBar) << QList<int> {1};
    QTest::newRow("once") << int(AlertTrigger::Once) << QList<int> {1};
}

void TestAlertSemantics::barCloseIgnoresRevertedCross()
{
    QFETCH(int, trigger);
    QFETCH(QList<int>, fires);
    // Minute 1 goes to 102 and back to 99 before it closes; minute 2 closes it.
    const std::vector<Tick> ticks {tickAt(kT0 + 1000, 99.0), tickAt(kT0 + kMinuteMs + 1000, 99.0),
        tickAt(kT0 + kMinuteMs + 2000, 101.0), tickAt(kT0 + kMinuteMs + 3000, 102.0),
        tickAt(kT0 + kMinuteMs + 4000, 99.0), tickAt(kT0 + 2 * kMinuteMs + 1000, 99.0),
        tickAt(kT0 + 3 * kMinuteMs + 1000, 98.0)};
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(
        ruleOf(QStringLiteral("close crosses_above 100"), AlertTrigger(trigger)), &error));
    std::vector<AlertFire> got;
    backtest.runTicks(ticks, Timeframe::M1, got);
    QCOMPARE(firedBars(got), fires);
    if (!got.empty())
        QCOMPARE(got[0].left, 101.0);
}

void TestAlertSemantics::gates_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QList<double>>("closes");
    QTest::addColumn<qint64>("cooldownMs");
    QTest::addColumn<int>("expiresMinute");  // 0: never
    QTest::addColumn<int>("maxFires");
    QTest::addColumn<double>("hysteresis");
    QTest::addColumn<QList<int>>("fires");

    const QList<double> flapping {99, 101, 99.9, 100.2, 99.8, 100.5, 98, 101};
    const QList<double> above(10, 101.0);
    const double off = std::nan("");
    QTest::newRow("flapping without hysteresis")
        << "close > 100" << flapping << qint64(0) << 0 << 0 << off << QList<int> {1, 3, 5, 7};
    QTest::newRow("hysteresis 1 against flapping")
        << "close > 100" << flapping << qint64(0) << 0 << 0 << 1.0 << QList<int> {1, 7};
    QTest::newRow("hysteresis 0 re-arms at the level")
        << "close > 100" << flapping << qint64(0) << 0 << 0 << 0.0 << QList<int> {1, 3, 5, 7};
    QTest::newRow("hysteresis below a level")
        << "close < 100" << QList<double> {101, 99, 100.5, 99, 101.5, 99} << qint64(0) << 0 << 0
        << 1.0 << QList<int> {1, 5};
    QTest::newRow("hysteresis on AND: either side re-arms")
        << "close > 100 AND close < 110" << QList<double> {101, 102, 111, 105, 99.5, 101}
        << qint64(0) << 0 << 0 << 0.5 << QList<int> {0, 3, 5};
    QTest::newRow("cooldown 3m") << "close > 100" << above << qint64(3 * kMinuteMs) << 0 << 0 << off
                                 << QList<int> {0, 3, 6, 9};
    QTest::newRow("cooldown 90s") << "close > 100" << above << qint64(90'000) << 0 << 0 << off
                                  << QList<int> {0, 2, 4, 6, 8};
    QTest::newRow("expiry at minute 4")
        << "close > 100" << above << qint64(0) << 4 << 0 << off << QList<int> {0, 1, 2, 3};
    QTest::newRow("max fires 2") << "close > 100" << above << qint64(0) << 0 << 2 << off
                                 << QList<int> {0, 1};
    QTest::newRow("max fires with cooldown")
        << "close > 100" << above << qint64(2 * kMinuteMs) << 0 << 3 << off << QList<int> {0, 2, 4};
}

void TestAlertSemantics::gates()
{
    QFETCH(QString, rule);
    QFETCH(QList<double>, closes);
    QFETCH(qint64, cooldownMs);
    QFETCH(int, expiresMinute);
    QFETCH(int, maxFires);
    QFETCH(double, hysteresis);
    QFETCH(QList<int>, fires);
    AlertRule r = ruleOf(rule);
    r.cooldownMs = cooldownMs;
    r.expiresAt = expiresMinute ? kT0 + expiresMinute * kMinuteMs : 0;
    r.maxFires = maxFires;
    r.hysteresis = hysteresis;
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(r, &error));
    std::vector<AlertFire> got;
    backtest.runBars(barsOf(closes), got);
    QCOMPARE(firedBars(got), fires);
    const AlertRuleState &state = backtest.rules().front().state();
    QCOMPARE(state.fireCount(), int(fires.size()));
    QCOMPARE(state.expired(), expiresMinute != 0);
    QCOMPARE(state.armed(), maxFires == 0 || int(fires.size()) < maxFires);
}

void TestAlertSemantics::onceRearms()
{
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(ruleOf(QStringLiteral("close > 100"), AlertTrigger::Once), &error));
    std::vector<AlertFire> fires;
    const auto bars = barsOf({101, 102, 103, 104});
    backtest.closeBar(bars[0], fires);
    backtest.closeBar(bars[1], fires);
    QCOMPARE(firedBars(fires), QList<int> {0});
    QVERIFY(!backtest.rules().front().state().armed());
    backtest.rules().front().state().rearm();
    backtest.closeBar(bars[2], fires);
    backtest.closeBar(bars[3], fires);
    QCOMPARE(firedBars(fires), (QList<int> {0, 2}));
}

void TestAlertSemantics::cooldownIgnoresALastFireInTheClocksFuture()
{
    // A state saved by an older build kept a wall-clock lastFire; on a demo's
    // clock, months behind, that fire is in the future: it holds no cooldown.
    AlertRule r = ruleOf(QStringLiteral("close > 100"));
    r.cooldownMs = 3 * kMinuteMs;
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(r, &error));
    AlertStateRecord saved;
    saved.ruleId = r.id;
    saved.lastFire = kT0 + 300 * kDayMs;
    saved.lastFiredBar = kT0 - kMinuteMs;
    saved.fireCount = 4;
    backtest.rules().front().state().restore(saved);
    std::vector<AlertFire> fires;
    backtest.runBars(barsOf({101, 101, 101, 101, 101}), fires);
    // Then the cooldown counts from its own fires, on this clock.
    QCOMPARE(firedBars(fires), (QList<int> {0, 3}));
    QCOMPARE(backtest.rules().front().state().lastFireTime(), kT0 + 3 * kMinuteMs);
    QCOMPARE(backtest.rules().front().state().fireCount(), 6);
}

void TestAlertSemantics::autoPause()
{
    // A backfill of 20 bars arriving at one moment: the 16th fire within 3
    // minutes pauses the rule, and nothing fires after it until re-armed.
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(ruleOf(QStringLiteral("close > 100")), &error));
    std::vector<AlertFire> fires;
    const TimeMs now = kT0 + 30 * kMinuteMs;
    for (int i = 0; i < 20; ++i)
        backtest.closeBar(barAt(i, 101), fires, now + i * 1000);
    QCOMPARE(fires.size(), std::size_t(16));
    const AlertRuleState &state = backtest.rules().front().state();
    QVERIFY(state.paused());
    QCOMPARE(state.pauseReason(), QStringLiteral("paused: fired 16 times within 3 minutes"));
    // 15 fires spread over more than 3 minutes do not pause.
    AlertBacktest spread;
    QVERIFY(spread.addRule(ruleOf(QStringLiteral("close > 100")), &error));
    std::vector<AlertFire> spreadFires;
    for (int i = 0; i < 40; ++i)
        spread.closeBar(barAt(i, 101), spreadFires, now + i * 12'001);
    QCOMPARE(spreadFires.size(), std::size_t(40));
    QVERIFY(!spread.rules().front().state().paused());
}

void TestAlertSemantics::dataConditions()
{
    AlertRule stale = ruleOf(QStringLiteral("stale 30 s"), AlertTrigger::OncePerBar);
    AlertRuleRun run(stale, {});
    const TimeMs bar = kT0;
    QVERIFY(!run.evaluateStatus(AlertDataStatus {kT0 + 20'000, kT0, kNaN}, bar, kT0 + 20'000));
    QVERIFY(!run.evaluateStatus(AlertDataStatus {kT0 + 40'000, 0, kNaN}, bar, kT0 + 40'000));
    const auto fire
        = run.evaluateStatus(AlertDataStatus {kT0 + 40'000, kT0, kNaN}, bar, kT0 + 40'000);
    QVERIFY(fire);
    QCOMPARE(fire->left, 40.0);
    QCOMPARE(fire->right, 30.0);
    // Once per bar: not again in the same minute, again in the next.
    QVERIFY(!run.evaluateStatus(AlertDataStatus {kT0 + 50'000, kT0, kNaN}, bar, kT0 + 50'000));
    QVERIFY(run.evaluateStatus(
        AlertDataStatus {kT0 + 70'000, kT0, kNaN}, bar + kMinuteMs, kT0 + 70'000));

    AlertRuleRun quality(ruleOf(QStringLiteral("quality < 0.9"), AlertTrigger::OncePerBar), {});
    QVERIFY(!quality.evaluateStatus(AlertDataStatus {kT0, kT0, 0.95}, bar, kT0));
    QVERIFY(!quality.evaluateStatus(AlertDataStatus {kT0, kT0, kNaN}, bar, kT0));
    const auto low = quality.evaluateStatus(AlertDataStatus {kT0, kT0, 0.5}, bar, kT0);
    QVERIFY(low);
    QCOMPARE(low->left, 0.5);

    // Mixed with bars: through the backtest's status.
    AlertBacktest backtest;
    QString error;
    QVERIFY(backtest.addRule(ruleOf(QStringLiteral("close > 100 AND quality < 0.9")), &error));
    std::vector<AlertFire> fires;
    backtest.setStatus(AlertDataStatus {kT0, kT0, 0.95});
    backtest.closeBar(barAt(0, 101), fires);
    backtest.setStatus(AlertDataStatus {kT0, kT0, 0.8});
    backtest.closeBar(barAt(1, 101), fires);
    QCOMPARE(firedBars(fires), QList<int> {1});
}

void TestAlertSemantics::indicatorValuesAreTheBatchValues()
{
    // A walk long enough for MACD(12,26,9): every fire's values are the batch
    // values at its bar, and every batch crossing is a fire.
    std::vector<Bar> bars;
    double price = 100.0;
    std::uint64_t state = 7;
    for (int i = 0; i < 400; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        price += (double(state >> 11) / 9007199254740992.0 - 0.5) * 2.0;
        bars.push_back(barAt(i, price));
    }
    const auto fires = runBars(
        ruleOf(QStringLiteral("MACD:12,26,9.macd crosses_above MACD:12,26,9.signal")), bars);
    QString error;
    auto macd
        = createIndicator(*parseIndicatorSpec(QStringLiteral("MACD:12,26,9"), &error), &error);
    std::vector<std::vector<double>> outs;
    macd->batch(bars.data(), bars.size(), outs);
    QList<int> expected;
    for (std::size_t i = 1; i < bars.size(); ++i) {
        const double a = outs[0][i], b = outs[1][i], pa = outs[0][i - 1], pb = outs[1][i - 1];
        if (!std::isnan(pa) && !std::isnan(pb) && a > b && pa <= pb)
            expected << int(i);
    }
    QVERIFY(expected.size() >= 5);
    QCOMPARE(firedBars(fires), expected);
    for (const AlertFire &f : fires) {
        const auto i = std::size_t((f.barTime - kT0) / kMinuteMs);
        QCOMPARE(f.left, outs[0][i]);
        QCOMPARE(f.right, outs[1][i]);
    }
}

QTEST_APPLESS_MAIN(TestAlertSemantics)
#include "test_alert_semantics.moc"
