// The chart's indicators against a real MarketEngine on its own thread, fed a
// known synthetic history: a pane per oscillator holding the engine's values
// (checked against the indicator's own batch over the same bars), overlays on
// the price pane, removal, the picker, a live tick, a timeframe switch, a
// refused spec, two charts with their own indicators on one series, and the
// settings round trip.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "MainWindow.h"
#include "chart/ChartState.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/IndicatorPicker.h"
#include "chart/PaneLegend.h"
#include "engine/MarketEngine.h"
#include "indicators/IndicatorRegistry.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kHistoryStart = 1709510400000;  // 2024-03-04T00:00:00Z, on an hour boundary
constexpr int kHistoryBars = 600;  // ten hours of 1m bars
constexpr TimeMs kHistoryEnd = kHistoryStart + kHistoryBars * kMinuteMs;

// One closed bar a minute: a wave with a drift, so RSI and MACD move both ways.
std::vector<Bar> syntheticHistory(double base)
{
    std::vector<Bar> bars;
    bars.reserve(kHistoryBars);
    double previous = base;
    for (int i = 0; i < kHistoryBars; ++i) {
        Bar bar;
        bar.time = kHistoryStart + i * kMinuteMs;
        bar.open = previous;
        bar.close = base + i * 0.01 + 3.0 * std::sin(i / 17.0) + 0.4 * std::sin(i * 1.3);
        bar.high = std::max(bar.open, bar.close) + 0.2;
        bar.low = std::min(bar.open, bar.close) - 0.2;
        bar.volume = 10.0 + i % 7;
        bar.tradeCount = 5;
        bars.push_back(bar);
        previous = bar.close;
    }
    return bars;
}

// The bars of a higher timeframe, for indicators that read only the close.
std::vector<Bar> everyNth(const std::vector<Bar> &minutes, int n)
{
    std::vector<Bar> bars;
    for (std::size_t i = static_cast<std::size_t>(n) - 1; i < minutes.size();
         i += static_cast<std::size_t>(n))
        bars.push_back(minutes[i]);
    return bars;
}

// What the indicator computes over these bars, output by output.
std::vector<std::vector<double>> batch(const QString &text, const std::vector<Bar> &bars)
{
    QString error;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &error);
    std::unique_ptr<Indicator> indicator = createIndicator(*spec, &error);
    std::vector<std::vector<double>> outs;
    indicator->batch(bars.data(), bars.size(), outs);
    return outs;
}

// The forming bar's tentative value after these closed bars.
double peek(const QString &text, const std::vector<Bar> &closed, const Bar &forming)
{
    QString error;
    std::unique_ptr<Indicator> indicator
        = createIndicator(*parseIndicatorSpec(text, &error), &error);
    std::vector<std::vector<double>> outs;
    indicator->batch(closed.data(), closed.size(), outs);
    double row[kMaxIndicatorOutputs];
    indicator->peek(forming, row);
    return row[0];
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

double valueAt(const QCPGraph *graph, int index)
{
    return (graph->data()->constBegin() + index)->value;
}

// What the plot draws, with or without one of its graphs: a graph that draws
// nothing leaves the two equal.
bool graphShows(QCustomPlot *plot, QCPGraph *graph)
{
    const QImage with = plot->toPixmap(800, 600).toImage();
    graph->setVisible(false);
    const QImage without = plot->toPixmap(800, 600).toImage();
    graph->setVisible(true);
    plot->replot();
    return !with.isNull() && with != without;
}

}  // namespace

class TestIndicatorsUi final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void addingRsiCreatesAPane();
    void addingSmaOverlaysThePricePane();
    void paneSharesTheTimeAxis();
    void removingRsiRemovesItsPane();
    void pickerAddsEditsAndRemoves();
    void refusedSpecShowsItsError();
    void liveTickUpdatesTheFormingValue();
    void switchingTimeframeRecomputes();
    void twoChartsOnOneSeriesShowTheirOwnIndicators();
    void settingsRoundTrip();

