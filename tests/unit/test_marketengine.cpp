// MarketEngine: ticks in, coalesced snapshots of the subscribed series out.
#include <cmath>
#include <cstring>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "EngineTestData.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;
using namespace wick::enginetest;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z, a Thursday

// The newest state of each series and quote across every snapshot a spy saw.
struct Seen {
    std::map<std::pair<SymbolId, Timeframe>, SeriesSnapshot> series;
    std::map<SymbolId, Quote> quotes;
    int snapshots = 0;

    void absorb(const QSignalSpy &spy)
    {
        series.clear();
        quotes.clear();
        snapshots = static_cast<int>(spy.count());
        for (const auto &args : spy) {
            const auto snapshot = args.at(0).value<MarketSnapshotPtr>();
            for (const SeriesSnapshot &s : snapshot->series)
                series[{s.symbol, s.timeframe}] = s;
            for (const Quote &q : snapshot->quotes)
                quotes[q.symbol] = q;
        }
    }
    const SeriesSnapshot *find(SymbolId id, Timeframe tf) const
    {
        const auto it = series.find({id, tf});
        return it == series.end() ? nullptr : &it->second;
    }
};

// Symbols of source "test" live at kT0 by a clock that does not move, so the
// close timer (which would read the wall clock, months after kT0) leaves them be.
void freezeTestClock(MarketEngine &engine)
{
    engine.setSourceClock(QStringLiteral("test"), std::make_shared<ManualClock>(kT0), 0);
}

std::vector<Bar> minuteHistory(int count, double start)
{
    std::vector<Bar> bars;
    for (int i = 0; i < count; ++i) {
        const double open = start + i;
        bars.push_back(
            Bar {kT0 + i * kMinuteMs, open, open + 2.0, open - 1.0, open + 1.0, 10.0, 5});
    }
    return bars;
}

bool sameBits(const void *a, const void *b, std::size_t bytes)
{
    return bytes == 0 || std::memcmp(a, b, bytes) == 0;
}

// Every closed and forming bar and every indicator value of two series, bit for bit.
QString seriesDifference(const SeriesSnapshot &a, const SeriesSnapshot &b)
{
    const QString tf = timeframeName(a.timeframe);
    if (a.closed.size() != b.closed.size())
        return tf
            + QStringLiteral(": %1 vs %2 closed bars").arg(a.closed.size()).arg(b.closed.size());
    for (std::size_t i = 0; i < a.closed.size(); ++i) {
        if (!sameBits(&a.closed[i], &b.closed[i], sizeof(Bar)))
            return tf + QStringLiteral(": closed bar %1 differs").arg(i);
    }
    if (a.forming.has_value() != b.forming.has_value()
        || (a.forming && !sameBits(&*a.forming, &*b.forming, sizeof(Bar))))
        return tf + QStringLiteral(": forming bar differs");
    if (a.indicators.size() != b.indicators.size())
        return tf + QStringLiteral(": indicator count differs");
    for (std::size_t k = 0; k < a.indicators.size(); ++k) {
        const IndicatorSnapshot &x = a.indicators[k];
        const IndicatorSnapshot &y = b.indicators[k];
        if (x.closed.size() != y.closed.size() || x.forming.size() != y.forming.size()
            || !sameBits(x.forming.data(), y.forming.data(), x.forming.size() * sizeof(double)))
            return tf + QStringLiteral(": %1 outputs or forming values differ").arg(x.spec);
        for (std::size_t o = 0; o < x.closed.size(); ++o) {
            if (x.closed[o].size() != y.closed[o].size() || x.closed[o].size() != a.closed.size())
                return tf
                    + QStringLiteral(": %1 output %2 has %3 vs %4 values")
                          .arg(x.spec)
                          .arg(o)
                          .arg(x.closed[o].size())
                          .arg(y.closed[o].size());
            if (!sameBits(
                    x.closed[o].begin(), y.closed[o].begin(), x.closed[o].size() * sizeof(double)))
                return tf + QStringLiteral(": %1 output %2 differs").arg(x.spec).arg(o);
        }
    }
    return QString();
}

}  // namespace

class TestMarketEngine final : public QObject
{
    Q_OBJECT

private slots:
    void buildsClosedAndFormingBarsForSubscribedSeries();
    void publishesOnlyWhatChanged();
    void coalescesSnapshotsToTheMinimumInterval_data();
    void coalescesSnapshotsToTheMinimumInterval();
    void timerClosesQuietSymbolsByTheirSourceClock();
    void feedTimeClosesBarsAtOnce();
    void tradeBeforeTheClockAfterACloseIsLate();
    void lateTicksArePassedOnNotMerged();
    void historyFillsEveryTimeframe();
    void historyArrivingAfterLiveTradesKeepsTheNewerMinutes();
    void historyMergesCachedBackfilledAndOlderPages();
    void closedMinutesAreHandedToTheCacheInBatches();
    void indicatorsRunOverHistoryAndStream();
    void historyAtTheTailMergesIncrementallyBitForBit();
    void historyIntoAHigherBarTheClockClosedRebuilds();
    void runsOnItsOwnNamedThread();
    void sourceQuotesMoveTheQuoteNotTheBars();
};

