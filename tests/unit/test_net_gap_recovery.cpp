// core/net GapRecovery on a manual clock: pages of closed bars from a resume
// point or a backfill start until caught up, live items held and released in
// order, the forming bar and stale pages ignored, outages restart it.
#include <memory>
#include <vector>

#include <QTest>

#include "model/Clock.h"
#include "net/GapRecovery.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1'709'251'200'000;  // 2024-03-01T00:00:00Z
constexpr SymbolId kBtc = 1;
constexpr SymbolId kEth = 2;

Bar bar(TimeMs time)
{
    const double p = 100.0 + double((time / kMinuteMs) % 50);
    return Bar {time, p, p + 1.0, p - 1.0, p + 0.5, 2.0, 3};
}

Tick tick(SymbolId symbol, TimeMs time, std::int64_t id)
{
    return Tick {symbol, time, 100.0, 1.0, id, Side::Buy};
}

// A source with every minute from kT0 on; pages of `limit` bars, its forming bar included.
struct Source {
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kT0);
    int limit = 1000;
    std::vector<std::pair<SymbolId, TimeMs>> asked;
    std::vector<Bar> delivered;
    std::vector<SymbolId> caughtUp;
    std::unique_ptr<GapRecovery> recovery;

    Source()
    {
        recovery = std::make_unique<GapRecovery>(kMinuteMs, clock,
            GapRecovery::Callbacks {
                [this](SymbolId s, TimeMs from) { asked.emplace_back(s, from); },
                [this](SymbolId, std::vector<Bar> bars) {
                    delivered.insert(delivered.end(), bars.begin(), bars.end());
                },
                [this](SymbolId s) { caughtUp.push_back(s); }});
    }

    // Answers the last page asked for, as the source would.
    void answer()
    {
        const auto [symbol, from] = asked.back();
        std::vector<Bar> page;
        for (TimeMs t = from; t <= clock->now() && int(page.size()) < limit; t += kMinuteMs)
            page.push_back(bar(t));
        recovery->onPage(symbol, from, page, int(page.size()) >= limit);
    }
};

}  // namespace

class TestNetGapRecovery final : public QObject
{
    Q_OBJECT

private slots:
    void pagesFromResumePointUntilCaughtUp();
    void backfillStartWithoutResumePoint();
    void nothingToFetchIsCaughtUpAtOnce();
    void liveItemsHeldAndReleasedInOrder();
    void stalePageIgnoredAfterRestart();
    void outageDropsHeldAndRestartsFromNewest();
    void failedPageEndsWithWhatThereIs();
    void liveBarsWhileFetchingDoNotSkipTheGap();
};

