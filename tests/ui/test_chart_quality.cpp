// The chart's data-quality marks on a real MarketEngine: a 24/7 symbol's hole
// that was not backfilled is one gap span with the right times (at 1m and as a
// missing 5m bucket), history that fills it removes it; a session-hours symbol
// gets no gaps over its nights; quarantined records are marked under the bar
// that holds their time, per bucket when zoomed out, only for the shown symbol,
// and each symbol keeps a bounded number of them.
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <QApplication>
#include <QTest>
#include <QThread>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "chart/QualityMarks.h"
#include "engine/MarketEngine.h"
#include "model/SymbolRegistry.h"
#include "quality/Validator.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1709510400000;  // 2024-03-04T00:00:00Z, a Monday
constexpr std::size_t kBars = 10'000;  // above the synchronous scan: gaps found on the worker
constexpr std::size_t kHoleAt = 9'900;  // the first missing minute
constexpr std::size_t kHoleMinutes = 17;

Bar barAt(TimeMs time, std::size_t i)
{
    Bar b;
    b.time = time;
    const double base = 60000.0 + 40.0 * std::sin(static_cast<double>(i) / 40.0);
    b.open = base;
    b.close = base + ((i % 3 == 0) ? -6.0 : 7.0);
    b.high = std::max(b.open, b.close) + 4.0;
    b.low = std::min(b.open, b.close) - 4.0;
    b.volume = 10.0 + static_cast<double>(i % 17);
    b.tradeCount = 5;
    return b;
}

// Minutes [first, end) from kStart, as bars.
std::vector<Bar> minutes(std::size_t first, std::size_t end)
{
    std::vector<Bar> bars;
    for (std::size_t i = first; i < end; ++i)
        bars.push_back(barAt(kStart + static_cast<TimeMs>(i) * kMinuteMs, i));
    return bars;
}

Symbol crypto(const QString &code)
{
    Symbol s;
    s.source = QStringLiteral("binance");
    s.code = code;
    s.displayName = code;
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.session = SessionHours::twentyFourSeven();
    s.tickSize = 0.01;
    return s;
}

QuarantineRecord duplicate(SymbolId symbol, TimeMs time, std::int64_t tradeId)
{
    QuarantineRecord r;
    r.symbol = symbol;
    r.time = time;
    r.receivedAt = time + 150;
    r.rule = QualityRule::DuplicateTradeId;
    r.rawValue = static_cast<double>(tradeId);
    r.tradeId = tradeId;
    r.detail = QStringLiteral("trade id %1 seen before").arg(tradeId);
    return r;
}

QuarantineRecord negativePrice(SymbolId symbol, TimeMs time)
{
    QuarantineRecord r;
    r.symbol = symbol;
    r.time = time;
    r.receivedAt = time + 80;
    r.rule = QualityRule::NonPositivePrice;
    r.rawValue = -61350.15;
    r.detail = QStringLiteral("price -61350.15");
    return r;
}

}  // namespace

class TestChartQuality final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void gapOf24x7SymbolIsShaded();
    void gapIsAMissingBucketOnHigherTimeframes();
    void quarantinedRecordsAreMarkedUnderTheirBar();
    void marksMergePerBucketWhenZoomedOut();
    void backfillRemovesTheGap();
    void otherSymbolsRecordsShowWithTheirSymbol();
    void sessionSymbolHasNoGapsOverNights();
    void recordsPerSymbolAreBounded();

private:
    void loadHistory(SymbolId id, const std::vector<Bar> &bars);
    QPointF pixelOf(double key, double price) const;
    void saveScreenshot(const QString &name) const;

    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    std::unique_ptr<ChartView> m_chart;
    SymbolId m_btc = kInvalidSymbol;
    SymbolId m_eth = kInvalidSymbol;
    SymbolId m_aapl = kInvalidSymbol;
    std::vector<Bar> m_holed;  // kBars minutes but the hole
};