private:
    std::unique_ptr<QSettings> newSettings() const
    {
        return std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("wick.ini")), QSettings::IniFormat);
    }
    void loadHistory(SymbolId id, const std::vector<Bar> &bars);
    ChartView *chart() const { return m_window->chart(); }
    // Every row of a graph equals the batch over the same bars; NaN rows are gaps.
    void compareGraph(const QCPGraph *graph, const std::vector<double> &expected);

    QTemporaryDir m_dir;
    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    std::unique_ptr<MainWindow> m_window;
    SymbolId m_main = kInvalidSymbol;
    SymbolId m_live = kInvalidSymbol;  // receives the live ticks
    std::vector<Bar> m_mainBars = syntheticHistory(100.0);
    std::vector<Bar> m_liveBars = syntheticHistory(50.0);
};

void TestIndicatorsUi::loadHistory(SymbolId id, const std::vector<Bar> &bars)
{
    auto minutes = std::make_shared<const std::vector<Bar>>(bars);
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, id, minutes] { engine->loadHistory(id, minutes); }, Qt::QueuedConnection);
}

void TestIndicatorsUi::compareGraph(const QCPGraph *graph, const std::vector<double> &expected)
{
    QVERIFY(graph);
    QCOMPARE(graph->data()->size(), static_cast<int>(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const double shown = valueAt(graph, static_cast<int>(i));
        QCOMPARE((graph->data()->constBegin() + static_cast<int>(i))->key, static_cast<double>(i));
        if (std::isnan(expected[i]))
            QVERIFY2(std::isnan(shown), qPrintable(QStringLiteral("row %1").arg(i)));
        else
            QVERIFY2(std::memcmp(&shown, &expected[i], sizeof(double)) == 0,
                qPrintable(QStringLiteral("row %1: %2 shown, %3 computed")
                               .arg(i)
                               .arg(shown, 0, 'g', 17)
                               .arg(expected[i], 0, 'g', 17)));
    }
}

void TestIndicatorsUi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_main = m_symbols->intern(testSymbol(QStringLiteral("AAAUSD")));
    m_live = m_symbols->intern(testSymbol(QStringLiteral("CCCUSD")));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    auto clock = std::make_shared<const ManualClock>(kHistoryEnd);
    QMetaObject::invokeMethod(
        engine, [engine, clock] { engine->setSourceClock(QStringLiteral("test"), clock, 2000); },
        Qt::QueuedConnection);

    m_window = std::make_unique<MainWindow>(m_symbols, m_engine, newSettings());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QSignalSpy snapshots(m_engine, &MarketEngine::snapshotReady);
    loadHistory(m_main, m_mainBars);
    loadHistory(m_live, m_liveBars);
    QTRY_VERIFY(!snapshots.isEmpty());
    m_window->setTimeframe(Timeframe::M1);
    m_window->selectSymbol(m_main);
    QTRY_COMPARE(chart()->candleCount(), kHistoryBars);
    QCOMPARE(chart()->indicatorSpecs(), QStringList());
    QCOMPARE(chart()->paneCount(), 0);
}

void TestIndicatorsUi::cleanupTestCase()
{
    m_window.reset();
    MarketEngine::shutdown(m_engineThread);
}

