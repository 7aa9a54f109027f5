// The chart's level of detail: the OHLC and value pyramids against a naive
// aggregation of random series (build, live updates, range queries), and a
// ChartView on a real MarketEngine -- the slice handed at full zoom-out, the
// view kept in place when a generation with older bars arrives, and the
// request for older history.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <vector>

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "chart/LodPyramid.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1709510400000;  // 2024-03-04T00:00:00Z

// A random walk with wicks; volumes are whole numbers so that sums are exact
// in any order.
std::vector<Bar> randomBars(std::size_t count, std::uint64_t seed, TimeMs start = kStart)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> step(0.0, 0.5);
    std::uniform_real_distribution<double> wick(0.0, 0.8);
    std::uniform_int_distribution<int> volume(1, 500);
    std::vector<Bar> bars(count);
    double price = 100.0;
    for (std::size_t i = 0; i < count; ++i) {
        Bar &b = bars[i];
        b.time = start + static_cast<TimeMs>(i) * kMinuteMs;
        b.open = price;
        price = std::max(1.0, price + step(rng));
        b.close = price;
        b.high = std::max(b.open, b.close) + wick(rng);
        b.low = std::min(b.open, b.close) - wick(rng);
        b.volume = volume(rng);
        b.tradeCount = 1;
    }
    return bars;
}

BarSeries seriesOf(const std::vector<Bar> &bars, std::size_t count)
{
    BarSeriesWriter writer;
    for (std::size_t i = 0; i < count; ++i)
        writer.append(bars[i]);
    return writer.view();
}

ValueSeries valuesOf(const std::vector<double> &values, std::size_t count)
{
    ValueSeriesWriter writer;
    for (std::size_t i = 0; i < count; ++i)
        writer.append(values[i]);
    return writer.view();
}

// Bucket j of level k the slow way.
OhlcPyramid::Bucket naiveBucket(const BarSource &bars, int level, std::size_t j)
{
    const std::size_t first = j << level;
    const std::size_t end = std::min(bars.size(), (j + 1) << level);
    OhlcPyramid::Bucket b {bars[first].open, bars[first].high, bars[first].low, 0.0, 0.0};
    for (std::size_t i = first; i < end; ++i) {
        b.high = std::max(b.high, bars[i].high);
        b.low = std::min(b.low, bars[i].low);
        b.close = bars[i].close;
        b.volume += bars[i].volume;
    }
    return b;
}

void compareBuckets(const OhlcPyramid::Bucket &a, const OhlcPyramid::Bucket &b)
{
    QCOMPARE(a.open, b.open);
    QCOMPARE(a.high, b.high);
    QCOMPARE(a.low, b.low);
    QCOMPARE(a.close, b.close);
    QCOMPARE(a.volume, b.volume);
}

void comparePyramidToNaive(const OhlcPyramid &pyramid, const BarSource &bars)
{
    QCOMPARE(pyramid.count(), bars.size());
    QCOMPARE(pyramid.bucketCount(pyramid.levelCount() - 1), std::size_t(1));
    for (int level = 0; level < pyramid.levelCount(); ++level) {
        const std::size_t buckets = pyramid.bucketCount(level);
        QCOMPARE(buckets, (bars.size() + (std::size_t(1) << level) - 1) >> level);
        for (std::size_t j = 0; j < buckets; ++j) {
            compareBuckets(pyramid.bucket(bars, level, j), naiveBucket(bars, level, j));
            if (QTest::currentTestFailed()) {
                qWarning("level %d bucket %zu", level, j);
                return;
            }
        }
    }
}

ValuePyramid::Bucket naiveValues(const ValueSource &values, std::size_t first, std::size_t end)
{
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    std::size_t lowAt = 0;
    std::size_t highAt = 0;
    for (std::size_t i = first; i < end; ++i) {
        const double v = values[i];
        if (std::isnan(v))
            continue;
        if (v < low) {
            low = v;
            lowAt = i;
        }
        if (v > high) {
            high = v;
            highAt = i;
        }
    }
    return ValuePyramid::Bucket {low, high, lowAt <= highAt};
}

