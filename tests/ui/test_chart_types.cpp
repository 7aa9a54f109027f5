// Chart types, value scales, navigation and export on a ChartView over a real
// MarketEngine: Heikin-Ashi bars equal their definition (built at once, on the
// LOD worker and updated live), log ticks on a narrow range, percent labels,
// an inverted axis, a manual (dragged) scale, every type drawing its slice,
// go-to-date and the live edge, the visible bars' CSV (read back, and by
// Python's csv when python3 is there) and the chart image at a chosen size.
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <QApplication>
#include <QBuffer>
#include <QDateTimeEdit>
#include <QDialog>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWheelEvent>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartExport.h"
#include "chart/ChartScales.h"
#include "chart/ChartView.h"
#include "chart/HeikinAshi.h"
#include "chart/PriceAxisTicker.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "storage/CsvFields.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1709510400000;  // 2024-03-04T00:00:00Z

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

// 1m bars swinging between about 60,000 and 70,000, with wicks.
std::vector<Bar> swingBars(std::size_t count)
{
    std::vector<Bar> bars(count);
    for (std::size_t i = 0; i < count; ++i) {
        const double t = static_cast<double>(i);
        Bar &b = bars[i];
        b.time = kStart + static_cast<TimeMs>(i) * kMinuteMs;
        b.open = 65000.0 + 4500.0 * std::sin(t / 300.0) + 40.0 * std::sin(t * 1.7);
        b.close = 65000.0 + 4500.0 * std::sin((t + 1.0) / 300.0) + 40.0 * std::cos(t * 1.3);
        b.high = std::max(b.open, b.close) + 25.0 + 10.0 * std::abs(std::sin(t));
        b.low = std::min(b.open, b.close) - 25.0 - 10.0 * std::abs(std::cos(t));
        b.volume = 10.0 + static_cast<double>(i % 17);
        b.tradeCount = 1;
    }
    return bars;
}

BarSource sourceOf(const std::vector<Bar> &bars, std::size_t closed, bool forming)
{
    BarSeriesWriter writer;
    for (std::size_t i = 0; i < closed; ++i)
        writer.append(bars[i]);
    BarSource source {writer.view(), std::nullopt};
    if (forming)
        source.forming = bars[closed];
    return source;
}

// The definition, written out bar by bar.
std::vector<Bar> heikinAshiByDefinition(const std::vector<Bar> &bars)
{
    std::vector<Bar> ha;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar &b = bars[i];
        Bar h = b;
        h.close = (b.open + b.high + b.low + b.close) / 4.0;
        h.open = i == 0 ? (b.open + b.close) / 2.0 : (ha[i - 1].open + ha[i - 1].close) / 2.0;
        h.high = std::max(b.high, std::max(h.open, h.close));
        h.low = std::min(b.low, std::min(h.open, h.close));
        ha.push_back(h);
    }
    return ha;
}

int labelledTicks(const QCPAxis *axis)
{
    const QVector<QString> labels = axis->tickVectorLabels();
    return static_cast<int>(
        std::count_if(labels.begin(), labels.end(), [](const QString &l) { return !l.isEmpty(); }));
}

}  // namespace

class TestChartTypes final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void heikinAshiEqualsDefinition();
    void heikinAshiUpdatesEqualRebuild();
    void logTicksOnNarrowRange();
    void chartHeikinAshiDrawsDerivedBarsAndKeepsRealOnes();
    void logScaleOnChart();
    void percentLabels();
    void invertedScale();
    void manualScaleStopsAutoscaleUntilReset();
    void everyTypeDraws();
    void goToDateAndLiveEdge();
    void wheelZoomsAroundTheMouseAndDoubleClickResets();
    void csvExportParses();
    void imageExportSize();

private:
    void loadHistory(SymbolId id, const std::vector<Bar> &bars);
    void showSwing();
    // Pixels in the price pane of img that are not the chart's background.
    int paintedPixels(const QImage &image) const;

    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    std::unique_ptr<ChartView> m_chart;
    SymbolId m_swing = kInvalidSymbol;
    std::vector<Bar> m_swingBars = swingBars(20'000);  // over kSyncBuildBars: the worker's
};

