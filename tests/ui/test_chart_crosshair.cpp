// The chart's crosshair and legends on a real MarketEngine: one vertical line
// at the same pixel x in every pane, snapped to the nearest bar; the strong
// magnet snaps to the nearest of the bar's OHLC and the weak one only near
// them; the price and pane legends show the values of the bar under the mouse
// (checked against the loaded bars and the indicators' own batch results);
// a mouse move repaints the crosshair's layer, never the whole plot, and a
// burst paints once; the keys move it; a legend line's menu hides, shows and
// removes its indicator; legend lines never run past their pane.
// WICK_CROSSHAIR_PNG=file: also writes the chart with the crosshair there.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <vector>

#include <QAction>
#include <QElapsedTimer>
#include <QMenu>
#include <QMouseEvent>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QWindow>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartCrosshair.h"
#include "chart/ChartLegend.h"
#include "chart/ChartPlot.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/PaneLegend.h"
#include "chart/RepaintScheduler.h"
#include "engine/MarketEngine.h"
#include "format/NumberFormat.h"
#include "indicators/IndicatorRegistry.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1709510400000;  // 2024-03-04T00:00:00Z
constexpr std::size_t kBars = 3000;
const QString kRsi = QStringLiteral("RSI:14");
const QString kMacd = QStringLiteral("MACD:12,26,9");
const QString kSma = QStringLiteral("SMA:20");

std::vector<Bar> randomBars(std::size_t count, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> step(0.0, 0.5);
    std::uniform_real_distribution<double> wick(0.2, 1.5);
    std::uniform_int_distribution<int> volume(1, 500);
    std::vector<Bar> bars(count);
    double price = 1000.0;
    for (std::size_t i = 0; i < count; ++i) {
        Bar &b = bars[i];
        b.time = kStart + static_cast<TimeMs>(i) * kMinuteMs;
        b.open = std::round(price * 100.0) / 100.0;
        price = std::max(10.0, price + step(rng));
        b.close = std::round(price * 100.0) / 100.0;
        b.high = std::round((std::max(b.open, b.close) + wick(rng)) * 100.0) / 100.0;
        b.low = std::round((std::min(b.open, b.close) - wick(rng)) * 100.0) / 100.0;
        b.volume = volume(rng);
        b.tradeCount = 1;
    }
    return bars;
}

std::vector<std::vector<double>> batch(const QString &text, const std::vector<Bar> &bars)
{
    QString error;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &error);
    std::unique_ptr<Indicator> indicator = createIndicator(*spec, &error);
    std::vector<std::vector<double>> outs;
    indicator->batch(bars.data(), bars.size(), outs);
    return outs;
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

// A RepaintScheduler whose frames note when they start, spin busyMs (the
// replot and paint) and then say they painted, as afterReplot does.
struct TimedFrames {
    TimedFrames() { clock.start(); }
    QElapsedTimer clock;
    std::vector<qint64> starts;
    int busyMs = 0;
    RepaintScheduler scheduler {[this](Repaint) {
        starts.push_back(clock.elapsed());
        QElapsedTimer busy;
        busy.start();
        while (busy.elapsed() < busyMs) { }
        scheduler.painted();
    }};
};

class TestChartCrosshair final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void verticalLineHasTheSameXInEveryPane();
    void snapsToTheNearestBar();
    void magnetSnapsToOhlc();
    void legendsShowTheBarUnderTheMouse();
    void mouseMovesRepaintOnlyTheCrosshair();
    void partialRepaintsLeaveNoTrails();
    void replotsLeaveNoTrails();
    void keysMoveAndHideIt();
    void legendMenuHidesShowsAndRemoves();
    void legendsStayInsideTheirPanes();
    void framesStartAFrameApartWhateverTheirPaintCosts();
    void cheapFramesComeFasterThanSixtyHertz();