void TestMarketEngine::buildsClosedAndFormingBarsForSubscribedSeries()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId btc
        = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("BTC")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.subscribe(btc, Timeframe::M1);
    engine.subscribe(btc, Timeframe::M5);
    engine.addTicks(batchOf({trade(btc, kT0 + 10'000, 100.0, 1.0),
        trade(btc, kT0 + 30'000, 102.0, 2.0), trade(btc, kT0 + 65'000, 101.0, 0.5)}));
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);

    const SeriesSnapshot *m1 = seen.find(btc, Timeframe::M1);
    QVERIFY(m1);
    QCOMPARE(m1->closed.size(), std::size_t(1));
    QCOMPARE(m1->closed[0], (Bar {kT0, 100.0, 102.0, 100.0, 102.0, 3.0, 2}));
    QVERIFY(m1->forming.has_value());
    QCOMPARE(*m1->forming, (Bar {kT0 + kMinuteMs, 101.0, 101.0, 101.0, 101.0, 0.5, 1}));

    const SeriesSnapshot *m5 = seen.find(btc, Timeframe::M5);
    QVERIFY(m5);
    QCOMPARE(m5->closed.size(), std::size_t(0));
    QVERIFY(m5->forming.has_value());
    QCOMPARE(*m5->forming, (Bar {kT0, 100.0, 102.0, 100.0, 101.0, 3.5, 3}));

    // Unsubscribed timeframes are not shipped.
    QVERIFY(!seen.find(btc, Timeframe::H1));
    QCOMPARE(seen.quotes.at(btc).last, 101.0);
    QCOMPARE(seen.quotes.at(btc).tickCount, std::uint64_t(3));
    QCOMPARE(spy.last().at(0).value<MarketSnapshotPtr>()->totalTicks, std::uint64_t(3));
}

void TestMarketEngine::publishesOnlyWhatChanged()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    const SymbolId b = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("B")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(b, Timeframe::M1);
    engine.addTicks(batchOf({trade(a, kT0, 10.0, 1.0), trade(b, kT0, 20.0, 1.0)}));
    QTRY_VERIFY(spy.count() >= 1);
    spy.clear();

    engine.addTicks(batchOf({trade(b, kT0 + 1000, 21.0, 1.0)}));
    QTRY_COMPARE(spy.count(), 1);
    const auto snapshot = spy.at(0).at(0).value<MarketSnapshotPtr>();
    QCOMPARE(snapshot->series.size(), std::size_t(1));
    QCOMPARE(snapshot->series[0].symbol, b);
    QCOMPARE(snapshot->series[0].forming->close, 21.0);
    QCOMPARE(snapshot->quotes.size(), std::size_t(1));
    QCOMPARE(snapshot->quotes[0].symbol, b);
    // Nothing new: no further snapshot.
    QTest::qWait(60);
    QCOMPARE(spy.count(), 1);

    // Asked for, the current quotes come again, unchanged, without any series.
    engine.requestQuotes({a, b, SymbolId(99)});
    QTRY_COMPARE(spy.count(), 2);
    const auto again = spy.at(1).at(0).value<MarketSnapshotPtr>();
    QCOMPARE(again->series.size(), std::size_t(0));
    QCOMPARE(again->quotes.size(), std::size_t(2));
    QCOMPARE(again->quotes[0].last, 10.0);
    QCOMPARE(again->quotes[1].last, 21.0);
}

void TestMarketEngine::coalescesSnapshotsToTheMinimumInterval_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::newRow("default (2 ms)") << MarketEngine::kMinPublishIntervalMs;
    QTest::newRow("60 Hz (16 ms)") << 16;
}

void TestMarketEngine::coalescesSnapshotsToTheMinimumInterval()
{
    QFETCH(int, intervalMs);
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.setMinPublishInterval(intervalMs);
    engine.subscribe(a, Timeframe::M1);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    QElapsedTimer elapsed;
    elapsed.start();
    int batches = 0;
    TimeMs t = kT0;
    while (elapsed.elapsed() < 500) {
        engine.addTicks(batchOf({trade(a, t, 100.0 + (batches % 7), 1.0)}));
        t += 100;
        ++batches;
        QCoreApplication::processEvents();
    }
    // Every trade reaches the UI in the end, in far fewer snapshots than batches.
    Seen seen;
    QTRY_VERIFY([&] {
        seen.absorb(spy);
        return seen.quotes.count(a) && seen.quotes.at(a).tickCount == std::uint64_t(batches);
    }());
    const qint64 ms = elapsed.elapsed();
    // At most one snapshot per interval (plus the first one, published at once).
    QVERIFY2(spy.count() <= ms / intervalMs + 1,
        qPrintable(QStringLiteral("%1 snapshots in %2 ms").arg(spy.count()).arg(ms)));
    QVERIFY(spy.count() >= 10);
    QVERIFY(batches > 10 * spy.count());
}