void TestChartTypes::initTestCase()
{
    m_swing = m_symbols->intern(testSymbol(QStringLiteral("SWINGUSD")));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    const TimeMs end = kStart + static_cast<TimeMs>(m_swingBars.size()) * kMinuteMs;
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
    loadHistory(m_swing, m_swingBars);
}

void TestChartTypes::cleanupTestCase()
{
    m_chart.reset();
    MarketEngine::shutdown(m_engineThread);
}

void TestChartTypes::loadHistory(SymbolId id, const std::vector<Bar> &bars)
{
    auto minutes = std::make_shared<const std::vector<Bar>>(bars);
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, id, minutes] { engine->loadHistory(id, minutes); }, Qt::QueuedConnection);
}

void TestChartTypes::showSwing()
{
    m_chart->showSeries(m_swing, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleData()->size(), m_swingBars.size());
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->lodReady(), 20000);
}

int TestChartTypes::paintedPixels(const QImage &image) const
{
    const QRect pane = m_chart->pricePane()->rect();
    const QRgb background = m_chart->backgroundColor().rgb();
    const QColor grid = Theme::dark().grid;
    int painted = 0;
    for (int y = pane.top() + 40; y < pane.bottom() && y < image.height(); y += 2) {
        for (int x = pane.left(); x < pane.right() && x < image.width(); x += 2) {
            const QRgb p = image.pixel(x, y);
            if (p != background && p != grid.rgb())
                ++painted;
        }
    }
    return painted;
}

void TestChartTypes::heikinAshiEqualsDefinition()
{
    // Crafted: a rise, a gap down, a doji, a fall, a rebound.
    const std::vector<Bar> bars {
        {kStart, 10.0, 12.0, 9.0, 11.0, 5.0, 1},
        {kStart + kMinuteMs, 11.0, 15.0, 10.5, 14.0, 6.0, 1},
        {kStart + 2 * kMinuteMs, 9.0, 9.5, 7.0, 8.0, 7.0, 1},
        {kStart + 3 * kMinuteMs, 8.0, 8.5, 7.5, 8.0, 1.0, 1},
        {kStart + 4 * kMinuteMs, 8.0, 8.2, 5.0, 5.5, 9.0, 1},
        {kStart + 5 * kMinuteMs, 5.5, 9.0, 5.4, 8.8, 3.0, 1},
    };
    const std::vector<Bar> expected = heikinAshiByDefinition(bars);
    // Spot values worked by hand: the first open is (10 + 11) / 2, its close
    // (10 + 12 + 9 + 11) / 4; the second open is the mean of those.
    QCOMPARE(expected[0].open, 10.5);
    QCOMPARE(expected[0].close, 10.5);
    QCOMPARE(expected[1].open, 10.5);
    QCOMPARE(expected[1].close, 12.625);
    QCOMPARE(expected[1].high, 15.0);
    QCOMPARE(expected[2].open, (10.5 + 12.625) / 2.0);
    QCOMPARE(expected[2].high, expected[2].open);  // above the real high of 9.5

    HeikinAshiBars ha;
    QVERIFY(ha.build(sourceOf(bars, bars.size() - 1, true)));
    QCOMPARE(ha.size(), bars.size());
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar &got = ha.bars()[i];
        QCOMPARE(got.time, bars[i].time);
        QCOMPARE(got.open, expected[i].open);
        QCOMPARE(got.high, expected[i].high);
        QCOMPARE(got.low, expected[i].low);
        QCOMPARE(got.close, expected[i].close);
        QCOMPARE(got.volume, bars[i].volume);
        QCOMPARE(heikinAshiBar(bars[i], i == 0 ? nullptr : &expected[i - 1]), expected[i]);
    }
    // Its levels merge the HA bars: the top bucket's low is the lowest HA low.
    const OhlcPyramid::Bucket top
        = ha.pyramid().bucket(ha.bars(), ha.pyramid().levelCount() - 1, 0);
    double lowest = expected[0].low;
    for (const Bar &b : expected)
        lowest = std::min(lowest, b.low);
    QCOMPARE(top.low, lowest);
    QCOMPARE(top.open, expected[0].open);
    QCOMPARE(top.close, expected.back().close);
}