void compareValuePyramid(const ValuePyramid &pyramid, const ValueSource &values)
{
    QCOMPARE(pyramid.count(), values.size());
    for (int level = 0; level < pyramid.levelCount(); ++level) {
        const std::size_t buckets = pyramid.bucketCount(level);
        for (std::size_t j = 0; j < buckets; ++j) {
            const ValuePyramid::Bucket b = pyramid.bucket(values, level, j);
            const ValuePyramid::Bucket n
                = naiveValues(values, j << level, std::min(values.size(), (j + 1) << level));
            QCOMPARE(b.empty(), n.empty());
            if (n.empty())
                continue;
            QCOMPARE(b.low, n.low);
            QCOMPARE(b.high, n.high);
            QCOMPARE(b.minFirst, n.minFirst);
            if (QTest::currentTestFailed()) {
                qWarning("level %d bucket %zu", level, j);
                return;
            }
        }
    }
}

Symbol testSymbol(const QString &code)
{
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = code;
    s.displayName = code + QStringLiteral(" test instrument");
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.tickSize = 0.01;
    return s;
}

}  // namespace

class TestChartLod final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void ohlcLevelsEqualNaiveAggregation_data();
    void ohlcLevelsEqualNaiveAggregation();
    void ohlcUpdatesEqualRebuild();
    void ohlcRangeIsExact();
    void valueLevelsEqualNaiveAggregation();
    void valueUpdatesAndRangeAreExact();
    void buildStopsWhenCancelled();

    void fullZoomOutHandsAboutOneCandlePerPixel();
    void liveBarsUpdateTheZoomedOutSlice();
    void prependedHistoryKeepsTheView();

private:
    void loadHistory(SymbolId id, const std::vector<Bar> &bars);

    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    std::unique_ptr<ChartView> m_chart;
    SymbolId m_long = kInvalidSymbol;
    SymbolId m_paged = kInvalidSymbol;
    std::vector<Bar> m_longBars = randomBars(200'000, 11);
};

void TestChartLod::initTestCase()
{
    m_long = m_symbols->intern(testSymbol(QStringLiteral("LONGUSD")));
    m_paged = m_symbols->intern(testSymbol(QStringLiteral("PAGEDUSD")));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    const TimeMs end = kStart + static_cast<TimeMs>(m_longBars.size()) * kMinuteMs;
    auto clock = std::make_shared<const ManualClock>(end);
    QMetaObject::invokeMethod(
        engine, [engine, clock] { engine->setSourceClock(QStringLiteral("test"), clock, 2000); },
        Qt::QueuedConnection);
    m_chart = std::make_unique<ChartView>(m_symbols, m_engine);
    connect(m_engine, &MarketEngine::snapshotReady, m_chart.get(),
        [this](const MarketSnapshotPtr &snapshot) { m_chart->applySnapshot(*snapshot); });
    m_chart->resize(1200, 800);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
}

void TestChartLod::cleanupTestCase()
{
    m_chart.reset();
    MarketEngine::shutdown(m_engineThread);
}

void TestChartLod::loadHistory(SymbolId id, const std::vector<Bar> &bars)
{
    auto minutes = std::make_shared<const std::vector<Bar>>(bars);
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, id, minutes] { engine->loadHistory(id, minutes); }, Qt::QueuedConnection);
}

void TestChartLod::ohlcLevelsEqualNaiveAggregation_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("one") << 1;
    QTest::newRow("two") << 2;
    QTest::newRow("power of two") << 1024;
    QTest::newRow("odd") << 3001;
    QTest::newRow("with forming") << 777;
}

