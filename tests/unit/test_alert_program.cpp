// core/alerts: AlertSeriesProgram, the flat program of every rule of a series
// (what AlertEngine evaluates), against AlertRuleRun rule by rule on a crafted
// series -- closed bars and forming-bar updates, one indicator slot whose
// values the test sets -- sampled the way the engine samples: the same fires,
// bar for bar and value for value, for crossings, enters/exits, moves,
// volume spikes, AND/OR, hysteresis and `once`; and after a rule is removed
// the others keep their previous samples.
#include <cmath>
#include <optional>

#include <QRegularExpression>
#include <QTest>

#include "alerts/AlertRuleRun.h"
#include "alerts/AlertSeriesProgram.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

Bar barAt(int minute, double close, double volume)
{
    return Bar {kT0 + minute * kMinuteMs, close, close, close, close, volume, 1};
}

// Closed bars and a forming bar, and slot 0: one output whose value at each
// bar the test gives.
class CraftedSeries final : public AlertSeriesData
{
public:
    void close(double price, double volume, double value)
    {
        m_bars.push_back(barAt(int(m_bars.size()), price, volume));
        m_values.push_back(value);
        m_forming.reset();
    }
    void form(double price, double volume, double value)
    {
        m_forming = barAt(int(m_bars.size()), price, volume);
        m_formingValue = value;
    }

    std::size_t closedCount() const override { return m_bars.size(); }
    const Bar &closedBar(std::size_t i) const override { return m_bars[i]; }
    const Bar *forming() const override { return m_forming ? &*m_forming : nullptr; }
    int outputCount(int slot) const override { return slot == 0 ? 1 : 0; }
    double indicator(int slot, int output, std::size_t i) const override
    {
        return slot == 0 && output == 0 ? m_values[i] : kNaN;
    }
    double formingIndicator(int slot, int output) const override
    {
        return slot == 0 && output == 0 && m_forming ? m_formingValue : kNaN;
    }

private:
    std::vector<Bar> m_bars;
    std::vector<double> m_values;
    std::optional<Bar> m_forming;
    double m_formingValue = kNaN;
};

AlertRule ruleOf(const QString &id, const QString &text,
    AlertTrigger trigger = AlertTrigger::OncePerBar, double hysteresis = std::nan(""))
{
    AlertRule rule;
    rule.id = id;
    rule.symbol = QStringLiteral("test:A");
    rule.trigger = trigger;
    rule.hysteresis = hysteresis;
    QString error;
    if (!rule.setText(text, &error))
        qFatal("bad rule %s: %s", qPrintable(text), qPrintable(error));
    return rule;
}

// Rule texts read the slot as SMA:2 (the crafted series answers any spec).
QList<AlertRule> craftedRules()
{
    return {ruleOf(QStringLiteral("up100"), QStringLiteral("close crosses_above 100")),
        ruleOf(QStringLiteral("crossSma"), QStringLiteral("close crosses SMA:2")),
        ruleOf(QStringLiteral("enters"), QStringLiteral("close enters 100 102")),
        ruleOf(QStringLiteral("moves"), QStringLiteral("close moves 2% within 3 bars")),
        ruleOf(QStringLiteral("spike"), QStringLiteral("volume_spike 2 3")),
        ruleOf(QStringLiteral("and"), QStringLiteral("close > 100.5 AND SMA:2 < 100")),
        ruleOf(QStringLiteral("or"), QStringLiteral("close exits 100 102 OR close < 98")),
        ruleOf(
            QStringLiteral("band"), QStringLiteral("close > 100"), AlertTrigger::OncePerBar, 1.0),
        ruleOf(QStringLiteral("once"), QStringLiteral("close crosses_below SMA:2"),
            AlertTrigger::Once),
        ruleOf(QStringLiteral("atClose"), QStringLiteral("close < 99.2"),
            AlertTrigger::OncePerBarClose)};
}