void TestChartTypes::heikinAshiUpdatesEqualRebuild()
{
    const std::vector<Bar> bars = swingBars(3000);
    const std::vector<Bar> expected = heikinAshiByDefinition(bars);
    HeikinAshiBars ha;
    QVERIFY(ha.build(sourceOf(bars, 1000, false)));
    // Bars close and a forming one moves, as live snapshots bring them.
    for (std::size_t closed = 1000; closed < 2999; closed += 333) {
        ha.update(sourceOf(bars, closed, true), closed > 1000 ? closed - 333 : 1000);
        QCOMPARE(ha.size(), closed + 1);
        for (std::size_t i = 0; i <= closed; ++i) {
            QCOMPARE(ha.bars()[i].open, expected[i].open);
            QCOMPARE(ha.bars()[i].close, expected[i].close);
        }
        const auto range = ha.pyramid().range(ha.bars(), 0, closed);
        QVERIFY(range);
        double low = expected[0].low;
        for (std::size_t i = 0; i <= closed; ++i)
            low = std::min(low, expected[i].low);
        QCOMPARE(range->low, low);
    }
}

void TestChartTypes::logTicksOnNarrowRange()
{
    const QVector<double> ticks = PriceAxisTicker::logTicks(60000.0, 70000.0, 9);
    QVERIFY2(ticks.size() >= 4, qPrintable(QString::number(ticks.size())));
    for (int i = 0; i < ticks.size(); ++i) {
        QVERIFY(ticks[i] >= 60000.0 && ticks[i] <= 70000.0);
        QCOMPARE(std::fmod(ticks[i], 1000.0), 0.0);  // round thousands
        if (i > 0)
            QVERIFY(ticks[i] > ticks[i - 1]);
    }
    // A wide range gets 1-2-5 steps across the decades, never zero.
    const QVector<double> wide = PriceAxisTicker::logTicks(0.5, 5000.0, 9);
    QVERIFY(wide.size() >= 4);
    QVERIFY(wide.front() > 0.0);
    QVERIFY(wide.contains(1.0));
    QVERIFY(wide.contains(1000.0));
    QVERIFY(PriceAxisTicker::logTicks(0.0, 10.0, 9).isEmpty());
}

void TestChartTypes::chartHeikinAshiDrawsDerivedBarsAndKeepsRealOnes()
{
    showSwing();
    const std::vector<Bar> expected = heikinAshiByDefinition(m_swingBars);
    m_chart->setChartType(ChartType::HeikinAshi);
    QCOMPARE(m_chart->chartType(), ChartType::HeikinAshi);
    // 20,000 bars build on the worker; meanwhile the slice shows the preview
    // (from 128 bars before it), equal to the full computation.
    QVERIFY(!m_chart->candleData()->heikinAshiReady());
    QVERIFY(m_chart->candleCount() > 0);
    QCOMPARE(m_chart->lastCandle()->open, expected.back().open);
    QCOMPARE(m_chart->lastCandle()->close, expected.back().close);
    QCOMPARE(m_chart->lastCandle()->low, expected.back().low);
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->candleData()->heikinAshiReady(), 20000);
    QTRY_VERIFY(m_chart->candleCount() > 0);
    // The newest bars at level 0: the handed candles are the HA bars.
    QCOMPARE(m_chart->lodLevel(), 0);
    const QCPFinancialData last = *m_chart->lastCandle();
    QCOMPARE(last.key, double(m_swingBars.size() - 1));
    QCOMPARE(last.open, expected.back().open);
    QCOMPARE(last.close, expected.back().close);
    QCOMPARE(last.high, expected.back().high);
    // The real bars stay for the legend.
    QCOMPARE(m_chart->candleData()->bar(m_swingBars.size() - 1).close, m_swingBars.back().close);
    QVERIFY2(m_chart->legendText().contains(QLocale().toString(m_swingBars.back().close, 'f', 2)),
        qPrintable(m_chart->legendText()));
    // Zoomed out, the HA buckets at the drawn level.
    QCPAxis *x = m_chart->pricePane()->axis(QCPAxis::atBottom);
    x->setRange(-10.0, double(m_swingBars.size()) + 10.0);
    QTRY_VERIFY(m_chart->lodLevel() > 0);
    const int level = m_chart->lodLevel();
    const OhlcPyramid::Bucket b = *m_chart->candleData()->drawnCandle(level, 0);
    const std::size_t width = std::size_t(1) << level;
    double high = expected[0].high;
    for (std::size_t i = 0; i < width; ++i)
        high = std::max(high, expected[i].high);
    QCOMPARE(b.high, high);
    QCOMPARE(b.open, expected[0].open);
    QCOMPARE(b.close, expected[width - 1].close);
    m_chart->setChartType(ChartType::Candles);
    QTRY_COMPARE(m_chart->lastCandle()->close, m_swingBars.back().close);
}