void TestMarketEngine::timerClosesQuietSymbolsByTheirSourceClock()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("sim"), QStringLiteral("A")));
    auto clock = std::make_shared<ManualClock>(kT0);
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.setSourceClock(QStringLiteral("sim"), clock, 500);
    engine.subscribe(a, Timeframe::M1);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.addTicks(batchOf({trade(a, kT0 + 5000, 50.0, 2.0)}));
    QTRY_VERIFY(spy.count() >= 1);

    // The bucket ends at kT0 + 60 s; with a 500 ms grace the bar stays open at 60.4 s...
    clock->set(kT0 + 60'400);
    engine.closeDueBars();
    QTest::qWait(40);
    Seen seen;
    seen.absorb(spy);
    QCOMPARE(seen.find(a, Timeframe::M1)->closed.size(), std::size_t(0));

    // ...and the close timer (not a trade) closes it once the clock passes 60.5 s.
    clock->set(kT0 + 60'500);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            seen.absorb(spy);
            return seen.find(a, Timeframe::M1)->closed.size() == 1;
        }(),
        2000);
    QCOMPARE(seen.find(a, Timeframe::M1)->closed[0], (Bar {kT0, 50.0, 50.0, 50.0, 50.0, 2.0, 1}));
    QVERIFY(!seen.find(a, Timeframe::M1)->forming.has_value());
}