void TestChartLod::ohlcLevelsEqualNaiveAggregation()
{
    QFETCH(int, count);
    const std::vector<Bar> bars = randomBars(static_cast<std::size_t>(count), 1 + count);
    BarSource source;
    const bool forming = QTest::currentDataTag() == QByteArray("with forming");
    source.closed = seriesOf(bars, bars.size() - (forming ? 1 : 0));
    if (forming)
        source.forming = bars.back();
    OhlcPyramid pyramid;
    QVERIFY(pyramid.build(source));
    comparePyramidToNaive(pyramid, source);
}

void TestChartLod::ohlcUpdatesEqualRebuild()
{
    const std::vector<Bar> bars = randomBars(2100, 42);
    BarSeriesWriter writer;
    for (std::size_t i = 0; i < 1000; ++i)
        writer.append(bars[i]);
    BarSource live {writer.view(), std::nullopt};
    OhlcPyramid pyramid;
    QVERIFY(pyramid.build(live));

    std::mt19937_64 rng(5);
    for (std::size_t i = 1000; i < bars.size(); ++i) {
        // The bar forms over a few trades, then closes.
        Bar forming = bars[i];
        forming.high = forming.low = forming.close = forming.open;
        forming.volume = 0.0;
        for (int trade = 0; trade < 3; ++trade) {
            forming.high = std::max(forming.high, bars[i].high - trade * 0.01);
            forming.low = std::min(forming.low, bars[i].low + trade * 0.01);
            forming.close = trade == 2 ? bars[i].close : forming.open + 0.1 * trade;
            forming.volume += 1.0;
            const std::size_t firstChanged = live.closed.size();
            live.forming = forming;
            pyramid.update(live, firstChanged);
        }
        const std::size_t firstChanged = live.closed.size();
        writer.append(bars[i]);
        live.closed = writer.view();
        // Sometimes the next bar's first trade comes in the same snapshot.
        live.forming.reset();
        if (rng() % 3 == 0 && i + 1 < bars.size())
            live.forming = bars[i + 1];
        pyramid.update(live, firstChanged);
        if (live.forming) {
            live.forming.reset();  // dropped again: the levels shrink back
            pyramid.update(live, live.closed.size());
        }
    }
    OhlcPyramid rebuilt;
    QVERIFY(rebuilt.build(live));
    QCOMPARE(pyramid.levelCount(), rebuilt.levelCount());
    for (int level = 0; level < rebuilt.levelCount(); ++level) {
        QCOMPARE(pyramid.bucketCount(level), rebuilt.bucketCount(level));
        for (std::size_t j = 0; j < rebuilt.bucketCount(level); ++j)
            compareBuckets(pyramid.bucket(live, level, j), rebuilt.bucket(live, level, j));
    }
    comparePyramidToNaive(pyramid, live);
}

void TestChartLod::ohlcRangeIsExact()
{
    const std::vector<Bar> bars = randomBars(5000, 9);
    const BarSource source {seriesOf(bars, bars.size()), std::nullopt};
    OhlcPyramid pyramid;
    QVERIFY(pyramid.build(source));
    std::mt19937_64 rng(3);
    for (int q = 0; q < 2000; ++q) {
        std::size_t a = rng() % bars.size();
        std::size_t b = rng() % bars.size();
        if (a > b)
            std::swap(a, b);
        double low = bars[a].low;
        double high = bars[a].high;
        for (std::size_t i = a; i <= b; ++i) {
            low = std::min(low, bars[i].low);
            high = std::max(high, bars[i].high);
        }
        const auto r = pyramid.range(source, a, b);
        QVERIFY(r);
        QCOMPARE(r->low, low);
        QCOMPARE(r->high, high);
    }
    QVERIFY(!pyramid.range(source, bars.size(), bars.size() + 5));
}