void TestChartTypes::logScaleOnChart()
{
    showSwing();
    m_chart->resetView();
    QCPAxis *x = m_chart->pricePane()->axis(QCPAxis::atBottom);
    // Whole swing in view: prices about 60,400 to 69,600.
    x->setRange(-10.0, double(m_swingBars.size()) + 10.0);
    PaneScale log;
    log.mode = ScaleMode::Log;
    m_chart->setPriceScale(log);
    QCOMPARE(m_chart->priceScale().mode, ScaleMode::Log);
    QCPAxis *price = m_chart->pricePane()->axis(QCPAxis::atRight);
    QCOMPARE(price->scaleType(), QCPAxis::stLogarithmic);
    m_chart->plot()->replot();
    QVERIFY(price->range().lower > 50000.0);
    QVERIFY(price->range().upper < 80000.0);
    QVERIFY2(labelledTicks(price) >= 4, qPrintable(price->tickVectorLabels().join(u' ')));
    // Zoomed in on a few bars, and on any visible range: never touching zero.
    for (const QCPRange &r : {QCPRange(100.0, 160.0), QCPRange(0.0, 20.0), QCPRange(5000, 9000)}) {
        x->setRange(r);
        m_chart->plot()->replot();
        QVERIFY(price->range().lower > 0.0);
        QVERIFY2(labelledTicks(price) >= 4, qPrintable(price->tickVectorLabels().join(u' ')));
    }
    // A sub-pane cannot be log.
    PaneScale volumeLog;
    volumeLog.mode = ScaleMode::Log;
    m_chart->scales()->setScale(m_chart->volumePane(), volumeLog);
    QCOMPARE(m_chart->scales()->scale(m_chart->volumePane()).mode, ScaleMode::Linear);
    QCOMPARE(m_chart->volumePane()->axis(QCPAxis::atRight)->scaleType(), QCPAxis::stLinear);
    m_chart->setPriceScale(PaneScale());
    QCOMPARE(price->scaleType(), QCPAxis::stLinear);
}

void TestChartTypes::percentLabels()
{
    showSwing();
    m_chart->resetView();
    PaneScale percent;
    percent.mode = ScaleMode::Percent;
    m_chart->setPriceScale(percent);
    m_chart->plot()->replot();
    QCPAxis *price = m_chart->pricePane()->axis(QCPAxis::atRight);
    const QVector<QString> labels = price->tickVectorLabels();
    const QVector<double> ticks = price->tickVector();
    QVERIFY(labelledTicks(price) >= 3);
    const auto first = m_chart->visibleBars();
    QVERIFY(first);
    const double base = m_chart->candleData()->bar(first->first).close;
    for (int i = 0; i < labels.size(); ++i) {
        if (labels[i].isEmpty())
            continue;
        QVERIFY2(labels[i].endsWith(u'%'), qPrintable(labels[i]));
        // The label is the tick's distance from the first visible close.
        QString number = labels[i];
        number.chop(1);
        number.replace(QStringLiteral("\u2212"), QStringLiteral("-"));
        const double shown = QLocale().toDouble(number);
        QVERIFY2(std::abs(shown - (ticks[i] / base - 1.0) * 100.0) < 1e-6,
            qPrintable(labels[i] + QStringLiteral(" at ") + QString::number(ticks[i])));
    }
    m_chart->setPriceScale(PaneScale());
}

