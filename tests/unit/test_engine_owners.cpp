// MarketEngine with many owners per series: shared indicator runs (acquire,
// release, one run per key), a BarListener on the engine thread, the manual
// publish step and close clock, a source's native higher-timeframe bars and
// its forming bar. Every value is checked against a batch computation of the
// indicator over the same bars, bit for bit.
#include <cmath>
#include <cstring>
#include <functional>
#include <map>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "EngineTestData.h"
#include "engine/BarListener.h"
#include "engine/MarketEngine.h"
#include "engine/SeriesView.h"
#include "indicators/IndicatorRegistry.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;
using namespace wick::enginetest;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr int kHistoryMinutes = 120;

// A deterministic walk, so that RSI, MACD and the bands move.
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

std::vector<Bar> walkHistory(Walk &walk, int count)
{
    std::vector<Bar> bars;
    for (int i = 0; i < count; ++i) {
        const double open = walk.next();
        const double close = walk.next();
        const double high = std::max(open, close) + 0.5;
        const double low = std::min(open, close) - 0.5;
        bars.push_back(Bar {kT0 + i * kMinuteMs, open, high, low, close, 10.0 + i % 7, 5});
    }
    return bars;
}

// The newest state of each series across every snapshot seen.
struct Latest {
    std::map<std::pair<SymbolId, Timeframe>, SeriesSnapshot> series;
    int snapshots = 0;

    void take(const MarketSnapshotPtr &snapshot)
    {
        ++snapshots;
        for (const SeriesSnapshot &s : snapshot->series)
            series[{s.symbol, s.timeframe}] = s;
    }
    const SeriesSnapshot &at(SymbolId id, Timeframe tf) const { return series.at({id, tf}); }
};

// An engine on this thread that publishes only when told, with symbol A of
// source "test" closed by a clock the test moves, and the newest snapshot of
// each series.
struct Rig {
    explicit Rig(TimeMs now)
        : symbols(std::make_shared<SymbolRegistry>())
        , a(symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A"))))
        , clock(std::make_shared<ManualClock>(now))
        , engine(symbols)
    {
        engine.setSourceClock(QStringLiteral("test"), clock, 0);
        engine.setManualPublish(true);
        QObject::connect(&engine, &MarketEngine::snapshotReady, &engine,
            [this](const MarketSnapshotPtr &s) { latest.take(s); });
    }

    std::shared_ptr<SymbolRegistry> symbols;
    SymbolId a;
    std::shared_ptr<ManualClock> clock;
    MarketEngine engine;
    Latest latest;
};

bool sameDouble(double a, double b)
{
    return std::memcmp(&a, &b, sizeof(double)) == 0;
}

std::vector<Bar> barsOf(const BarSeries &series)
{
    return std::vector<Bar>(series.begin(), series.end());
}

// What batch computation over these bars gives, and the tentative values at forming.
struct Reference {
    std::vector<std::vector<double>> closed;
    std::vector<double> forming;
};

Reference reference(const QString &spec, const std::vector<Bar> &bars, const Bar *forming)
{
    QString error;
    const std::optional<IndicatorSpec> parsed = parseIndicatorSpec(spec, &error);
    Reference ref;
    if (!parsed)
        return ref;
    std::unique_ptr<Indicator> indicator = createIndicator(*parsed, &error);
    indicator->batch(bars.data(), bars.size(), ref.closed);
    if (forming) {
        ref.forming.resize(static_cast<std::size_t>(indicator->outputCount()));
        indicator->peek(*forming, ref.forming.data());
    }
    return ref;
}

// Empty when the snapshot's run of spec equals the batch over the series' bars.
QString runDifference(const SeriesSnapshot &series, const QString &spec)
{
    const IndicatorSnapshot *run = series.findIndicator(indicatorRunKey(spec));
    if (!run)
        return spec + QStringLiteral(": not in the snapshot");
    const std::vector<Bar> bars = barsOf(series.closed);
    const Reference ref = reference(spec, bars, series.forming ? &*series.forming : nullptr);
    if (run->closed.size() != ref.closed.size())
        return spec
            + QStringLiteral(": %1 outputs, batch %2")
                  .arg(run->closed.size())
                  .arg(ref.closed.size());
    for (std::size_t k = 0; k < ref.closed.size(); ++k) {
        if (run->closed[k].size() != bars.size())
            return spec
                + QStringLiteral(": output %1 has %2 values for %3 bars")
                      .arg(k)
                      .arg(run->closed[k].size())
                      .arg(bars.size());
        for (std::size_t j = 0; j < bars.size(); ++j) {
            if (!sameDouble(run->closed[k][j], ref.closed[k][j]))
                return spec
                    + QStringLiteral(": output %1 row %2: %3 vs batch %4")
                          .arg(k)
                          .arg(j)
                          .arg(run->closed[k][j], 0, 'g', 17)
                          .arg(ref.closed[k][j], 0, 'g', 17);
        }
    }
    if (run->forming.size() != ref.forming.size())
        return spec + QStringLiteral(": forming values missing");
    for (std::size_t k = 0; k < ref.forming.size(); ++k) {
        if (!sameDouble(run->forming[k], ref.forming[k]))
            return spec + QStringLiteral(": forming output %1 differs").arg(k);
    }
    return QString();
}

// A rule engine's view: records, per closed bar, the values of its runs there
// as the listener saw them, and the tentative values at the forming bar.
class RecordingListener final : public BarListener
{
public:
    explicit RecordingListener(QStringList specs)
        : m_specs(std::move(specs))
    { }

