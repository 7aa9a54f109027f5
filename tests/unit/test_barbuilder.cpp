// BarBuilder: trades -> bars of one timeframe. Bucket boundaries, the forming
// bar, timer closes, late and out-of-order trades, gaps, sums, resumption.
#include <vector>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include "bars/BarBuilder.h"

using namespace wick;

namespace {

// 2026-01-05 10:00:00Z, a Monday, on a minute (and hour) boundary.
constexpr TimeMs T0 = 1'767'607'200'000;
constexpr TimeMs kSecondMs = 1000;

BarBuilder minuteBuilder()
{
    return BarBuilder(TimeframeCalendar(Timeframe::M1));
}

TimeMs utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

}  // namespace

class TestBarBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void anchor() { QCOMPARE(utcMs(2026, 1, 5, 10), T0); }

    void firstTickOpensBar()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        QVERIFY(!b.hasForming());
        QCOMPARE(b.timeframe(), Timeframe::M1);
        QCOMPARE(b.closedUntil(), INT64_MIN);
        // 10:00:17.250: bar of 10:00, ends 10:01.
        QCOMPARE(b.addTick(T0 + 17'250, 101.5, 0.25, closed), TickOutcome::Opened);
        QVERIFY(b.hasForming());
        QCOMPARE(b.formingBar(), (Bar {T0, 101.5, 101.5, 101.5, 101.5, 0.25, 1}));
        QCOMPARE(b.formingEnd(), T0 + kMinuteMs);
        QVERIFY(closed.empty());
        QCOMPARE(b.lateTickCount(), std::uint64_t {0});
    }

    void bucketBoundaries()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        QCOMPARE(b.addTick(T0, 100.0, 1.0, closed), TickOutcome::Opened);
        // The last ms of the minute is still inside it.
        QCOMPARE(b.addTick(T0 + kMinuteMs - 1, 103.0, 2.0, closed), TickOutcome::Updated);
        QVERIFY(closed.empty());
        QCOMPARE(b.closedUntil(), INT64_MIN);
        // A trade exactly at the bucket's end opens the next bar and closes this one.
        QCOMPARE(b.addTick(T0 + kMinuteMs, 99.0, 0.5, closed), TickOutcome::Opened);
        QCOMPARE(closed.size(), std::size_t {1});
        // open 100 (first), high 103, low 100, close 103 (last), volume 1 + 2 = 3, 2 trades.
        QCOMPARE(closed[0], (Bar {T0, 100.0, 103.0, 100.0, 103.0, 3.0, 2}));
        QCOMPARE(b.closedUntil(), T0 + kMinuteMs);
        QCOMPARE(b.formingBar(), (Bar {T0 + kMinuteMs, 99.0, 99.0, 99.0, 99.0, 0.5, 1}));
        QCOMPARE(b.formingEnd(), T0 + 2 * kMinuteMs);
    }

    void formingVsClosed()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + 1 * kSecondMs, 50.0, 1.0, closed);
        b.addTick(T0 + 2 * kSecondMs, 52.0, 1.0, closed);
        b.addTick(T0 + 3 * kSecondMs, 48.0, 1.0, closed);
        // The forming bar moves with every trade; nothing is closed yet.
        QCOMPARE(b.formingBar(), (Bar {T0, 50.0, 52.0, 48.0, 48.0, 3.0, 3}));
        QVERIFY(closed.empty());
        b.addTick(T0 + 4 * kSecondMs, 51.0, 1.0, closed);
        QCOMPARE(b.formingBar(), (Bar {T0, 50.0, 52.0, 48.0, 51.0, 4.0, 4}));
        // A trade three minutes later closes it unchanged; the new bar holds only the new trade.
        QCOMPARE(b.addTick(T0 + 3 * kMinuteMs + 5, 60.0, 2.0, closed), TickOutcome::Opened);
        QCOMPARE(closed, (std::vector<Bar> {{T0, 50.0, 52.0, 48.0, 51.0, 4.0, 4}}));
        QCOMPARE(b.formingBar(), (Bar {T0 + 3 * kMinuteMs, 60.0, 60.0, 60.0, 60.0, 2.0, 1}));
        // Closed bars are appended, never cleared by the builder.
        b.addTick(T0 + 4 * kMinuteMs, 61.0, 1.0, closed);
        QCOMPARE(closed.size(), std::size_t {2});
        QCOMPARE(closed[1], (Bar {T0 + 3 * kMinuteMs, 60.0, 60.0, 60.0, 60.0, 2.0, 1}));
    }

    void closeDue_data()
    {
        QTest::addColumn<TimeMs>("now");
        QTest::addColumn<bool>("closes");
        // The forming bar is 10:00 .. 10:01.
        QTest::newRow("before open") << T0 - 1 << false;
        QTest::newRow("mid bucket") << T0 + 30 * kSecondMs << false;
        QTest::newRow("1 ms before end") << T0 + kMinuteMs - 1 << false;
        QTest::newRow("at end") << T0 + kMinuteMs << true;
        QTest::newRow("after end") << T0 + kMinuteMs + 2 * kSecondMs << true;
        QTest::newRow("an hour later") << T0 + kHourMs << true;
    }

    void closeDue()
    {
        QFETCH(TimeMs, now);
        QFETCH(bool, closes);
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + 10 * kSecondMs, 7.0, 0.5, closed);
        b.addTick(T0 + 20 * kSecondMs, 8.0, 0.25, closed);
        const Bar expected {T0, 7.0, 8.0, 7.0, 8.0, 0.75, 2};
        QCOMPARE(b.closeDue(now, closed), closes);
        QCOMPARE(b.hasForming(), !closes);
        if (closes) {
            QCOMPARE(closed, std::vector<Bar> {expected});
            // Closed until the bucket's end, not until `now`.
            QCOMPARE(b.closedUntil(), T0 + kMinuteMs);
            // A second timer close finds nothing to close.
            QVERIFY(!b.closeDue(now + kMinuteMs, closed));
            QCOMPARE(closed.size(), std::size_t {1});
        } else {
            QVERIFY(closed.empty());
            QCOMPARE(b.formingBar(), expected);
            QCOMPARE(b.closedUntil(), INT64_MIN);
        }
    }

    void closeDueWithoutForming()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        QVERIFY(!b.closeDue(T0, closed));
        QVERIFY(closed.empty());
        QCOMPARE(b.closedUntil(), INT64_MIN);
    }

    void lateTicks()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + 5 * kSecondMs, 10.0, 1.0, closed);
        b.addTick(T0 + kMinuteMs + 5 * kSecondMs, 11.0, 1.0, closed);  // closes 10:00
        QCOMPARE(closed.size(), std::size_t {1});
        const Bar forming = b.formingBar();
        QCOMPARE(forming, (Bar {T0 + kMinuteMs, 11.0, 11.0, 11.0, 11.0, 1.0, 1}));

        // Trades of 10:00 now arrive: late, counted, merged nowhere.
        QCOMPARE(b.addTick(T0 + 30 * kSecondMs, 999.0, 5.0, closed), TickOutcome::Late);
        QCOMPARE(b.addTick(T0 + kMinuteMs - 1, 0.5, 5.0, closed), TickOutcome::Late);
        // Far older than any bar: late as well.
        QCOMPARE(b.addTick(T0 - kDayMs, 1.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.lateTickCount(), std::uint64_t {3});
        QCOMPARE(b.formingBar(), forming);
        QCOMPARE(closed, (std::vector<Bar> {{T0, 10.0, 10.0, 10.0, 10.0, 1.0, 1}}));

        // The forming bar's own open time is not late (earlier than its first trade).
        QCOMPARE(b.addTick(T0 + kMinuteMs, 12.0, 1.0, closed), TickOutcome::Updated);
        QCOMPARE(b.lateTickCount(), std::uint64_t {3});
    }

    void lateAfterTimerClose()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + 10 * kSecondMs, 20.0, 1.0, closed);
        QVERIFY(b.closeDue(T0 + kMinuteMs, closed));
        QVERIFY(!b.hasForming());
        // The bucket is closed: a straggler from it is late, not a second 10:00 bar.
        QCOMPARE(b.addTick(T0 + 59 * kSecondMs, 21.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.addTick(T0 + kMinuteMs - 1, 22.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.lateTickCount(), std::uint64_t {2});
        QVERIFY(!b.hasForming());
        QCOMPARE(closed, (std::vector<Bar> {{T0, 20.0, 20.0, 20.0, 20.0, 1.0, 1}}));
        // The bucket's end is the next bar's first instant.
        QCOMPARE(b.addTick(T0 + kMinuteMs, 23.0, 1.0, closed), TickOutcome::Opened);
        QCOMPARE(b.formingBar(), (Bar {T0 + kMinuteMs, 23.0, 23.0, 23.0, 23.0, 1.0, 1}));
        QCOMPARE(closed.size(), std::size_t {1});
    }

    void outOfOrderInsideBucket()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        QCOMPARE(b.addTick(T0 + 10 * kSecondMs, 100.0, 1.0, closed), TickOutcome::Opened);
        QCOMPARE(b.addTick(T0 + 30 * kSecondMs, 102.0, 1.0, closed), TickOutcome::Updated);
        // 10:00:20 after 10:00:30: between first and last -> only high/low/volume.
        QCOMPARE(b.addTick(T0 + 20 * kSecondMs, 99.0, 1.0, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), (Bar {T0, 100.0, 102.0, 99.0, 102.0, 3.0, 3}));
        // 10:00:05, before the first trade: it becomes the open; close stays 102.
        QCOMPARE(b.addTick(T0 + 5 * kSecondMs, 101.0, 1.0, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), (Bar {T0, 101.0, 102.0, 99.0, 102.0, 4.0, 4}));
        // Same time as the current first trade: arrival order keeps the earlier one the open.
        QCOMPARE(b.addTick(T0 + 5 * kSecondMs, 98.0, 1.0, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), (Bar {T0, 101.0, 102.0, 98.0, 102.0, 5.0, 5}));
        // Same time as the current last trade: arrival order makes it the close.
        QCOMPARE(b.addTick(T0 + 30 * kSecondMs, 103.0, 1.0, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), (Bar {T0, 101.0, 103.0, 98.0, 103.0, 6.0, 6}));
        // A trade at the bucket's open time, older than everything: the new open.
        QCOMPARE(b.addTick(T0, 97.5, 1.0, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), (Bar {T0, 97.5, 103.0, 97.5, 103.0, 7.0, 7}));
        QVERIFY(closed.empty());
        QCOMPARE(b.lateTickCount(), std::uint64_t {0});
        // Closing at the next trade keeps exactly those values.
        b.addTick(T0 + kMinuteMs + 1, 104.0, 1.0, closed);
        QCOMPARE(closed, (std::vector<Bar> {{T0, 97.5, 103.0, 97.5, 103.0, 7.0, 7}}));
    }

    void noPhantomBars()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + 1, 5.0, 1.0, closed);  // 10:00
        b.addTick(T0 + 5 * kMinuteMs + 2, 6.0, 1.0, closed);  // 10:05, nothing in 10:01 .. 10:04
        b.addTick(T0 + 6 * kMinuteMs, 7.0, 1.0, closed);  // 10:06
        b.addTick(T0 + 2 * kHourMs + 59 * kSecondMs, 8.0, 1.0, closed);  // 12:00, two quiet hours
        QCOMPARE(closed,
            (std::vector<Bar> {{T0, 5.0, 5.0, 5.0, 5.0, 1.0, 1},
                {T0 + 5 * kMinuteMs, 6.0, 6.0, 6.0, 6.0, 1.0, 1},
                {T0 + 6 * kMinuteMs, 7.0, 7.0, 7.0, 7.0, 1.0, 1}}));
        // The timer closes the 12:00 bar; later timer ticks add nothing for quiet minutes.
        QVERIFY(b.closeDue(T0 + 2 * kHourMs + kMinuteMs, closed));
        for (TimeMs now = T0 + 2 * kHourMs + kMinuteMs; now < T0 + 3 * kHourMs; now += kSecondMs)
            QVERIFY(!b.closeDue(now, closed));
        QCOMPARE(closed.size(), std::size_t {4});
        QCOMPARE(closed.back(), (Bar {T0 + 2 * kHourMs, 8.0, 8.0, 8.0, 8.0, 1.0, 1}));
    }

    void volumeAndTradeCount_data()
    {
        QTest::addColumn<std::vector<double>>("sizes");
        QTest::addColumn<double>("volume");
        QTest::addColumn<qint64>("trades");
        QTest::newRow("one") << std::vector<double> {0.125} << 0.125 << qint64 {1};
        // 0.5 + 1.25 + 2 = 3.75
        QTest::newRow("three") << std::vector<double> {0.5, 1.25, 2.0} << 3.75 << qint64 {3};
        // Zero-size prints still count as trades: 0 + 3 + 0 + 4.5 = 7.5, 4 trades.
        QTest::newRow("zeros") << std::vector<double> {0.0, 3.0, 0.0, 4.5} << 7.5 << qint64 {4};
        // 1000 trades of 1/256: exactly 1000/256 = 3.90625.
        QTest::newRow("thousand") << std::vector<double>(1000, 1.0 / 256) << 3.90625
                                  << qint64 {1000};
    }

    void volumeAndTradeCount()
    {
        QFETCH(std::vector<double>, sizes);
        QFETCH(double, volume);
        QFETCH(qint64, trades);
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        TimeMs t = T0;
        for (double size : sizes)
            b.addTick(t++, 42.0, size, closed);
        QCOMPARE(b.formingBar().volume, volume);
        QCOMPARE(b.formingBar().tradeCount, trades);
        QVERIFY(b.closeDue(T0 + kMinuteMs, closed));
        QCOMPARE(closed, (std::vector<Bar> {{T0, 42.0, 42.0, 42.0, 42.0, volume, trades}}));
    }

    void setClosedUntil()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        // History ends with the 10:00 bar: trades before 10:01 are late.
        b.setClosedUntil(T0 + kMinuteMs);
        QCOMPARE(b.closedUntil(), T0 + kMinuteMs);
        QCOMPARE(b.addTick(T0 + 30 * kSecondMs, 1.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.addTick(T0 + kMinuteMs - 1, 1.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.lateTickCount(), std::uint64_t {2});
        QVERIFY(!b.hasForming());
        // It never moves backwards.
        b.setClosedUntil(T0);
        QCOMPARE(b.closedUntil(), T0 + kMinuteMs);
        QCOMPARE(b.addTick(T0 + kMinuteMs, 2.0, 1.0, closed), TickOutcome::Opened);
        QCOMPARE(b.formingBar(), (Bar {T0 + kMinuteMs, 2.0, 2.0, 2.0, 2.0, 1.0, 1}));
        QVERIFY(closed.empty());
        // Once that bar closes, the mark is its bucket's end.
        QVERIFY(b.closeDue(T0 + 2 * kMinuteMs, closed));
        QCOMPARE(b.closedUntil(), T0 + 2 * kMinuteMs);
        QCOMPARE(b.addTick(T0 + 2 * kMinuteMs - 1, 3.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.lateTickCount(), std::uint64_t {3});
    }

    // The source's unclosed kline: after a (re)start the minute's trades so far
    // are in it, not only the few this process saw.
    void formingBarReplacesTrades()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + 40 * kSecondMs, 100.0, 1.0, closed);
        b.addTick(T0 + 41 * kSecondMs, 101.0, 1.0, closed);
        // The kline says what the whole minute did so far; its time is any time in the minute.
        const Bar kline {T0 + 41 * kSecondMs, 95.0, 103.0, 94.0, 101.0, 250.0, 900};
        QCOMPARE(b.mergeFormingBar(kline, closed), TickOutcome::Updated);
        QVERIFY(closed.empty());
        QCOMPARE(b.formingBar(), (Bar {T0, 95.0, 103.0, 94.0, 101.0, 250.0, 900}));
        QCOMPARE(b.formingEnd(), T0 + kMinuteMs);
        // Later trades fold in: high, low, close, volume and count, never the open
        // (even one older than the trades seen: the kline holds the minute's open).
        QCOMPARE(b.addTick(T0 + 42 * kSecondMs, 104.0, 2.0, closed), TickOutcome::Updated);
        QCOMPARE(b.addTick(T0 + 43 * kSecondMs, 93.5, 0.5, closed), TickOutcome::Updated);
        QCOMPARE(b.addTick(T0 + 44 * kSecondMs, 99.0, 0.25, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), (Bar {T0, 95.0, 104.0, 93.5, 99.0, 252.75, 903}));
        // A newer kline of the same minute replaces all of it again.
        const Bar newer {T0, 95.0, 104.5, 93.0, 98.0, 260.0, 910};
        QCOMPARE(b.mergeFormingBar(newer, closed), TickOutcome::Updated);
        QCOMPARE(b.formingBar(), newer);
        QVERIFY(b.closeDue(T0 + kMinuteMs, closed));
        QCOMPARE(closed, (std::vector<Bar> {newer}));
        QCOMPARE(b.lateFormingBarCount(), std::uint64_t {0});
    }

    void formingBarOpensAndCloses()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        // No forming bar yet (a fresh start): the kline opens the minute.
        const Bar first {T0, 10.0, 11.0, 9.0, 10.5, 7.0, 3};
        QCOMPARE(b.mergeFormingBar(first, closed), TickOutcome::Opened);
        QCOMPARE(b.formingBar(), first);
        QCOMPARE(b.addTick(T0 + 59 * kSecondMs, 12.0, 1.0, closed), TickOutcome::Updated);
        // The next minute's kline closes this one first.
        const Bar second {T0 + kMinuteMs, 12.0, 12.0, 11.5, 11.75, 2.0, 2};
        QCOMPARE(b.mergeFormingBar(second, closed), TickOutcome::Opened);
        QCOMPARE(closed, (std::vector<Bar> {{T0, 10.0, 12.0, 9.0, 12.0, 8.0, 4}}));
        QCOMPARE(b.formingBar(), second);
        QCOMPARE(b.closedUntil(), T0 + kMinuteMs);
    }

    void formingBarOfClosedMinuteIgnored()
    {
        BarBuilder b = minuteBuilder();
        std::vector<Bar> closed;
        b.addTick(T0 + kMinuteMs + 5 * kSecondMs, 50.0, 1.0, closed);
        // A late kline of the minute before the forming one.
        QCOMPARE(
            b.mergeFormingBar(Bar {T0, 1.0, 1.0, 1.0, 1.0, 1.0, 1}, closed), TickOutcome::Late);
        QCOMPARE(b.formingBar(), (Bar {T0 + kMinuteMs, 50.0, 50.0, 50.0, 50.0, 1.0, 1}));
        // Closed by the clock: a kline of that minute is late too.
        QVERIFY(b.closeDue(T0 + 2 * kMinuteMs, closed));
        QCOMPARE(b.mergeFormingBar(Bar {T0 + kMinuteMs, 2.0, 2.0, 2.0, 2.0, 1.0, 1}, closed),
            TickOutcome::Late);
        QVERIFY(!b.hasForming());
        QCOMPARE(closed.size(), std::size_t {1});
        QCOMPARE(b.lateFormingBarCount(), std::uint64_t {2});
        QCOMPARE(b.lateTickCount(), std::uint64_t {0});
        // After history (setClosedUntil) the same rule.
        b.setClosedUntil(T0 + 3 * kMinuteMs);
        QCOMPARE(b.mergeFormingBar(Bar {T0 + 2 * kMinuteMs, 2.0, 2.0, 2.0, 2.0, 1.0, 1}, closed),
            TickOutcome::Late);
        QCOMPARE(b.lateFormingBarCount(), std::uint64_t {3});
    }

    void hourlyBuilder()
    {
        BarBuilder b(TimeframeCalendar(Timeframe::H1));
        std::vector<Bar> closed;
        QCOMPARE(b.timeframe(), Timeframe::H1);
        b.addTick(T0 + 59 * kMinuteMs, 10.0, 1.0, closed);  // 10:59
        b.addTick(T0 + 5 * kMinuteMs, 9.0, 2.0, closed);  // 10:05, out of order: new open
        QCOMPARE(b.addTick(T0 + kHourMs - 1, 11.0, 0.5, closed), TickOutcome::Updated);
        QCOMPARE(b.addTick(T0 + kHourMs, 12.0, 0.25, closed), TickOutcome::Opened);
        QCOMPARE(closed, (std::vector<Bar> {{T0, 9.0, 11.0, 9.0, 11.0, 3.5, 3}}));
        QCOMPARE(b.formingEnd(), T0 + 2 * kHourMs);
    }

    void dailyBuilderAcrossDst_data()
    {
        QTest::addColumn<TimeMs>("dayStart");
        QTest::addColumn<TimeMs>("dayEnd");
        // 2026-03-08 New York: 05:00Z .. 2026-03-09 04:00Z (23 h).
        QTest::newRow("spring") << utcMs(2026, 3, 8, 5) << utcMs(2026, 3, 9, 4);
        // 2026-11-01 New York: 04:00Z .. 2026-11-02 05:00Z (25 h).
        QTest::newRow("autumn") << utcMs(2026, 11, 1, 4) << utcMs(2026, 11, 2, 5);
    }

    void dailyBuilderAcrossDst()
    {
        QFETCH(TimeMs, dayStart);
        QFETCH(TimeMs, dayEnd);
        BarBuilder b(
            TimeframeCalendar(Timeframe::D1, QTimeZone(QByteArrayLiteral("America/New_York"))));
        std::vector<Bar> closed;
        // Last ms of the previous day, the day's first ms, its last ms, the next day.
        QCOMPARE(b.addTick(dayStart - 1, 1.0, 1.0, closed), TickOutcome::Opened);
        QCOMPARE(b.addTick(dayStart, 2.0, 1.0, closed), TickOutcome::Opened);
        QCOMPARE(closed.size(), std::size_t {1});
        QCOMPARE(closed[0].time, dayStart - kDayMs);  // a 24 h day before both changes
        QCOMPARE(b.formingBar().time, dayStart);
        QCOMPARE(b.formingEnd(), dayEnd);
        QCOMPARE(b.addTick(dayEnd - 1, 3.0, 1.0, closed), TickOutcome::Updated);
        QVERIFY(!b.closeDue(dayEnd - 1, closed));
        QVERIFY(b.closeDue(dayEnd, closed));
        QCOMPARE(closed.size(), std::size_t {2});
        QCOMPARE(closed[1], (Bar {dayStart, 2.0, 3.0, 2.0, 3.0, 2.0, 2}));
        QCOMPARE(b.closedUntil(), dayEnd);
        QCOMPARE(b.addTick(dayEnd - 1, 4.0, 1.0, closed), TickOutcome::Late);
        QCOMPARE(b.addTick(dayEnd, 5.0, 1.0, closed), TickOutcome::Opened);
        QCOMPARE(b.formingBar().time, dayEnd);
    }
};

QTEST_APPLESS_MAIN(TestBarBuilder)
#include "test_barbuilder.moc"
