// The demo market generator: determinism, pinned values, sessions, bar and
// quote consistency, and the statistics that make it look like a market.
#include <algorithm>
#include <cmath>
#include <set>

#include <QDateTime>
#include <QTest>

#include "bars/BarBuilder.h"
#include "feeds/demo/DemoInstrument.h"
#include "feeds/demo/DemoMarket.h"
#include "feeds/demo/DemoRandom.h"
#include "feeds/demo/DemoSymbolProcess.h"

using namespace wick;

namespace {

TimeMs utc(int y, int mo, int d, int h = 0, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}

const TimeMs kStart = utc(2026, 1, 5);  // a Monday

std::vector<DemoInstrument> only(const QString &code)
{
    std::vector<DemoInstrument> out;
    for (DemoInstrument &d : demoInstruments()) {
        if (d.symbol.code == code)
            out.push_back(std::move(d));
    }
    return out;
}

std::size_t indexOf(const DemoMarket &market, const QString &code)
{
    for (std::size_t i = 0; i < market.size(); ++i) {
        if (market.instrument(i).symbol.code == code)
            return i;
    }
    return market.size();
}

bool onGrid(double price, double ticksPerUnit)
{
    const double ticks = std::round(price * ticksPerUnit);
    return price == ticks / ticksPerUnit;
}

std::vector<double> logReturns(const std::vector<Bar> &bars)
{
    std::vector<double> r;
    for (std::size_t i = 1; i < bars.size(); ++i)
        r.push_back(std::log(bars[i].close / bars[i - 1].close));
    return r;
}

double autocorrelation(const std::vector<double> &x)
{
    double mean = 0.0;
    for (double v : x)
        mean += v;
    mean /= static_cast<double>(x.size());
    double c0 = 0.0;
    double c1 = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        c0 += (x[i] - mean) * (x[i] - mean);
        if (i > 0)
            c1 += (x[i] - mean) * (x[i - 1] - mean);
    }
    return c1 / c0;
}

}  // namespace

class TestDemoMarket final : public QObject
{
    Q_OBJECT

private slots:
    void portableMathMatchesLibm();
    void randomIsPinnedAndCalibrated();
    void catalogueIsLabelledDemo();
    void sameSeedSameData();
    void pinnedBitcoinBars();
    void symbolsAreIndependent();
    void historyAndLiveAreOnePath();
    void resumesAfterCachedBars();
    void sessionSymbolsTradeOnlyInSession();
    void cryptoTradesEveryDay();
    void barsAreConsistent();
    void tradesPrintAtBidOrAsk();
    void returnsHaveFatTailsAndClustering();
    void sessionVolumeIsUShaped();
    void volatilityDoesNotDependOnRate();
};

void TestDemoMarket::portableMathMatchesLibm()
{
    QCOMPARE(portableExp(0.0), 1.0);
    QCOMPARE(portableLog(1.0), 0.0);
    double worst = 0.0;
    for (double x = 1e-300; x < 1e300; x *= 1.37)
        worst = std::max(
            worst, std::abs(portableLog(x) - std::log(x)) / std::max(1.0, std::abs(std::log(x))));
    for (double x = -700.0; x < 700.0; x += 0.731)
        worst = std::max(worst, std::abs(portableExp(x) - std::exp(x)) / std::exp(x));
    QVERIFY2(worst < 1e-15, qPrintable(QString::number(worst)));
}

void TestDemoMarket::randomIsPinnedAndCalibrated()
{
    DemoRandom random(42);
    // xoshiro256** seeded through splitmix64(42), as in the reference C code
    // (checked against an independent implementation).
    QCOMPARE(random.nextU64(), Q_UINT64_C(1546998764402558742));
    constexpr int n = 200000;
    double sum = 0.0;
    double sumSq = 0.0;
    double scaleSum = 0.0;
    for (int i = 0; i < n; ++i) {
        const double z = random.normal();
        sum += z;
        sumSq += z * z;
        scaleSum += random.studentVarianceScale(5);
    }
    QVERIFY(std::abs(sum / n) < 0.01);
    QVERIFY(std::abs(sumSq / n - 1.0) < 0.01);
    QVERIFY(std::abs(scaleSum / n - 1.0) < 0.02);
}