    void barClosed(const SeriesView &series) override
    {
        ++closes;
        const BarSeries closed = series.closed();
        record(series, closed.size() - 1);
    }

    void formingBarChanged(const SeriesView &series) override
    {
        ++formingCalls;
        readForming(series);
    }

    void seriesReset(const SeriesView &series) override
    {
        ++resets;
        closedValues.clear();
        const BarSeries closed = series.closed();
        for (std::size_t j = 0; j < closed.size(); ++j)
            record(series, j);
        // The forming bar's values rest on the closed bars: they changed too.
        readForming(series);
    }

    QStringList problems;
    // Open time -> per spec, per output, the value at that bar.
    std::map<TimeMs, std::vector<std::vector<double>>> closedValues;
    std::vector<std::vector<double>> formingValues;
    Bar forming;
    bool hasForming = false;
    int closes = 0;
    int formingCalls = 0;
    int resets = 0;

private:
    void readForming(const SeriesView &series)
    {
        hasForming = series.forming() != nullptr;
        if (!hasForming)
            return;
        forming = *series.forming();
        formingValues.clear();
        for (const QString &spec : m_specs) {
            const int run = series.findIndicator(indicatorRunKey(spec));
            std::vector<double> row(kMaxIndicatorOutputs, 0.0);
            if (run < 0 || !series.formingValues(run, row.data())) {
                problems << spec + QStringLiteral(": no forming values");
                continue;
            }
            row.resize(static_cast<std::size_t>(series.outputCount(run)));
            formingValues.push_back(row);
        }
    }

    void record(const SeriesView &series, std::size_t row)
    {
        const BarSeries closed = series.closed();
        std::vector<std::vector<double>> values;
        for (const QString &spec : m_specs) {
            const int run = series.findIndicator(indicatorRunKey(spec));
            if (run < 0) {
                problems << spec + QStringLiteral(": not acquired");
                continue;
            }
            std::vector<double> outputs;
            for (int k = 0; k < series.outputCount(run); ++k) {
                const ValueSeries v = series.values(run, k);
                if (v.size() != closed.size())
                    problems << spec + QStringLiteral(": values not aligned with the bars");
                outputs.push_back(v[row]);
            }
            values.push_back(outputs);
        }
        closedValues[closed[row].time] = values;
    }

    QStringList m_specs;
};

}  // namespace