void TestIndicatorsUi::addingRsiCreatesAPane()
{
    QSignalSpy changed(chart(), &ChartView::indicatorSpecsChanged);
    const int rowsBefore = chart()->plot()->plotLayout()->rowCount();
    chart()->setIndicatorSpecs({QStringLiteral("RSI:14")});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(chart()->paneCount(), 1);
    QCOMPARE(chart()->plot()->plotLayout()->rowCount(), rowsBefore + 1);

    QCPGraph *rsi = chart()->indicatorGraph(QStringLiteral("RSI:14"), QStringLiteral("value"));
    QVERIFY(rsi);
    QCPAxisRect *pane = chart()->indicatorPanes()->paneOf(QStringLiteral("RSI:14"));
    QVERIFY(pane);
    QCOMPARE(rsi->keyAxis()->axisRect(), pane);
    QVERIFY(pane != chart()->plot()->axisRect());
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars);
    const std::vector<std::vector<double>> expected = batch(QStringLiteral("RSI:14"), m_mainBars);
    compareGraph(rsi, expected[0]);
    QVERIFY(std::isnan(valueAt(rsi, 0)));  // the warm-up is a gap
    QVERIFY(!std::isnan(valueAt(rsi, 14)));

    // Its levels (30, 70) are drawn in the pane, and stay in its value range.
    int levels = 0;
    for (int i = 0; i < chart()->plot()->itemCount(); ++i) {
        if (chart()->plot()->item(i)->clipAxisRect() == pane)
            ++levels;
    }
    QCOMPARE(levels, 2);
    const QCPRange values = pane->axis(QCPAxis::atRight)->range();
    QVERIFY(values.contains(30.0) && values.contains(70.0));
    // The label names it and shows the last value.
    const QString last = QLocale().toString(expected[0].back(), 'f', 2);
    const QString label = chart()->paneLegend()->lineText(QStringLiteral("RSI:14"));
    QVERIFY2(label.contains(QStringLiteral("RSI(14)")) && label.contains(last), qPrintable(label));
}

void TestIndicatorsUi::addingSmaOverlaysThePricePane()
{
    chart()->setIndicatorSpecs({QStringLiteral("RSI:14"), QStringLiteral("SMA:20")});
    QCOMPARE(chart()->paneCount(), 1);
    QCPGraph *sma = chart()->indicatorGraph(QStringLiteral("SMA:20"), QStringLiteral("value"));
    QVERIFY(sma);
    QCOMPARE(sma->keyAxis()->axisRect(), chart()->plot()->axisRect());
    QCOMPARE(chart()->indicatorPanes()->paneOf(QStringLiteral("SMA:20")), nullptr);
    QTRY_COMPARE(sma->data()->size(), kHistoryBars);
    compareGraph(sma, batch(QStringLiteral("SMA:20"), m_mainBars)[0]);
    // RSI, already computed, kept its values.
    QCPGraph *rsi = chart()->indicatorGraph(QStringLiteral("RSI:14"), QStringLiteral("value"));
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars);
    compareGraph(rsi, batch(QStringLiteral("RSI:14"), m_mainBars)[0]);
    QVERIFY(chart()->paneLegend()->overlayText().contains(QStringLiteral("SMA(20)")));
}

void TestIndicatorsUi::paneSharesTheTimeAxis()
{
    QCPAxisRect *pane = chart()->indicatorPanes()->paneOf(QStringLiteral("RSI:14"));
    QVERIFY(pane);
    QCPAxis *priceX = chart()->plot()->axisRect()->axis(QCPAxis::atBottom);
    QCPAxis *paneX = pane->axis(QCPAxis::atBottom);
    QCOMPARE(paneX->range(), priceX->range());
    priceX->setRange(100.0, 200.0);
    QCOMPARE(paneX->range(), QCPRange(100.0, 200.0));
    // Dragging the pane moves the price pane.
    paneX->setRange(150.0, 250.0);
    QCOMPARE(priceX->range(), QCPRange(150.0, 250.0));
    // The value axis fits what is visible.
    const std::vector<double> rsi = batch(QStringLiteral("RSI:14"), m_mainBars)[0];
    const auto [low, high] = std::minmax_element(rsi.begin() + 150, rsi.begin() + 250);
    const QCPRange values = pane->axis(QCPAxis::atRight)->range();
    QVERIFY(values.contains(*low) && values.contains(*high));
    QVERIFY(values.lower > std::min(*low, 30.0) - 20.0);
}