void TestMarketEngine::feedTimeClosesBarsAtOnce()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(a, Timeframe::M5);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.addTicks(batchOf(
        {trade(a, kT0 + 1000, 7.0, 1.0), trade(a, kT0 + 299'000, 8.0, 1.0)}, kT0 + 300'000));
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    QCOMPARE(seen.find(a, Timeframe::M1)->closed.size(),
        std::size_t(2));  // 00:00 and 00:04, no phantom minutes
    QCOMPARE(seen.find(a, Timeframe::M1)->closed[1].time, kT0 + 4 * kMinuteMs);
    QCOMPARE(seen.find(a, Timeframe::M5)->closed.size(), std::size_t(1));
    QCOMPARE(seen.find(a, Timeframe::M5)->closed[0], (Bar {kT0, 7.0, 8.0, 7.0, 8.0, 2.0, 2}));
}

void TestMarketEngine::tradeBeforeTheClockAfterACloseIsLate()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("sim"), QStringLiteral("A")));
    auto clock = std::make_shared<ManualClock>(kT0);
    MarketEngine engine(symbols);
    engine.setSourceClock(QStringLiteral("sim"), clock, 0);
    engine.subscribe(a, Timeframe::M5);
    QSignalSpy late(&engine, &MarketEngine::lateTicks);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.addTicks(batchOf({trade(a, kT0 + 30'000, 10.0, 1.0)}));
    // The clock closes the 00:00 minute and the 00:00 5m bucket...
    clock->set(kT0 + 5 * kMinuteMs);
    engine.closeDueBars();
    // ...so a straggler from 00:04:59 must not reopen that 5m bucket.
    engine.addTicks(batchOf({trade(a, kT0 + 299'000, 11.0, 1.0)}));
    QCOMPARE(late.count(), 1);
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    const SeriesSnapshot *m5 = seen.find(a, Timeframe::M5);
    QCOMPARE(m5->closed.size(), std::size_t(1));
    QCOMPARE(m5->closed[0], (Bar {kT0, 10.0, 10.0, 10.0, 10.0, 1.0, 1}));
    QVERIFY(!m5->forming.has_value());
}

void TestMarketEngine::lateTicksArePassedOnNotMerged()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.subscribe(a, Timeframe::M1);
    QSignalSpy late(&engine, &MarketEngine::lateTicks);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.addTicks(batchOf({trade(a, kT0 + 1000, 10.0, 1.0), trade(a, kT0 + 61'000, 11.0, 1.0)}));
    engine.addTicks(batchOf({trade(a, kT0 + 59'000, 99.0, 5.0)}));
    QCOMPARE(late.count(), 1);
    const auto ticks = late.at(0).at(0).value<std::vector<Tick>>();
    QCOMPARE(ticks.size(), std::size_t(1));
    QCOMPARE(ticks[0].price, 99.0);
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    QCOMPARE(seen.find(a, Timeframe::M1)->closed[0], (Bar {kT0, 10.0, 10.0, 10.0, 10.0, 1.0, 1}));
    QCOMPARE(seen.quotes.at(a).lateTickCount, std::uint64_t(1));
    QCOMPARE(seen.quotes.at(a).last, 11.0);
}

void TestMarketEngine::historyFillsEveryTimeframe()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    for (Timeframe tf : {Timeframe::M1, Timeframe::M5, Timeframe::H1, Timeframe::D1})
        engine.subscribe(a, tf);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    // 1,500 minutes: 2026-01-01 00:00 .. 2026-01-02 00:59 UTC.
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minuteHistory(1500, 100.0)));
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    QCOMPARE(seen.find(a, Timeframe::M1)->closed.size(), std::size_t(1500));
    QVERIFY(!seen.find(a, Timeframe::M1)->forming.has_value());
    QCOMPARE(seen.find(a, Timeframe::M5)->closed.size(), std::size_t(300));
    QCOMPARE(seen.find(a, Timeframe::H1)->closed.size(), std::size_t(25));
    // The first hour: opens at 100, highest high 59+102, lowest low 99, close 59+101.
    QCOMPARE(
        seen.find(a, Timeframe::H1)->closed[0], (Bar {kT0, 100.0, 161.0, 99.0, 160.0, 600.0, 300}));
    // Day 1 is closed; day 2 is still forming (60 minutes so far).
    const SeriesSnapshot *d1 = seen.find(a, Timeframe::D1);
    QCOMPARE(d1->closed.size(), std::size_t(1));
    QCOMPARE(d1->closed[0], (Bar {kT0, 100.0, 1541.0, 99.0, 1540.0, 14400.0, 7200}));
    QVERIFY(d1->forming.has_value());
    QCOMPARE(*d1->forming, (Bar {kT0 + kDayMs, 1540.0, 1601.0, 1539.0, 1600.0, 600.0, 300}));
    const Quote quote = seen.quotes.at(a);
    QCOMPARE(quote.last, 1600.0);
    QCOMPARE(quote.previousClose, 1540.0);
    QCOMPARE(quote.dayVolume, 600.0);
    QCOMPARE(quote.changePercent(), (1600.0 - 1540.0) / 1540.0 * 100.0);

    // A trade before the history's end is late; one after it opens the next minute.
    QSignalSpy late(&engine, &MarketEngine::lateTicks);
    spy.clear();
    engine.addTicks(batchOf({trade(a, kT0 + 1499 * kMinuteMs + 30'000, 1.0, 1.0),
        trade(a, kT0 + 1500 * kMinuteMs + 1000, 1602.0, 3.0)}));
    QCOMPARE(late.count(), 1);
    QTRY_VERIFY(spy.count() >= 1);
    seen.absorb(spy);
    QCOMPARE(seen.find(a, Timeframe::M1)->closed.size(), std::size_t(1500));
    QCOMPARE(seen.find(a, Timeframe::M1)->forming->close, 1602.0);
    QCOMPARE(seen.find(a, Timeframe::H1)->forming->time, kT0 + 25 * kHourMs);
    QCOMPARE(seen.find(a, Timeframe::D1)->forming->volume, 603.0);

    // Once the clock closes day 2 (no trade since), the quote still shows day 2's
    // session against day 1, as a terminal does overnight and on weekends.
    engine.setSourceClock(
        QStringLiteral("test"), std::make_shared<ManualClock>(kT0 + 2 * kDayMs), 0);
    engine.closeDueBars();
    engine.requestQuotes({a});
    QTRY_VERIFY([&] {
        seen.absorb(spy);
        return seen.find(a, Timeframe::D1)->closed.size() == 2;
    }());
    QVERIFY(!seen.find(a, Timeframe::D1)->forming.has_value());
    QCOMPARE(seen.quotes.at(a).previousClose, 1540.0);
    QCOMPARE(seen.quotes.at(a).dayVolume, 603.0);
    QCOMPARE(seen.quotes.at(a).last, 1602.0);
}

void TestMarketEngine::historyArrivingAfterLiveTradesKeepsTheNewerMinutes()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(a, Timeframe::M5);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    // Live trades in minutes 10 and 11 (minute 10 closes), then history of minutes 0..9.
    engine.addTicks(batchOf(
        {trade(a, kT0 + 10 * kMinuteMs, 500.0, 1.0), trade(a, kT0 + 11 * kMinuteMs, 501.0, 1.0)}));
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minuteHistory(10, 100.0)));
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    const SeriesSnapshot *m1 = seen.find(a, Timeframe::M1);
    QCOMPARE(m1->closed.size(), std::size_t(11));
    QCOMPARE(m1->closed[9].close, 110.0);
    QCOMPARE(m1->closed[10], (Bar {kT0 + 10 * kMinuteMs, 500.0, 500.0, 500.0, 500.0, 1.0, 1}));
    QCOMPARE(m1->forming->close, 501.0);
    const SeriesSnapshot *m5 = seen.find(a, Timeframe::M5);
    QCOMPARE(m5->closed.size(), std::size_t(2));  // 00:00 and 00:05 from history
    QCOMPARE(*m5->forming, (Bar {kT0 + 10 * kMinuteMs, 500.0, 501.0, 500.0, 501.0, 2.0, 2}));
}

void TestMarketEngine::historyMergesCachedBackfilledAndOlderPages()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.subscribe(a, Timeframe::M1);
    engine.subscribe(a, Timeframe::M5);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    const std::vector<Bar> all = minuteHistory(30, 100.0);
    const auto slice = [&](std::size_t from, std::size_t to) {
        return std::make_shared<const std::vector<Bar>>(all.begin() + from, all.begin() + to);
    };
    // The cache gives minutes 10..19, the feed backfills 18..24 (overlapping two,
    // which it replaces), then scrolling left pages in 0..9.
    engine.loadHistory(a, slice(10, 20));
    std::vector<Bar> backfill(all.begin() + 18, all.begin() + 25);
    backfill.front().close = 555.0;  // the source's newer copy of minute 18 wins
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(backfill));
    engine.loadHistory(a, slice(0, 10));
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    const SeriesSnapshot *m1 = seen.find(a, Timeframe::M1);
    QVERIFY(m1);
    std::vector<Bar> expected(all.begin(), all.begin() + 25);
    expected[18].close = 555.0;
    QCOMPARE(std::vector<Bar>(m1->closed.begin(), m1->closed.end()), expected);
    // Every timeframe is rebuilt from the merged minutes: 00:00 .. 00:20 closed.
    const SeriesSnapshot *m5 = seen.find(a, Timeframe::M5);
    QCOMPARE(m5->closed.size(), std::size_t(5));
    QCOMPARE(m5->closed[0].open, all[0].open);
    QCOMPARE(m5->closed[3].close, all[19].close);
    QCOMPARE(m5->closed[3].low, all[15].low);
    QCOMPARE(m5->closed[3].high, all[19].high);
    QCOMPARE(m5->closed[4].close, all[24].close);
    // An empty history changes nothing.
    const std::uint64_t generation = m1->generation;
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>());
    engine.loadHistory(a, nullptr);
    QTest::qWait(50);
    seen.absorb(spy);
    QCOMPARE(seen.find(a, Timeframe::M1)->generation, generation);
}

void TestMarketEngine::closedMinutesAreHandedToTheCacheInBatches()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    const SymbolId b = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("B")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    QSignalSpy closed(&engine, &MarketEngine::minutesClosed);
    // History is the cache's or the feed's to store: it is not handed back.
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minuteHistory(10, 100.0)));
    QElapsedTimer timer;
    timer.start();
    // Minutes 10, 11 of A and 10 of B close; minute 12 of A is forming.
    engine.addTicks(batchOf({trade(a, kT0 + 10 * kMinuteMs, 500.0, 1.0),
        trade(b, kT0 + 10 * kMinuteMs + 5, 20.0, 3.0), trade(a, kT0 + 11 * kMinuteMs, 501.0, 2.0),
        trade(b, kT0 + 11 * kMinuteMs, 21.0, 1.0), trade(a, kT0 + 12 * kMinuteMs, 502.0, 1.0)}));
    QTRY_COMPARE(closed.count(), 1);
    // Within a second of the close (the engine waits kClosedFlushMs to batch).
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    const auto bars = closed.first().at(0).value<ClosedMinutesPtr>();
    QVERIFY(bars);
    QCOMPARE(bars->size(), std::size_t(3));
    QCOMPARE((*bars)[0].symbol, a);
    QCOMPARE((*bars)[0].bar, (Bar {kT0 + 10 * kMinuteMs, 500.0, 500.0, 500.0, 500.0, 1.0, 1}));
    QCOMPARE((*bars)[1].symbol, b);
    QCOMPARE((*bars)[1].bar, (Bar {kT0 + 10 * kMinuteMs, 20.0, 20.0, 20.0, 20.0, 3.0, 1}));
    QCOMPARE((*bars)[2].symbol, a);
    QCOMPARE((*bars)[2].bar.time, kT0 + 11 * kMinuteMs);
    // Nothing more until another minute closes; a flush with nothing emits nothing.
    engine.flushClosedMinutes();
    QTest::qWait(2 * MarketEngine::kClosedFlushMs);
    QCOMPARE(closed.count(), 1);
    engine.addTicks(batchOf({trade(a, kT0 + 13 * kMinuteMs, 503.0, 1.0)}));
    engine.flushClosedMinutes();
    QCOMPARE(closed.count(), 2);
    const auto next = closed.last().at(0).value<ClosedMinutesPtr>();
    QCOMPARE(next->size(), std::size_t(1));
    QCOMPARE(next->front().bar, (Bar {kT0 + 12 * kMinuteMs, 502.0, 502.0, 502.0, 502.0, 1.0, 1}));
}

void TestMarketEngine::indicatorsRunOverHistoryAndStream()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    engine.subscribe(a, Timeframe::M1);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    // Closes 101, 102, ..., 110 (minuteHistory: close = start + i + 1).
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minuteHistory(10, 100.0)));
    engine.setIndicators(a, Timeframe::M1,
        {QStringLiteral("SMA:3"), QStringLiteral("NOPE:1"), QStringLiteral("SMA:2@SMA:3")});
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    const SeriesSnapshot *m1 = seen.find(a, Timeframe::M1);
    QCOMPARE(m1->indicators.size(), std::size_t(3));
    const IndicatorSnapshot &sma = m1->indicators[0];
    QCOMPARE(sma.spec, QStringLiteral("SMA:3"));
    QCOMPARE(sma.label, QStringLiteral("SMA(3)"));
    QVERIFY(sma.error.isEmpty());
    QCOMPARE(sma.closed.size(), std::size_t(1));
    QCOMPARE(sma.closed[0].size(), m1->closed.size());
    QVERIFY(std::isnan(sma.closed[0][0]) && std::isnan(sma.closed[0][1]));
    QCOMPARE(sma.closed[0][2], (101.0 + 102.0 + 103.0) / 3.0);
    QCOMPARE(sma.closed[0][9], (108.0 + 109.0 + 110.0) / 3.0);
    QVERIFY(sma.forming.empty());  // no forming bar yet
    // A refused spec says why and carries no values.
    QVERIFY(!m1->indicators[1].error.isEmpty());
    QVERIFY(m1->indicators[1].closed.empty());
    // Indicator on indicator: SMA(2) of SMA(3) starts one bar after SMA(3).
    const IndicatorSnapshot &chained = m1->indicators[2];
    QVERIFY(std::isnan(chained.closed[0][2]));
    QCOMPARE(chained.closed[0][3],
        ((101.0 + 102.0 + 103.0) / 3.0 + (102.0 + 103.0 + 104.0) / 3.0) / 2.0);
    const std::uint64_t generation = m1->indicatorGeneration;

    // Live: the forming bar gets a tentative value; closing it appends the value.
    spy.clear();
    engine.addTicks(batchOf({trade(a, kT0 + 10 * kMinuteMs + 1000, 120.0, 1.0)}));
    QTRY_VERIFY(spy.count() >= 1);
    seen.absorb(spy);
    m1 = seen.find(a, Timeframe::M1);
    QCOMPARE(m1->indicators[0].forming.size(), std::size_t(1));
    QCOMPARE(m1->indicators[0].forming[0], (109.0 + 110.0 + 120.0) / 3.0);
    QCOMPARE(m1->indicators[0].closed[0].size(), std::size_t(10));
    QCOMPARE(m1->indicatorGeneration, generation);  // streamed, not recomputed

    spy.clear();
    engine.addTicks(batchOf({trade(a, kT0 + 10 * kMinuteMs + 2000, 121.0, 1.0),
        trade(a, kT0 + 11 * kMinuteMs, 130.0, 1.0)}));
    QTRY_VERIFY(spy.count() >= 1);
    seen.absorb(spy);
    m1 = seen.find(a, Timeframe::M1);
    QCOMPARE(m1->closed.size(), std::size_t(11));
    QCOMPARE(m1->indicators[0].closed[0].size(), std::size_t(11));
    QCOMPARE(m1->indicators[0].closed[0][10], (109.0 + 110.0 + 121.0) / 3.0);
    QCOMPARE(m1->indicators[0].forming[0], (110.0 + 121.0 + 130.0) / 3.0);
}