class TestEngineOwners final : public QObject
{
    Q_OBJECT

signals:
    // What a FeedHost would connect to the engine's slots, across threads.
    void formingBarReady(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::Bar &bar);
    void barsReady(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    void ticksReady(const QString &source, const wick::TickBatch &batch);

private slots:
    void runKeysNormaliseSpecs();
    void twoOwnersAndAListenerMatchBatchBitForBit();
    void sharedRunIsComputedOnceAndReleasedWithItsLastOwner();
    void manualPublishAndInjectedCloseClock();
    void feedTicksCloseBarsOfTheirSource();
    void sourceFormingBarSetsTheFormingMinute();
    void nativeDailyBarsStandForThemselves();
    void sourceInputsCrossThreadsQueued();
    void listenersMayRemoveListenersDuringACall();
};

void TestEngineOwners::runKeysNormaliseSpecs()
{
    QCOMPARE(indicatorRunKey(QStringLiteral("rsi:14")), QStringLiteral("RSI(14)"));
    QCOMPARE(indicatorRunKey(QStringLiteral("RSI")), QStringLiteral("RSI(14)"));
    QCOMPARE(indicatorRunKey(QStringLiteral(" RSI:14 ")), QStringLiteral("RSI(14)"));
    QCOMPARE(indicatorRunKey(QStringLiteral("ema:5@macd")),
        indicatorRunKey(QStringLiteral("EMA:5@MACD:12,26,9.macd")));
    QVERIFY(indicatorRunKey(QStringLiteral("RSI:14")) != indicatorRunKey(QStringLiteral("RSI:15")));
    QCOMPARE(indicatorRunKey(QStringLiteral(" NOPE:1 ")), QStringLiteral("NOPE:1"));
}

// Two charts' indicator sets and an alert rule's, on one series, through
// history, live trades, a source's forming bar, a source's closed bar replacing
// the newest minute (the tail roll-back) and an owner changing its set
// mid-stream: every owner's values equal the batch over the same bars.
void TestEngineOwners::twoOwnersAndAListenerMatchBatchBitForBit()
{
    Rig rig(kT0 + kHistoryMinutes * kMinuteMs);
    MarketEngine &engine = rig.engine;
    const Latest &latest = rig.latest;
    const SymbolId a = rig.a;
    ManualClock *clock = rig.clock.get();

    Walk walk;
    engine.loadHistory(
        a, std::make_shared<const std::vector<Bar>>(walkHistory(walk, kHistoryMinutes)));
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(a, Timeframe::M5);

    const OwnerId chartA = MarketEngine::newOwnerId();
    const OwnerId chartB = MarketEngine::newOwnerId();
    const OwnerId rule = MarketEngine::newOwnerId();
    QVERIFY(chartA != chartB && chartB != rule && chartA != MarketEngine::kDefaultOwner);
    QStringList specsA {QStringLiteral("RSI:14"), QStringLiteral("MACD:12,26,9")};
    const QStringList specsB {
        QStringLiteral("rsi:14"), QStringLiteral("BBANDS:20,2,2"), QStringLiteral("SMA:9@RSI:14")};
    const QStringList ruleSpecs {QStringLiteral("EMA:10"), QStringLiteral("RSI")};
    engine.acquireIndicators(chartA, a, Timeframe::M1, specsA);
    engine.acquireIndicators(chartB, a, Timeframe::M1, specsB);
    engine.acquireIndicators(rule, a, Timeframe::M1, ruleSpecs);
    engine.acquireIndicators(chartA, a, Timeframe::M5, {QStringLiteral("SMA:3")});
    engine.acquireIndicators(
        chartB, a, Timeframe::M5, {QStringLiteral("sma:3"), QStringLiteral("ATR:5")});
    // RSI(14) three times, SMA(3) twice: one run each.
    QCOMPARE(engine.indicatorRunCount(a, Timeframe::M1), 5);
    QCOMPARE(engine.indicatorRunCount(a, Timeframe::M5), 2);
    QCOMPARE(engine.indicatorRunsCreated(), std::uint64_t(7));
    RecordingListener listener(ruleSpecs);
    engine.addBarListener(&listener, a, Timeframe::M1);

    const auto check = [&](const char *whenText) {
        const QString when = QString::fromLatin1(whenText);
        engine.publishNow();
        const SeriesSnapshot &m1 = latest.at(a, Timeframe::M1);
        const SeriesSnapshot &m5 = latest.at(a, Timeframe::M5);
        for (const QStringList &specs : {specsA, specsB, ruleSpecs}) {
            for (const QString &spec : specs) {
                const QString diff = runDifference(m1, spec);
                QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: ").arg(when) + diff));
            }
        }
        for (const char *spec : {"SMA:3", "ATR:5"}) {
            const QString diff = runDifference(m5, QString::fromLatin1(spec));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: 5m ").arg(when) + diff));
        }
        // The listener saw each closed bar's values as the batch has them there.
        QVERIFY2(listener.problems.isEmpty(), qPrintable(listener.problems.join(u'\n')));
        const std::vector<Bar> bars = barsOf(m1.closed);
        for (int r = 0; r < ruleSpecs.size(); ++r) {
            const Reference ref
                = reference(ruleSpecs[r], bars, m1.forming ? &*m1.forming : nullptr);
            for (std::size_t j = 0; j < bars.size(); ++j) {
                const auto seen = listener.closedValues.find(bars[j].time);
                if (seen == listener.closedValues.end())
                    continue;  // before the listener came
                for (std::size_t k = 0; k < ref.closed.size(); ++k)
                    QVERIFY2(sameDouble(seen->second[r][k], ref.closed[k][j]),
                        qPrintable(QStringLiteral("%1: listener %2 row %3")
                                       .arg(when, ruleSpecs[r])
                                       .arg(j)));
            }
            if (m1.forming && listener.hasForming && listener.forming == *m1.forming) {
                for (std::size_t k = 0; k < ref.forming.size(); ++k)
                    QVERIFY(sameDouble(listener.formingValues[r][k], ref.forming[k]));
            }
        }
    };
    check("after history");
    if (QTest::currentTestFailed())
        return;

    TimeMs minute = kT0 + kHistoryMinutes * kMinuteMs;
    const auto tradeMinute = [&](TimeMs at) {
        std::vector<Tick> ticks;
        for (int t = 0; t < 4; ++t)
            ticks.push_back(trade(a, at + 5000 + t * 12000, walk.next(), 0.5 + t));
        engine.addTicks(batchOf(ticks));
    };
    for (int m = 0; m < 30; ++m, minute += kMinuteMs) {
        clock->set(minute);
        tradeMinute(minute);
        if (m == 5) {
            // The source's unclosed kline: the whole minute so far, replacing the trades.
            const double p = walk.next();
            engine.mergeFormingBar(
                a, Timeframe::M1, Bar {minute + 30000, p, p + 3.0, p - 3.0, p + 1.0, 77.0, 40});
            engine.addTicks(batchOf({trade(a, minute + 55000, p + 4.0, 1.0)}));
            engine.publishNow();
            const SeriesSnapshot &m1 = latest.at(a, Timeframe::M1);
            QVERIFY(m1.forming.has_value());
            QCOMPARE(*m1.forming, (Bar {minute, p, p + 4.0, p - 3.0, p + 4.0, 78.0, 41}));
        }
        if (m == 10 || m == 21) {
            // The source's closed kline for the minute just built from trades:
            // rolled back at the tail, not rebuilt, shared runs and all.
            const std::uint64_t incremental = engine.incrementalHistoryLoads();
            const int resets = listener.resets;
            tradeMinute(minute + kMinuteMs);  // closes this minute
            if (m == 21) {
                // Chart A changes its set just before: MACD goes (only A had
                // it), EMA(5) comes (over history and the tail checkpoint, so
                // that it rolls back too), RSI stays shared.
                specsA = {QStringLiteral("RSI:14"), QStringLiteral("EMA:5")};
                engine.acquireIndicators(chartA, a, Timeframe::M1, specsA);
                QCOMPARE(engine.indicatorRunCount(a, Timeframe::M1), 5);
                QCOMPARE(engine.indicatorRunsCreated(), std::uint64_t(8));
                engine.publishNow();
                QVERIFY(
                    !latest.at(a, Timeframe::M1).findIndicator(QStringLiteral("MACD(12,26,9)")));
            }
            const double p = walk.next();
            engine.loadHistory(a,
                std::make_shared<const std::vector<Bar>>(
                    std::vector<Bar> {Bar {minute, p, p + 1.0, p - 2.0, p - 1.0, 55.0, 9}}));
            QCOMPARE(engine.incrementalHistoryLoads(), incremental + 1);
            QCOMPARE(listener.resets, resets + 1);
            check(m == 10 ? "after a tail roll-back" : "after a roll-back with a new run");
            if (QTest::currentTestFailed())
                return;
            minute += kMinuteMs;
            ++m;
        }
        if (m % 7 == 0) {
            check("live");
            if (QTest::currentTestFailed())
                return;
        }
    }
    check("at the end");
    // 30 minutes traded: 29 closed (the last forms), each told once (the two
    // replaced by the source's bars come with a reset); a forming call per
    // batch, 30 of trades, one of the source's forming bar and the trade after it.
    QCOMPARE(listener.closes, 29);
    QCOMPARE(listener.formingCalls, 32);
    QCOMPARE(listener.resets, 2);
    QCOMPARE(engine.fullHistoryLoads(), std::uint64_t(1));
}

void TestEngineOwners::sharedRunIsComputedOnceAndReleasedWithItsLastOwner()
{
    Rig rig(kT0);
    MarketEngine &engine = rig.engine;
    const Latest &latest = rig.latest;
    const SymbolId a = rig.a;
    Walk walk;
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(walkHistory(walk, 60)));
    engine.subscribe(a, Timeframe::M1);