std::vector<int> slotsOf(const AlertRule &rule)
{
    return std::vector<int>(std::size_t(rule.condition.specs.size()), 0);
}

// The rules one by one, each AlertRuleRun with its own program (the backtest's path).
struct ByRule {
    std::vector<AlertRuleRun> runs;
    AlertSample sample;

    void sampleAt(const CraftedSeries &data, std::size_t i, std::vector<AlertFire> &fires)
    {
        const TimeMs at = (i < data.closedCount() ? data.closedBar(i) : *data.forming()).time;
        sample.begin(data, i, 1);
        for (AlertRuleRun &run : runs) {
            if (i == data.closedCount() && (!run.readsForming() || run.skipIfIdle(at, at)))
                continue;
            sample.need(run.slotMask());
            if (auto fire = run.evaluate(sample, AlertDataStatus {}, at))
                fires.push_back(*fire);
        }
    }
};

// The rules as one program, its results offered to the gates as AlertEngine does.
struct Flat {
    AlertSeriesProgram program;
    std::vector<AlertRuleRun> gates;
    AlertSample sample;

    void add(const AlertRule &rule)
    {
        program.add(rule, slotsOf(rule));
        gates.emplace_back(rule, slotsOf(rule));
    }
    void remove(int r)
    {
        program.remove(r);
        gates.erase(gates.begin() + r);
    }
    void sampleAt(const CraftedSeries &data, std::size_t i, std::vector<AlertFire> &fires)
    {
        const bool atClose = i < data.closedCount();
        const Bar &bar = atClose ? data.closedBar(i) : *data.forming();
        const TimeMs at = bar.time;
        sample.begin(data, i, program.slotCount());
        std::vector<int> rules;
        sample.need(program.select(atClose, bar.time, at, rules));
        for (const int r : rules) {
            const AlertSeriesProgram::Result result
                = program.evaluate(r, sample, AlertDataStatus {});
            if (program.inert(r, result, at))
                continue;
            AlertRuleRun &run = gates[std::size_t(r)];
            std::optional<AlertFire> fire = run.offer(result, bar, at, !atClose);
            program.setFiredBar(r, run.state().lastFiredBar());
            if (fire)
                fires.push_back(*fire);
        }
    }
};

// One event of the crafted series: a close, or a forming-bar update.
struct Event {
    bool close;
    double price;
    double volume;
    double value;  // slot 0
};

const QList<Event> kEvents {{true, 99.0, 1, kNaN}, {true, 101.0, 1, 100.0}, {true, 99.5, 1, 100.25},
    {true, 99.0, 5, 99.25}, {false, 100.8, 1, 99.9}, {false, 101.5, 3, 100.1},
    {false, 97.0, 8, 99.0}, {true, 100.6, 8, 99.8}, {false, 101.0, 1, 100.8},
    {false, 99.0, 2, 100.0}, {false, 101.2, 3, 100.1}, {true, 98.5, 3, 99.75},
    {false, 98.6, 1, 99.6}, {false, 100.7, 1, 99.7}, {true, 100.7, 1, 99.7},
    {false, 103.0, 20, 101.0}};

template<class Evaluator>
void feed(CraftedSeries &data, Evaluator &evaluator, const Event &e, std::vector<AlertFire> &fires)
{
    if (e.close) {
        data.close(e.price, e.volume, e.value);
        evaluator.sampleAt(data, data.closedCount() - 1, fires);
    } else {
        data.form(e.price, e.volume, e.value);
        evaluator.sampleAt(data, data.closedCount(), fires);
    }
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// "id@bar" (intrabar: "id@bar~") for each fire, and the fires compared field by field.
QStringList describe(const std::vector<AlertFire> &fires)
{
    QStringList out;
    for (const AlertFire &f : fires)
        out << QStringLiteral("%1@%2%3")
                   .arg(f.ruleId)
                   .arg((f.barTime - kT0) / kMinuteMs)
                   .arg(f.intrabar ? QStringLiteral("~") : QString());
    return out;
}

void compareFires(const std::vector<AlertFire> &flat, const std::vector<AlertFire> &byRule)
{
    QCOMPARE(describe(flat), describe(byRule));
    for (std::size_t k = 0; k < flat.size(); ++k) {
        QVERIFY(sameValue(flat[k].left, byRule[k].left));
        QVERIFY(sameValue(flat[k].right, byRule[k].right));
        QCOMPARE(flat[k].close, byRule[k].close);
        QCOMPARE(flat[k].fireTime, byRule[k].fireTime);
    }
}

}  // namespace