void TestChartLod::valueLevelsEqualNaiveAggregation()
{
    // A warm-up of NaN rows (as TA-Lib's lookback), ties, then noise.
    std::vector<double> values(3333);
    std::mt19937_64 rng(17);
    std::uniform_int_distribution<int> level(0, 40);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = i < 33 ? std::numeric_limits<double>::quiet_NaN() : level(rng) * 0.5;
    ValueSource source {valuesOf(values, values.size() - 1), values.back()};
    ValuePyramid pyramid;
    QVERIFY(pyramid.build(source));
    compareValuePyramid(pyramid, source);
}

void TestChartLod::valueUpdatesAndRangeAreExact()
{
    std::vector<double> values(2500);
    std::mt19937_64 rng(23);
    std::normal_distribution<double> noise(50.0, 15.0);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = i < 14 ? std::numeric_limits<double>::quiet_NaN() : noise(rng);
    ValueSeriesWriter writer;
    for (std::size_t i = 0; i < 700; ++i)
        writer.append(values[i]);
    ValueSource live {writer.view(), std::nullopt};
    ValuePyramid pyramid;
    QVERIFY(pyramid.build(live));
    for (std::size_t i = 700; i < values.size(); ++i) {
        const std::size_t firstChanged = live.closed.size();
        live.forming = values[i] + 3.0;  // tentative
        pyramid.update(live, firstChanged);
        writer.append(values[i]);
        live.closed = writer.view();
        live.forming.reset();
        pyramid.update(live, firstChanged);
    }
    compareValuePyramid(pyramid, live);
    for (int q = 0; q < 2000; ++q) {
        std::size_t a = rng() % values.size();
        std::size_t b = rng() % values.size();
        if (a > b)
            std::swap(a, b);
        const ValuePyramid::Bucket n = naiveValues(live, a, b + 1);
        const ValuePyramid::Bucket r = pyramid.range(live, a, b);
        QCOMPARE(r.empty(), n.empty());
        if (!n.empty()) {
            QCOMPARE(r.low, n.low);
            QCOMPARE(r.high, n.high);
        }
    }
}