private:
    ChartPlot *plot() const { return static_cast<ChartPlot *>(m_chart->plot()); }
    QCPAxisRect *pricePane() const { return plot()->axisRect(); }
    QList<QCPAxisRect *> panes() const;
    void moveMouse(const QPointF &pos);
    // Waits for the next paint (the legends follow the crosshair in its frame).
    void waitForPaint(std::uint64_t after);
    // A pixel in the price pane over bar i (its centre), at height y.
    QPointF overBar(std::size_t i, double y) const;

    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    std::unique_ptr<ChartView> m_chart;
    SymbolId m_id = kInvalidSymbol;
    std::vector<Bar> m_bars = randomBars(kBars, 5);
};

void TestChartCrosshair::initTestCase()
{
    m_id = m_symbols->intern(testSymbol(QStringLiteral("CROSSUSD")));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    const TimeMs end = kStart + static_cast<TimeMs>(m_bars.size()) * kMinuteMs;
    auto clock = std::make_shared<const ManualClock>(end);
    QMetaObject::invokeMethod(
        engine, [engine, clock] { engine->setSourceClock(QStringLiteral("test"), clock, 2000); },
        Qt::QueuedConnection);
    auto minutes = std::make_shared<const std::vector<Bar>>(m_bars);
    const SymbolId id = m_id;
    QMetaObject::invokeMethod(
        engine, [engine, id, minutes] { engine->loadHistory(id, minutes); }, Qt::QueuedConnection);

    m_chart = std::make_unique<ChartView>(m_symbols, m_engine);
    connect(m_engine, &MarketEngine::snapshotReady, m_chart.get(),
        [this](const MarketSnapshotPtr &snapshot) { m_chart->applySnapshot(*snapshot); });
    m_chart->resize(1200, 800);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
    m_chart->showSeries(m_id, Timeframe::M1);
    QTRY_COMPARE(m_chart->candleCount() > 0, true);
}

void TestChartCrosshair::cleanupTestCase()
{
    m_chart.reset();
    MarketEngine::shutdown(m_engineThread);
}

void TestChartCrosshair::init()
{
    // Price, volume, RSI and MACD panes and an SMA overlay, all with values.
    m_chart->setIndicatorSpecs({kSma, kRsi, kMacd});
    m_chart->crosshair()->setMagnet(ChartCrosshair::Magnet::Off);
    m_chart->crosshair()->hide();
    QCOMPARE(m_chart->paneCount(), 2);
    for (const QString &spec : {kSma, kRsi}) {
        QCPGraph *graph = m_chart->indicatorGraph(spec, QStringLiteral("value"));
        QVERIFY(graph);
        QTRY_VERIFY(!graph->data()->isEmpty());  // the handed slice
    }
    QTRY_VERIFY(!m_chart->indicatorGraph(kMacd, QStringLiteral("macd"))->data()->isEmpty());
    // Every bar and its levels in, so no late snapshot or level moves the view
    // between a test's pixel and its check (under load they can land late).
    QTRY_COMPARE(m_chart->candleData()->size(), kBars);
    QTRY_VERIFY(m_chart->lodReady());
    // 150 bars on screen, the newest at the right.
    QCPAxis *x = pricePane()->axis(QCPAxis::atBottom);
    x->setRange(double(kBars) - 150.0, double(kBars) + 8.0);
    plot()->replot(QCustomPlot::rpImmediateRefresh);
}

QList<QCPAxisRect *> TestChartCrosshair::panes() const
{
    QList<QCPAxisRect *> result;
    for (QCPAxisRect *rect : plot()->axisRects())
        result.append(rect);
    return result;
}

void TestChartCrosshair::moveMouse(const QPointF &pos)
{
    QMouseEvent move(QEvent::MouseMove, pos, plot()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
        Qt::NoModifier);
    QApplication::sendEvent(plot(), &move);
}

void TestChartCrosshair::waitForPaint(std::uint64_t after)
{
    QTRY_VERIFY(plot()->paintCount() > after);
}

QPointF TestChartCrosshair::overBar(std::size_t i, double y) const
{
    return QPointF(pricePane()->axis(QCPAxis::atBottom)->coordToPixel(double(i)), y);
}

