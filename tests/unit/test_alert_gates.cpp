// core/alerts: the gates of AlertSeriesProgram (a forming update inside a
// rule's gate is not evaluated) change nothing. Two AlertEngines on one
// MarketEngine, one with gates and one without, get the same trades -- a
// random walk on a cent grid that keeps crossing the rules' levels and
// indicators, so the gates keep opening and closing -- and must fire the same
// rules on the same bars at the same times with the same values, bit for bit,
// and leave the same states (a restore and a re-arm halfway on both); the
// gated one must have skipped most samples.
// Rules cover every kind of step a gate reasons about: affine and rising
// indicators, chained ones, the bar's high and low, `moves`, `volume_spike`,
// enters/exits, AND/OR, a negative scale, indicators that read more than the
// close (no gate), the bar's open moved by late trades, and the three triggers.
#include <cstring>

#include <QTest>

#include "EngineTestData.h"
#include "alerts/AlertEngine.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;
using namespace wick::enginetest;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr int kHistoryMinutes = 80;

class Walk
{
public:
    std::uint64_t next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return m_state >> 16;
    }
    // 100 +- a few, on a cent grid, so that trades repeat prices.
    double price()
    {
        const std::uint64_t r = next();
        m_cents += int(r % 7) - 3;
        m_cents = std::clamp(m_cents, 9800, 10200);
        return double(m_cents) / 100.0;
    }

private:
    std::uint64_t m_state = 7;
    int m_cents = 10000;
};

bool sameDouble(double a, double b)
{
    return std::memcmp(&a, &b, sizeof(double)) == 0;
}

const char *const kRules[] = {
    "close crosses_above SMA:20",
    "close crosses_below EMA:10",
    "close crosses 100.05",
    "RSI:14 crosses_below 45",
    "RSI:14 > 62",
    "MACD:12,26,9.macd crosses_above MACD:12,26,9.signal",
    "MACD:12,26,9.hist < 0",
    "close enters 99.95 100.05",
    "close exits 99.8 100.2",
    "close moves 0.2% within 5 bars",
    "volume_spike 2 10",
    "SMA:5@RSI:14 > 55",
    "close < 99.9 AND RSI:14 < 50",
    "close > 100.1 OR MOM:5 > 0.3",
    "RSI:14 > 52 AND close crosses_above SMA:20",
    "MOM:3 < 0 AND close > 100.02",
    "high crosses_above 100.12",
    "low crosses_below 99.9",
    "-1 * close crosses_above -100",
    "close crosses_above BBANDS:20,2,2.upper",
    "close crosses_below ATR:14",
    "close crosses_above WMA:8",
    "close < open",
    "close crosses_above open",
    "open > 100.03",
    "TEMA:6 crosses_below DEMA:9",
    "close > TRIMA:10",
    "ROC:3 crosses 0",
};

struct AlertSide {
    explicit AlertSide(MarketEngine *engine, const std::shared_ptr<ManualClock> &clock)
        : alerts(engine, clock)
    {
        QObject::connect(&alerts, &AlertEngine::firesReady, &alerts,
            [this](const std::vector<AlertFire> &batch) {
                fires.insert(fires.end(), batch.begin(), batch.end());
            });
        QObject::connect(&alerts, &AlertEngine::statesChanged, &alerts,
            [this](const std::vector<AlertStateRecord> &batch) {
                states.insert(states.end(), batch.begin(), batch.end());
            });
    }
    AlertEngine alerts;
    std::vector<AlertFire> fires;
    std::vector<AlertStateRecord> states;
};

}  // namespace

class TestAlertGates final : public QObject
{
    Q_OBJECT

private slots:
    void gatedFiresAreUngatedFires_data();
    void gatedFiresAreUngatedFires();
};

void TestAlertGates::gatedFiresAreUngatedFires_data()
{
    // quiet: whether some update finds every rule's gate holding (-1: not checked).
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<int>("quiet");
    QStringList all;
    for (const char *text : kRules)
        all << QString::fromLatin1(text);
    // A rule without a gate (ATR reads the high and low) evaluates every
    // update: no update finds every gate holding.
    QTest::newRow("every rule") << all << 0;
    all.removeAll(QStringLiteral("close crosses_below ATR:14"));
    QTest::newRow("rules with gates") << all << -1;
    QTest::newRow("crossings") << QStringList {QStringLiteral("close crosses_above SMA:20"),
        QStringLiteral("RSI:14 crosses_below 45"), QStringLiteral("close crosses 100.05")}
                               << 1;
}