void TestChartQuality::initTestCase()
{
    m_btc = m_symbols->intern(crypto(QStringLiteral("BTCUSDT")));
    m_eth = m_symbols->intern(crypto(QStringLiteral("ETHUSDT")));
    Symbol aapl;
    aapl.source = QStringLiteral("yahoo");
    aapl.code = QStringLiteral("AAPL");
    aapl.displayName = QStringLiteral("Apple Inc.");
    aapl.assetClass = AssetClass::Equity;
    aapl.timeZoneId = QByteArrayLiteral("America/New_York");
    aapl.session = SessionHours::weekdaysBetween(9 * 60 + 30, 16 * 60);
    m_aapl = m_symbols->intern(aapl);

    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    m_chart = std::make_unique<ChartView>(m_symbols, m_engine);
    connect(m_engine, &MarketEngine::snapshotReady, m_chart.get(),
        [this](const MarketSnapshotPtr &snapshot) { m_chart->applySnapshot(*snapshot); });
    m_chart->resize(1200, 700);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));

    m_holed = minutes(0, kHoleAt);
    const std::vector<Bar> after = minutes(kHoleAt + kHoleMinutes, kBars);
    m_holed.insert(m_holed.end(), after.begin(), after.end());
}

void TestChartQuality::cleanupTestCase()
{
    m_chart.reset();
    MarketEngine::shutdown(m_engineThread);
}

void TestChartQuality::loadHistory(SymbolId id, const std::vector<Bar> &bars)
{
    auto history = std::make_shared<const std::vector<Bar>>(bars);
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, id, history] { engine->loadHistory(id, history); }, Qt::QueuedConnection);
}

QPointF TestChartQuality::pixelOf(double key, double price) const
{
    QCPAxisRect *rect = m_chart->plot()->axisRect();
    return QPointF(rect->axis(QCPAxis::atBottom)->coordToPixel(key),
        rect->axis(QCPAxis::atRight)->coordToPixel(price));
}

void TestChartQuality::saveScreenshot(const QString &name) const
{
    m_chart->plot()->replot();
    const QString path = QStringLiteral("/tmp/%1.png").arg(name);
    if (m_chart->grab().save(path))
        qInfo("screenshot: %s", qPrintable(path));
}

void TestChartQuality::gapOf24x7SymbolIsShaded()
{
    loadHistory(m_btc, m_holed);
    m_chart->showSeries(m_btc, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), m_holed.size());
    QTRY_VERIFY(m_chart->qualityMarks()->gapsReady());
    const auto spans = m_chart->gapSpans();
    QCOMPARE(spans.size(), std::size_t(1));
    const TimeMs before = kStart + static_cast<TimeMs>(kHoleAt - 1) * kMinuteMs;
    const TimeMs after = kStart + static_cast<TimeMs>(kHoleAt + kHoleMinutes) * kMinuteMs;
    QCOMPARE(spans[0].first, before);
    QCOMPARE(spans[0].second, after);
    QCOMPARE(m_chart->qualityMarks()->gaps()[0].before, kHoleAt - 1);

    // The band sits between the two bars, and says what is missing on hover.
    QVERIFY(m_chart->visibleRange().contains(static_cast<double>(kHoleAt)));
    m_chart->plot()->replot();
    const QPointF band = pixelOf(static_cast<double>(kHoleAt - 1) + 0.5, m_holed[kHoleAt].close);
    const QString tip = m_chart->qualityToolTipAt(band);
    QVERIFY2(tip.contains(QStringLiteral("Gap of 17m")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("2024-03-10 21:00")), qPrintable(tip));
    QVERIFY(m_chart->qualityToolTipAt(band + QPointF(0.0, 0.0)).size() > 0);
    // A bar further on is not part of it.
    const QPointF clear = pixelOf(static_cast<double>(kHoleAt + 20), m_holed[kHoleAt].close);
    QVERIFY(m_chart->qualityToolTipAt(clear).isEmpty());
}