void TestNetGapRecovery::pagesFromResumePointUntilCaughtUp()
{
    Source src;
    const TimeMs resume = kT0 + 10 * kMinuteMs;
    src.clock->set(
        resume + 2501 * kMinuteMs + 30'000);  // 2500 closed minutes after it, one forming
    src.recovery->setResumePoint(kBtc, resume);
    src.recovery->start(kBtc, -1);
    QCOMPARE(src.asked.size(), std::size_t(1));
    QCOMPARE(src.asked[0].second, resume + kMinuteMs);
    QCOMPARE(src.recovery->phase(kBtc), GapRecovery::Phase::Fetching);
    src.answer();
    QCOMPARE(src.asked.size(), std::size_t(2));
    QCOMPARE(src.asked[1].second, resume + 1001 * kMinuteMs);
    src.answer();
    QCOMPARE(src.asked[2].second, resume + 2001 * kMinuteMs);
    src.answer();  // 500 closed + the forming one: not full, caught up
    QCOMPARE(src.asked.size(), std::size_t(3));
    QCOMPARE(src.caughtUp, std::vector<SymbolId> {kBtc});
    QCOMPARE(src.delivered.size(), std::size_t(2500));
    for (std::size_t i = 0; i < src.delivered.size(); ++i)
        QCOMPARE(src.delivered[i].time, resume + TimeMs(i + 1) * kMinuteMs);
    QCOMPARE(src.delivered.back().close, bar(resume + 2500 * kMinuteMs).close);
    QCOMPARE(src.recovery->lastClosed(kBtc), resume + 2500 * kMinuteMs);
    QCOMPARE(src.recovery->barsDelivered(), std::int64_t(2500));
    QCOMPARE(src.recovery->phase(kBtc), GapRecovery::Phase::CaughtUp);
}

void TestNetGapRecovery::backfillStartWithoutResumePoint()
{
    Source src;
    src.clock->set(kT0 + 90 * kMinuteMs + 5000);
    src.recovery->start(kEth, kT0 + 30 * kMinuteMs + 12'345);  // floored to the minute
    QCOMPARE(src.asked.at(0).second, kT0 + 30 * kMinuteMs);
    src.answer();
    QCOMPARE(src.delivered.size(), std::size_t(60));
    QCOMPARE(src.delivered.front().time, kT0 + 30 * kMinuteMs);
    QCOMPARE(src.delivered.back().time, kT0 + 89 * kMinuteMs);
    QCOMPARE(src.caughtUp, std::vector<SymbolId> {kEth});
}

void TestNetGapRecovery::nothingToFetchIsCaughtUpAtOnce()
{
    Source src;
    src.clock->set(kT0 + 5 * kMinuteMs + 100);
    src.recovery->setResumePoint(kBtc, kT0 + 4 * kMinuteMs);  // minute 5 still forming
    src.recovery->start(kBtc, -1);
    src.recovery->start(kEth, -1);  // no resume point, no backfill
    QVERIFY(src.asked.empty());
    QCOMPARE(src.caughtUp, (std::vector<SymbolId> {kBtc, kEth}));
    QVERIFY(src.recovery->isRecovering(kBtc));  // until released
    QVERIFY(src.recovery->release(kBtc).empty());
    QVERIFY(!src.recovery->isRecovering(kBtc));
    QVERIFY(!src.recovery->hold(kBtc, tick(kBtc, src.clock->now(), 7)));
}

void TestNetGapRecovery::liveItemsHeldAndReleasedInOrder()
{
    Source src;
    src.clock->set(kT0 + 20 * kMinuteMs + 1000);
    src.recovery->setResumePoint(kBtc, kT0);
    src.recovery->start(kBtc, -1);
    for (std::int64_t id = 50; id < 55; ++id)
        QVERIFY(src.recovery->hold(kBtc, tick(kBtc, src.clock->now(), id)));
    QVERIFY(!src.recovery->hold(kEth, tick(kEth, src.clock->now(), 1)));  // not recovering
    QCOMPARE(src.recovery->heldCount(kBtc), std::size_t(5));
    src.answer();
    QVERIFY(src.recovery->hold(kBtc, tick(kBtc, src.clock->now(), 55)));  // still held
    const std::vector<Tick> released = src.recovery->release(kBtc);
    QCOMPARE(released.size(), std::size_t(6));
    for (std::size_t i = 0; i < released.size(); ++i)
        QCOMPARE(released[i].tradeId, std::int64_t(50 + i));
    QCOMPARE(src.delivered.size(), std::size_t(19));
    QVERIFY(!src.recovery->hold(kBtc, tick(kBtc, src.clock->now(), 56)));
}

void TestNetGapRecovery::stalePageIgnoredAfterRestart()
{
    Source src;
    src.clock->set(kT0 + 10 * kMinuteMs);
    src.recovery->setResumePoint(kBtc, kT0);
    src.recovery->start(kBtc, -1);
    const TimeMs first = src.asked.back().second;
    src.recovery->abort(kBtc);
    src.recovery->onPage(kBtc, first, {bar(first)}, false);  // the answer to the aborted run
    QVERIFY(src.delivered.empty());
    QVERIFY(src.caughtUp.empty());
    src.recovery->start(kBtc, -1);
    src.recovery->onPage(kBtc, first + kMinuteMs, {bar(first)}, false);  // not the page asked for
    QVERIFY(src.delivered.empty());
    src.answer();
    QCOMPARE(src.delivered.size(), std::size_t(9));
}

void TestNetGapRecovery::outageDropsHeldAndRestartsFromNewest()
{
    Source src;
    src.clock->set(kT0 + 10 * kMinuteMs + 10);
    src.recovery->setResumePoint(kBtc, kT0);
    src.recovery->start(kBtc, -1);
    src.answer();
    QVERIFY(src.recovery->hold(kBtc, tick(kBtc, src.clock->now(), 1)));
    src.recovery->release(kBtc);
    src.recovery->onClosedBar(kBtc, kT0 + 10 * kMinuteMs);  // a live closed kline
    src.clock->set(kT0 + 25 * kMinuteMs + 10);
    src.recovery->start(kBtc, -1);  // reconnected after an outage
    QVERIFY(src.recovery->hold(kBtc, tick(kBtc, src.clock->now(), 2)));
    src.recovery->abort(kBtc);  // dropped again
    QCOMPARE(src.recovery->heldCount(kBtc), std::size_t(0));
    QVERIFY(!src.recovery->isRecovering(kBtc));
    src.recovery->start(kBtc, -1);
    QCOMPARE(src.asked.back().second, kT0 + 11 * kMinuteMs);
    src.answer();
    QCOMPARE(src.delivered.size(), std::size_t(9 + 14));
    QCOMPARE(src.delivered.back().time, kT0 + 24 * kMinuteMs);
}

void TestNetGapRecovery::failedPageEndsWithWhatThereIs()
{
    Source src;
    src.clock->set(kT0 + 3000 * kMinuteMs);
    src.recovery->setResumePoint(kBtc, kT0);
    src.recovery->start(kBtc, -1);
    src.answer();
    QCOMPARE(src.delivered.size(), std::size_t(1000));
    src.recovery->onPageFailed(kBtc, src.asked.back().second);
    QCOMPARE(src.caughtUp, std::vector<SymbolId> {kBtc});
    QCOMPARE(src.recovery->lastClosed(kBtc), kT0 + 1000 * kMinuteMs);
}

void TestNetGapRecovery::liveBarsWhileFetchingDoNotSkipTheGap()
{
    Source src;
    src.limit = 2;
    src.clock->set(kT0 + 10 * kMinuteMs + 10);
    src.recovery->setResumePoint(kBtc, kT0);
    src.recovery->start(kBtc, -1);
    src.answer();  // minutes 1, 2
    src.recovery->onClosedBar(kBtc, kT0 + 9 * kMinuteMs);  // a live kline meanwhile
    src.answer();  // minutes 3, 4: not dropped for being older than the live bar
    QCOMPARE(src.delivered.size(), std::size_t(4));
    QCOMPARE(src.recovery->lastClosed(kBtc), kT0 + 4 * kMinuteMs);
    src.recovery->abort(kBtc);  // an outage: the gap 5..8 is still to fetch
    src.recovery->start(kBtc, -1);
    QCOMPARE(src.asked.back().second, kT0 + 5 * kMinuteMs);
    src.answer();
    src.recovery->onClosedBar(kBtc, kT0 + 9 * kMinuteMs);
    while (src.recovery->phase(kBtc) == GapRecovery::Phase::Fetching)
        src.answer();
    QCOMPARE(src.delivered.size(), std::size_t(9));
    for (std::size_t i = 0; i < 9; ++i)
        QCOMPARE(src.delivered[i].time, kT0 + TimeMs(i + 1) * kMinuteMs);
    QCOMPARE(src.recovery->lastClosed(kBtc), kT0 + 9 * kMinuteMs);
}

QTEST_APPLESS_MAIN(TestNetGapRecovery)
#include "test_net_gap_recovery.moc"
