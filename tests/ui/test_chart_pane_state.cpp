// What the chart keeps of its panes and its baseline, on real charts: the
// baseline type's level (the first visible close by default, set by the
// context menu a right click opens, kept per symbol in ChartState and across a
// restart of the main window); an indicator pane's manual scale and inverted
// flag kept when the pane is rebuilt (another indicator added or removed, its
// parameters changed); lines the legend hid stay hidden when their pane is
// collapsed and expanded or moved, and after a restart; a closed pane does not
// come back with a restart; a manual range (the price pane's, an indicator
// pane's) comes back with a restart; an indicator chained on another follows
// its host's new parameters, on the host's pane, with its style.
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "MainWindow.h"
#include "chart/CandleDataAdapter.h"
#include "chart/ChartScales.h"
#include "chart/ChartState.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/IndicatorPicker.h"
#include "chart/PaneLayout.h"
#include "chart/PaneLegend.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1'709'251'200'000;  // 2024-03-01T00:00:00Z
constexpr int kBars = 600;  // one-minute bars
const QString kRsi = QStringLiteral("RSI:14");
const QString kMacd = QStringLiteral("MACD:12,26,9");

// A zigzag that rises, so the first visible close differs from the axis' middle.
std::vector<Bar> rising(double start)
{
    std::vector<Bar> bars(kBars);
    double price = start;
    for (int i = 0; i < kBars; ++i) {
        Bar &b = bars[std::size_t(i)];
        b.time = kStart + TimeMs(i) * kMinuteMs;
        b.open = price;
        price += (i % 5 < 3) ? 0.4 : -0.3;
        b.close = price;
        b.high = std::max(b.open, b.close) + 0.1;
        b.low = std::min(b.open, b.close) - 0.1;
        b.volume = 5.0 + double(i % 4);
        b.tradeCount = 1;
    }
    return bars;
}

Symbol makeSymbol(const QString &code)
{
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = code;
    s.displayName = code;
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.tickSize = 0.01;
    return s;
}

// The menu a right click at pos (plot pixels) pops up, as the trader gets it.
QMenu *rightClick(ChartView &chart, const QPoint &pos)
{
    const QList<QMenu *> before = chart.findChildren<QMenu *>();
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, chart.plot()->mapToGlobal(pos));
    QApplication::sendEvent(chart.plot(), &event);
    for (QMenu *menu : chart.findChildren<QMenu *>()) {
        if (!before.contains(menu) && menu->isVisible())
            return menu;
    }
    return nullptr;
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

QAction *actionTexted(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

}  // namespace

class TestChartPaneState final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void changedParametersNamesTheIndicator();
    void followParametersMovesTheGuests();
    void guestFollowsItsHostOnTheChart();
    void manualRangesSurviveARestart();
    void badRangesAreRefused();
    void baselineDefaultsToTheFirstVisibleClose();
    void baselineSetByTheContextMenuIsKeptPerSymbol();
    void baselineDraggedOnTheChart();
    void baselineSurvivesARestart();
    void paneScaleSurvivesRebuilds();
    void hiddenLinesStayHiddenThroughCollapseAndMove();
    void hiddenAndClosedSurviveARestart();

private:
    void show(ChartView &chart, SymbolId id);
    std::unique_ptr<QSettings> settings(const QString &name) const
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }

    QTemporaryDir m_dir;
    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    SymbolId m_first = kInvalidSymbol;
    SymbolId m_second = kInvalidSymbol;
    std::vector<Bar> m_firstBars = rising(100.0);
    std::vector<Bar> m_secondBars = rising(5000.0);
};

void TestChartPaneState::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(m_dir.isValid());
    m_first = m_symbols->intern(makeSymbol(QStringLiteral("ONEUSD")));
    m_second = m_symbols->intern(makeSymbol(QStringLiteral("TWOUSD")));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    auto clock = std::make_shared<const ManualClock>(kStart + TimeMs(kBars) * kMinuteMs);
    auto first = std::make_shared<const std::vector<Bar>>(m_firstBars);
    auto second = std::make_shared<const std::vector<Bar>>(m_secondBars);
    const SymbolId a = m_first;
    const SymbolId b = m_second;
    QMetaObject::invokeMethod(
        engine,
        [=] {
            engine->setSourceClock(QStringLiteral("test"), clock, 2000);
            engine->loadHistory(a, first);
            engine->loadHistory(b, second);
        },
        Qt::BlockingQueuedConnection);
}