    const OwnerId one = MarketEngine::newOwnerId();
    const OwnerId two = MarketEngine::newOwnerId();
    engine.acquireIndicators(
        one, a, Timeframe::M1, {QStringLiteral("RSI:14"), QStringLiteral("SMA:5")});
    engine.acquireIndicators(two, a, Timeframe::M1,
        {QStringLiteral("rsi"), QStringLiteral("RSI:14"), QStringLiteral("EMA:7")});
    QCOMPARE(engine.indicatorRunCount(a, Timeframe::M1), 3);
    QCOMPARE(engine.indicatorRunsCreated(), std::uint64_t(3));
    // Re-acquiring the same set computes nothing again.
    engine.acquireIndicators(
        one, a, Timeframe::M1, {QStringLiteral("SMA:5"), QStringLiteral("rsi:14")});
    QCOMPARE(engine.indicatorRunsCreated(), std::uint64_t(3));
    engine.publishNow();
    const IndicatorSnapshot rsiBefore
        = *latest.at(a, Timeframe::M1).findIndicator(QStringLiteral("RSI(14)"));
    QCOMPARE(rsiBefore.spec, QStringLiteral("RSI:14"));  // as its first owner spelled it
    QCOMPARE(latest.at(a, Timeframe::M1).indicators.size(), std::size_t(3));