void TestChartCrosshair::verticalLineHasTheSameXInEveryPane()
{
    const std::size_t bar = kBars - 40;
    moveMouse(overBar(bar, pricePane()->center().y()));
    QVERIFY(m_chart->crosshair()->isShown());
    QCOMPARE(*m_chart->crosshair()->bar(), bar);
    const QList<QCPAxisRect *> all = panes();
    QCOMPARE(all.size(), 4);  // price, volume, RSI, MACD
    const double x = m_chart->crosshair()->lineX();
    for (QCPAxisRect *pane : all)
        QCOMPARE(m_chart->crosshair()->lineX(pane), x);

    // And on screen: the line's colour down column x of every pane.
    QTest::qWait(50);
    const QImage image = plot()->grab().toImage();
    if (const QByteArray png = qgetenv("WICK_CROSSHAIR_PNG"); !png.isEmpty())
        image.save(QString::fromLocal8Bit(png));
    const QRgb line = Theme::dark().crosshair.rgb();
    const int column = static_cast<int>(std::lround(x));
    const qreal dpr = image.devicePixelRatio();
    for (QCPAxisRect *pane : all) {
        int hits = 0;
        int beside = 0;
        for (int y = pane->top(); y <= pane->bottom(); ++y) {
            hits += image.pixel(int(column * dpr), int(y * dpr)) == line;
            beside += image.pixel(int((column + 3) * dpr), int(y * dpr)) == line;
        }
        // A 4-on-4-off dash: about half the column.
        QVERIFY2(hits >= pane->height() / 3,
            qPrintable(QStringLiteral("%1 of %2 px").arg(hits).arg(pane->height())));
        QVERIFY(beside < hits / 4);
    }
}

void TestChartCrosshair::snapsToTheNearestBar()
{
    QCPAxis *x = pricePane()->axis(QCPAxis::atBottom);
    const double y = pricePane()->center().y();
    const std::size_t bar = kBars - 70;
    moveMouse(QPointF(x->coordToPixel(double(bar) + 0.3), y));
    QCOMPARE(*m_chart->crosshair()->bar(), bar);
    QCOMPARE(m_chart->crosshair()->lineX(), x->coordToPixel(double(bar)));
    moveMouse(QPointF(x->coordToPixel(double(bar) + 0.7), y));
    QCOMPARE(*m_chart->crosshair()->bar(), bar + 1);
    QCOMPARE(m_chart->crosshair()->lineX(), x->coordToPixel(double(bar + 1)));
    // Right of the last bar: the last bar.
    moveMouse(QPointF(x->coordToPixel(double(kBars) + 5.0), y));
    QCOMPARE(*m_chart->crosshair()->bar(), kBars - 1);
    // Over a sub-pane: the same bar, the line in that pane.
    QCPAxisRect *rsi = m_chart->indicatorPanes()->paneOf(kRsi);
    moveMouse(QPointF(x->coordToPixel(double(bar)), rsi->center().y()));
    QCOMPARE(*m_chart->crosshair()->bar(), bar);
    QCOMPARE(m_chart->crosshair()->pane(), rsi);
    QCOMPARE(m_chart->crosshair()->value(),
        rsi->axis(QCPAxis::atRight)->pixelToCoord(rsi->center().y()));
}