void TestChartPaneState::cleanupTestCase()
{
    MarketEngine::shutdown(m_engineThread);
}

void TestChartPaneState::show(ChartView &chart, SymbolId id)
{
    connect(m_engine, &MarketEngine::snapshotReady, &chart,
        [&chart](const MarketSnapshotPtr &snapshot) { chart.applySnapshot(*snapshot); });
    chart.resize(1100, 760);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.showSeries(id, Timeframe::M1);
    QTRY_COMPARE_WITH_TIMEOUT(chart.candleData()->size(), std::size_t(kBars), 10'000);
    QTRY_VERIFY(chart.lodReady());
    chart.plot()->replot();
}

void TestChartPaneState::changedParametersNamesTheIndicator()
{
    const auto changed
        = ChartState::changedParameters({kRsi, kMacd}, {kRsi, QStringLiteral("MACD:5,35,5")});
    QVERIFY(changed);
    QCOMPARE(changed->first, kMacd);
    QCOMPARE(changed->second, QStringLiteral("MACD:5,35,5"));
    // Another indicator, an added one, a reorder, two changes: not a parameter change.
    QVERIFY(!ChartState::changedParameters({kRsi}, {QStringLiteral("CCI:14")}));
    QVERIFY(!ChartState::changedParameters({kRsi}, {kRsi, kMacd}));
    QVERIFY(!ChartState::changedParameters({kRsi, kMacd}, {kMacd, kRsi}));
    QVERIFY(!ChartState::changedParameters(
        {kRsi, kMacd}, {QStringLiteral("RSI:21"), QStringLiteral("MACD:5,35,5")}));
}

void TestChartPaneState::followParametersMovesTheGuests()
{
    const QString smaOnRsi = QStringLiteral("SMA:9@RSI:14");
    const QString onRsi140 = QStringLiteral("SMA:9@RSI:140");
    const QString emaOnHist = QStringLiteral("EMA:5@MACD:12,26,9.hist");
    const QString chained = QStringLiteral("EMA:3@SMA:9@RSI:14");
    const QStringList before {kRsi, smaOnRsi, onRsi140, kMacd, emaOnHist, chained};
    QStringList after = before;
    after[0] = QStringLiteral("RSI:21");
    const auto renames = ChartState::followParameters(before, after);
    QCOMPARE(after,
        (QStringList {QStringLiteral("RSI:21"), QStringLiteral("SMA:9@RSI:21"), onRsi140, kMacd,
            emaOnHist, QStringLiteral("EMA:3@SMA:9@RSI:21")}));
    QCOMPARE(renames.size(), std::size_t(3));
    QCOMPARE(renames[0], std::make_pair(kRsi, QStringLiteral("RSI:21")));
    QCOMPARE(renames[1], std::make_pair(smaOnRsi, QStringLiteral("SMA:9@RSI:21")));
    QCOMPARE(renames[2], std::make_pair(chained, QStringLiteral("EMA:3@SMA:9@RSI:21")));
    // An output after the host's spec stays.
    after = before;
    after[3] = QStringLiteral("MACD:5,35,5");
    QCOMPARE(ChartState::followParameters(before, after).size(), std::size_t(2));
    QCOMPARE(after[4], QStringLiteral("EMA:5@MACD:5,35,5.hist"));
    // A guest whose new spec is on the chart already stays as it is.
    const QStringList withBoth {kRsi, smaOnRsi, QStringLiteral("SMA:9@RSI:21")};
    after = withBoth;
    after[0] = QStringLiteral("RSI:21");
    QCOMPARE(ChartState::followParameters(withBoth, after).size(), std::size_t(1));
    QCOMPARE(
        after, (QStringList {QStringLiteral("RSI:21"), smaOnRsi, QStringLiteral("SMA:9@RSI:21")}));
    // Not a parameter change: nothing renamed, nothing rewritten.
    after = {kMacd, smaOnRsi};
    QVERIFY(ChartState::followParameters({kRsi, smaOnRsi}, after).empty());
    QCOMPARE(after, (QStringList {kMacd, smaOnRsi}));
}

void TestChartPaneState::guestFollowsItsHostOnTheChart()
{
    const QString guest = QStringLiteral("SMA:9@RSI:14");
    const QString rsi21 = QStringLiteral("RSI:21");
    const QString guest21 = QStringLiteral("SMA:9@RSI:21");
    ChartView chart(m_symbols, m_engine);
    chart.setIndicatorSpecs({kRsi, guest});
    show(chart, m_first);
    QVERIFY(chart.indicatorPanes()->isGuest(guest));
    const QColor orange(0xff, 0x80, 0x10);
    chart.setIndicatorStyle(guest, {orange}, 2.5);
    std::unique_ptr<QMenu> menu(chart.paneLegend()->menuFor(guest, &chart));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    QVERIFY(chart.indicatorPanes()->isHidden(guest));

    // RSI's period changed in the indicator dialog, as the trader does it.
    chart.openIndicatorPicker();
    auto *picker = chart.findChild<IndicatorPicker *>();
    QVERIFY(picker);
    QVERIFY(picker->setParameter(0, 0, 21.0));
    QCOMPARE(chart.indicatorSpecs(), (QStringList {rsi21, guest21}));
    QCOMPARE(picker->specs(), (QStringList {rsi21, guest21}));
    QVERIFY2(chart.indicatorPanes()->isGuest(guest21), "the SMA left RSI's pane");
    QCOMPARE(chart.indicatorPanes()->paneOf(guest21), chart.paneLayout()->rectOf(rsi21));
    QCOMPARE(chart.paneCount(), 1);
    QVERIFY(chart.indicatorPanes()->isHidden(guest21));
    const ChartState state = chart.state();
    QCOMPARE(state.indicators.size(), std::size_t(2));
    QCOMPARE(state.indicators[1].spec, guest21);
    QCOMPARE(state.indicators[1].pane, rsi21);
    QCOMPARE(state.indicators[1].colors, std::vector<QColor> {orange});
    QCOMPARE(state.indicators[1].lineWidth, 2.5);
    // The SMA runs on RSI(21): its values are those of the engine's SMA:9@RSI:21.
    QCPGraph *line = chart.indicatorGraph(guest21, QStringLiteral("value"));
    QVERIFY(line);
    QTRY_VERIFY_WITH_TIMEOUT(line->data()->size() > 0, 10'000);
    // Another parameter change of the host goes on carrying the guest.
    QVERIFY(picker->setParameter(0, 0, 7.0));
    QCOMPARE(chart.indicatorSpecs(),
        (QStringList {QStringLiteral("RSI:7"), QStringLiteral("SMA:9@RSI:7")}));
    QVERIFY(chart.indicatorPanes()->isGuest(QStringLiteral("SMA:9@RSI:7")));
    // Removed from its legend, the picker's list follows.
    chart.setIndicatorSpecs({QStringLiteral("RSI:7")});
    QCOMPARE(picker->specs(), QStringList {QStringLiteral("RSI:7")});
    picker->close();
}

void TestChartPaneState::manualRangesSurviveARestart()
{
    const QString ini = QStringLiteral("ranges.ini");
    QCPRange price;
    QCPRange rsi;
    {
        MainWindow window(m_symbols, m_engine, settings(ini));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectSymbol(m_first);
        window.setTimeframe(Timeframe::M1);
        ChartView *chart = window.chart();
        chart->setIndicatorSpecs({kRsi});
        QTRY_COMPARE_WITH_TIMEOUT(chart->candleData()->size(), std::size_t(kBars), 10'000);
        QTRY_VERIFY(chart->lodReady());
        chart->plot()->replot();
        ChartScales *scales = chart->scales();
        scales->stretch(chart->pricePane(), 0.5);  // dragged: half the range
        QCPAxisRect *rsiPane = chart->paneLayout()->rectOf(kRsi);
        scales->stretch(rsiPane, 3.0);
        price = chart->pricePane()->axis(QCPAxis::atRight)->range();
        rsi = rsiPane->axis(QCPAxis::atRight)->range();
        QCOMPARE(scales->manualRange(chart->pricePane())->lower, price.lower);
        const ChartState state = chart->state();
        QVERIFY(state.pane(ChartState::kPricePane)->range);
        QCOMPARE(state.pane(kRsi)->range->second, rsi.upper);
        QVERIFY(!state.pane(ChartState::kVolumePane)->range);
        window.close();
    }
    MainWindow restored(m_symbols, m_engine, settings(ini));
    restored.resize(1440, 900);
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    ChartView *chart = restored.chart();
    QTRY_COMPARE_WITH_TIMEOUT(chart->candleData()->size(), std::size_t(kBars), 10'000);
    QTRY_VERIFY(chart->lodReady());
    chart->plot()->replot();
    QCPAxisRect *rsiPane = chart->paneLayout()->rectOf(kRsi);
    QVERIFY(rsiPane);
    QVERIFY(!chart->scales()->scale(chart->pricePane()).autoFit);
    QVERIFY(!chart->scales()->scale(rsiPane).autoFit);
    QVERIFY(chart->scales()->scale(chart->volumePane()).autoFit);
    const QCPRange shownPrice = chart->pricePane()->axis(QCPAxis::atRight)->range();
    const QCPRange shownRsi = rsiPane->axis(QCPAxis::atRight)->range();
    QCOMPARE(shownPrice.lower, price.lower);
    QCOMPARE(shownPrice.upper, price.upper);
    QCOMPARE(shownRsi.lower, rsi.lower);
    QCOMPARE(shownRsi.upper, rsi.upper);
    // A double-click on the axis still sends it back to fitting its bars.
    chart->scales()->resetAuto(chart->pricePane());
    QVERIFY(!chart->scales()->manualRange(chart->pricePane()));
    QVERIFY(!chart->state().pane(ChartState::kPricePane)->range);
}

void TestChartPaneState::badRangesAreRefused()
{
    // In the state's JSON: reversed, empty, not numbers, not two: each pane fits its bars.
    const std::optional<ChartState> state = ChartState::fromJson(
        R"({"panes":[{"id":"price","range":[70000,60000]},{"id":"volume","range":[5,5]},)"
        R"({"id":"RSI:14","range":["a","b"]},{"id":"MACD:12,26,9","range":[1,2,3]},)"
        R"({"id":"CCI:14","range":[-150.5,150.5]}]})");
    QVERIFY(state);
    QCOMPARE(state->panes.size(), std::size_t(5));
    for (std::size_t i = 0; i < 4; ++i)
        QVERIFY2(!state->panes[i].range, qPrintable(state->panes[i].id));
    QCOMPARE(state->panes[4].range, std::make_optional(std::make_pair(-150.5, 150.5)));
    QCOMPARE(ChartState::fromJson(state->toJson())->panes[4].range, state->panes[4].range);
    // On the chart: a log pane cannot show a range that reaches zero.
    ChartView chart(m_symbols, m_engine);
    show(chart, m_first);
    ChartScales *scales = chart.scales();
    PaneScale log;
    log.mode = ScaleMode::Log;
    scales->setPriceScale(log);
    QVERIFY(!scales->setManualRange(chart.pricePane(), QCPRange(0.0, 120.0)));
    QVERIFY(!scales->setManualRange(chart.pricePane(), QCPRange(120.0, 120.0)));
    QVERIFY(scales->priceScale().autoFit);
    QVERIFY(scales->setManualRange(chart.pricePane(), QCPRange(90.0, 120.0)));
    QVERIFY(!scales->priceScale().autoFit);
    QCOMPARE(chart.pricePane()->axis(QCPAxis::atRight)->range().lower, 90.0);
}

void TestChartPaneState::baselineDefaultsToTheFirstVisibleClose()
{
    ChartView chart(m_symbols, m_engine);
    chart.setChartType(ChartType::Baseline);
    show(chart, m_first);
    QVERIFY(std::isnan(chart.baselineLevel()));
    // The first bar whose centre is on screen, wherever the view is.
    const auto firstVisibleClose = [&] {
        const double lower = chart.visibleRange().lower;
        return m_firstBars[std::size_t(std::ceil(lower))].close;
    };
    QCOMPARE(chart.drawnBaselineLevel(), firstVisibleClose());
    QCPAxis *x = chart.pricePane()->axis(QCPAxis::atBottom);
    x->setRange(200.3, 320.3);
    QCOMPARE(chart.drawnBaselineLevel(), m_firstBars[201].close);
    QVERIFY(
        chart.drawnBaselineLevel() != chart.pricePane()->axis(QCPAxis::atRight)->range().center());
}

void TestChartPaneState::baselineSetByTheContextMenuIsKeptPerSymbol()
{
    ChartView chart(m_symbols, m_engine);
    show(chart, m_first);
    QRect pane = chart.pricePane()->rect();
    const QPoint at(pane.center().x(), pane.top() + pane.height() / 3);
    // Candles: the menu has the alert, no baseline.
    QMenu *menu = rightClick(chart, at);
    QVERIFY(menu);
    QVERIFY(!actionNamed(menu, QStringLiteral("setBaseline")));
    QVERIFY(actionTexted(menu, QStringLiteral("Collapse pane")) == nullptr);  // not for price
    QVERIFY(actionTexted(menu, QStringLiteral("Reset pane heights")));
    menu->close();

    chart.setChartType(ChartType::Baseline);
    chart.plot()->replot();
    pane = chart.pricePane()->rect();
    menu = rightClick(chart, at);
    QVERIFY(menu);
    const QList<QAction *> actions = menu->actions();
    QVERIFY(std::any_of(actions.begin(), actions.end(),
        [](QAction *a) { return a->text().startsWith(QStringLiteral("Add alert at")); }));
    QAction *set = actionNamed(menu, QStringLiteral("setBaseline"));
    QVERIFY(set);
    QVERIFY(!actionNamed(menu, QStringLiteral("resetBaseline")));  // nothing set yet
    const double price
        = std::round(chart.pricePane()->axis(QCPAxis::atRight)->pixelToCoord(at.y()) / 0.01) * 0.01;
    QCOMPARE(set->text(), QStringLiteral("Set baseline at %1").arg(price, 0, 'f', 2));
    QSignalSpy changed(&chart, &ChartView::stateChanged);
    set->trigger();
    menu->close();
    QCOMPARE(chart.baselineLevel(), price);
    QCOMPARE(chart.drawnBaselineLevel(), price);
    QCOMPARE(changed.count(), 1);
    const QString firstKey = m_symbols->symbol(m_first).key();
    QCOMPARE(chart.state().baselines.size(), std::size_t(1));
    QCOMPARE(chart.state().baselines.at(firstKey), price);

    // Another symbol has its own level: none, so its first visible close.
    chart.showSeries(m_second, Timeframe::M1);
    QTRY_COMPARE(chart.candleData()->size(), std::size_t(kBars));
    QVERIFY(std::isnan(chart.baselineLevel()));
    QVERIFY(chart.drawnBaselineLevel() > 4000.0);
    chart.showSeries(m_first, Timeframe::M1);
    QCOMPARE(chart.baselineLevel(), price);

    // Reset: back to the first visible close, and out of the state.
    menu = rightClick(chart, at);
    QVERIFY(menu);
    QAction *reset = actionNamed(menu, QStringLiteral("resetBaseline"));
    QVERIFY(reset);
    reset->trigger();
    menu->close();
    QVERIFY(std::isnan(chart.baselineLevel()));
    QVERIFY(chart.state().baselines.empty());
    // Bad input is refused, not drawn.
    chart.setBaselineLevel(-5.0);
    QVERIFY(std::isnan(chart.baselineLevel()));
    chart.setBaselineLevel(std::numeric_limits<double>::infinity());
    QVERIFY(std::isnan(chart.baselineLevel()));

    // The JSON keeps only positive prices.
    const auto parsed = ChartState::fromJson(
        QByteArrayLiteral(R"({"baselines": {"test:ONEUSD": 123.5, "test:TWOUSD": -1, "x": "a"}})"));
    QVERIFY(parsed);
    QCOMPARE(parsed->baselines.size(), std::size_t(1));
    QCOMPARE(parsed->baselines.at(QStringLiteral("test:ONEUSD")), 123.5);
}

void TestChartPaneState::baselineDraggedOnTheChart()
{
    ChartView chart(m_symbols, m_engine);
    chart.setChartType(ChartType::Baseline);
    show(chart, m_first);
    QCPAxis *y = chart.pricePane()->axis(QCPAxis::atRight);
    const QCPRange view = chart.visibleRange();
    const QPointF at(
        chart.pricePane()->rect().center().x(), y->coordToPixel(chart.drawnBaselineLevel()));
    const auto send = [&](QEvent::Type type, const QPointF &pos, Qt::MouseButtons buttons) {
        QMouseEvent event(
            type, pos, chart.plot()->mapToGlobal(pos), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(chart.plot(), &event);
    };
    // Hovering the line shows the handle's cursor.
    send(QEvent::MouseMove, at, Qt::NoButton);
    QCOMPARE(chart.plot()->cursor().shape(), Qt::SizeVerCursor);
    send(QEvent::MouseButtonPress, at, Qt::LeftButton);
    const QPointF to = at - QPointF(0, 60);
    send(QEvent::MouseMove, to, Qt::LeftButton);
    // While dragging the fill follows, nothing is set yet.
    QVERIFY(std::abs(chart.drawnBaselineLevel() - y->pixelToCoord(to.y())) < 1e-9);
    QVERIFY(chart.state().baselines.empty());
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
    const double expected = std::round(y->pixelToCoord(to.y()) / 0.01) * 0.01;
    QCOMPARE(chart.baselineLevel(), expected);
    QVERIFY(expected > m_firstBars[std::size_t(std::ceil(view.lower))].close);
    // A drag on the line never pans the chart.
    QCOMPARE(chart.visibleRange().lower, view.lower);
    QCOMPARE(chart.visibleRange().upper, view.upper);
    // Candles: the same press is not the handle's.
    chart.setChartType(ChartType::Candles);
    const QPointF line(at.x(), y->coordToPixel(expected));
    send(QEvent::MouseMove, line, Qt::NoButton);
    QVERIFY(chart.plot()->cursor().shape() != Qt::SizeVerCursor);
    send(QEvent::MouseButtonPress, line, Qt::LeftButton);
    send(QEvent::MouseMove, line - QPointF(0, 30), Qt::LeftButton);
    send(QEvent::MouseButtonRelease, line - QPointF(0, 30), Qt::NoButton);
    QCOMPARE(chart.baselineLevel(), expected);
}

void TestChartPaneState::baselineSurvivesARestart()
{
    const QString ini = QStringLiteral("baseline.ini");
    double level = 0.0;
    {
        MainWindow window(m_symbols, m_engine, settings(ini));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectSymbol(m_second);
        window.setTimeframe(Timeframe::M1);
        ChartView *chart = window.chart();
        chart->setChartType(ChartType::Baseline);
        QTRY_COMPARE_WITH_TIMEOUT(chart->candleData()->size(), std::size_t(kBars), 10'000);
        level = m_secondBars[kBars / 2].close;
        chart->setBaselineLevel(level);
        window.close();
    }
    MainWindow restored(m_symbols, m_engine, settings(ini));
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.currentSymbol(), m_second);
    QCOMPARE(restored.chart()->chartType(), ChartType::Baseline);
    QCOMPARE(restored.chart()->baselineLevel(), level);
    QCOMPARE(restored.chart()->drawnBaselineLevel(), level);
}

void TestChartPaneState::paneScaleSurvivesRebuilds()
{
    ChartView chart(m_symbols, m_engine);
    chart.setIndicatorSpecs({kRsi});
    show(chart, m_first);
    ChartScales *scales = chart.scales();
    QCPAxisRect *rsiPane = chart.paneLayout()->rectOf(kRsi);
    QVERIFY(rsiPane);
    PaneScale inverted = scales->scale(rsiPane);
    inverted.inverted = true;
    scales->setScale(rsiPane, inverted);
    scales->stretch(rsiPane, 2.0);  // dragged: manual, twice the range
    const QCPRange manual = rsiPane->axis(QCPAxis::atRight)->range();
    QVERIFY(rsiPane->axis(QCPAxis::atRight)->rangeReversed());
    // A drag on the pane's boundary too: its height is the trader's.
    const double height = chart.paneLayout()->height(kRsi) * 1.5;
    ChartState layout = chart.state();
    for (ChartState::Pane &pane : layout.panes) {
        if (pane.id == kRsi)
            pane.height = height;
    }
    chart.paneLayout()->restore(layout.panes);

    const auto check = [&](const QString &id, const char *when) {
        QCPAxisRect *pane = chart.paneLayout()->rectOf(id);
        QVERIFY2(pane, when);
        QCPAxis *axis = pane->axis(QCPAxis::atRight);
        const PaneScale scale = scales->scale(pane);
        QVERIFY2(scale.inverted && !scale.autoFit, when);
        QVERIFY2(axis->rangeReversed(), when);
        QVERIFY2(std::abs(axis->range().lower - manual.lower) < 1e-9
                && std::abs(axis->range().upper - manual.upper) < 1e-9,
            when);
        QVERIFY2(std::abs(chart.paneLayout()->height(id) - height) < 1e-9, when);
    };
    // Another indicator added: every pane is rebuilt, RSI's keeps its scale.
    chart.setIndicatorSpecs({kRsi, kMacd});
    QVERIFY(chart.paneLayout()->rectOf(kMacd));
    check(kRsi, "after MACD was added");
    // And the new pane starts at the default.
    QVERIFY(scales->scale(chart.paneLayout()->rectOf(kMacd)).autoFit);
    QVERIFY(!chart.paneLayout()->rectOf(kMacd)->axis(QCPAxis::atRight)->rangeReversed());
    // Its parameters changed in the indicator dialog: RSI:14 becomes RSI:21, same pane.
    chart.openIndicatorPicker();
    auto *picker = chart.findChild<IndicatorPicker *>();
    QVERIFY(picker);
    QVERIFY(picker->setParameter(0, 0, 21.0));
    const QString rsi21 = QStringLiteral("RSI:21");
    QCOMPARE(chart.indicatorSpecs(), (QStringList {rsi21, kMacd}));
    check(rsi21, "after its parameters changed");
    QCOMPARE(chart.paneLayout()->order().indexOf(rsi21), 2);
    // The other indicator removed: rebuilt again, still kept; and in the state.
    chart.setIndicatorSpecs({rsi21});
    check(rsi21, "after MACD was removed");
    chart.plot()->replot();
    check(rsi21, "after a replot");
    const ChartState state = chart.state();
    QCOMPARE(state.pane(rsi21)->scaleMode, QStringLiteral("linear,inverted"));
    // A pane's scale resets with a double-click on its axis, rebuilt or not.
    scales->resetAuto(chart.paneLayout()->rectOf(rsi21));
    chart.setIndicatorSpecs({rsi21, kMacd});
    QVERIFY(scales->scale(chart.paneLayout()->rectOf(rsi21)).autoFit);
    QVERIFY(chart.paneLayout()->rectOf(rsi21)->axis(QCPAxis::atRight)->rangeReversed());
    picker->close();
}

void TestChartPaneState::hiddenLinesStayHiddenThroughCollapseAndMove()
{
    ChartView chart(m_symbols, m_engine);
    chart.setIndicatorSpecs({kRsi, kMacd});
    show(chart, m_first);
    PaneLayout *layout = chart.paneLayout();
    QCPGraph *rsi = chart.indicatorGraph(kRsi, QStringLiteral("value"));
    QCPGraph *macd = chart.indicatorGraph(kMacd, QStringLiteral("macd"));
    QVERIFY(rsi && macd && rsi->visible() && macd->visible());
    // Hide RSI from its legend entry, as the trader does.
    std::unique_ptr<QMenu> menu(chart.paneLegend()->menuFor(kRsi, &chart));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    QVERIFY(chart.indicatorPanes()->isHidden(kRsi));
    QVERIFY(!rsi->visible());

    layout->setCollapsed(kRsi, true);
    layout->setCollapsed(kRsi, false);
    QVERIFY2(!rsi->visible(), "expanding its pane showed a hidden line");
    QVERIFY(macd->visible());
    layout->moveUp(kRsi);
    layout->moveDown(kRsi);
    layout->moveUp(kMacd);
    QVERIFY2(!rsi->visible(), "moving a pane showed a hidden line");
    layout->resetHeights();
    layout->closePane(ChartState::kVolumePane);
    layout->showVolume();
    QVERIFY(!rsi->visible());
    QVERIFY(macd->visible());
    // The histogram's bars follow the same rule as the lines.
    QCPBars *histogram = chart.indicatorPanes()->histogram(kMacd, true);
    layout->setCollapsed(kMacd, true);
    QVERIFY(!macd->visible() && !histogram->visible());
    layout->setCollapsed(kMacd, false);
    QVERIFY(macd->visible() && histogram->visible());

    // Shown again while its pane is collapsed: it stays off until the pane opens.
    layout->setCollapsed(kRsi, true);
    menu.reset(chart.paneLegend()->menuFor(kRsi, &chart));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    QVERIFY(!chart.indicatorPanes()->isHidden(kRsi));
    QVERIFY2(!rsi->visible(), "a line shown again drew on its collapsed pane");
    layout->setCollapsed(kRsi, false);
    QVERIFY(rsi->visible());
}

void TestChartPaneState::hiddenAndClosedSurviveARestart()
{
    const QString ini = QStringLiteral("panes.ini");
    {
        MainWindow window(m_symbols, m_engine, settings(ini));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectSymbol(m_first);
        window.setTimeframe(Timeframe::M1);
        ChartView *chart = window.chart();
        chart->setIndicatorSpecs({kRsi, kMacd, QStringLiteral("SMA:20")});
        QTRY_COMPARE_WITH_TIMEOUT(chart->candleData()->size(), std::size_t(kBars), 10'000);
        std::unique_ptr<QMenu> menu(chart->paneLegend()->menuFor(kMacd, chart));
        menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
        menu.reset(chart->paneLegend()->menuFor(QStringLiteral("SMA:20"), chart));
        menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
        chart->paneLayout()->setCollapsed(kMacd, true);
        // Closing: RSI's pane (its indicator goes) and the volume pane (hidden).
        chart->paneLayout()->closePane(kRsi);
        chart->paneLayout()->closePane(ChartState::kVolumePane);
        QCOMPARE(chart->indicatorSpecs(), (QStringList {kMacd, QStringLiteral("SMA:20")}));
        window.close();
    }
    MainWindow restored(m_symbols, m_engine, settings(ini));
    restored.resize(1440, 900);
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    ChartView *chart = restored.chart();
    QTRY_COMPARE_WITH_TIMEOUT(chart->candleData()->size(), std::size_t(kBars), 10'000);
    QCOMPARE(chart->indicatorSpecs(), (QStringList {kMacd, QStringLiteral("SMA:20")}));
    QVERIFY(!chart->paneLayout()->rectOf(kRsi));
    QVERIFY(chart->paneLayout()->isClosed(ChartState::kVolumePane));
    QVERIFY(!chart->volumePane()->visible());
    QVERIFY(chart->paneLayout()->isCollapsed(kMacd));
    QVERIFY(chart->indicatorPanes()->isHidden(kMacd));
    QVERIFY(chart->indicatorPanes()->isHidden(QStringLiteral("SMA:20")));
    QVERIFY(!chart->indicatorGraph(QStringLiteral("SMA:20"), QStringLiteral("value"))->visible());
    // Expanded after the restart, the hidden MACD stays hidden.
    chart->paneLayout()->setCollapsed(kMacd, false);
    QVERIFY(!chart->indicatorGraph(kMacd, QStringLiteral("macd"))->visible());
    QVERIFY(!chart->indicatorPanes()->histogram(kMacd, true)->visible());
}

QTEST_MAIN(TestChartPaneState)
#include "test_chart_pane_state.moc"
