// Clocks: the simulated clock stands still until started, then runs at speed.
#include <QTest>
#include <QThread>

#include "model/Clock.h"

using namespace wick;

class TestClock final : public QObject
{
    Q_OBJECT

private slots:
    void simulatedClockStandsStillUntilStarted();
    void simulatedClockRunsAtItsSpeed();
    void manualClockMovesOnlyWhenTold();
};

void TestClock::simulatedClockStandsStillUntilStarted()
{
    SimulatedClock clock(1'000'000, 100.0);
    QVERIFY(!clock.isRunning());
    QThread::msleep(20);
    QCOMPARE(clock.now(), TimeMs(1'000'000));
    clock.start();
    QVERIFY(clock.isRunning());
    QVERIFY(clock.now() >= 1'000'000);
}

void TestClock::simulatedClockRunsAtItsSpeed()
{
    SimulatedClock clock(0, 100.0);
    clock.start();
    QThread::msleep(50);
    const TimeMs first = clock.now();
    // 50 ms of wall time at 100x is at least 5 s of simulated time.
    QVERIFY2(first >= 5000, qPrintable(QString::number(first)));
    clock.start();  // a second start does not reset it
    QVERIFY(clock.now() >= first);
    QThread::msleep(20);
    QVERIFY(clock.now() >= first + 2000);
}

void TestClock::manualClockMovesOnlyWhenTold()
{
    ManualClock clock(500);
    QCOMPARE(clock.now(), TimeMs(500));
    clock.advance(250);
    QCOMPARE(clock.now(), TimeMs(750));
    clock.set(100);
    QCOMPARE(clock.now(), TimeMs(100));
}

QTEST_APPLESS_MAIN(TestClock)
#include "test_clock.moc"