void TestDemoMarket::catalogueIsLabelledDemo()
{
    const auto all = demoInstruments();
    QVERIFY(all.size() >= 8);
    std::set<QString> codes;
    int sessions = 0;
    for (const DemoInstrument &d : all) {
        QCOMPARE(d.symbol.source, QStringLiteral("demo"));
        QVERIFY2(d.symbol.displayName.contains(QStringLiteral("demo"), Qt::CaseInsensitive),
            qPrintable(d.symbol.displayName));
        QVERIFY(codes.insert(d.symbol.code).second);
        QVERIFY(d.symbol.timeZone().isValid());
        QCOMPARE(d.symbol.tickSize, 1.0 / d.ticksPerUnit);
        if (!d.symbol.session.alwaysOpen)
            ++sessions;
    }
    QVERIFY(sessions >= 2);
    QCOMPARE(all.front().symbol.code, QStringLiteral("BTCUSD"));
}

void TestDemoMarket::sameSeedSameData()
{
    DemoMarket a(42, kStart, 3, 1.0, demoInstruments());
    DemoMarket b(42, kStart, 3, 1.0, demoInstruments());
    DemoMarket c(43, kStart, 3, 1.0, demoInstruments());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto barsA = a.history(i);
        QVERIFY(!barsA.empty());
        QVERIFY(barsA == b.history(i));
        QVERIFY(barsA != c.history(i));
    }
    std::vector<Tick> ticksA;
    std::vector<Tick> ticksB;
    a.ticksThrough(kStart + kHourMs, ticksA);
    b.ticksThrough(kStart + 20 * kMinuteMs, ticksB);
    b.ticksThrough(kStart + kHourMs, ticksB);  // steps do not change the path
    QCOMPARE(ticksA.size(), ticksB.size());
    QVERIFY(!ticksA.empty());
    std::sort(ticksB.begin(), ticksB.end(),
        [](const Tick &x, const Tick &y) { return x.tradeId < y.tradeId; });
    std::stable_sort(ticksA.begin(), ticksA.end(),
        [](const Tick &x, const Tick &y) { return x.tradeId < y.tradeId; });
    for (std::size_t i = 0; i < ticksA.size(); ++i) {
        QCOMPARE(ticksA[i].time, ticksB[i].time);
        QVERIFY(ticksA[i].price == ticksB[i].price);
        QVERIFY(ticksA[i].size == ticksB[i].size);
    }
}

void TestDemoMarket::pinnedBitcoinBars()
{
    // Seed 42, start 2026-01-05T00:00:00Z, 30 days: the first and last 1m bars
    // of BTCUSD, exact. A change here is a change of the demo data everywhere.
    DemoMarket market(42, kStart, 30, 1.0, only(QStringLiteral("BTCUSD")));
    const auto bars = market.history(0);
    QCOMPARE(bars.size(), std::size_t(30 * 1440));
    const Bar &first = bars.front();
    const Bar &last = bars.back();
    QCOMPARE(first.time, utc(2025, 12, 6));
    QVERIFY(first.open == 90996.630000000005);
    QVERIFY(first.high == 90996.630000000005);
    QVERIFY(first.low == 90955.770000000004);
    QVERIFY(first.close == 90970.5);
    QVERIFY(first.volume == 0.26469999999999999);
    QCOMPARE(first.tradeCount, std::int64_t(16));
    QCOMPARE(last.time, kStart - kMinuteMs);
    QVERIFY(last.open == 89204.729999999996);
    QVERIFY(last.high == 89213.320000000007);
    QVERIFY(last.low == 89185.910000000003);
    QVERIFY(last.close == 89185.910000000003);
    QVERIFY(last.volume == 0.1341);
    QCOMPARE(last.tradeCount, std::int64_t(12));
}