void TestChartCrosshair::magnetSnapsToOhlc()
{
    ChartCrosshair *crosshair = m_chart->crosshair();
    QCPAxis *y = pricePane()->axis(QCPAxis::atRight);
    const std::size_t bar = kBars - 25;
    const Bar &b = m_bars[bar];
    // Just above the high, and far below the low.
    const double nearHigh = y->coordToPixel(b.high) - 3.0;
    const double farBelow = std::min(y->coordToPixel(b.low) + 60.0, pricePane()->bottom() - 1.0);
    QVERIFY(farBelow - y->coordToPixel(b.low) > ChartCrosshair::kWeakMagnetPx);

    moveMouse(overBar(bar, nearHigh));
    QCOMPARE(crosshair->value(), y->pixelToCoord(nearHigh));  // off: where the mouse is

    crosshair->setMagnet(ChartCrosshair::Magnet::Strong);
    QCOMPARE(crosshair->value(), b.high);  // re-snapped where it stands
    moveMouse(overBar(bar, farBelow));
    QCOMPARE(crosshair->value(), b.low);
    // Between open and close: whichever is nearer in pixels.
    const double mid = (y->coordToPixel(b.open) * 0.3 + y->coordToPixel(b.close) * 0.7);
    moveMouse(overBar(bar, mid));
    QCOMPARE(crosshair->value(), b.close);
    QCOMPARE(crosshair->lineY(), y->coordToPixel(b.close));

    crosshair->setMagnet(ChartCrosshair::Magnet::Weak);
    moveMouse(overBar(bar, nearHigh));
    QCOMPARE(crosshair->value(), b.high);
    moveMouse(overBar(bar, farBelow));
    QCOMPARE(crosshair->value(), y->pixelToCoord(farBelow));

    // Sub-panes have no OHLC: the value is where the mouse is.
    crosshair->setMagnet(ChartCrosshair::Magnet::Strong);
    QCPAxisRect *rsi = m_chart->indicatorPanes()->paneOf(kRsi);
    moveMouse(QPointF(overBar(bar, 0).x(), rsi->center().y()));
    QCOMPARE(crosshair->value(), rsi->axis(QCPAxis::atRight)->pixelToCoord(rsi->center().y()));
}

void TestChartCrosshair::legendsShowTheBarUnderTheMouse()
{
    const std::vector<std::vector<double>> rsi = batch(kRsi, m_bars);
    const std::vector<std::vector<double>> sma = batch(kSma, m_bars);
    const std::vector<std::vector<double>> macd = batch(kMacd, m_bars);
    const auto check = [&](std::size_t i) {
        const Bar &b = m_bars[i];
        const QString legend = m_chart->legendText();
        for (double v : {b.open, b.high, b.low, b.close})
            QVERIFY2(legend.contains(format::price(v, 2)), qPrintable(legend));
        QVERIFY2(legend.contains(format::volume(b.volume)), qPrintable(legend));
        const double change = b.close - m_bars[i - 1].close;
        QVERIFY2(legend.contains(format::price(std::abs(change), 2)), qPrintable(legend));
        const QString rsiLine = m_chart->paneLegend()->lineText(kRsi);
        QVERIFY2(rsiLine.contains(IndicatorPanes::paneValueText(rsi[0][i])), qPrintable(rsiLine));
        const QString macdLine = m_chart->paneLegend()->lineText(kMacd);
        for (const std::vector<double> &output : macd)
            QVERIFY2(
                macdLine.contains(IndicatorPanes::paneValueText(output[i])), qPrintable(macdLine));
        const QString overlays = m_chart->paneLegend()->overlayText();
        QVERIFY2(overlays.contains(format::price(sma[0][i], 2)), qPrintable(overlays));
    };
    const std::size_t bar = kBars - 90;
    std::uint64_t paints = plot()->paintCount();
    moveMouse(overBar(bar, pricePane()->center().y()));
    waitForPaint(paints);
    check(bar);
    QCPAxisRect *macdPane = m_chart->indicatorPanes()->paneOf(kMacd);
    paints = plot()->paintCount();
    moveMouse(QPointF(overBar(bar + 7, 0).x(), macdPane->center().y()));
    waitForPaint(paints);
    check(bar + 7);
    // The mouse leaves: the last bar again.
    paints = plot()->paintCount();
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(plot(), &leave);
    QVERIFY(!m_chart->crosshair()->isShown());
    waitForPaint(paints);
    check(kBars - 1);
}