void TestChartQuality::gapIsAMissingBucketOnHigherTimeframes()
{
    // Minutes 9900..9916 missing: the 5m buckets opening at 9900, 9905 and 9910
    // have no bar at all; the one at 9915 has its last three minutes.
    m_chart->setTimeframe(Timeframe::M5);
    QTRY_COMPARE(m_chart->candleData()->size(), std::size_t(kBars / 5 - 3));
    QTRY_VERIFY(m_chart->qualityMarks()->gapsReady());
    const auto spans = m_chart->gapSpans();
    QCOMPARE(spans.size(), std::size_t(1));
    QCOMPARE(spans[0].first, kStart + 9895 * kMinuteMs);
    QCOMPARE(spans[0].second, kStart + 9915 * kMinuteMs);
    // An hour bucket lost only part of its minutes: no gap there.
    m_chart->setTimeframe(Timeframe::H1);
    QTRY_COMPARE(m_chart->candleData()->size(), std::size_t((kBars + 59) / 60));
    QTRY_VERIFY(m_chart->qualityMarks()->gapsReady());
    QVERIFY(m_chart->gapSpans().empty());
    m_chart->setTimeframe(Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), m_holed.size());
    QTRY_COMPARE(m_chart->gapSpans().size(), std::size_t(1));
}

void TestChartQuality::quarantinedRecordsAreMarkedUnderTheirBar()
{
    // Two duplicates in one minute, a nonsense price two minutes later, and one
    // for another symbol at the same time.
    const std::size_t bar = m_holed.size() - 40;
    const TimeMs t = m_holed[bar].time;
    m_chart->addQuarantined({duplicate(m_btc, t + 12'345, 4711), duplicate(m_btc, t + 50'000, 4712),
        negativePrice(m_btc, m_holed[bar + 2].time + 1), duplicate(m_eth, t + 1000, 99)});
    QCOMPARE(m_chart->lodLevel(), 0);
    QCOMPARE(m_chart->quarantineMarkCount(), 2);
    const auto &marks = m_chart->qualityMarks()->marks();
    QCOMPARE(marks.size(), std::size_t(2));
    QCOMPARE(marks[0].bar, bar);
    QCOMPARE(marks[0].count, 2);
    QCOMPARE(marks[1].bar, bar + 2);
    QCOMPARE(marks[1].count, 1);

    // Drawn under the bar's low, not at the raw price; the rule and detail on hover.
    m_chart->plot()->replot();
    const QPointF under = pixelOf(static_cast<double>(bar), m_holed[bar].low) + QPointF(0.0, 7.0);
    const QString tip = m_chart->qualityToolTipAt(under);
    QVERIFY2(tip.contains(QStringLiteral("quarantined: duplicate trade id")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("trade id 4712 seen before")), qPrintable(tip));
    const QPointF other
        = pixelOf(static_cast<double>(bar + 2), m_holed[bar + 2].low) + QPointF(0.0, 7.0);
    QVERIFY(m_chart->qualityToolTipAt(other).contains(QStringLiteral("non positive price")));
    QVERIFY(m_chart->qualityToolTipAt(other).contains(QStringLiteral("-61350.15")));

    // A record in the last bar shows in the legend line too.
    m_chart->addQuarantined({negativePrice(m_btc, m_holed.back().time + 5)});
    QCOMPARE(m_chart->quarantineMarkCount(), 3);
    QVERIFY2(m_chart->legendText().contains(QStringLiteral("quarantined: non positive price")),
        qPrintable(m_chart->legendText()));
    // A record after the last bar waits for its bar.
    m_chart->addQuarantined({duplicate(m_btc, m_holed.back().time + 10 * kMinuteMs, 5000)});
    QCOMPARE(m_chart->quarantineMarkCount(), 3);

    // Zoomed to show the gap and the marks together, for a look.
    m_chart->plot()
        ->axisRect()
        ->axis(QCPAxis::atBottom)
        ->setRange(static_cast<double>(kHoleAt - 60), static_cast<double>(m_holed.size() + 8));
    saveScreenshot(QStringLiteral("chart_quality"));
}

void TestChartQuality::marksMergePerBucketWhenZoomedOut()
{
    QTRY_VERIFY(m_chart->lodReady());
    const auto count = static_cast<double>(m_chart->candleData()->size());
    QCPAxis *x = m_chart->plot()->axisRect()->axis(QCPAxis::atBottom);
    x->setRange(-10.0, count + 10.0);
    const int level = m_chart->lodLevel();
    QVERIFY(level > 1);
    // Bars bar, bar + 2 and the last share at most a bucket or two at this level.
    std::vector<std::size_t> buckets;
    for (const auto &mark : m_chart->qualityMarks()->marks())
        buckets.push_back(mark.bar >> level);
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
    QCOMPARE(m_chart->quarantineMarkCount(), static_cast<int>(buckets.size()));
    QVERIFY(m_chart->quarantineMarkCount() < 3);
    m_chart->plot()->replot();
    // The gap band is still there (wider than its bar's share of a pixel).
    const double key = static_cast<double>(kHoleAt - 1) + 0.5;
    const QPointF band = pixelOf(key, m_holed[kHoleAt].close);
    QVERIFY(m_chart->qualityToolTipAt(band).contains(QStringLiteral("17m")));
    QVERIFY(m_chart->qualityToolTipAt(band + QPointF(2.5, 0.0)).contains(QStringLiteral("17m")));
    saveScreenshot(QStringLiteral("chart_quality_zoomed_out"));
}