void TestChartTypes::invertedScale()
{
    showSwing();
    PaneScale inverted;
    inverted.inverted = true;
    m_chart->setPriceScale(inverted);
    QCPAxis *price = m_chart->pricePane()->axis(QCPAxis::atRight);
    QVERIFY(price->rangeReversed());
    const QCPRange r = price->range();
    // Higher prices lower on screen.
    QVERIFY(price->coordToPixel(r.upper) > price->coordToPixel(r.lower));
    m_chart->setPriceScale(PaneScale());
    QVERIFY(!price->rangeReversed());
    QVERIFY(price->coordToPixel(r.upper) < price->coordToPixel(r.lower));
}

void TestChartTypes::manualScaleStopsAutoscaleUntilReset()
{
    showSwing();
    m_chart->resetView();
    QCPAxis *price = m_chart->pricePane()->axis(QCPAxis::atRight);
    const QCPRange fitted = price->range();
    m_chart->scales()->stretch(m_chart->pricePane(), 2.0);  // compressed: twice the range
    QVERIFY(!m_chart->priceScale().autoFit);
    QVERIFY(std::abs(price->range().size() - 2.0 * fitted.size()) < 1e-6 * fitted.size());
    const QCPRange manual = price->range();
    // Panning does not refit a manual scale.
    QCPAxis *x = m_chart->pricePane()->axis(QCPAxis::atBottom);
    x->setRange(x->range().lower - 3000.0, x->range().upper - 3000.0);
    QCOMPARE(price->range(), manual);
    // A manual sub-pane keeps its range too.
    QCPAxis *volume = m_chart->volumePane()->axis(QCPAxis::atRight);
    m_chart->scales()->stretch(m_chart->volumePane(), 0.5);
    const QCPRange volumeManual = volume->range();
    x->setRange(x->range().lower + 1000.0, x->range().upper + 1000.0);
    QCOMPARE(volume->range(), volumeManual);
    // A double-click on the value axis fits it again.
    const QRect pane = m_chart->pricePane()->rect();
    const QPoint onAxis(pane.right() + 12, pane.center().y());
    QCOMPARE(m_chart->scales()->valueAxisPaneAt(onAxis), m_chart->pricePane());
    QTest::mouseDClick(m_chart->plot(), Qt::LeftButton, Qt::NoModifier, onAxis);
    QTRY_VERIFY(m_chart->priceScale().autoFit);
    QVERIFY(price->range().size() < manual.size());
    // A drag on the axis: down compresses (a wider range), the pane turns manual.
    const QCPRange before = price->range();
    QTest::mousePress(m_chart->plot(), Qt::LeftButton, Qt::NoModifier, onAxis);
    QMouseEvent move(QEvent::MouseMove, QPointF(onAxis + QPoint(0, 100)),
        m_chart->plot()->mapToGlobal(QPointF(onAxis + QPoint(0, 100))), Qt::NoButton,
        Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_chart->plot(), &move);
    QTest::mouseRelease(m_chart->plot(), Qt::LeftButton, Qt::NoModifier, onAxis + QPoint(0, 100));
    QVERIFY(!m_chart->priceScale().autoFit);
    QVERIFY(price->range().size() > before.size() * 1.3);
    m_chart->resetView();
    QVERIFY(m_chart->priceScale().autoFit);
    QVERIFY(m_chart->scales()->scale(m_chart->volumePane()).autoFit);
}

void TestChartTypes::everyTypeDraws()
{
    showSwing();
    QCPAxis *x = m_chart->pricePane()->axis(QCPAxis::atBottom);
    for (const QCPRange &range : {QCPRange(19800.0, 20008.0), QCPRange(-10.0, 20010.0)}) {
        for (ChartType type : kAllChartTypes) {
            m_chart->setChartType(type);
            x->setRange(range);
            QTRY_VERIFY(m_chart->candleCount() > 0);
            if (type == ChartType::HeikinAshi)
                QTRY_VERIFY(m_chart->candleData()->heikinAshiReady());
            QTRY_VERIFY(m_chart->candleCount() > 0);
            const QImage image = renderChartImage(*m_chart, m_chart->plot()->size());
            const int painted = paintedPixels(image);
            QVERIFY2(painted > 200,
                qPrintable(chartTypeKey(type) + QStringLiteral(": ") + QString::number(painted)));
        }
    }
    m_chart->setChartType(ChartType::Candles);
}