void TestChartCrosshair::mouseMovesRepaintOnlyTheCrosshair()
{
    QTest::qWait(100);  // whatever the setup scheduled is drawn
    QSignalSpy replots(plot(), &QCustomPlot::afterReplot);
    const std::uint64_t paintsBefore = plot()->paintCount();
    const QList<QCPAxisRect *> all = panes();
    for (int i = 0; i < 20; ++i) {
        const std::uint64_t paints = plot()->paintCount();
        QCPAxisRect *pane = all.at(i % all.size());
        moveMouse(QPointF(pane->left() + 30 + i * 25, pane->center().y() + (i % 3) * 4));
        QTRY_VERIFY(plot()->paintCount() > paints);
        QTest::qWait(20);
    }
    QCOMPARE(replots.count(), 0);
    QVERIFY(plot()->paintCount() >= paintsBefore + 20);

    // A burst within one frame: its first move paints at once, the rest once
    // at the frame's end, at the bar where it ended.
    QTest::qWait(50);
    const std::uint64_t beforeBurst = plot()->paintCount();
    for (int i = 0; i < 15; ++i)
        moveMouse(overBar(kBars - 100 + std::size_t(i), pricePane()->center().y()));
    QTest::qWait(80);
    QVERIFY(plot()->paintCount() >= beforeBurst + 1);
    QVERIFY(plot()->paintCount() <= beforeBurst + 2);
    QCOMPARE(*m_chart->crosshair()->bar(), kBars - 86);
    QCOMPARE(replots.count(), 0);
}

void TestChartCrosshair::partialRepaintsLeaveNoTrails()
{
    // What the window shows after moves painted in part (its backing store)
    // equals a full replot of the same state.
    const auto screen = [this] {
        QWindow *window = m_chart->window()->windowHandle();
        return window->screen()->grabWindow(window->winId()).toImage();
    };
    QSignalSpy replots(plot(), &QCustomPlot::afterReplot);
    const QList<QCPAxisRect *> all = panes();
    for (int i = 0; i < 12; ++i) {
        const std::uint64_t paints = plot()->paintCount();
        QCPAxisRect *pane = all.at(i % all.size());
        moveMouse(QPointF(pane->left() + 40 + i * 61, pane->top() + 10 + i * 7 % pane->height()));
        waitForPaint(paints);
        QTest::qWait(20);
    }
    QCOMPARE(replots.count(), 0);
    const QImage partial = screen();
    QVERIFY(!partial.isNull());
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    QTest::qWait(20);
    const QImage full = screen();
    QCOMPARE(partial.size(), full.size());
    QVERIFY(partial == full);
}

void TestChartCrosshair::replotsLeaveNoTrails()
{
    // Each replot clears only what the last one drew on the crosshair's
    // layer: after replots at one bar and then another, the plot shows what
    // buffers cleared in full show (a resize reallocates them).
    moveMouse(overBar(kBars - 150, pricePane()->center().y() - 30));
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    QTest::qWait(20);
    moveMouse(overBar(kBars - 60, pricePane()->center().y()));
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    QTest::qWait(20);
    const QImage incremental = plot()->grab().toImage();
    const QSize size = plot()->size();
    plot()->resize(size + QSize(1, 1));
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    plot()->resize(size);
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    QTest::qWait(50);
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QImage fresh = plot()->grab().toImage();
    QCOMPARE(incremental.size(), fresh.size());
    QVERIFY(incremental == fresh);
}