// Binance's closed klines arrive as history for the newest minutes: replacing
// the minute just built from trades, or the one still forming, or a page after
// an outage. Those go the incremental way; the bars of every timeframe and every
// indicator value must equal, bit for bit, one rebuild from the same minutes.
void TestMarketEngine::historyAtTheTailMergesIncrementallyBitForBit()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    const QStringList m1Specs {QStringLiteral("SMA:3"), QStringLiteral("RSI:5"),
        QStringLiteral("MACD:3,6,2"), QStringLiteral("BBANDS:5,2,2"), QStringLiteral("ATR:3"),
        QStringLiteral("SMA:2@RSI:5")};
    const QStringList m5Specs {QStringLiteral("EMA:3"), QStringLiteral("ATR:2")};

    MarketEngine live(symbols);
    freezeTestClock(live);
    for (Timeframe tf : kAllTimeframes)
        live.subscribe(a, tf);
    live.setIndicators(a, Timeframe::M1, m1Specs);
    live.setIndicators(a, Timeframe::M5, m5Specs);
    live.loadHistory(a, std::make_shared<const std::vector<Bar>>(minuteHistory(40, 100.0)));
    QCOMPARE(live.fullHistoryLoads(), std::uint64_t(1));

    auto minuteAt = [](int m) { return kT0 + TimeMs(m) * kMinuteMs; };
    // The source's version of a minute: a little apart from what trades built.
    auto kline = [&](int m, double open) {
        return std::make_shared<const std::vector<Bar>>(std::vector<Bar> {
            Bar {minuteAt(m), open, open + 1.5, open - 0.75, open + 0.25, 3.0 + m * 0.1, 7}});
    };
    auto trades = [&](int m, double price) {
        live.addTicks(batchOf({trade(a, minuteAt(m) + 1000, price, 1.0),
            trade(a, minuteAt(m) + 30000, price + 0.5, 2.0)}));
    };
    int incremental = 0;
    // Minutes 40..45: built from trades, each closed by the next minute's first
    // trade and then replaced by its kline (minute 44's replacement reopens the
    // 5m bar 40..45 that minute 45's first trade closed).
    trades(40, 140.0);
    for (int m = 41; m <= 46; ++m) {
        trades(m, 140.0 + m * 0.25);  // closes m - 1
        live.loadHistory(a, kline(m - 1, 139.0 + m * 0.25));
        ++incremental;
    }
    trades(47, 152.0);  // closes 46
    live.loadHistory(a, kline(46, 149.5));
    ++incremental;
    // The kline of the minute still forming: appended, the forming minute dropped.
    live.loadHistory(a, kline(47, 151.75));
    ++incremental;
    QSignalSpy corrected(&live, &MarketEngine::snapshotReady);
    live.loadHistory(a, kline(47, 151.5));  // and corrected once more
    ++incremental;
    QTRY_VERIFY(corrected.count() >= 1);
    Seen correctedSeen;
    correctedSeen.absorb(corrected);
    const std::uint64_t generation = correctedSeen.find(a, Timeframe::M1)->generation;
    // The same bar again: nothing changes, nothing to redraw (same generation).
    QSignalSpy same(&live, &MarketEngine::snapshotReady);
    live.loadHistory(a, kline(47, 151.5));
    ++incremental;
    QTRY_VERIFY(same.count() >= 1);
    Seen sameSeen;
    sameSeen.absorb(same);
    QCOMPARE(sameSeen.find(a, Timeframe::M1)->generation, generation);
    // A page after an outage (48..52 missed), then trades again.
    std::vector<Bar> page;
    for (int m = 48; m <= 52; ++m)
        page.push_back(kline(m, 150.0 + m * 0.5)->front());
    live.loadHistory(a, std::make_shared<const std::vector<Bar>>(page));
    ++incremental;
    trades(53, 160.0);
    trades(54, 161.0);  // closes 53
    live.loadHistory(a, kline(53, 159.0));
    ++incremental;
    trades(55, 162.0);  // closes 54: 5m bar 50..55 closes too
    live.loadHistory(a, kline(54, 160.5));
    ++incremental;
    QCOMPARE(live.incrementalHistoryLoads(), std::uint64_t(incremental));
    QCOMPARE(live.fullHistoryLoads(), std::uint64_t(1));

    QSignalSpy liveSpy(&live, &MarketEngine::snapshotReady);
    trades(55, 163.0);  // forming minute 55 in both engines
    QTRY_VERIFY(liveSpy.count() >= 1);
    Seen liveSeen;
    liveSeen.absorb(liveSpy);

    // The same minutes in one rebuild, then the same forming minute.
    const SeriesSnapshot *liveMinutes = liveSeen.find(a, Timeframe::M1);
    QVERIFY(liveMinutes);
    QCOMPARE(liveMinutes->closed.size(), std::size_t(55));
    const std::vector<Bar> minutes(liveMinutes->closed.begin(), liveMinutes->closed.end());
    MarketEngine rebuilt(symbols);
    freezeTestClock(rebuilt);
    for (Timeframe tf : kAllTimeframes)
        rebuilt.subscribe(a, tf);
    rebuilt.setIndicators(a, Timeframe::M1, m1Specs);
    rebuilt.setIndicators(a, Timeframe::M5, m5Specs);
    rebuilt.loadHistory(a, std::make_shared<const std::vector<Bar>>(minutes));
    QSignalSpy rebuiltSpy(&rebuilt, &MarketEngine::snapshotReady);
    rebuilt.addTicks(batchOf({trade(a, minuteAt(55) + 1000, 162.0, 1.0),
        trade(a, minuteAt(55) + 30000, 162.5, 2.0), trade(a, minuteAt(55) + 1000, 163.0, 1.0),
        trade(a, minuteAt(55) + 30000, 163.5, 2.0)}));
    QTRY_VERIFY(rebuiltSpy.count() >= 1);
    Seen rebuiltSeen;
    rebuiltSeen.absorb(rebuiltSpy);
    QCOMPARE(rebuilt.fullHistoryLoads(), std::uint64_t(1));

    // The replaced minutes are the klines' (not the trades').
    QCOMPARE(minutes[45].open, 139.0 + 46 * 0.25);
    QCOMPARE(minutes[47].open, 151.5);
    QCOMPARE(minutes[54].open, 160.5);
    for (Timeframe tf : kAllTimeframes) {
        const SeriesSnapshot *x = liveSeen.find(a, tf);
        const SeriesSnapshot *y = rebuiltSeen.find(a, tf);
        QVERIFY(x && y);
        const QString difference = seriesDifference(*x, *y);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
    const SeriesSnapshot *m5 = liveSeen.find(a, Timeframe::M5);
    QCOMPARE(m5->closed.size(), std::size_t(11));  // 0..55 closed, 55..60 forming
    QVERIFY(!std::isnan(m5->indicators[1].closed[0][10]));
}