void TestChartLod::buildStopsWhenCancelled()
{
    const std::vector<Bar> bars = randomBars(300'000, 4);
    const BarSource source {seriesOf(bars, bars.size()), std::nullopt};
    CancelFlag flag(2);  // a newer build (token 2) replaced token 1
    OhlcPyramid pyramid;
    QVERIFY(!pyramid.build(source, &flag, 1));
    QCOMPARE(pyramid.count(), std::size_t(0));
    QVERIFY(pyramid.build(source, &flag, 2));
    QCOMPARE(pyramid.count(), bars.size());
}

void TestChartLod::fullZoomOutHandsAboutOneCandlePerPixel()
{
    QSignalSpy older(m_chart.get(), &ChartView::olderHistoryWanted);
    loadHistory(m_long, m_longBars);
    m_chart->setIndicatorSpecs({QStringLiteral("RSI:14"), QStringLiteral("BBANDS:20,2,2")});
    m_chart->showSeries(m_long, Timeframe::M1);
    // Level 0 at once (the newest bars), the levels when the worker is done.
    QTRY_VERIFY(m_chart->candleCount() > 0);
    QCOMPARE(m_chart->lodLevel(), 0);
    QVERIFY(m_chart->candleCount() < 3000);  // the slice, not the history
    QCOMPARE(m_chart->lastCandle()->close, m_longBars.back().close);
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->lodReady(), 20000);
    QCPGraph *rsi = m_chart->indicatorGraph(QStringLiteral("RSI:14"), QStringLiteral("value"));
    QTRY_VERIFY(rsi->data()->size() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->lodReady(), 20000);

    const auto count = static_cast<double>(m_longBars.size());
    QCPAxis *x = m_chart->plot()->axisRect()->axis(QCPAxis::atBottom);
    x->setRange(-10.0, count + 10.0);
    QCOMPARE(m_chart->visibleRange(), QCPRange(-10.0, count + 10.0));
    const double widthPx = m_chart->plot()->axisRect()->width();
    QVERIFY(widthPx > 500);
    QVERIFY(m_chart->lodLevel() > 0);
    // At most kMaxCandlesPerPx per pixel column, and not coarser than half that.
    const int candles = m_chart->candleCount();
    const double cap = widthPx * ChartView::kMaxCandlesPerPx;
    QVERIFY2(candles <= cap && candles > cap / 2.0,
        qPrintable(QStringLiteral("%1 candles on %2 px").arg(candles).arg(widthPx)));
    const double bucketBars = std::ldexp(1.0, m_chart->lodLevel());
    QCOMPARE(m_chart->plot()->axisRect()->plottables().isEmpty(), false);

    // The handed candles span exactly the bars' low and high.
    double low = m_longBars.front().low;
    double high = m_longBars.front().high;
    double volume = 0.0;
    for (const Bar &b : m_longBars) {
        low = std::min(low, b.low);
        high = std::max(high, b.high);
        volume += b.volume;
    }
    auto *candlesPlot = qobject_cast<QCPFinancial *>(m_chart->plot()->plottable(0));
    QVERIFY(candlesPlot);
    double handedLow = std::numeric_limits<double>::infinity();
    double handedHigh = -handedLow;
    double previousKey = -1.0;
    for (auto it = candlesPlot->data()->constBegin(); it != candlesPlot->data()->constEnd(); ++it) {
        handedLow = std::min(handedLow, it->low);
        handedHigh = std::max(handedHigh, it->high);
        if (previousKey >= 0.0)
            QCOMPARE(it->key - previousKey, bucketBars);  // no gaps, no overlaps
        previousKey = it->key;
    }
    QCOMPARE(handedLow, low);
    QCOMPARE(handedHigh, high);
    QCOMPARE(candlesPlot->width(), 0.7 * bucketBars);
    // The first bucket opens with the first bar; its key is its centre.
    QCOMPARE(candlesPlot->data()->constBegin()->open, m_longBars.front().open);
    QCOMPARE(candlesPlot->data()->constBegin()->key, (bucketBars - 1.0) / 2.0);
    // Autoscale fits them (exact, from the pyramid), with headroom.
    const QCPRange prices = m_chart->plot()->axisRect()->axis(QCPAxis::atRight)->range();
    QVERIFY(prices.contains(low) && prices.contains(high));
    QVERIFY(prices.upper < high + (high - low) * 0.2);
    QVERIFY(prices.lower > low - (high - low) * 0.1);

    // A part of the history: the exact range of exactly those bars.
    const std::size_t first = 12'345;
    const std::size_t last = 98'765;
    x->setRange(static_cast<double>(first), static_cast<double>(last));
    double partLow = m_longBars[first].low;
    double partHigh = m_longBars[first].high;
    for (std::size_t i = first; i <= last; ++i) {
        partLow = std::min(partLow, m_longBars[i].low);
        partHigh = std::max(partHigh, m_longBars[i].high);
    }
    const auto range = m_chart->candleData()->rangeOf(first, last);
    QVERIFY(range);
    QCOMPARE(range->low, partLow);
    QCOMPARE(range->high, partHigh);
    // Lines are decimated at the same level: two points per bucket in the slice.
    QVERIFY(rsi->data()->size() <= 2 * m_chart->candleCount() + 2);
    QVERIFY(rsi->data()->size() >= m_chart->candleCount());
    // The view reached the first screen: older history is wanted, once.
    x->setRange(0.0, 5000.0);
    QTRY_COMPARE(older.count(), 1);
    QCOMPARE(older.at(0).at(0).value<SymbolId>(), m_long);
    QCOMPARE(older.at(0).at(2).toLongLong(), m_longBars.front().time);
    x->setRange(100.0, 4000.0);
    QCOMPARE(older.count(), 1);
    Q_UNUSED(volume)
}