void TestChartCrosshair::keysMoveAndHideIt()
{
    ChartCrosshair *crosshair = m_chart->crosshair();
    plot()->setFocus();
    const std::size_t bar = kBars - 30;
    moveMouse(overBar(bar, pricePane()->center().y()));
    QTest::keyClick(plot(), Qt::Key_Left);
    QCOMPARE(*crosshair->bar(), bar - 1);
    QCOMPARE(crosshair->lineX(), overBar(bar - 1, 0).x());
    QTest::keyClick(plot(), Qt::Key_Right);
    QTest::keyClick(plot(), Qt::Key_Right);
    QCOMPARE(*crosshair->bar(), bar + 1);
    QTRY_VERIFY(m_chart->legendText().contains(format::price(m_bars[bar + 1].close, 2)));
    QTest::keyClick(plot(), Qt::Key_End);
    QCOMPARE(*crosshair->bar(), kBars - 1);
    // Home: the first bar, brought into view.
    QTest::keyClick(plot(), Qt::Key_Home);
    QCOMPARE(*crosshair->bar(), std::size_t(0));
    QVERIFY(m_chart->visibleRange().contains(0.0));
    QTRY_VERIFY(m_chart->legendText().contains(format::price(m_bars[0].open, 2)));
    QTest::keyClick(plot(), Qt::Key_Escape);
    QVERIFY(!crosshair->isShown());
    // From hidden, an arrow shows it at the last bar.
    QTest::keyClick(plot(), Qt::Key_Left);
    QCOMPARE(*crosshair->bar(), kBars - 1);
}

void TestChartCrosshair::legendMenuHidesShowsAndRemoves()
{
    PaneLegend *legend = m_chart->paneLegend();
    QCPGraph *rsi = m_chart->indicatorGraph(kRsi, QStringLiteral("value"));
    QVERIFY(rsi->visible());
    std::unique_ptr<QMenu> menu(legend->menuFor(kRsi, m_chart.get()));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    QVERIFY(!rsi->visible());
    QVERIFY(legend->lineText(kRsi).contains(QStringLiteral("hidden")));
    menu.reset(legend->menuFor(kRsi, m_chart.get()));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    QVERIFY(rsi->visible());
    QVERIFY(!legend->lineText(kRsi).contains(QStringLiteral("hidden")));

    menu.reset(legend->menuFor(kSma, m_chart.get()));
    menu->findChild<QAction *>(QStringLiteral("legendRemove"))->trigger();
    QTRY_COMPARE(m_chart->indicatorSpecs(), QStringList({kRsi, kMacd}));
    QVERIFY(!legend->line(kSma));
    QVERIFY(!legend->overlayText().contains(QStringLiteral("SMA")));
}

void TestChartCrosshair::legendsStayInsideTheirPanes()
{
    // Narrow: the price legend (symbol, OHLC, change, volume) and the MACD line
    // are wider than their panes and are elided.
    m_chart->resize(430, 800);
    QTest::qWait(100);
    QCOMPARE(m_chart->width(), 430);
    plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QList<ChartLegend *> lines = plot()->findChildren<ChartLegend *>();
    QVERIFY(lines.size() >= 4);
    bool elided = false;
    for (ChartLegend *line : lines) {
        QVERIFY2(line->geometry().right() <= pricePane()->right(),
            qPrintable(QStringLiteral("%1 ends at %2, the pane at %3")
                           .arg(line->text())
                           .arg(line->geometry().right())
                           .arg(pricePane()->right())));
        elided = elided || line->naturalWidth() > line->width();
    }
    QVERIFY(elided);
    m_chart->resize(1200, 800);
    QTest::qWait(50);
}

void TestChartCrosshair::framesStartAFrameApartWhateverTheirPaintCosts()
{
    // A frame's replot and paint took 30 ms: a trade after it paints on the
    // next pass (the frame clock runs from each frame's start, not from the
    // replot's end, which would add a frame); a burst within a frame paints
    // once, at that frame's boundary.
    TimedFrames timed;
    RepaintScheduler &frames = timed.scheduler;
    std::vector<qint64> &starts = timed.starts;
    int &busyMs = timed.busyMs;
    busyMs = 30;
    frames.invalidate(Repaint::Light);
    QTRY_COMPARE(starts.size(), std::size_t(1));
    frames.invalidate(Repaint::Light);
    QTRY_COMPARE(starts.size(), std::size_t(2));
    QVERIFY2(starts[1] - starts[0] < 30 + RepaintScheduler::kFrameIntervalMs - 2,
        qPrintable(QStringLiteral("frames %1 ms apart").arg(starts[1] - starts[0])));

    busyMs = 0;
    QTest::qWait(40);
    frames.invalidate(Repaint::Light);
    QTRY_COMPARE(starts.size(), std::size_t(3));
    for (int i = 0; i < 10; ++i) {
        frames.invalidate(Repaint::Light);
        QTest::qWait(1);
    }
    QTRY_COMPARE(starts.size(), std::size_t(4));
    QTest::qWait(40);
    QCOMPARE(starts.size(), std::size_t(4));
    QVERIFY2(starts[3] - starts[2] >= RepaintScheduler::kFrameIntervalMs,
        qPrintable(QStringLiteral("frames %1 ms apart").arg(starts[3] - starts[2])));
}