void TestAlertGates::gatedFiresAreUngatedFires()
{
    QFETCH(QStringList, texts);
    QFETCH(int, quiet);
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    auto clock = std::make_shared<ManualClock>(kT0);
    MarketEngine engine(symbols);
    engine.setCloseClock(clock);
    engine.setManualPublish(true);
    Walk walk;
    std::vector<Bar> history;
    for (int m = 0; m < kHistoryMinutes; ++m) {
        const double open = walk.price();
        const double close = walk.price();
        history.push_back(Bar {kT0 + m * kMinuteMs, open, std::max(open, close) + 0.02,
            std::min(open, close) - 0.02, close, 20.0 + m % 9, 8});
    }
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(history));

    AlertSide gated(&engine, clock);
    AlertSide plain(&engine, clock);
    plain.alerts.setGating(false);
    const AlertTrigger triggers[]
        = {AlertTrigger::OncePerBar, AlertTrigger::Once, AlertTrigger::OncePerBarClose};
    int n = 0;
    for (const QString &text : texts) {
        for (const AlertTrigger trigger : triggers) {
            for (const Timeframe tf : {Timeframe::M1, Timeframe::M5}) {
                AlertRule rule;
                rule.id = QStringLiteral("r%1").arg(n++);
                rule.symbol = QStringLiteral("test:A");
                rule.trigger = trigger;
                rule.timeframe = tf;
                rule.cooldownMs = (n % 4 == 0) ? 90'000 : 0;
                QString error;
                QVERIFY2(rule.setText(text, &error), qPrintable(error));
                QVERIFY2(gated.alerts.addRule(rule, a, &error), qPrintable(error));
                QVERIFY2(plain.alerts.addRule(rule, a, &error), qPrintable(error));
            }
        }
    }

    // 40 minutes of trades, several a second, some seconds without any.
    TimeMs t = kT0 + kHistoryMinutes * kMinuteMs;
    const TimeMs end = t + 40 * kMinuteMs;
    bool restored = false;
    while (t < end) {
        t += 100 + TimeMs(walk.next() % 700);
        if (!restored && t > end - 20 * kMinuteMs) {
            // Halfway, every rule gets its state back (as at a restart) and
            // the first third are re-armed, on both sides alike: gates go.
            restored = true;
            for (int r = 0; r < n; ++r) {
                const QString id = QStringLiteral("r%1").arg(r);
                const AlertStateRecord record = gated.alerts.ruleState(id)->record(id);
                QVERIFY(gated.alerts.restoreRuleState(id, record));
                QVERIFY(plain.alerts.restoreRuleState(id, record));
                if (r < n / 3) {
                    QVERIFY(gated.alerts.rearmRule(id));
                    QVERIFY(plain.alerts.rearmRule(id));
                }
            }
        }
        std::vector<Tick> ticks;
        const int count = 1 + int(walk.next() % 3);
        for (int k = 0; k < count; ++k)
            ticks.push_back(trade(a, t, walk.price(), 0.1 + double(walk.next() % 40) / 10.0));
        // Now and then a late trade stamped at the minute's start: it moves
        // the open (and maybe the high or low), not the close.
        if (walk.next() % 9 == 0 && t % kMinuteMs > 1)
            ticks.push_back(trade(a, t - t % kMinuteMs + 1, walk.price(), 0.5));
        clock->set(t);
        engine.addTicks(batchOf(std::move(ticks)));
        gated.alerts.flushFires();
        plain.alerts.flushFires();
    }

    QVERIFY2(
        plain.fires.size() > 10 * std::size_t(texts.size()), "the trades cross the rules often");
    QCOMPARE(gated.fires.size(), plain.fires.size());
    for (std::size_t k = 0; k < plain.fires.size(); ++k) {
        const AlertFire &x = gated.fires[k];
        const AlertFire &y = plain.fires[k];
        const QByteArray where = QByteArray::number(qulonglong(k)) + ' ' + y.ruleId.toLatin1()
            + " bar " + QByteArray::number(y.barTime) + " at " + QByteArray::number(y.fireTime)
            + " / gated: " + x.ruleId.toLatin1() + " bar " + QByteArray::number(x.barTime) + " at "
            + QByteArray::number(x.fireTime);
        QVERIFY2(x.ruleId == y.ruleId && x.barTime == y.barTime && x.fireTime == y.fireTime
                && x.intrabar == y.intrabar,
            where.constData());
        QVERIFY2(sameDouble(x.left, y.left) && sameDouble(x.right, y.right)
                && sameDouble(x.close, y.close),
            where.constData());
    }
    QCOMPARE(gated.states.size(), plain.states.size());
    for (int r = 0; r < n; ++r) {
        const QString id = QStringLiteral("r%1").arg(r);
        const AlertRuleState *x = gated.alerts.ruleState(id);
        const AlertRuleState *y = plain.alerts.ruleState(id);
        QVERIFY(x && y);
        QCOMPARE(x->record(id).fireCount, y->record(id).fireCount);
        QCOMPARE(x->lastFiredBar(), y->lastFiredBar());
    }
    const AlertEngine::Stats &g = gated.alerts.stats();
    const AlertEngine::Stats &p = plain.alerts.stats();
    QCOMPARE(p.gated, std::uint64_t(0));
    QVERIFY2(g.gated > g.evaluated, "most forming samples fall inside their gates");
    if (quiet >= 0)
        QCOMPARE(g.quiet > 0, quiet == 1);
    QCOMPARE(g.evaluated + g.skipped + g.gated, p.evaluated + p.skipped);
}

QTEST_GUILESS_MAIN(TestAlertGates)
#include "test_alert_gates.moc"