// The clock closed the 5m bar 40..45 with minutes 40..42; then minute 43's kline
// comes: the incremental way would open a second 5m bar for 40..45, so the
// rebuild runs and the 5m bar holds 40..43 again (forming until 45).
void TestMarketEngine::historyIntoAHigherBarTheClockClosedRebuilds()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    MarketEngine engine(symbols);
    auto clock = std::make_shared<ManualClock>(kT0);
    engine.setSourceClock(QStringLiteral("test"), clock, 0);
    engine.subscribe(a, Timeframe::M5);
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(minuteHistory(40, 100.0)));
    for (int m = 40; m <= 42; ++m)
        engine.addTicks(batchOf({trade(a, kT0 + m * kMinuteMs + 1000, 150.0 + m, 1.0)}));
    clock->set(kT0 + 45 * kMinuteMs + 1000);
    engine.closeDueBars();
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    const Bar minute43 {kT0 + 43 * kMinuteMs, 200.0, 210.0, 190.0, 205.0, 4.0, 2};
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(std::vector<Bar> {minute43}));
    QCOMPARE(engine.fullHistoryLoads(), std::uint64_t(2));
    QCOMPARE(engine.incrementalHistoryLoads(), std::uint64_t(0));
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    const SeriesSnapshot *m5 = seen.find(a, Timeframe::M5);
    QVERIFY(m5);
    QCOMPARE(m5->closed.size(), std::size_t(8));  // 0..40
    QVERIFY(m5->forming);
    QCOMPARE(m5->forming->time, kT0 + 40 * kMinuteMs);
    QCOMPARE(m5->forming->open, 190.0);  // minute 40's trade
    QCOMPARE(m5->forming->close, 205.0);  // minute 43's kline
    QCOMPARE(m5->forming->high, 210.0);
    QCOMPARE(m5->forming->volume, 3.0 + 4.0);
}

