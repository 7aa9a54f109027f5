// FormingHold (engine/FormingHold.h): a BarListener that holds the forming
// updates inside a close range is not called for them, each covered update is
// counted, and the hold ends where it must: an update outside the range, a
// new minute, a change of the series' runs (even one made by a listener call
// in the middle of a batch), the listener's own void, a second listener.
#include <limits>

#include <QTest>

#include "EngineTestData.h"
#include "engine/BarListener.h"
#include "engine/FormingHold.h"
#include "engine/MarketEngine.h"
#include "engine/SeriesView.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;
using namespace wick::enginetest;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

// Holds, after each forming call, the closes within `band` of the close seen.
class HoldingListener final : public BarListener
{
public:
    void barClosed(const SeriesView &) override { ++closes; }
    void formingBarChanged(const SeriesView &series) override
    {
        ++calls;
        lastClose = series.forming()->close;
        if (!holding)
            return;
        FormingHold hold;
        hold.bounds.lo = lastClose - band;
        hold.bounds.hi = lastClose + band;
        hold.bounds.volume = std::numeric_limits<double>::infinity();
        hold.bounds.until = FormingBounds::kForever;
        hold.bar = series.forming()->time;
        hold.closed = series.closedCount();
        hold.runs = series.runsVersion();
        hold.covered = &covered;
        hold.voided = &generation;
        hold.generation = generation;
        series.holdForming(hold);
    }
    void seriesReset(const SeriesView &) override { ++resets; }

    bool holding = true;
    double band = 1.0;
    int calls = 0;
    int closes = 0;
    int resets = 0;
    double lastClose = 0.0;
    std::uint64_t covered = 0;
    std::uint32_t generation = 1;
};

// On its first close, acquires a run on another symbol (a change of runs
// from inside a call, in the middle of a batch).
class AcquiringListener final : public BarListener
{
public:
    AcquiringListener(MarketEngine &engine, SymbolId other)
        : m_engine(engine)
        , m_other(other)
    { }
    void barClosed(const SeriesView &) override
    {
        if (!m_done)
            m_engine.acquireIndicators(
                MarketEngine::newOwnerId(), m_other, Timeframe::M1, {QStringLiteral("SMA:3")});
        m_done = true;
    }
    void formingBarChanged(const SeriesView &) override { }
    void seriesReset(const SeriesView &) override { }

private:
    MarketEngine &m_engine;
    SymbolId m_other;
    bool m_done = false;
};

struct Rig {
    Rig()
        : symbols(std::make_shared<SymbolRegistry>())
        , a(symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A"))))
        , b(symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("B"))))
        , clock(std::make_shared<ManualClock>(kT0))
        , engine(symbols)
    {
        engine.setSourceClock(QStringLiteral("test"), clock, 0);
        engine.setManualPublish(true);
    }
    void trades(std::initializer_list<Tick> ticks) { engine.addTicks(batchOf(ticks)); }

    std::shared_ptr<SymbolRegistry> symbols;
    SymbolId a;
    SymbolId b;
    std::shared_ptr<ManualClock> clock;
    MarketEngine engine;
};

}  // namespace

class TestFormingHold : public QObject
{
    Q_OBJECT

private slots:
    void coversInsideTheRangeAndCounts();
    void aNewMinuteAndTheVoidEndIt();
    void runsChangedByACallInTheBatchEndIt();
    void aSecondListenerIsToldAnyway();
};

void TestFormingHold::coversInsideTheRangeAndCounts()
{
    Rig rig;
    HoldingListener l;
    rig.engine.addBarListener(&l, rig.a, Timeframe::M1);
    rig.trades({trade(rig.a, kT0 + 1000, 100.0, 1.0)});
    QCOMPARE(l.calls, 1);
    // Two batches inside 99..101: not called, counted.
    rig.trades({trade(rig.a, kT0 + 2000, 100.5, 1.0)});
    rig.trades({trade(rig.a, kT0 + 3000, 99.5, 1.0), trade(rig.a, kT0 + 3500, 100.9, 1.0)});
    QCOMPARE(l.calls, 1);
    QCOMPARE(l.covered, std::uint64_t(2));
    // A batch that leaves the range and comes back: its last trade decides.
    rig.trades({trade(rig.a, kT0 + 4000, 105.0, 1.0), trade(rig.a, kT0 + 4500, 100.2, 1.0)});
    QCOMPARE(l.calls, 1);
    QCOMPARE(l.covered, std::uint64_t(3));
    // Outside: called, with the newest close, and a new hold around it.
    rig.trades({trade(rig.a, kT0 + 5000, 102.5, 1.0)});
    QCOMPARE(l.calls, 2);
    QCOMPARE(l.lastClose, 102.5);
    rig.trades({trade(rig.a, kT0 + 6000, 103.0, 1.0)});
    QCOMPARE(l.calls, 2);
    QCOMPARE(l.covered, std::uint64_t(4));
}