void TestChartLod::liveBarsUpdateTheZoomedOutSlice()
{
    // Continues on the long series at full zoom-out: a trade forms a new bar,
    // the last bucket takes it in (O(levels)), like a rebuild would.
    const auto count = static_cast<double>(m_longBars.size());
    QCPAxis *x = m_chart->plot()->axisRect()->axis(QCPAxis::atBottom);
    x->setRange(-10.0, count + 10.0);
    QVERIFY(m_chart->lodLevel() > 0);
    const int level = m_chart->lodLevel();
    auto *candlesPlot = qobject_cast<QCPFinancial *>(m_chart->plot()->plottable(0));
    const int before = candlesPlot->data()->size();
    const double spike = m_longBars.back().close * 3.0;
    Tick tick;
    tick.symbol = m_long;
    tick.time = m_longBars.back().time + kMinuteMs + 1000;
    tick.price = spike;
    tick.size = 7.0;
    TickBatch ticks;
    ticks.ticks.push_back(tick);
    ticks.feedTime = tick.time;
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, ticks] { engine->addTicks(ticks); }, Qt::QueuedConnection);
    QTRY_COMPARE(m_chart->candleData()->size(), m_longBars.size() + 1);
    QCOMPARE(m_chart->lodLevel(), level);
    const QCPFinancialData last = *(candlesPlot->data()->constEnd() - 1);
    QCOMPARE(last.high, spike);
    QCOMPARE(last.close, spike);
    QVERIFY(candlesPlot->data()->size() == before || candlesPlot->data()->size() == before + 1);
    // The autoscale sees the spike at once.
    QVERIFY(m_chart->plot()->axisRect()->axis(QCPAxis::atRight)->range().contains(spike));
}

void TestChartLod::prependedHistoryKeepsTheView()
{
    // The engine first has the newer 3000 bars, then a generation with 2000
    // older ones in front (history paging).
    const std::vector<Bar> all = randomBars(5000, 77, kStart - 5000 * kMinuteMs);
    const std::vector<Bar> newer(all.begin() + 2000, all.end());
    loadHistory(m_paged, newer);
    QSignalSpy older(m_chart.get(), &ChartView::olderHistoryWanted);
    m_chart->showSeries(m_paged, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), newer.size());
    QTRY_VERIFY(m_chart->lodReady());  // 3000 bars: built at once
    QCPAxis *x = m_chart->plot()->axisRect()->axis(QCPAxis::atBottom);
    // Zoomed out beyond level 0's cap (about a bar per pixel).
    QVERIFY(2800.0 > m_chart->plot()->axisRect()->width());
    x->setRange(100.0, 2900.0);
    QCOMPARE(m_chart->visibleRange(), QCPRange(100.0, 2900.0));
    QVERIFY(m_chart->lodLevel() > 0);
    QTRY_COMPARE(older.count(), 1);  // within a screen of bar 0
    QCOMPARE(older.at(0).at(2).toLongLong(), newer.front().time);
    const std::uint64_t generation = m_chart->candleData()->generation();

    loadHistory(m_paged, all);
    QTRY_COMPARE(m_chart->candleData()->size(), all.size());
    QVERIFY(m_chart->candleData()->generation() != generation);
    // The same bars are on screen: the old bar 100 is bar 2100 now (5000 bars
    // build their levels on the worker; the view is back when they land).
    QTRY_VERIFY(m_chart->lodReady());
    QTRY_COMPARE(m_chart->visibleRange(), QCPRange(2100.0, 4900.0));
    QCOMPARE(m_chart->candleData()->bar(2100).time, newer[100].time);
    QVERIFY(m_chart->lodLevel() > 0);
    // Within a screen of the new first bar: the new generation asks once more.
    x->setRange(50.0, 350.0);
    QTRY_COMPARE(older.count(), 2);
    QCOMPARE(older.at(1).at(2).toLongLong(), all.front().time);
    x->setRange(20.0, 320.0);
    QCOMPARE(older.count(), 2);
}

QTEST_MAIN(TestChartLod)
#include "test_chart_lod.moc"