void TestIndicatorsUi::removingRsiRemovesItsPane()
{
    const int rowsBefore = chart()->plot()->plotLayout()->rowCount();
    const int itemsBefore = chart()->plot()->itemCount();
    chart()->setIndicatorSpecs({QStringLiteral("SMA:20")});
    QCOMPARE(chart()->paneCount(), 0);
    QCOMPARE(chart()->plot()->plotLayout()->rowCount(), rowsBefore - 1);
    QCOMPARE(chart()->plot()->itemCount(), itemsBefore - 2);  // its two levels
    QCOMPARE(chart()->indicatorGraph(QStringLiteral("RSI:14"), QStringLiteral("value")), nullptr);
    QCPGraph *sma = chart()->indicatorGraph(QStringLiteral("SMA:20"), QStringLiteral("value"));
    QVERIFY(sma);
    // The SMA kept its values, and the chart still draws it.
    compareGraph(sma, batch(QStringLiteral("SMA:20"), m_mainBars)[0]);
    QVERIFY(graphShows(chart()->plot(), sma));
}

void TestIndicatorsUi::pickerAddsEditsAndRemoves()
{
    auto *button = chart()->findChild<QAbstractButton *>(QStringLiteral("indicatorsButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    IndicatorPicker *picker = chart()->findChild<IndicatorPicker *>();
    QVERIFY(picker);
    QTRY_VERIFY(picker->isVisible());
    QCOMPARE(picker->specs(), chart()->indicatorSpecs());
    // One picker per chart: a second click raises it.
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(chart()->findChildren<IndicatorPicker *>().size(), 1);

    // The catalogue: every indicator under its TA-Lib group, filtered as typed.
    QCOMPARE(picker->filterCatalogue(QString()), int(indicatorCatalogue().size()));
    QCOMPARE(picker->filterCatalogue(QStringLiteral("relative strength")), 1);
    QCOMPARE(picker->currentCatalogueName(), QStringLiteral("RSI"));
    QCOMPARE(picker->filterCatalogue(QStringLiteral("no such indicator")), 0);
    QVERIFY(picker->currentCatalogueName().isEmpty());
    picker->filterCatalogue(QString());

    // Added with its defaults: MACD gets a pane with two lines and a histogram.
    QVERIFY(picker->addIndicator(QStringLiteral("MACD")));
    const QString macd = QStringLiteral("MACD:12,26,9");
    QCOMPARE(chart()->indicatorSpecs(), QStringList({QStringLiteral("SMA:20"), macd}));
    QCOMPARE(chart()->paneCount(), 1);
    QVERIFY(chart()->indicatorGraph(macd, QStringLiteral("macd")));
    QVERIFY(chart()->indicatorGraph(macd, QStringLiteral("signal")));
    QVERIFY(chart()->indicatorPanes()->histogram(macd, true));
    QTRY_COMPARE(
        chart()->indicatorGraph(macd, QStringLiteral("signal"))->data()->size(), kHistoryBars);
    const std::vector<std::vector<double>> expected = batch(macd, m_mainBars);
    compareGraph(chart()->indicatorGraph(macd, QStringLiteral("signal")), expected[1]);
    const int bars = chart()->indicatorPanes()->histogram(macd, true)->data()->size()
        + chart()->indicatorPanes()->histogram(macd, false)->data()->size();
    QCOMPARE(bars,
        static_cast<int>(std::count_if(
            expected[2].begin(), expected[2].end(), [](double v) { return !std::isnan(v); })));
    // A second one is refused.
    QVERIFY(!picker->addIndicator(QStringLiteral("MACD")));

    // Edited: the spin box of "fast" within its range, and fast < slow holds.
    QVERIFY(picker->setParameter(1, 0, 8));
    QCOMPARE(chart()->indicatorSpecs().at(1), QStringLiteral("MACD:8,26,9"));
    QVERIFY(!picker->setParameter(1, 0, 30));
    QCOMPARE(chart()->indicatorSpecs().at(1), QStringLiteral("MACD:8,26,9"));
    auto *fast = picker->findChild<QDoubleSpinBox *>(QStringLiteral("param_fast"));
    QVERIFY(fast);
    QCOMPARE(fast->decimals(), 0);
    QCOMPARE(fast->minimum(), 2.0);
    QTRY_COMPARE(chart()
                     ->indicatorGraph(QStringLiteral("MACD:8,26,9"), QStringLiteral("macd"))
                     ->data()
                     ->size(),
        kHistoryBars);

    picker->removeAt(1);
    QCOMPARE(chart()->indicatorSpecs(), QStringList({QStringLiteral("SMA:20")}));
    QCOMPARE(chart()->paneCount(), 0);

    // A moving-average type is chosen by name; at its default it stays out of the spec.
    QVERIFY(picker->addIndicator(QStringLiteral("BBANDS")));
    QCOMPARE(chart()->indicatorSpecs().at(1), QStringLiteral("BBANDS:5,2,2"));
    auto *type = picker->findChild<QComboBox *>(QStringLiteral("param_matype"));
    QVERIFY(type);
    QCOMPARE(type->currentText(), QStringLiteral("SMA"));
    type->setCurrentIndex(type->findText(QStringLiteral("EMA")));
    QCOMPARE(chart()->indicatorSpecs().at(1), QStringLiteral("BBANDS:5,2,2,1"));
    picker->removeAt(1);
    picker->close();
}

void TestIndicatorsUi::refusedSpecShowsItsError()
{
    const QString bad = QStringLiteral("RSI:0");
    chart()->setIndicatorSpecs({QStringLiteral("SMA:20"), bad});
    QCOMPARE(chart()->paneCount(), 0);
    QVERIFY(!chart()->indicatorPanes()->errorOf(bad).isEmpty());
    QVERIFY(chart()->paneLegend()->overlayShown());
    QVERIFY(chart()->paneLegend()->overlayText().contains(QStringLiteral("RSI:0")));
    // The engine refuses it too and keeps serving the rest.
    QTest::qWait(0);
    QCPGraph *sma = chart()->indicatorGraph(QStringLiteral("SMA:20"), QStringLiteral("value"));
    QTRY_COMPARE(sma->data()->size(), kHistoryBars);
    compareGraph(sma, batch(QStringLiteral("SMA:20"), m_mainBars)[0]);
    QVERIFY(graphShows(chart()->plot(), sma));
    chart()->setIndicatorSpecs({QStringLiteral("SMA:20")});
    QVERIFY(chart()->indicatorPanes()->errorOf(bad).isEmpty());
}

void TestIndicatorsUi::liveTickUpdatesTheFormingValue()
{
    m_window->selectSymbol(m_live);
    const QString rsiSpec = QStringLiteral("RSI:14");
    chart()->setIndicatorSpecs({rsiSpec});
    QTRY_COMPARE(chart()->candleCount(), kHistoryBars);
    QCPGraph *rsi = chart()->indicatorGraph(rsiSpec, QStringLiteral("value"));
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars);
    compareGraph(rsi, batch(rsiSpec, m_liveBars)[0]);

    Tick tick;
    tick.symbol = m_live;
    tick.time = kHistoryEnd + 30'000;
    tick.price = 60.0;
    tick.size = 2.0;
    TickBatch ticks;
    ticks.ticks.push_back(tick);
    ticks.feedTime = tick.time;
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, ticks] { engine->addTicks(ticks); }, Qt::QueuedConnection);

    Bar forming;
    forming.time = kHistoryEnd;
    forming.open = forming.high = forming.low = forming.close = tick.price;
    forming.volume = tick.size;
    forming.tradeCount = 1;
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars + 1);
    QCOMPARE(valueAt(rsi, kHistoryBars), peek(rsiSpec, m_liveBars, forming));
    QCOMPARE(valueAt(rsi, kHistoryBars - 1), batch(rsiSpec, m_liveBars)[0].back());

    // A second trade in the same minute replaces the forming value in place.
    tick.time += 10'000;
    tick.price = 40.0;
    ticks.ticks = {tick};
    ticks.feedTime = tick.time;
    QMetaObject::invokeMethod(
        engine, [engine, ticks] { engine->addTicks(ticks); }, Qt::QueuedConnection);
    forming.low = forming.close = tick.price;
    forming.volume += tick.size;
    forming.tradeCount = 2;
    const double expected = peek(rsiSpec, m_liveBars, forming);
    QTRY_COMPARE(valueAt(rsi, kHistoryBars), expected);
    QCOMPARE(rsi->data()->size(), kHistoryBars + 1);
}