    // Releasing one owner keeps the other's values, bit for bit and streaming on.
    engine.releaseOwner(one);
    QCOMPARE(engine.indicatorRunCount(a, Timeframe::M1), 2);
    engine.publishNow();
    const SeriesSnapshot &after = latest.at(a, Timeframe::M1);
    QVERIFY(!after.findIndicator(QStringLiteral("SMA(5)")));
    const IndicatorSnapshot *rsi = after.findIndicator(QStringLiteral("RSI(14)"));
    QVERIFY(rsi);
    QCOMPARE(rsi->closed[0].size(), rsiBefore.closed[0].size());
    QVERIFY(std::memcmp(rsi->closed[0].begin(), rsiBefore.closed[0].begin(),
                rsi->closed[0].size() * sizeof(double))
        == 0);
    engine.addTicks(batchOf({trade(a, kT0 + 60 * kMinuteMs + 1000, walk.next(), 1.0),
        trade(a, kT0 + 61 * kMinuteMs + 1000, walk.next(), 1.0)}));
    engine.publishNow();
    for (const char *spec : {"RSI:14", "EMA:7"}) {
        const QString diff = runDifference(latest.at(a, Timeframe::M1), QString::fromLatin1(spec));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
    QCOMPARE(engine.indicatorRunsCreated(), std::uint64_t(3));

    // The last owner lets go: nothing runs; a new owner of RSI computes it anew.
    engine.releaseIndicators(two, a, Timeframe::M1);
    QCOMPARE(engine.indicatorRunCount(a, Timeframe::M1), 0);
    engine.releaseOwner(two);  // nothing held: nothing happens
    engine.setIndicators(a, Timeframe::M1, {QStringLiteral("RSI:14")});
    QCOMPARE(engine.indicatorRunCount(a, Timeframe::M1), 1);
    QCOMPARE(engine.indicatorRunsCreated(), std::uint64_t(4));
    engine.publishNow();
    const QString diff = runDifference(latest.at(a, Timeframe::M1), QStringLiteral("RSI:14"));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestEngineOwners::manualPublishAndInjectedCloseClock()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    // A source with no clock of its own: the engine's close clock closes its bars.
    const SymbolId a
        = symbols->intern(cryptoSymbol(QStringLiteral("clockless"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    auto clock = std::make_shared<ManualClock>(kT0);
    engine.setCloseClock(clock);
    engine.setManualPublish(true);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    // Snapshots with series (one may carry only a new tick rate, by the wall clock).
    std::vector<MarketSnapshotPtr> withSeries;
    connect(&engine, &MarketEngine::snapshotReady, this, [&withSeries](const MarketSnapshotPtr &s) {
        if (!s->series.empty())
            withSeries.push_back(s);
    });
    engine.subscribe(a, Timeframe::M1);
    engine.addTicks(batchOf({trade(a, kT0 + 1000, 10.0, 1.0), trade(a, kT0 + 2000, 11.0, 2.0)}));
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 0);  // nothing leaves before publishNow()
    engine.publishNow();
    QCOMPARE(spy.count(), 1);
    auto snapshot = spy.last().at(0).value<MarketSnapshotPtr>();
    QCOMPARE(snapshot->time, kT0);  // stamped by the close clock
    QCOMPARE(snapshot->series.size(), std::size_t(1));
    QVERIFY(snapshot->series[0].closed.empty());
    QCOMPARE(*snapshot->series[0].forming, (Bar {kT0, 10.0, 11.0, 10.0, 11.0, 3.0, 2}));
    engine.publishNow();  // nothing changed: nothing sent
    QCOMPARE(spy.count(), 1);

    // The minute ends, but the grace (2 s) has not passed: still forming.
    clock->set(kT0 + kMinuteMs + 1000);
    engine.closeDueBars();
    engine.publishNow();
    QCOMPARE(withSeries.size(), std::size_t(1));
    clock->set(kT0 + kMinuteMs + 2000);
    engine.closeDueBars();
    engine.publishNow();
    QCOMPARE(withSeries.size(), std::size_t(2));
    snapshot = withSeries.back();
    QCOMPARE(snapshot->series[0].closed.size(), std::size_t(1));
    QCOMPARE(snapshot->series[0].closed[0], (Bar {kT0, 10.0, 11.0, 10.0, 11.0, 3.0, 2}));
    QVERIFY(!snapshot->series[0].forming);

    // Back to timed publishing: the pending change goes by itself.
    engine.addTicks(batchOf({trade(a, kT0 + kMinuteMs + 3000, 12.0, 1.0)}));
    engine.setManualPublish(false);
    QTRY_COMPARE(withSeries.size(), std::size_t(3));
    QCOMPARE(*withSeries.back()->series[0].forming,
        (Bar {kT0 + kMinuteMs, 12.0, 12.0, 12.0, 12.0, 1.0, 1}));
}

void TestEngineOwners::feedTicksCloseBarsOfTheirSource()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("feed"), QStringLiteral("A")));
    const SymbolId b = symbols->intern(cryptoSymbol(QStringLiteral("feed"), QStringLiteral("B")));
    MarketEngine engine(symbols);
    engine.setSourceClock(QStringLiteral("feed"), std::make_shared<ManualClock>(kT0), 0);
    engine.setManualPublish(true);
    Latest latest;
    connect(&engine, &MarketEngine::snapshotReady, this,
        [&latest](const MarketSnapshotPtr &s) { latest.take(s); });
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(b, Timeframe::M1);
    engine.addFeedTicks(QStringLiteral("feed"),
        batchOf({trade(a, kT0 + 1000, 1.0, 1.0), trade(b, kT0 + 2000, 2.0, 1.0)}));
    // A batch of A's trades only, vouching for the source up to the next minute:
    // B's quiet minute closes too.
    engine.addFeedTicks(QStringLiteral("feed"),
        batchOf({trade(a, kT0 + kMinuteMs + 10, 3.0, 1.0)}, kT0 + kMinuteMs + 10));
    engine.publishNow();
    QCOMPARE(latest.at(a, Timeframe::M1).closed.size(), std::size_t(1));
    QCOMPARE(latest.at(b, Timeframe::M1).closed.size(), std::size_t(1));
    QCOMPARE(latest.at(b, Timeframe::M1).closed[0], (Bar {kT0, 2.0, 2.0, 2.0, 2.0, 1.0, 1}));
    QVERIFY(!latest.at(b, Timeframe::M1).forming);
}