void TestChartTypes::goToDateAndLiveEdge()
{
    showSwing();
    m_chart->resetView();
    QVERIFY(m_chart->followingLive());
    const double width = m_chart->visibleRange().size();
    // 2024-03-05 10:00 UTC is bar 34 * 60 = 2040.
    QVERIFY(m_chart->goToTime(kStart + 34 * 60 * kMinuteMs));
    QCOMPARE(m_chart->visibleRange().center(), 2040.0);
    QCOMPARE(m_chart->visibleRange().size(), width);
    QVERIFY(!m_chart->followingLive());
    auto *live = m_chart->findChild<QWidget *>(QStringLiteral("liveButton"));
    QVERIFY(live);
    QVERIFY(live->isVisible());
    // Between two bars: the later one; after the last: the last.
    QVERIFY(m_chart->goToTime(kStart + 100 * kMinuteMs + 1));
    QCOMPARE(m_chart->visibleRange().center(), 101.0);
    QVERIFY(m_chart->goToTime(kStart + 10'000'000 * kMinuteMs));
    QCOMPARE(m_chart->visibleRange().center(), double(m_swingBars.size() - 1));
    m_chart->goToTime(kStart);
    m_chart->jumpToLive();
    QVERIFY(m_chart->followingLive());
    QCOMPARE(m_chart->visibleRange().size(), width);
    QVERIFY(!live->isVisible());
    // The dialog opens on Ctrl+G.
    m_chart->activateWindow();
    m_chart->setFocus();
    QTest::keyClick(m_chart.get(), Qt::Key_G, Qt::ControlModifier);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_chart->findChild<QDialog *>(QStringLiteral("goToDateDialog"))));
    auto *edit = dialog->findChild<QDateTimeEdit *>(QStringLiteral("goToDateEdit"));
    QVERIFY(edit);
    // It opens on the newest bars' time; a typed 2024-03-06 12:00 (UTC, the
    // symbol's zone) goes to bar 2 * 1440 + 720 = 3600.
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("2024-03-06 12:00"));
    QCOMPARE(edit->dateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
        QStringLiteral("2024-03-06 12:00"));
    dialog->accept();
    QTRY_COMPARE(m_chart->visibleRange().center(), 3600.0);
}

void TestChartTypes::wheelZoomsAroundTheMouseAndDoubleClickResets()
{
    showSwing();
    m_chart->resetView();
    m_chart->goToTime(kStart + 9000 * kMinuteMs);
    QCPAxis *x = m_chart->pricePane()->axis(QCPAxis::atBottom);
    const QRect pane = m_chart->pricePane()->rect();
    const QPoint mouse(pane.left() + pane.width() / 3, pane.center().y());
    const double keyBefore = x->pixelToCoord(mouse.x());
    const double sizeBefore = x->range().size();
    QSignalSpy changed(x, qOverload<const QCPRange &>(&QCPAxis::rangeChanged));
    QWheelEvent wheel(QPointF(mouse), m_chart->plot()->mapToGlobal(QPointF(mouse)), QPoint(),
        QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_chart->plot(), &wheel);
    QVERIFY(changed.count() >= 1);
    QVERIFY(x->range().size() < sizeBefore * 0.95);  // zoomed in
    // The bar under the mouse stays under it.
    QVERIFY2(std::abs(x->pixelToCoord(mouse.x()) - keyBefore) < 0.05,
        qPrintable(QString::number(x->pixelToCoord(mouse.x()) - keyBefore)));
    // A drag pans: the time range moves by the dragged pixels.
    const QCPRange beforeDrag = x->range();
    QTest::mousePress(m_chart->plot(), Qt::LeftButton, Qt::NoModifier, mouse);
    QMouseEvent move(QEvent::MouseMove, QPointF(mouse + QPoint(120, 0)),
        m_chart->plot()->mapToGlobal(QPointF(mouse + QPoint(120, 0))), Qt::NoButton, Qt::LeftButton,
        Qt::NoModifier);
    QApplication::sendEvent(m_chart->plot(), &move);
    QTest::mouseRelease(m_chart->plot(), Qt::LeftButton, Qt::NoModifier, mouse + QPoint(120, 0));
    QVERIFY(x->range().lower < beforeDrag.lower - 1.0);
    QVERIFY(std::abs(x->range().size() - beforeDrag.size()) < 1e-6);
    // A double-click on the time axis (under the lowest pane) resets the view.
    QVERIFY(!m_chart->followingLive());
    const QRect lowest = m_chart->volumePane()->rect();
    QTest::mouseDClick(m_chart->plot(), Qt::LeftButton, Qt::NoModifier,
        QPoint(lowest.center().x(), lowest.bottom() + 8));
    QTRY_VERIFY(m_chart->followingLive());
    QCOMPARE(m_chart->visibleRange().size(), ChartView::kInitialVisibleBars);
}