void TestIndicatorsUi::switchingTimeframeRecomputes()
{
    m_window->selectSymbol(m_main);
    const QStringList specs = {QStringLiteral("RSI:14"), QStringLiteral("SMA:20")};
    chart()->setIndicatorSpecs(specs);
    QCPGraph *rsi = chart()->indicatorGraph(specs[0], QStringLiteral("value"));
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars);

    m_window->setTimeframe(Timeframe::M5);
    QCOMPARE(chart()->indicatorSpecs(), specs);
    QCOMPARE(chart()->paneCount(), 1);
    QTRY_COMPARE(chart()->candleCount(), kHistoryBars / 5);
    // Both read only the close: the 5m closes are every fifth minute's.
    const std::vector<Bar> fiveMinutes = everyNth(m_mainBars, 5);
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars / 5);
    compareGraph(rsi, batch(specs[0], fiveMinutes)[0]);
    QCPGraph *sma = chart()->indicatorGraph(specs[1], QStringLiteral("value"));
    QTRY_COMPARE(sma->data()->size(), kHistoryBars / 5);
    compareGraph(sma, batch(specs[1], fiveMinutes)[0]);

    m_window->setTimeframe(Timeframe::M15);
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars / 15);
    compareGraph(rsi, batch(specs[0], everyNth(m_mainBars, 15))[0]);
}

