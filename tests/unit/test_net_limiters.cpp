// core/net limiters on a manual clock: the token bucket's refill and waits, and
// the Binance weight limiter against thousands of requests, server headers,
// 429 and 418.
#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include <QTest>

#include "model/Clock.h"
#include "net/TokenBucket.h"
#include "net/WeightLimiter.h"

using namespace wick;

class TestNetLimiters final : public QObject
{
    Q_OBJECT

private slots:
    void bucketStartsFullAndRefillsAtItsRate();
    void bucketWaitSaysWhenTokensArrive();
    void bucketNeverExceedsRatePlusBurst();
    void weightLimiterChargesBeforeSending();
    void weightLimiterTakesLimitFromExchangeInfo();
    void weightLimiterFoldsInServerWeight();
    void weightLimiterHonoursRetryAfterOn429();
    void weightLimiterHonoursBanOn418();
    void weightLimiterNeverExceedsAnySlidingWindow();
};

void TestNetLimiters::bucketStartsFullAndRefillsAtItsRate()
{
    auto clock = std::make_shared<ManualClock>(1'000'000);
    TokenBucket bucket(5.0, 5.0, clock);  // Binance: 5 messages per second
    for (int i = 0; i < 5; ++i)
        QVERIFY(bucket.tryAcquire());
    QVERIFY(!bucket.tryAcquire());
    clock->advance(199);
    QVERIFY(!bucket.tryAcquire());  // 0.995 tokens
    clock->advance(1);
    QVERIFY(bucket.tryAcquire());
    QVERIFY(!bucket.tryAcquire());
    clock->advance(10'000);  // refills to the burst, no further
    QCOMPARE(bucket.available(), 5.0);
}

void TestNetLimiters::bucketWaitSaysWhenTokensArrive()
{
    auto clock = std::make_shared<ManualClock>(0);
    TokenBucket bucket(2.0, 4.0, clock);
    QCOMPARE(bucket.waitMs(4.0), TimeMs(0));
    QVERIFY(bucket.tryAcquire(4.0));
    QCOMPARE(bucket.waitMs(1.0), TimeMs(500));
    QCOMPARE(bucket.waitMs(3.0), TimeMs(1500));
    QCOMPARE(bucket.waitMs(5.0), TimeMs(-1));  // more than the burst: never
    clock->advance(bucket.waitMs(3.0));
    QVERIFY(bucket.tryAcquire(3.0));
    QVERIFY(!bucket.tryAcquire(5.0));
}

void TestNetLimiters::bucketNeverExceedsRatePlusBurst()
{
    // Greedy sender for 100 simulated seconds: at most burst + rate * t messages
    // in any interval of length t.
    auto clock = std::make_shared<ManualClock>(0);
    TokenBucket bucket(5.0, 5.0, clock);
    std::vector<TimeMs> sent;
    std::mt19937 rng(7);
    while (clock->now() < 100'000) {
        while (bucket.tryAcquire())
            sent.push_back(clock->now());
        clock->advance(1 + TimeMs(rng() % 37));
    }
    QVERIFY(sent.size() > 400);
    QVERIFY(sent.size() <= 5 + 5 * 100 + 5);
    for (std::size_t i = 0, j = 0; i < sent.size(); ++i) {
        while (sent[j] + 1000 <= sent[i])
            ++j;
        QVERIFY2(i - j + 1 <= 10, "more than burst + rate in one second");
    }
}

void TestNetLimiters::weightLimiterChargesBeforeSending()
{
    auto clock = std::make_shared<ManualClock>(1'709'251'200'000);
    WeightLimiter limiter(clock, 100);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(limiter.tryAcquire(2).decision, WeightLimiter::Decision::Granted);
    QCOMPARE(limiter.usedWeight(), 100);
    const WeightLimiter::Admission wait = limiter.tryAcquire(2);
    QCOMPARE(wait.decision, WeightLimiter::Decision::Wait);
    QCOMPARE(wait.retryAt, clock->now() + 60'000);
    QCOMPARE(limiter.usedWeight(), 100);  // a refused request charges nothing
    QCOMPARE(limiter.tryAcquire(101).decision, WeightLimiter::Decision::Impossible);
    clock->set(wait.retryAt);
    QCOMPARE(limiter.tryAcquire(2).decision, WeightLimiter::Decision::Granted);
    QCOMPARE(limiter.usedWeight(), 2);
}

void TestNetLimiters::weightLimiterTakesLimitFromExchangeInfo()
{
    auto clock = std::make_shared<ManualClock>(0);
    WeightLimiter limiter(clock);
    QCOMPARE(limiter.limit(), 6000);
    limiter.setLimit(1200);
    QCOMPARE(limiter.limit(), 1200);
    limiter.setLimit(0);  // nonsense from a server is ignored
    QCOMPARE(limiter.limit(), 1200);
    for (int i = 0; i < 60; ++i)
        QCOMPARE(limiter.tryAcquire(20).decision, WeightLimiter::Decision::Granted);
    QCOMPARE(limiter.tryAcquire(20).decision, WeightLimiter::Decision::Wait);
}

void TestNetLimiters::weightLimiterFoldsInServerWeight()
{
    // Another process on the same IP used 5000 this minute: the header says so.
    auto clock = std::make_shared<ManualClock>(1'709'251'200'000 + 10'000);
    WeightLimiter limiter(clock, 6000);
    QCOMPARE(limiter.tryAcquire(2).decision, WeightLimiter::Decision::Granted);
    limiter.onResponse(200, 5002, std::nullopt);
    QCOMPARE(limiter.usedWeight(), 5002);
    int granted = 0;
    while (limiter.tryAcquire(2).decision == WeightLimiter::Decision::Granted)
        ++granted;
    QCOMPARE(granted, 499);
    // A header that agrees with what we charged changes nothing.
    limiter.onResponse(200, 6000, std::nullopt);
    QCOMPARE(limiter.usedWeight(), 6000);
}

void TestNetLimiters::weightLimiterHonoursRetryAfterOn429()
{
    // http_429_headers.txt: Retry-After 47, x-mbx-used-weight-1m 6002.
    auto clock = std::make_shared<ManualClock>(1'709'254'933'000);
    WeightLimiter limiter(clock);
    QCOMPARE(limiter.tryAcquire(2).decision, WeightLimiter::Decision::Granted);
    limiter.onResponse(429, 6002, 47);
    QCOMPARE(limiter.blockedUntil(), clock->now() + 47'000);
    QVERIFY(!limiter.isBanned());
    QCOMPARE(limiter.rateLimitedResponses(), std::int64_t(1));
    clock->advance(46'999);
    const WeightLimiter::Admission wait = limiter.tryAcquire(1);
    QCOMPARE(wait.decision, WeightLimiter::Decision::Wait);
    QCOMPARE(wait.retryAt, TimeMs(1'709'254'933'000 + 47'000));
    clock->advance(1);
    QCOMPARE(limiter.blockedUntil(), TimeMs(0));
    // The 6002 charged at the 429 stays in the window until it ages out.
    QCOMPARE(limiter.tryAcquire(1).decision, WeightLimiter::Decision::Wait);
    clock->advance(13'000);
    QCOMPARE(limiter.tryAcquire(1).decision, WeightLimiter::Decision::Granted);
}

void TestNetLimiters::weightLimiterHonoursBanOn418()
{
    // http_418_headers.txt: Retry-After 467 (the IP is banned until then).
    auto clock = std::make_shared<ManualClock>(1'709'254'960'000);
    WeightLimiter limiter(clock);
    limiter.onResponse(418, 6150, 467);
    QVERIFY(limiter.isBanned());
    QCOMPARE(limiter.blockedUntil(), TimeMs(1'709'254'960'000 + 467'000));
    // A later 429 with a shorter Retry-After does not shorten the ban.
    limiter.onResponse(429, std::nullopt, 10);
    QCOMPARE(limiter.blockedUntil(), TimeMs(1'709'254'960'000 + 467'000));
    clock->advance(466'000);
    QCOMPARE(limiter.tryAcquire(1).decision, WeightLimiter::Decision::Wait);
    clock->advance(1'000);
    QVERIFY(!limiter.isBanned());
    QCOMPARE(limiter.tryAcquire(1).decision, WeightLimiter::Decision::Granted);
    // Without Retry-After a 418 still blocks for the shortest ban.
    limiter.onResponse(418, std::nullopt, std::nullopt);
    QCOMPARE(limiter.blockedUntil(), clock->now() + 120'000);
}

void TestNetLimiters::weightLimiterNeverExceedsAnySlidingWindow()
{
    // 20,000 requests of mixed weight (klines 2, exchangeInfo 20, some 1 and 5)
    // from a greedy client over about half an hour of fake time, with server
    // headers, foreign usage and occasional 429s. Every granted request is logged;
    // then every window [t, t + 60 s) is summed.
    constexpr int kLimit = 6000;
    constexpr TimeMs kWindow = 60'000;
    auto clock = std::make_shared<ManualClock>(1'709'251'200'000);
    WeightLimiter limiter(clock, kLimit);
    std::mt19937_64 rng(0x5eed);
    const int weights[] = {1, 2, 2, 2, 2, 5, 20};
    struct Sent {
        TimeMs time;
        int weight;
    };
    std::vector<Sent> sent;
    TimeMs blockedUntil = 0;
    int waits = 0;
    int limited = 0;
    while (sent.size() < 20'000) {
        const int weight = weights[rng() % 7];
        const WeightLimiter::Admission a = limiter.tryAcquire(weight);
        if (a.decision == WeightLimiter::Decision::Granted) {
            QVERIFY2(clock->now() >= blockedUntil, "granted during a Retry-After block");
            sent.push_back({clock->now(), weight});
            const std::uint64_t r = rng() % 1000;
            if (r == 0) {
                limiter.onResponse(429, kLimit + 2, 1 + TimeMs(rng() % 50));
                blockedUntil = limiter.blockedUntil();
                ++limited;
            } else {
                // Sometimes the header reports a little foreign weight.
                const int foreign = r < 20 ? int(rng() % 40) : 0;
                limiter.onResponse(200, limiter.usedWeight() + foreign, std::nullopt);
            }
            clock->advance(TimeMs(rng() % 5));
        } else {
            QCOMPARE(a.decision, WeightLimiter::Decision::Wait);
            QVERIFY(a.retryAt > clock->now());
            ++waits;
            // Either come back exactly when told, or a bit earlier and be refused again.
            clock->set(rng() % 4 == 0 ? clock->now() + 1 + TimeMs(rng() % 3)
                                      : a.retryAt + TimeMs(rng() % 3));
        }
    }
    QVERIFY(waits > 100);
    QVERIFY(limited > 5);
    int maxWindow = 0;
    long long windowSum = 0;
    for (std::size_t i = 0, j = 0; i < sent.size(); ++i) {
        windowSum += sent[i].weight;
        while (sent[j].time + kWindow <= sent[i].time)
            windowSum -= sent[j++].weight;
        maxWindow = std::max<int>(maxWindow, int(windowSum));
    }
    QVERIFY2(maxWindow <= kLimit, qPrintable(QString::number(maxWindow)));
    QVERIFY2(maxWindow > kLimit * 9 / 10, "the limiter should use most of the budget");
    const double minutes = double(sent.back().time - sent.front().time) / 60'000.0;
    QVERIFY(minutes > 5.0);
}

QTEST_APPLESS_MAIN(TestNetLimiters)
#include "test_net_limiters.moc"