void TestDemoMarket::symbolsAreIndependent()
{
    DemoMarket all(7, kStart, 2, 1.0, demoInstruments());
    DemoMarket alone(7, kStart, 2, 1.0, only(QStringLiteral("RHEIN")));
    QVERIFY(all.history(indexOf(all, QStringLiteral("RHEIN"))) == alone.history(0));
}

void TestDemoMarket::historyAndLiveAreOnePath()
{
    // Both start on the same UTC day, so they share an origin: the later one's
    // history must contain, bar for bar, what the earlier one streamed live.
    const TimeMs later = kStart + kHourMs;
    DemoMarket live(42, kStart, 30, 1.0, only(QStringLiteral("ETHUSD")));
    DemoMarket replay(42, later, 30, 1.0, only(QStringLiteral("ETHUSD")));
    QCOMPARE(live.origin(), replay.origin());
    live.history(0);
    std::vector<Tick> ticks;
    live.ticksThrough(later - 1, ticks);
    BarBuilder builder {TimeframeCalendar(Timeframe::M1)};
    std::vector<Bar> streamed;
    for (const Tick &t : ticks)
        builder.addTick(t.time, t.price, t.size, streamed);
    builder.closeDue(later, streamed);
    const auto history = replay.history(0);
    QCOMPARE(streamed.size(), std::size_t(60));
    QVERIFY(std::equal(streamed.begin(), streamed.end(), history.end() - 60));
}

void TestDemoMarket::resumesAfterCachedBars()
{
    // A first run's history; a second run a day later resumes after minute `k`
    // as if the cache ended there.
    DemoMarket first(42, kStart, 3, 1.0, only(QStringLiteral("BTCUSD")));
    const std::vector<Bar> cached = first.history(0);
    const Bar &last = cached[cached.size() - 600];
    const TimeMs later = kStart + kDayMs;
    const std::vector<std::optional<DemoResumePoint>> resume {
        DemoResumePoint {last.time, last.close}};
    DemoMarket second(42, later, 3, 1.0, only(QStringLiteral("BTCUSD")), {}, resume);
    QCOMPARE(second.pathStart(0), last.time + kMinuteMs);
    const std::vector<Bar> gap = second.history(0);
    // Only the minutes after the cache, through the new start, continuing from
    // its close (one minute's move, not a jump to another path).
    QCOMPARE(gap.front().time, last.time + kMinuteMs);
    QCOMPARE(gap.back().time, later - kMinuteMs);
    QVERIFY(gap.size() > 1400);
    QVERIFY2(std::abs(gap.front().open / last.close - 1.0) < 0.005,
        qPrintable(QStringLiteral("%1 -> %2").arg(last.close).arg(gap.front().open)));
    QVERIFY(gap.front().close != cached[cached.size() - 599].close);  // a new path
    // The same cache and seed resume the same way.
    DemoMarket again(42, later, 3, 1.0, only(QStringLiteral("BTCUSD")), {}, resume);
    QCOMPARE(again.history(0), gap);
    // A cache older than the history window resumes at the window's origin.
    const std::vector<std::optional<DemoResumePoint>> old {
        DemoResumePoint {kStart - 40 * kDayMs, 1234.5}};
    DemoMarket window(42, later, 3, 1.0, only(QStringLiteral("BTCUSD")), {}, old);
    QCOMPARE(window.pathStart(0), window.origin());
    QVERIFY(std::abs(window.history(0).front().open / 1234.5 - 1.0) < 0.005);
    // A session symbol resumed on a Friday evening opens on Monday's session.
    const TimeMs friday = utc(2026, 1, 9, 18);
    const std::vector<std::optional<DemoResumePoint>> rhein {DemoResumePoint {friday, 50.0}};
    DemoMarket weekend(7, utc(2026, 1, 13), 10, 1.0, only(QStringLiteral("RHEIN")), {}, rhein);
    const std::vector<Bar> monday = weekend.history(0);
    QVERIFY(!monday.empty());
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(monday.front().time, QTimeZone("Europe/Berlin"))
                 .toString(QStringLiteral("ddd HH:mm")),
        QStringLiteral("Mon 09:00"));
}