// A second chart on the main chart's series (15m) with other indicators and
// RSI spelled another way: each chart shows its own, the shared RSI is one run
// in the engine, and the second chart's changes and its end leave the first's
// values as they were.
void TestIndicatorsUi::twoChartsOnOneSeriesShowTheirOwnIndicators()
{
    QCOMPARE(chart()->timeframe(), Timeframe::M15);
    const QStringList mainSpecs = {QStringLiteral("RSI:14"), QStringLiteral("SMA:20")};
    QCOMPARE(chart()->indicatorSpecs(), mainSpecs);
    const std::vector<Bar> quarterHours = everyNth(m_mainBars, 15);
    QCPGraph *mainRsi = chart()->indicatorGraph(mainSpecs[0], QStringLiteral("value"));
    QCPGraph *mainSma = chart()->indicatorGraph(mainSpecs[1], QStringLiteral("value"));
    QTRY_COMPARE(mainSma->data()->size(), kHistoryBars / 15);

    auto second = std::make_unique<ChartView>(m_symbols, m_engine);
    ChartView *other = second.get();
    connect(m_engine, &MarketEngine::snapshotReady, other,
        [other](const MarketSnapshotPtr &snapshot) { other->applySnapshot(*snapshot); });
    other->resize(800, 600);
    other->show();
    const QStringList otherSpecs
        = {QStringLiteral("rsi"), QStringLiteral("EMA:9"), QStringLiteral("MACD:12,26,9")};
    other->setIndicatorSpecs(otherSpecs);
    other->showSeries(m_main, Timeframe::M15);
    QTRY_COMPARE(other->candleCount(), kHistoryBars / 15);
    QCPGraph *ema = other->indicatorGraph(otherSpecs[1], QStringLiteral("value"));
    QCPGraph *otherRsi = other->indicatorGraph(otherSpecs[0], QStringLiteral("value"));
    QCPGraph *signal = other->indicatorGraph(otherSpecs[2], QStringLiteral("signal"));
    QTRY_COMPARE(ema->data()->size(), kHistoryBars / 15);
    QTRY_COMPARE(otherRsi->data()->size(), kHistoryBars / 15);
    QTRY_COMPARE(signal->data()->size(), kHistoryBars / 15);
    compareGraph(ema, batch(otherSpecs[1], quarterHours)[0]);
    compareGraph(otherRsi, batch(QStringLiteral("RSI:14"), quarterHours)[0]);
    compareGraph(signal, batch(otherSpecs[2], quarterHours)[1]);
    // Neither chart draws the other's.
    QCOMPARE(other->indicatorGraph(mainSpecs[1], QStringLiteral("value")), nullptr);
    QCOMPARE(chart()->indicatorGraph(otherSpecs[1], QStringLiteral("value")), nullptr);
    compareGraph(mainRsi, batch(mainSpecs[0], quarterHours)[0]);
    compareGraph(mainSma, batch(mainSpecs[1], quarterHours)[0]);

    // In the engine: RSI is one run for both charts: RSI, SMA, EMA, MACD.
    MarketEngine *engine = m_engine;
    const SymbolId main = m_main;
    const auto runCount = [engine, main] {
        int runs = -1;
        QMetaObject::invokeMethod(
            engine, [&] { runs = engine->indicatorRunCount(main, Timeframe::M15); },
            Qt::BlockingQueuedConnection);
        return runs;
    };
    QCOMPARE(runCount(), 4);

    // The second chart lets go of RSI and MACD: the first keeps its RSI.
    other->setIndicatorSpecs({otherSpecs[1]});
    QTRY_COMPARE(other->paneCount(), 0);
    QTRY_COMPARE(runCount(), 3);
    ema = other->indicatorGraph(otherSpecs[1], QStringLiteral("value"));  // built anew
    QTRY_COMPARE(ema->data()->size(), kHistoryBars / 15);
    compareGraph(ema, batch(otherSpecs[1], quarterHours)[0]);
    compareGraph(mainRsi, batch(mainSpecs[0], quarterHours)[0]);

    // Gone: its runs go with it, the first chart's values stay.
    second.reset();
    QTRY_COMPARE(runCount(), 2);
    compareGraph(mainRsi, batch(mainSpecs[0], quarterHours)[0]);
    compareGraph(mainSma, batch(mainSpecs[1], quarterHours)[0]);
}