void TestEngineOwners::sourceFormingBarSetsTheFormingMinute()
{
    Rig rig(kT0);
    MarketEngine &engine = rig.engine;
    const Latest &latest = rig.latest;
    const SymbolId a = rig.a;
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(a, Timeframe::M5);
    engine.setIndicators(a, Timeframe::M1, {QStringLiteral("SMA:2")});
    // After a restart the process saw two trades of the minute; the source's
    // kline has all of them.
    engine.addTicks(
        batchOf({trade(a, kT0 + 40000, 100.0, 1.0), trade(a, kT0 + 41000, 101.0, 1.0)}));
    const Bar kline {kT0 + 41500, 90.0, 102.0, 89.0, 101.0, 500.0, 1200};
    engine.mergeFormingBar(a, Timeframe::M1, kline);
    engine.publishNow();
    QCOMPARE(
        *latest.at(a, Timeframe::M1).forming, (Bar {kT0, 90.0, 102.0, 89.0, 101.0, 500.0, 1200}));
    // The 5m forming bar rolls the forming minute up.
    QCOMPARE(
        *latest.at(a, Timeframe::M5).forming, (Bar {kT0, 90.0, 102.0, 89.0, 101.0, 500.0, 1200}));
    // A later trade folds in; the next minute's trade closes it.
    engine.addTicks(batchOf({trade(a, kT0 + 50000, 103.0, 2.0)}));
    engine.addTicks(batchOf({trade(a, kT0 + kMinuteMs + 100, 104.0, 1.0)}));
    engine.publishNow();
    const SeriesSnapshot &m1 = latest.at(a, Timeframe::M1);
    QCOMPARE(m1.closed.size(), std::size_t(1));
    QCOMPARE(m1.closed[0], (Bar {kT0, 90.0, 103.0, 89.0, 103.0, 502.0, 1201}));
    QCOMPARE(m1.indicators[0].forming[0], (103.0 + 104.0) / 2.0);
    // A forming bar of the closed minute is ignored and counted.
    engine.mergeFormingBar(a, Timeframe::M1, Bar {kT0, 1.0, 1.0, 1.0, 1.0, 1.0, 1});
    QCOMPARE(engine.lateFormingBars(), std::uint64_t(1));
    engine.publishNow();
    QCOMPARE(
        latest.at(a, Timeframe::M1).closed[0], (Bar {kT0, 90.0, 103.0, 89.0, 103.0, 502.0, 1201}));
    QCOMPARE(*latest.at(a, Timeframe::M1).forming,
        (Bar {kT0 + kMinuteMs, 104.0, 104.0, 104.0, 104.0, 1.0, 1}));
    // A forming bar of the next minute closes this one.
    engine.mergeFormingBar(a, Timeframe::M1, Bar {kT0 + 2 * kMinuteMs, 5.0, 6.0, 4.0, 5.5, 9.0, 3});
    engine.publishNow();
    QCOMPARE(latest.at(a, Timeframe::M1).closed.size(), std::size_t(2));
    QCOMPARE(latest.at(a, Timeframe::M1).closed[1],
        (Bar {kT0 + kMinuteMs, 104.0, 104.0, 104.0, 104.0, 1.0, 1}));
    QCOMPARE(*latest.at(a, Timeframe::M1).forming,
        (Bar {kT0 + 2 * kMinuteMs, 5.0, 6.0, 4.0, 5.5, 9.0, 3}));

    // A higher timeframe's own forming bar stands for its bucket instead of the roll-up.
    const Bar fiveMinutes {kT0 + 1000, 80.0, 110.0, 3.0, 5.5, 999.0, 2000};
    engine.mergeFormingBar(a, Timeframe::M5, fiveMinutes);
    engine.publishNow();
    QCOMPARE(*latest.at(a, Timeframe::M5).forming, (Bar {kT0, 80.0, 110.0, 3.0, 5.5, 999.0, 2000}));
    QCOMPARE(engine.lateFormingBars(), std::uint64_t(1));
}