class TestAlertProgram final : public QObject
{
    Q_OBJECT

private slots:
    void sameFiresAsRuleByRule();
    void removeKeepsTheOthersSamples();
    void compiledLayout();
};

void TestAlertProgram::sameFiresAsRuleByRule()
{
    CraftedSeries flatData;
    CraftedSeries byRuleData;
    Flat flat;
    ByRule byRule;
    for (const AlertRule &rule : craftedRules()) {
        flat.add(rule);
        byRule.runs.emplace_back(rule, slotsOf(rule));
    }
    std::vector<AlertFire> flatFires;
    std::vector<AlertFire> byRuleFires;
    for (const Event &e : kEvents) {
        feed(flatData, flat, e, flatFires);
        feed(byRuleData, byRule, e, byRuleFires);
    }
    compareFires(flatFires, byRuleFires);
    const QStringList fired = describe(flatFires);
    QCOMPARE(fired.size(), 34);
    // By hand: 99 -> 101 crosses 100 at the close of bar 1; bar 4's first
    // update (100.8 after the close of 99) crosses it again and the rule is
    // idle on bar 4 after that (its close, 99 -> 100.6, is the same bar);
    // 99 -> 101.2 on bar 5 and 98.6 -> 100.7 on bar 6 cross it; 100.7 -> 103
    // on bar 7 does not.
    const auto firesOf = [&](const QString &id) {
        return fired.filter(QRegularExpression(QStringLiteral("^%1@").arg(id)));
    };
    QCOMPARE(firesOf(QStringLiteral("up100")),
        QStringList({QStringLiteral("up100@1"), QStringLiteral("up100@4~"),
            QStringLiteral("up100@5~"), QStringLiteral("up100@6~")}));
    // Hysteresis 1: re-armed by 99 (bar 3), 97, 99, 98.5; bar 7's 103 comes
    // after bar 6's fire with no sample at or below 99 in between.
    QCOMPARE(firesOf(QStringLiteral("band")),
        QStringList({QStringLiteral("band@1"), QStringLiteral("band@4~"), QStringLiteral("band@5~"),
            QStringLiteral("band@6~")}));
    // Volume over 2x the mean of the 3 bars before: 5 > 2 (bar 3), 8 > 14/3
    // (bar 4's third update), 20 > 8 (bar 7); bar 5 and 6 stay below 28/3, 32/3.
    QCOMPARE(firesOf(QStringLiteral("spike")),
        QStringList(
            {QStringLiteral("spike@3"), QStringLiteral("spike@4~"), QStringLiteral("spike@7~")}));
    // 101 >= 100 then 99.5 < 100.25: once, then disarmed.
    QCOMPARE(firesOf(QStringLiteral("once")), QStringList({QStringLiteral("once@2")}));
    QCOMPARE(firesOf(QStringLiteral("atClose")),
        QStringList({QStringLiteral("atClose@0"), QStringLiteral("atClose@3"),
            QStringLiteral("atClose@5")}));
    // close > 100.5 AND SMA:2 < 100: 100.8 / 99.9 and 100.7 / 99.7.
    QCOMPARE(firesOf(QStringLiteral("and")),
        QStringList({QStringLiteral("and@4~"), QStringLiteral("and@6~")}));
}