void TestDemoMarket::sessionSymbolsTradeOnlyInSession()
{
    // March 2026: New York moves to daylight time on the 8th, Berlin on the 29th.
    const TimeMs start = utc(2026, 3, 31);
    DemoMarket market(42, start, 30, 1.0, demoInstruments());
    for (std::size_t i = 0; i < market.size(); ++i) {
        const Symbol &symbol = market.instrument(i).symbol;
        if (symbol.session.alwaysOpen)
            continue;
        const auto bars = market.history(i);
        QVERIFY(bars.size() > 1000);
        std::set<QDate> days;
        for (const Bar &bar : bars) {
            QVERIFY2(symbol.isOpenAt(bar.time) && symbol.isOpenAt(bar.time + kMinuteMs - 1),
                qPrintable(symbol.code + QLatin1Char(' ')
                    + QDateTime::fromMSecsSinceEpoch(bar.time, QTimeZone::utc())
                          .toString(Qt::ISODate)));
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(bar.time, symbol.timeZone());
            QVERIFY(local.date().dayOfWeek() <= 5);
            days.insert(local.date());
        }
        QCOMPARE(days.size(), std::size_t(21));  // the weekdays from 2 to 30 March (no holidays)
        if (symbol.code == QLatin1String("ACME")) {
            // The open in UTC follows New York's DST: 14:30 before 8 March, 13:30 after.
            const auto firstOn = [&](const QDate &day) {
                for (const Bar &bar : bars) {
                    if (QDateTime::fromMSecsSinceEpoch(bar.time, QTimeZone::utc()).date() == day)
                        return bar.time;
                }
                return TimeMs(0);
            };
            QCOMPARE(firstOn(QDate(2026, 3, 6)), utc(2026, 3, 6, 14, 30));
            QCOMPARE(firstOn(QDate(2026, 3, 9)), utc(2026, 3, 9, 13, 30));
        }
    }
}

void TestDemoMarket::cryptoTradesEveryDay()
{
    DemoMarket market(42, kStart, 30, 1.0, only(QStringLiteral("SOLUSD")));
    const auto bars = market.history(0);
    QVERIFY(bars.size() >= 43000);
    std::set<TimeMs> days;
    for (const Bar &bar : bars)
        days.insert(bar.time / kDayMs);
    QCOMPARE(days.size(), std::size_t(30));
}

void TestDemoMarket::barsAreConsistent()
{
    DemoMarket market(11, kStart, 10, 1.0, demoInstruments());
    for (std::size_t i = 0; i < market.size(); ++i) {
        const DemoInstrument &d = market.instrument(i);
        const auto bars = market.history(i);
        TimeMs previous = market.origin() - kMinuteMs;
        for (const Bar &b : bars) {
            QVERIFY(b.time > previous);
            QCOMPARE(b.time % kMinuteMs, TimeMs(0));
            QVERIFY(b.time < market.start());
            previous = b.time;
            QVERIFY(b.low <= std::min(b.open, b.close));
            QVERIFY(std::max(b.open, b.close) <= b.high);
            QVERIFY(b.low > 0.0);
            QVERIFY(onGrid(b.open, d.ticksPerUnit) && onGrid(b.high, d.ticksPerUnit)
                && onGrid(b.low, d.ticksPerUnit) && onGrid(b.close, d.ticksPerUnit));
            QVERIFY(b.volume > 0.0);
            QVERIFY(b.tradeCount > 0);
        }
    }
}