// Alpha Vantage's daily bars over the days the cache has minutes for: at each
// day with a native bar the series shows it, elsewhere the roll-up; the roll-up
// never overwrites a native bar, and the newest native copy wins.
void TestEngineOwners::nativeDailyBarsStandForThemselves()
{
    Rig rig(kT0);
    MarketEngine &engine = rig.engine;
    const Latest &latest = rig.latest;
    const SymbolId a = rig.a;
    engine.subscribe(a, Timeframe::D1);
    engine.setIndicators(a, Timeframe::D1, {QStringLiteral("SMA:2")});
    RecordingListener listener({QStringLiteral("SMA:2")});
    engine.addBarListener(&listener, a, Timeframe::D1);

    // One minute a day for days 0..3 (day 3 still open).
    std::vector<Bar> minutes;
    for (int d = 0; d < 4; ++d)
        minutes.push_back(Bar {
            kT0 + d * kDayMs + 600 * kMinuteMs, 10.0 + d, 11.0 + d, 9.0 + d, 10.5 + d, 100.0, 10});
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minutes));
    engine.publishNow();
    QCOMPARE(latest.at(a, Timeframe::D1).closed.size(), std::size_t(3));  // day 3 forms
    QCOMPARE(listener.resets, 1);

    // Native bars for days 1 and 2 (stamped at 16:00, moved to the day's open)
    // and for day -1, which the minutes do not reach.
    const Bar nativeDay1 {kT0 + kDayMs + 16 * kHourMs, 50.0, 55.0, 45.0, 52.0, 9000.0, 0};
    const Bar nativeDay2 {kT0 + 2 * kDayMs, 60.0, 65.0, 58.0, 61.0, 8000.0, 0};
    const Bar nativeEarlier {kT0 - kDayMs, 40.0, 42.0, 39.0, 41.0, 7000.0, 0};
    engine.loadBars(a, Timeframe::D1,
        std::make_shared<const std::vector<Bar>>(
            std::vector<Bar> {nativeDay1, nativeDay2, nativeEarlier}));
    engine.publishNow();
    QCOMPARE(listener.resets, 2);
    const auto rolled = [&](int d) {
        return Bar {kT0 + d * kDayMs, 10.0 + d, 11.0 + d, 9.0 + d, 10.5 + d, 100.0, 10};
    };
    const auto at = [](Bar bar, TimeMs time) {
        bar.time = time;
        return bar;
    };
    std::vector<Bar> expected {at(nativeEarlier, kT0 - kDayMs), rolled(0),
        at(nativeDay1, kT0 + kDayMs), at(nativeDay2, kT0 + 2 * kDayMs)};
    QCOMPARE(barsOf(latest.at(a, Timeframe::D1).closed), expected);
    QCOMPARE(*latest.at(a, Timeframe::D1).forming, rolled(3));  // after the newest native bar
    QString diff = runDifference(latest.at(a, Timeframe::D1), QStringLiteral("SMA:2"));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // The newest copy of a native bar wins.
    const Bar day2Again {kT0 + 2 * kDayMs, 61.0, 66.0, 59.0, 62.0, 8100.0, 0};
    engine.loadBars(
        a, Timeframe::D1, std::make_shared<const std::vector<Bar>>(std::vector<Bar> {day2Again}));
    expected[3] = day2Again;
    engine.publishNow();
    QCOMPARE(barsOf(latest.at(a, Timeframe::D1).closed), expected);

    // Minutes loaded again (a rebuild of every timeframe): the native bars stay.
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minutes));
    engine.publishNow();
    QCOMPARE(barsOf(latest.at(a, Timeframe::D1).closed), expected);
    diff = runDifference(latest.at(a, Timeframe::D1), QStringLiteral("SMA:2"));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    QCOMPARE(listener.resets, 4);

    // Live: trades on days 4 and 5 close days 3 and 4, rolled up from minutes
    // (after the newest native bar), each told to the listener.
    const int closesBefore = listener.closes;
    engine.addTicks(batchOf({trade(a, kT0 + 4 * kDayMs + 1000, 20.0, 1.0)}));
    engine.addTicks(batchOf({trade(a, kT0 + 5 * kDayMs + 1000, 21.0, 1.0)}));
    engine.publishNow();
    expected.push_back(rolled(3));
    expected.push_back(Bar {kT0 + 4 * kDayMs, 20.0, 20.0, 20.0, 20.0, 1.0, 1});
    QCOMPARE(barsOf(latest.at(a, Timeframe::D1).closed), expected);
    QCOMPARE(listener.closes, closesBefore + 2);
    diff = runDifference(latest.at(a, Timeframe::D1), QStringLiteral("SMA:2"));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY2(listener.problems.isEmpty(), qPrintable(listener.problems.join(u'\n')));
    engine.removeBarListener(&listener, a, Timeframe::D1);
}