void TestAlertProgram::removeKeepsTheOthersSamples()
{
    const QList<AlertRule> rules = craftedRules();
    CraftedSeries flatData;
    CraftedSeries byRuleData;
    Flat flat;
    ByRule byRule;
    for (const AlertRule &rule : rules) {
        flat.add(rule);
        if (rule.id != QStringLiteral("moves") && rule.id != QStringLiteral("crossSma"))
            byRule.runs.emplace_back(rule, slotsOf(rule));
    }
    std::vector<AlertFire> flatFires;
    std::vector<AlertFire> byRuleFires;
    for (qsizetype k = 0; k < kEvents.size(); ++k) {
        if (k == 5) {
            // Mid-bar: the rules after them have sampled this bar already.
            flat.remove(3);  // moves
            flat.remove(1);  // crossSma
            QCOMPARE(flat.program.ruleCount(), 8);
        }
        feed(flatData, flat, kEvents[k], flatFires);
        feed(byRuleData, byRule, kEvents[k], byRuleFires);
    }
    // The fires before the removal include the removed rules': compare after it.
    std::vector<AlertFire> flatAfter;
    for (const AlertFire &f : flatFires)
        if (f.ruleId != QStringLiteral("moves") && f.ruleId != QStringLiteral("crossSma"))
            flatAfter.push_back(f);
    compareFires(flatAfter, byRuleFires);
    QVERIFY(byRuleFires.size() >= 10);
}

void TestAlertProgram::compiledLayout()
{
    AlertSeriesProgram program;
    const AlertRule level = ruleOf(QStringLiteral("a"), QStringLiteral("close > 100"));
    const AlertRule both
        = ruleOf(QStringLiteral("b"), QStringLiteral("close < 99 AND SMA:20 < 40"));
    const AlertRule closing = ruleOf(
        QStringLiteral("c"), QStringLiteral("SMA:9@RSI:14 > 70"), AlertTrigger::OncePerBarClose);
    QCOMPARE(program.add(level, slotsOf(level)), 0);
    QCOMPARE(program.add(both, {2}), 1);
    QCOMPARE(program.add(closing, {1}), 2);
    QCOMPARE(program.ruleCount(), 3);
    QCOMPARE(program.slotCount(), 3);
    QCOMPARE(program.slotMask(0), std::uint64_t(0));
    QCOMPARE(program.slotMask(1), std::uint64_t(4));
    QCOMPARE(program.slotMask(2), std::uint64_t(2));
    QVERIFY(program.readsForming(1));
    QVERIFY(!program.readsForming(2));
    QVERIFY(program.idleable(0));
    program.remove(1);
    QCOMPARE(program.ruleCount(), 2);
    QCOMPARE(program.slotCount(), 2);
    QCOMPARE(program.slotMask(1), std::uint64_t(2));
    // Idle once it fired on the bar, and until then not.
    QVERIFY(!program.skipIfIdle(0, kT0, kT0));
    program.setFiredBar(0, kT0);
    QVERIFY(program.skipIfIdle(0, kT0, kT0 + 1000));
    QVERIFY(!program.skipIfIdle(0, kT0 + kMinuteMs, kT0 + kMinuteMs));
    // What a sample evaluates: a close every rule; an update of bar kT0
    // neither the idle rule nor the once-per-bar-close one; of the next bar the first.
    std::vector<int> rules;
    QCOMPARE(program.select(true, kT0, kT0 + 1000, rules), std::uint64_t(2));
    QCOMPARE(rules, std::vector<int>({0, 1}));
    QCOMPARE(program.select(false, kT0, kT0 + 1000, rules), std::uint64_t(0));
    QVERIFY(rules.empty());
    QCOMPARE(program.select(false, kT0 + kMinuteMs, kT0 + kMinuteMs, rules), std::uint64_t(0));
    QCOMPARE(rules, std::vector<int>({0}));
}

QTEST_APPLESS_MAIN(TestAlertProgram)
#include "test_alert_program.moc"