void TestIndicatorsUi::settingsRoundTrip()
{
    const QStringList specs = {
        QStringLiteral("BBANDS:20,2,2"), QStringLiteral("RSI:14"), QStringLiteral("MACD:12,26,9")};
    chart()->setIndicatorSpecs(specs);
    QCOMPARE(chart()->paneCount(), 2);
    m_window->close();
    m_window.reset();

    MainWindow restored(m_symbols, m_engine, newSettings());
    QCOMPARE(restored.chart()->indicatorSpecs(), specs);
    QCOMPARE(restored.chart()->paneCount(), 2);
    QTRY_COMPARE(restored.chart()->candleCount(), kHistoryBars / 15);
    QCPGraph *upper = restored.chart()->indicatorGraph(
        QStringLiteral("BBANDS:20,2,2"), QStringLiteral("upper"));
    QVERIFY(upper);
    QCOMPARE(upper->keyAxis()->axisRect(), restored.chart()->plot()->axisRect());
    QTRY_COMPARE(upper->data()->size(), kHistoryBars / 15);
    const std::vector<Bar> quarterHours = everyNth(m_mainBars, 15);
    compareGraph(upper, batch(specs[0], quarterHours)[0]);
    QCPGraph *rsi = restored.chart()->indicatorGraph(specs[1], QStringLiteral("value"));
    QTRY_COMPARE(rsi->data()->size(), kHistoryBars / 15);
    compareGraph(rsi, batch(specs[1], quarterHours)[0]);

    // One indicator is a list of one; none is an empty list.
    restored.chart()->setIndicatorSpecs({QStringLiteral("BBANDS:20,2,2")});
    restored.saveSettings();
    const auto saved = [&] {
        return ChartState::fromJson(
            newSettings()->value(MainWindow::chartStateSettingKey()).toString().toUtf8())
            ->indicatorSpecs();
    };
    QCOMPARE(saved(), QStringList({QStringLiteral("BBANDS:20,2,2")}));
    restored.chart()->setIndicatorSpecs({});
    restored.saveSettings();
    QCOMPARE(saved(), QStringList());
}

QTEST_MAIN(TestIndicatorsUi)
#include "test_indicators_ui.moc"