// A listener that removes itself and another one when a bar closes: the other
// is not called any more, in that call or later.
void TestEngineOwners::listenersMayRemoveListenersDuringACall()
{
    Rig rig(kT0);
    MarketEngine &engine = rig.engine;
    const SymbolId a = rig.a;
    struct Counting final : BarListener {
        std::function<void()> onClose;
        int closes = 0;
        int forming = 0;
        void barClosed(const SeriesView &) override
        {
            ++closes;
            if (onClose)
                onClose();
        }
        void formingBarChanged(const SeriesView &) override { ++forming; }
        void seriesReset(const SeriesView &) override { }
    };
    Counting first;
    Counting second;
    first.onClose = [&] {
        engine.removeBarListener(&first, a, Timeframe::M1);
        engine.removeBarListener(&second, a, Timeframe::M1);
    };
    engine.addBarListener(&first, a, Timeframe::M1);
    engine.addBarListener(&second, a, Timeframe::M1);
    engine.addBarListener(&second, a, Timeframe::M1);  // once is enough
    engine.addTicks(batchOf({trade(a, kT0 + 1000, 1.0, 1.0)}));
    QCOMPARE(first.forming, 1);
    QCOMPARE(second.forming, 1);
    engine.addTicks(batchOf({trade(a, kT0 + kMinuteMs + 1000, 2.0, 1.0),
        trade(a, kT0 + 2 * kMinuteMs + 1000, 3.0, 1.0)}));
    QCOMPARE(first.closes, 1);
    QCOMPARE(second.closes, 0);
    QCOMPARE(first.forming, 1);
    QCOMPARE(second.forming, 1);
}

// The source-neutral inputs through queued connections to an engine on its
// own thread, as a FeedHost wires them.
void TestEngineOwners::sourceInputsCrossThreadsQueued()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    QThread *thread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(symbols, &thread);
    auto clock = std::make_shared<const ManualClock>(kT0);
    QMetaObject::invokeMethod(
        engine,
        [engine, a, clock] {
            engine->setSourceClock(QStringLiteral("test"), clock, 0);
            engine->subscribe(a, Timeframe::M1);
            engine->subscribe(a, Timeframe::D1);
        },
        Qt::QueuedConnection);
    connect(this, &TestEngineOwners::formingBarReady, engine, &MarketEngine::mergeFormingBar);
    connect(this, &TestEngineOwners::barsReady, engine, &MarketEngine::loadBars);
    connect(this, &TestEngineOwners::ticksReady, engine, &MarketEngine::addFeedTicks);
    Latest latest;
    connect(engine, &MarketEngine::snapshotReady, this,
        [&latest](const MarketSnapshotPtr &s) { latest.take(s); });

    const Bar day {kT0 - kDayMs, 1.0, 2.0, 0.5, 1.5, 10.0, 0};
    emit barsReady(
        a, Timeframe::D1, std::make_shared<const std::vector<Bar>>(std::vector<Bar> {day}));
    const Bar kline {kT0, 3.0, 4.0, 2.5, 3.5, 20.0, 7};
    emit formingBarReady(a, Timeframe::M1, kline);
    emit ticksReady(QStringLiteral("test"), batchOf({trade(a, kT0 + 30000, 4.5, 1.0)}));
    const Bar expected {kT0, 3.0, 4.5, 2.5, 4.5, 21.0, 8};
    QTRY_VERIFY(latest.series.count({a, Timeframe::M1}) && latest.at(a, Timeframe::M1).forming
        && *latest.at(a, Timeframe::M1).forming == expected);
    QTRY_VERIFY(
        latest.series.count({a, Timeframe::D1}) && latest.at(a, Timeframe::D1).closed.size() == 1);
    QCOMPARE(latest.at(a, Timeframe::D1).closed[0], day);
    MarketEngine::shutdown(thread);
}

QTEST_GUILESS_MAIN(TestEngineOwners)
#include "test_engine_owners.moc"
