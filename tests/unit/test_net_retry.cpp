// core/net retry policy: exponential backoff with injected jitter, and the
// circuit breaker's closed / open / half-open cycle on a manual clock.
#include <memory>
#include <random>
#include <vector>

#include <QTest>

#include "model/Clock.h"
#include "net/Backoff.h"
#include "net/CircuitBreaker.h"

using namespace wick;

class TestNetRetry final : public QObject
{
    Q_OBJECT

private slots:
    void backoffWithoutJitterDoublesToTheCap();
    void fullJitterDrawsBetweenInitialAndCeiling();
    void decorrelatedJitterFollowsThePreviousDelay();
    void backoffResetsOnSuccess();
    void backoffStaysInRangeForAnyDraw();
    void breakerOpensAfterThreshold();
    void breakerHalfOpenClosesOnProbeSuccess();
    void breakerHalfOpenReopensOnProbeFailure();
    void breakerNeedsEveryProbe();
};

void TestNetRetry::backoffWithoutJitterDoublesToTheCap()
{
    Backoff backoff({1000, 60'000, 2.0, Jitter::None});
    std::vector<TimeMs> delays;
    for (int i = 0; i < 9; ++i)
        delays.push_back(backoff.nextDelayMs());
    const std::vector<TimeMs> expected
        = {1000, 2000, 4000, 8000, 16'000, 32'000, 60'000, 60'000, 60'000};
    QCOMPARE(delays, expected);
    QCOMPARE(backoff.attempts(), 9);
}

void TestNetRetry::fullJitterDrawsBetweenInitialAndCeiling()
{
    // Draws 0, 0.5, 1.0 (clamped) and 0.25 against ceilings 1, 2, 4, 8 s.
    const std::vector<double> draws = {0.0, 0.5, 1.0, 0.25};
    std::size_t next = 0;
    Backoff backoff(
        {1000, 60'000, 2.0, Jitter::Full}, [&] { return draws[next++ % draws.size()]; });
    QCOMPARE(backoff.nextDelayMs(), TimeMs(1000));
    QCOMPARE(backoff.nextDelayMs(), TimeMs(1500));
    QCOMPARE(backoff.nextDelayMs(), TimeMs(4000));
    QCOMPARE(backoff.nextDelayMs(), TimeMs(2750));  // 1000 + 0.25 * 7000
}

void TestNetRetry::decorrelatedJitterFollowsThePreviousDelay()
{
    // u = 1 always: 1 s -> 3 s -> 9 s -> 27 s -> 60 s (cap).
    Backoff top({1000, 60'000, 2.0, Jitter::Decorrelated}, [] { return 1.0; });
    const std::vector<TimeMs> expected = {3000, 9000, 27'000, 60'000, 60'000};
    for (TimeMs e : expected)
        QCOMPARE(top.nextDelayMs(), e);
    // u = 0.5: previous 1000 -> 1000 + 0.5 * 2000 = 2000 -> 1000 + 0.5 * 5000 = 3500.
    Backoff half({1000, 60'000, 2.0, Jitter::Decorrelated}, [] { return 0.5; });
    QCOMPARE(half.nextDelayMs(), TimeMs(2000));
    QCOMPARE(half.nextDelayMs(), TimeMs(3500));
    QCOMPARE(half.nextDelayMs(), TimeMs(5750));
}

void TestNetRetry::backoffResetsOnSuccess()
{
    Backoff backoff({1000, 60'000, 2.0, Jitter::None});
    for (int i = 0; i < 5; ++i)
        backoff.nextDelayMs();
    QCOMPARE(backoff.nextDelayMs(), TimeMs(32'000));
    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    QCOMPARE(backoff.nextDelayMs(), TimeMs(1000));
    Backoff decorrelated({1000, 60'000, 2.0, Jitter::Decorrelated}, [] { return 1.0; });
    decorrelated.nextDelayMs();
    decorrelated.nextDelayMs();
    decorrelated.reset();
    QCOMPARE(decorrelated.nextDelayMs(), TimeMs(3000));
}

void TestNetRetry::backoffStaysInRangeForAnyDraw()
{
    std::mt19937_64 engine(42);
    auto uniform = [&] { return std::uniform_real_distribution<double>(0.0, 1.0)(engine); };
    for (Jitter jitter : {Jitter::Full, Jitter::Decorrelated}) {
        Backoff backoff({1000, 60'000, 2.0, jitter}, uniform);
        double sum = 0.0;
        for (int i = 0; i < 10'000; ++i) {
            const TimeMs d = backoff.nextDelayMs();
            QVERIFY(d >= 1000 && d <= 60'000);
            sum += double(d);
            if (i % 100 == 99)
                backoff.reset();
        }
        // Jittered delays spread out: the mean lies well inside the range.
        const double mean = sum / 10'000.0;
        QVERIFY2(mean > 5'000.0 && mean < 45'000.0, qPrintable(QString::number(mean)));
    }
}

void TestNetRetry::breakerOpensAfterThreshold()
{
    auto clock = std::make_shared<ManualClock>(0);
    CircuitBreaker breaker({3, 30'000, 1}, clock);
    QCOMPARE(breaker.state(), CircuitState::Closed);
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();  // a success resets the count of consecutive failures
    breaker.recordFailure();
    breaker.recordFailure();
    QCOMPARE(breaker.state(), CircuitState::Closed);
    QVERIFY(breaker.allowRequest());
    breaker.recordFailure();
    QCOMPARE(breaker.state(), CircuitState::Open);
    QCOMPARE(breaker.timesOpened(), 1);
    QCOMPARE(breaker.reopensAt(), TimeMs(30'000));
    QVERIFY(!breaker.allowRequest());
    clock->advance(29'999);
    QVERIFY(!breaker.allowRequest());
    QCOMPARE(circuitStateName(breaker.state()), QStringLiteral("open"));
}

void TestNetRetry::breakerHalfOpenClosesOnProbeSuccess()
{
    auto clock = std::make_shared<ManualClock>(0);
    CircuitBreaker breaker({2, 10'000, 1}, clock);
    breaker.recordFailure();
    breaker.recordFailure();
    clock->advance(10'000);
    QCOMPARE(breaker.state(), CircuitState::HalfOpen);
    QVERIFY(breaker.allowRequest());  // the probe
    QVERIFY(!breaker.allowRequest());  // only one
    breaker.recordSuccess();
    QCOMPARE(breaker.state(), CircuitState::Closed);
    QVERIFY(breaker.allowRequest());
    QVERIFY(breaker.allowRequest());
    QCOMPARE(breaker.consecutiveFailures(), 0);
}

void TestNetRetry::breakerHalfOpenReopensOnProbeFailure()
{
    auto clock = std::make_shared<ManualClock>(0);
    CircuitBreaker breaker({2, 10'000, 1}, clock);
    breaker.recordFailure();
    breaker.recordFailure();
    clock->advance(10'000);
    QVERIFY(breaker.allowRequest());
    clock->advance(500);
    breaker.recordFailure();
    QCOMPARE(breaker.state(), CircuitState::Open);
    QCOMPARE(breaker.timesOpened(), 2);
    QCOMPARE(breaker.reopensAt(), TimeMs(20'500));
    clock->set(20'500);
    QCOMPARE(breaker.state(), CircuitState::HalfOpen);
}

void TestNetRetry::breakerNeedsEveryProbe()
{
    auto clock = std::make_shared<ManualClock>(0);
    CircuitBreaker breaker({1, 5'000, 3}, clock);
    breaker.recordFailure();
    QCOMPARE(breaker.state(), CircuitState::Open);
    clock->advance(5'000);
    QVERIFY(breaker.allowRequest());
    QVERIFY(breaker.allowRequest());
    QVERIFY(breaker.allowRequest());
    QVERIFY(!breaker.allowRequest());
    breaker.recordSuccess();
    breaker.recordSuccess();
    QCOMPARE(breaker.state(), CircuitState::HalfOpen);
    breaker.recordSuccess();
    QCOMPARE(breaker.state(), CircuitState::Closed);
}

QTEST_APPLESS_MAIN(TestNetRetry)
#include "test_net_retry.moc"