void TestChartTypes::csvExportParses()
{
    showSwing();
    m_chart->setIndicatorSpecs({QStringLiteral("RSI:14"), QStringLiteral("BBANDS:20,2,2")});
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->indicatorPanes()->columns().size() == 4, 20000);
    m_chart->goToTime(kStart + 5000 * kMinuteMs);
    const auto shown = m_chart->visibleBars();
    QVERIFY(shown);
    const auto data = visibleChartData(*m_chart);
    QVERIFY(data);
    const QByteArray csv = chartCsv(*data);
    QBuffer buffer;
    buffer.setData(csv);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    qint64 lines = 0;
    CsvRecord header;
    QVERIFY(readCsvRecord(buffer, &lines, &header));
    QVERIFY(header.problem.isEmpty());
    QCOMPARE(header.fields.size(), 6 + 4);
    QCOMPARE(header.fields.mid(0, 6),
        (QList<QByteArray> {"time", "open", "high", "low", "close", "volume"}));
    QVERIFY2(header.fields.contains("RSI(14)"), header.fields.join('|').constData());
    // The Bollinger outputs' names hold commas: quoted in the file, whole when read.
    QVERIFY(csv.left(csv.indexOf('\n')).contains("\"BBANDS(20,2,2) upper\""));
    CsvRecord row;
    std::size_t index = shown->first;
    while (readCsvRecord(buffer, &lines, &row)) {
        QCOMPARE(row.fields.size(), 10);
        const Bar &bar = m_swingBars[index];
        QCOMPARE(row.fields[0],
            QDateTime::fromMSecsSinceEpoch(bar.time, QTimeZone::utc())
                .toString(Qt::ISODateWithMs)
                .toUtf8());
        QCOMPARE(row.fields[4].toDouble(), bar.close);
        QCOMPARE(row.fields[5].toDouble(), bar.volume);
        ++index;
    }
    QCOMPARE(index, shown->second + 1);

    // Through the export (a pool thread), and read by Python's csv module.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("visible.csv"));
    qint64 written = -1;
    QString error = QStringLiteral("not called");
    exportChartCsv(*m_chart, path, [&](qint64 rows, const QString &e) {
        written = rows;
        error = e;
    });
    QTRY_COMPARE(written, qint64(shown->second - shown->first + 1));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!python.isEmpty()) {
        QProcess process;
        process.start(python,
            {QStringLiteral("-c"),
                QStringLiteral("import csv,sys\n"
                               "rows=list(csv.reader(open(sys.argv[1],newline='')))\n"
                               "assert len(set(len(r) for r in rows))==1, 'ragged'\n"
                               "print(len(rows)-1, len(rows[0]), rows[0][-1])"),
                path});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
        QVERIFY2(out.startsWith(QStringLiteral("%1 10 ").arg(written)), qPrintable(out));
    }
    m_chart->setIndicatorSpecs({});
}

void TestChartTypes::imageExportSize()
{
    showSwing();
    const QSize shown = m_chart->plot()->size();
    const QImage image = renderChartImage(*m_chart, QSize(2400, 1350));
    QCOMPARE(image.size(), QSize(2400, 1350));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QVERIFY(image.save(path, "PNG"));
    QCOMPARE(QImage(path).size(), QSize(2400, 1350));
    QVERIFY(paintedPixels(image) > 200);
    // The chart on screen keeps its size and layout.
    QCOMPARE(m_chart->plot()->size(), shown);
    QCOMPARE(m_chart->plot()->viewport().size(), shown);
    const QImage small = renderChartImage(*m_chart, QSize(640, 360));
    QCOMPARE(small.size(), QSize(640, 360));
}

QTEST_MAIN(TestChartTypes)
#include "test_chart_types.moc"