void TestFormingHold::aNewMinuteAndTheVoidEndIt()
{
    Rig rig;
    HoldingListener l;
    rig.engine.addBarListener(&l, rig.a, Timeframe::M1);
    rig.trades({trade(rig.a, kT0 + 1000, 100.0, 1.0)});
    rig.trades({trade(rig.a, kT0 + 2000, 100.1, 1.0)});
    QCOMPARE(l.calls, 1);
    // The next minute: a close, then the new bar's first update is told.
    rig.clock->set(kT0 + kMinuteMs + 1000);
    rig.trades({trade(rig.a, kT0 + kMinuteMs + 1000, 100.1, 1.0)});
    QCOMPARE(l.closes, 1);
    QCOMPARE(l.calls, 2);
    rig.trades({trade(rig.a, kT0 + kMinuteMs + 2000, 100.2, 1.0)});
    QCOMPARE(l.calls, 2);
    // The listener voids its holds: the next update is told.
    ++l.generation;
    rig.trades({trade(rig.a, kT0 + kMinuteMs + 3000, 100.2, 1.0)});
    QCOMPARE(l.calls, 3);
    // A removed listener is not called; added again, it holds nothing yet.
    rig.engine.removeBarListener(&l, rig.a, Timeframe::M1);
    rig.trades({trade(rig.a, kT0 + kMinuteMs + 4000, 100.2, 1.0)});
    QCOMPARE(l.calls, 3);
    rig.engine.addBarListener(&l, rig.a, Timeframe::M1);
    rig.trades({trade(rig.a, kT0 + kMinuteMs + 5000, 100.2, 1.0)});
    QCOMPARE(l.calls, 4);
}

void TestFormingHold::runsChangedByACallInTheBatchEndIt()
{
    Rig rig;
    HoldingListener l;
    AcquiringListener acquiring(rig.engine, rig.a);
    rig.engine.addBarListener(&l, rig.a, Timeframe::M1);
    rig.engine.addBarListener(&acquiring, rig.b, Timeframe::M1);
    rig.trades({trade(rig.a, kT0 + 1000, 100.0, 1.0), trade(rig.b, kT0 + 1000, 50.0, 1.0)});
    QCOMPARE(l.calls, 1);
    // A's trade comes first and is covered; then B's new minute closes its
    // bar, and its listener acquires a run on A: A's runs changed after its
    // trade, so A's update is told.
    rig.clock->set(kT0 + kMinuteMs + 1000);
    rig.trades(
        {trade(rig.a, kT0 + 30000, 100.1, 1.0), trade(rig.b, kT0 + kMinuteMs + 500, 50.0, 1.0)});
    QCOMPARE(l.calls, 2);
    QCOMPARE(l.covered, std::uint64_t(0));
}

void TestFormingHold::aSecondListenerIsToldAnyway()
{
    Rig rig;
    HoldingListener holding;
    HoldingListener plain;
    plain.holding = false;
    rig.engine.addBarListener(&holding, rig.a, Timeframe::M1);
    rig.engine.addBarListener(&plain, rig.a, Timeframe::M1);
    for (int k = 0; k < 5; ++k)
        rig.trades({trade(rig.a, kT0 + 1000 + k * 1000, 100.0 + 0.1 * k, 1.0)});
    QCOMPARE(plain.calls, 5);
    QCOMPARE(holding.calls, 1);
    QCOMPARE(holding.covered, std::uint64_t(4));
}

QTEST_GUILESS_MAIN(TestFormingHold)
#include "test_forming_hold.moc"