void TestChartCrosshair::cheapFramesComeFasterThanSixtyHertz()
{
    // Frames that cost next to nothing: a Light frame lasts less than a 60 Hz
    // frame, never less than kMinFrameIntervalMs. Frames that cost 6 ms (three
    // times that is more than a 60 Hz frame) go back to 60 Hz. A cursor frame
    // stays a 60 Hz frame either way. The intervals are asserted through
    // frameIntervalNs (what the scheduler will wait), the wall-clock gaps only
    // from below, so a loaded machine cannot make the test fail.
    constexpr qint64 ms = 1'000'000;
    TimedFrames timed;
    RepaintScheduler &frames = timed.scheduler;
    std::vector<qint64> &starts = timed.starts;
    int &busyMs = timed.busyMs;
    busyMs = 0;
    QCOMPARE(frames.frameIntervalNs(Repaint::Light), RepaintScheduler::kMinFrameIntervalMs * ms);
    QCOMPARE(frames.frameIntervalNs(Repaint::Cursor), RepaintScheduler::kFrameIntervalMs * ms);
    const auto stream = [&](Repaint level, int forMs) {
        starts.clear();
        QElapsedTimer run;
        run.start();
        while (run.elapsed() < forMs) {
            frames.invalidate(level);
            QTest::qWait(1);
        }
        QTest::qWait(40);
    };
    const auto shortestGap = [&] {
        qint64 shortest = std::numeric_limits<qint64>::max();
        for (std::size_t i = 1; i < starts.size(); ++i)
            shortest = std::min(shortest, starts[i] - starts[i - 1]);
        return shortest;
    };
    stream(Repaint::Light, 200);
    QVERIFY(starts.size() >= 4);
    QVERIFY2(shortestGap() >= RepaintScheduler::kMinFrameIntervalMs - 1,
        qPrintable(QStringLiteral("frames %1 ms apart").arg(shortestGap())));
    const qint64 cheap = frames.frameIntervalNs(Repaint::Light);
    QVERIFY2(cheap < RepaintScheduler::kFrameIntervalMs * ms,
        qPrintable(QStringLiteral("cheap frames last %1 ns").arg(cheap)));
    QCOMPARE(frames.frameIntervalNs(Repaint::Cursor), RepaintScheduler::kFrameIntervalMs * ms);
    stream(Repaint::Cursor, 200);
    QVERIFY(starts.size() >= 4);
    QVERIFY2(shortestGap() >= RepaintScheduler::kFrameIntervalMs - 1,
        qPrintable(QStringLiteral("cursor frames %1 ms apart").arg(shortestGap())));
    busyMs = 6;
    stream(Repaint::Light, 200);
    QVERIFY(starts.size() >= 4);
    QCOMPARE(frames.frameIntervalNs(Repaint::Light), RepaintScheduler::kFrameIntervalMs * ms);
    // The first 6 ms frame may still start on the cheap interval.
    starts.erase(starts.begin());
    QVERIFY2(shortestGap() >= RepaintScheduler::kFrameIntervalMs - 1,
        qPrintable(QStringLiteral("6 ms frames %1 ms apart").arg(shortestGap())));
}

QTEST_MAIN(TestChartCrosshair)
#include "test_chart_crosshair.moc"