void TestMarketEngine::runsOnItsOwnNamedThread()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    QThread *thread = nullptr;
    MarketEngine *engine = MarketEngine::startOnThread(symbols, &thread);
    QCOMPARE(thread->objectName(), QStringLiteral("wick-engine"));
    QCOMPARE(engine->thread(), thread);

    QThread *deliveredOn = nullptr;
    MarketSnapshotPtr last;
    connect(engine, &MarketEngine::snapshotReady, this, [&](const MarketSnapshotPtr &snapshot) {
        deliveredOn = QThread::currentThread();
        last = snapshot;
    });
    QMetaObject::invokeMethod(engine, [engine, a] {
        freezeTestClock(*engine);
        engine->subscribe(a, Timeframe::M1);
    });
    QMetaObject::invokeMethod(
        engine, [engine, a] { engine->addTicks(batchOf({trade(a, kT0, 5.0, 1.0)})); });
    QTRY_VERIFY(last != nullptr);
    QCOMPARE(deliveredOn, QThread::currentThread());
    QCOMPARE(last->series.at(0).forming->close, 5.0);

    QPointer<MarketEngine> guard(engine);
    MarketEngine::shutdown(thread);
    QVERIFY(guard.isNull());  // finished -> deleteLater
}

void TestMarketEngine::sourceQuotesMoveTheQuoteNotTheBars()
{
    auto symbols = std::make_shared<SymbolRegistry>();
    const SymbolId a = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("A")));
    const SymbolId b = symbols->intern(cryptoSymbol(QStringLiteral("test"), QStringLiteral("B")));
    MarketEngine engine(symbols);
    freezeTestClock(engine);
    QSignalSpy spy(&engine, &MarketEngine::snapshotReady);
    engine.subscribe(b, Timeframe::M1);
    engine.addTicks(batchOf({trade(b, kT0 + 10'000, 50.0, 1.0)}));
    // A: a watchlist row alone, quoted by its source; B: a trade at 10 s, then
    // a quote older than it (ignored) and one newer (its price and day figures).
    // Refused: no time, no price, an unknown symbol.
    engine.applySourceQuotes({SourceQuote {a, kT0 + 5'000, 20.5, 20.0, 42'000.0},
        SourceQuote {b, kT0 + 9'000, 49.0, 48.0, 7.0}, SourceQuote {a, 0, 21.0, 20.0, 1.0},
        SourceQuote {b, kT0 + 60'000, std::nan(""), 1.0, 1.0},
        SourceQuote {SymbolId(99), kT0 + 60'000, 1.0, 1.0, 1.0}});
    QTRY_VERIFY(spy.count() >= 1);
    Seen seen;
    seen.absorb(spy);
    QCOMPARE(seen.quotes.at(a).last, 20.5);
    QCOMPARE(seen.quotes.at(a).time, kT0 + 5'000);
    QCOMPARE(seen.quotes.at(a).previousClose, 20.0);
    QCOMPARE(seen.quotes.at(a).dayVolume, 42'000.0);
    QCOMPARE(seen.quotes.at(a).changePercent(), 2.5);
    QCOMPARE(seen.quotes.at(b).last, 50.0);  // the trade is newer than that quote
    QCOMPARE(seen.quotes.at(b).time, kT0 + 10'000);
    QVERIFY(!seen.quotes.count(SymbolId(99)));
    // A newer quote moves B's price; its bars stay what trades built.
    int before = int(spy.count());
    engine.applySourceQuotes({SourceQuote {b, kT0 + 20'000, 51.0, 48.0, 7.0}});
    QTRY_VERIFY(spy.count() > before);
    seen.absorb(spy);
    QCOMPARE(seen.quotes.at(b).last, 51.0);
    QCOMPARE(seen.quotes.at(b).previousClose, 48.0);
    QCOMPARE(seen.quotes.at(b).dayVolume, 7.0);
    QCOMPARE(seen.quotes.at(b).tickCount, std::uint64_t(1));
    const SeriesSnapshot *m1 = seen.find(b, Timeframe::M1);
    QVERIFY(m1);
    QVERIFY(m1->forming.has_value());
    QCOMPARE(*m1->forming, (Bar {kT0, 50.0, 50.0, 50.0, 50.0, 1.0, 1}));
    // A trade after it takes the quote back, with the day figures of the bars.
    before = int(spy.count());
    engine.addTicks(batchOf({trade(b, kT0 + 30'000, 52.0, 2.0)}));
    QTRY_VERIFY(spy.count() > before);
    seen.absorb(spy);
    QCOMPARE(seen.quotes.at(b).last, 52.0);
    QCOMPARE(seen.quotes.at(b).dayVolume, 3.0);
}

QTEST_GUILESS_MAIN(TestMarketEngine)
#include "test_marketengine.moc"