void TestDemoMarket::tradesPrintAtBidOrAsk()
{
    for (const DemoInstrument &d : demoInstruments()) {
        DemoSymbolProcess process(d, 5, kStart, 1.0, 3);
        TimeMs previous = 0;
        int buys = 0;
        constexpr int n = 50000;
        for (int i = 0; i < n; ++i) {
            const DemoTrade trade = process.next();
            const Tick &t = trade.tick;
            QCOMPARE(t.symbol, SymbolId(3));
            QVERIFY(t.time > previous);
            previous = t.time;
            QVERIFY(d.symbol.isOpenAt(t.time));
            QVERIFY(
                onGrid(trade.quote.bid, d.ticksPerUnit) && onGrid(trade.quote.ask, d.ticksPerUnit));
            const double spreadTicks = (trade.quote.ask - trade.quote.bid) * d.ticksPerUnit;
            QVERIFY(spreadTicks > 0.999 && trade.quote.bid > 0.0);
            QVERIFY(t.side == Side::Buy || t.side == Side::Sell);
            QVERIFY(t.price == (t.side == Side::Buy ? trade.quote.ask : trade.quote.bid));
            buys += t.side == Side::Buy ? 1 : 0;
            const double lots = t.size * d.sizeDivisor / static_cast<double>(d.lotUnits);
            QVERIFY(lots >= 1.0 && std::abs(lots - std::round(lots)) < 1e-6);
        }
        QVERIFY(buys > n / 3 && buys < 2 * n / 3);
    }
}

void TestDemoMarket::returnsHaveFatTailsAndClustering()
{
    DemoMarket market(42, kStart, 30, 1.0, only(QStringLiteral("BTCUSD")));
    const auto r = logReturns(market.history(0));
    double mean = 0.0;
    for (double x : r)
        mean += x;
    mean /= static_cast<double>(r.size());
    double m2 = 0.0;
    double m4 = 0.0;
    std::vector<double> absolute;
    std::vector<double> squared;
    for (double x : r) {
        const double d = x - mean;
        m2 += d * d;
        m4 += d * d * d * d;
        absolute.push_back(std::abs(x));
        squared.push_back(x * x);
    }
    m2 /= static_cast<double>(r.size());
    m4 /= static_cast<double>(r.size());
    const double kurtosis = m4 / (m2 * m2);
    const double acfAbs = autocorrelation(absolute);
    const double acfSq = autocorrelation(squared);
    qInfo("BTCUSD 1m: sd %.6f kurtosis %.2f acf|r| %.3f acf r2 %.3f", std::sqrt(m2), kurtosis,
        acfAbs, acfSq);
    QVERIFY(kurtosis > 4.0);
    QVERIFY(acfAbs > 0.05);
    QVERIFY(acfSq > 0.0);
    // 2.8 % a day is about 0.074 % a minute.
    QVERIFY(std::sqrt(m2) > 0.0004 && std::sqrt(m2) < 0.0012);
}

void TestDemoMarket::sessionVolumeIsUShaped()
{
    DemoMarket market(42, kStart, 30, 1.0, only(QStringLiteral("ACME")));
    const Symbol &symbol = market.instrument(0).symbol;
    double open = 0.0;
    double midday = 0.0;
    double close = 0.0;
    for (const Bar &bar : market.history(0)) {
        const QTime local = QDateTime::fromMSecsSinceEpoch(bar.time, symbol.timeZone()).time();
        const int minute = local.hour() * 60 + local.minute() - symbol.session.openMinute;
        if (minute < 30)
            open += bar.volume;
        else if (minute >= 180 && minute < 210)
            midday += bar.volume;
        else if (minute >= 360)
            close += bar.volume;
    }
    qInfo("ACME volume: first 30 min %.0f, midday %.0f, last 30 min %.0f", open, midday, close);
    QVERIFY(open > 1.5 * midday);
    QVERIFY(close > 1.3 * midday);
}

void TestDemoMarket::volatilityDoesNotDependOnRate()
{
    const auto sd = [](double rate) {
        DemoMarket market(42, kStart, 10, rate, only(QStringLiteral("ETHUSD")));
        const auto r = logReturns(market.history(0));
        double s = 0.0;
        for (double x : r)
            s += x * x;
        return std::sqrt(s / static_cast<double>(r.size()));
    };
    const double slow = sd(0.5);
    const double fast = sd(4.0);
    qInfo("ETHUSD 1m sd at rate 0.5: %.6f, at rate 4: %.6f", slow, fast);
    QVERIFY(std::abs(slow / fast - 1.0) < 0.2);
}

QTEST_APPLESS_MAIN(TestDemoMarket)
#include "test_demomarket.moc"