void TestChartQuality::backfillRemovesTheGap()
{
    loadHistory(m_btc, minutes(kHoleAt, kHoleAt + kHoleMinutes));
    QTRY_COMPARE(m_chart->candleData()->size(), kBars);
    QTRY_VERIFY(m_chart->qualityMarks()->gapsReady());
    QVERIFY(m_chart->gapSpans().empty());
    // The marks moved with their bars (17 bars more before them).
    QCOMPARE(m_chart->qualityMarks()->marks().front().bar, m_holed.size() - 40 + kHoleMinutes);
}

void TestChartQuality::otherSymbolsRecordsShowWithTheirSymbol()
{
    std::vector<Bar> eth = minutes(kBars - 300, kBars);
    loadHistory(m_eth, eth);
    m_chart->showSeries(m_eth, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), eth.size());
    // The record added while BTC was shown: at its bar.
    QCOMPARE(m_chart->quarantineMarkCount(), 1);
    const std::size_t bar = m_holed.size() - 40 + kHoleMinutes - (kBars - 300);
    QCOMPARE(m_chart->qualityMarks()->marks().front().bar, bar);
    QCOMPARE(m_chart->qualityMarks()->marks().front().count, 1);
    QVERIFY(m_chart->gapSpans().empty());
    // BTC's records do not show here.
    m_chart->addQuarantined({duplicate(m_btc, eth[10].time, 1)});
    QCOMPARE(m_chart->quarantineMarkCount(), 1);
}

void TestChartQuality::sessionSymbolHasNoGapsOverNights()
{
    // Two New York sessions (EST, UTC-5): 14:30..21:00 UTC on Monday and Tuesday.
    std::vector<Bar> bars;
    for (int day = 0; day < 2; ++day) {
        const TimeMs open = kStart + day * 24 * kHourMs + 14 * kHourMs + 30 * kMinuteMs;
        for (std::size_t i = 0; i < 390; ++i)
            bars.push_back(barAt(open + static_cast<TimeMs>(i) * kMinuteMs, i));
    }
    loadHistory(m_aapl, bars);
    m_chart->showSeries(m_aapl, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), bars.size());
    QVERIFY(m_chart->qualityMarks()->gapsReady());
    QVERIFY(m_chart->gapSpans().empty());
    // Quarantined records still show on a session symbol.
    m_chart->addQuarantined({negativePrice(m_aapl, bars[400].time + 3000)});
    QCOMPARE(m_chart->quarantineMarkCount(), 1);
    QCOMPARE(m_chart->qualityMarks()->marks().front().bar, std::size_t(400));
}

void TestChartQuality::recordsPerSymbolAreBounded()
{
    // Back on BTC (10,000 bars, no gap now): 2,500 more records, one a minute.
    m_chart->showSeries(m_btc, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), kBars);
    std::vector<QuarantineRecord> records;
    for (std::size_t i = 0; i < 2500; ++i)
        records.push_back(duplicate(m_btc, kStart + static_cast<TimeMs>(i) * kMinuteMs + 1, 1));
    m_chart->addQuarantined(records);
    int total = 0;
    for (const auto &mark : m_chart->qualityMarks()->marks())
        total += mark.count;
    QCOMPARE(total, static_cast<int>(QualityMarks::kRecordsPerSymbol));
    // The newest are kept: the oldest marked bar is 500.
    QCOMPARE(m_chart->qualityMarks()->marks().front().bar, std::size_t(500));
}

QTEST_MAIN(TestChartQuality)
#include "test_chart_quality.moc"
