// The legend's Settings on a real chart: the entry's Settings action opens
// the style dialog with the outputs' colours as drawn; a colour and a width
// chosen there are drawn at once (the graph's pen) and kept in the chart's
// state; a hidden indicator is saved in ChartState (JSON round trip) and
// restored hidden on another chart.
#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include <QAction>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "chart/ChartState.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/IndicatorStyleDialog.h"
#include "chart/PaneLegend.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1'709'251'200'000;  // 2024-03-01T00:00:00Z
constexpr int kBars = 400;
const QString kRsi = QStringLiteral("RSI:14");
const QString kBands = QStringLiteral("BBANDS:20,2,2");

std::vector<Bar> walk()
{
    std::vector<Bar> bars(kBars);
    std::mt19937_64 rng(3);
    std::normal_distribution<double> step(0.0, 0.5);
    double price = 1000.0;
    for (int i = 0; i < kBars; ++i) {
        Bar &b = bars[std::size_t(i)];
        b.time = kStart + TimeMs(i) * kMinuteMs;
        b.open = price;
        price += step(rng);
        b.close = price;
        b.high = std::max(b.open, b.close) + 0.3;
        b.low = std::min(b.open, b.close) - 0.3;
        b.volume = 10.0 + double(i % 7);
        b.tradeCount = 1;
    }
    return bars;
}

}  // namespace

class TestLegendSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void settingsSetColourAndWidth();
    void hiddenIsSavedAndRestored();

private:
    std::unique_ptr<ChartView> newChart();
    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    MarketEngine *m_engine = nullptr;
    QThread *m_engineThread = nullptr;
    SymbolId m_id = kInvalidSymbol;
};

void TestLegendSettings::initTestCase()
{
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = QStringLiteral("STYLEUSD");
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.tickSize = 0.01;
    m_id = m_symbols->intern(s);
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    auto clock = std::make_shared<const ManualClock>(kStart + TimeMs(kBars) * kMinuteMs);
    auto minutes = std::make_shared<const std::vector<Bar>>(walk());
    const SymbolId id = m_id;
    QMetaObject::invokeMethod(
        engine,
        [engine, clock, id, minutes] {
            engine->setSourceClock(QStringLiteral("test"), clock, 2000);
            engine->loadHistory(id, minutes);
        },
        Qt::BlockingQueuedConnection);
}

void TestLegendSettings::cleanupTestCase()
{
    MarketEngine::shutdown(m_engineThread);
}

std::unique_ptr<ChartView> TestLegendSettings::newChart()
{
    auto chart = std::make_unique<ChartView>(m_symbols, m_engine);
    ChartView *view = chart.get();
    connect(m_engine, &MarketEngine::snapshotReady, view,
        [view](const MarketSnapshotPtr &snapshot) { view->applySnapshot(*snapshot); });
    chart->resize(1000, 700);
    chart->show();
    return chart;
}

void TestLegendSettings::settingsSetColourAndWidth()
{
    std::unique_ptr<ChartView> chart = newChart();
    chart->setIndicatorSpecs({kRsi, kBands});
    chart->showSeries(m_id, Timeframe::M1);
    QTRY_VERIFY(chart->candleCount() > 0);
    QTRY_VERIFY(!chart->indicatorGraph(kBands, QStringLiteral("upper"))->data()->isEmpty());

    std::unique_ptr<QMenu> menu(chart->paneLegend()->menuFor(kBands, chart.get()));
    menu->findChild<QAction *>(QStringLiteral("legendSettings"))->trigger();
    auto *dialog = chart->findChild<IndicatorStyleDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->spec(), kBands);
    // Three outputs, each swatch starting at the colour its line is drawn in.
    QCPGraph *upper = chart->indicatorGraph(kBands, QStringLiteral("upper"));
    QCPGraph *lower = chart->indicatorGraph(kBands, QStringLiteral("lower"));
    QCOMPARE(dialog->colors().size(), std::size_t(3));
    QVERIFY(dialog->swatch(0) && dialog->swatch(2) && !dialog->swatch(3));
    QCOMPARE(dialog->colors()[0], upper->pen().color());
    QCOMPARE(dialog->widthBox()->value(), 1.0);

    QSignalSpy changed(chart.get(), &ChartView::stateChanged);
    dialog->setColor(0, QColor(0x12, 0x34, 0x56));
    QCOMPARE(upper->pen().color(), QColor(0x12, 0x34, 0x56));
    QVERIFY(lower->pen().color() != QColor(0x12, 0x34, 0x56));
    dialog->widthBox()->setValue(2.5);
    QCOMPARE(upper->pen().widthF(), 2.5);
    QCOMPARE(lower->pen().widthF(), 2.5);
    QVERIFY(changed.count() >= 2);

    // Kept in the state, through its JSON form.
    const std::optional<ChartState> saved = ChartState::fromJson(chart->state().toJson());
    QVERIFY(saved);
    const ChartState::Indicator *bands = nullptr;
    for (const ChartState::Indicator &i : saved->indicators) {
        if (i.spec == kBands)
            bands = &i;
    }
    QVERIFY(bands);
    QCOMPARE(bands->lineWidth, 2.5);
    QVERIFY(!bands->colors.empty());
    QCOMPARE(bands->colors[0], QColor(0x12, 0x34, 0x56));
    // A width outside the box's range is clamped, a bad output ignored.
    dialog->setLineWidth(40.0);
    QCOMPARE(dialog->lineWidth(), IndicatorStyleDialog::kMaxWidth);
    dialog->setColor(9, Qt::red);
    QCOMPARE(dialog->colors().size(), std::size_t(3));
    dialog->close();
}

void TestLegendSettings::hiddenIsSavedAndRestored()
{
    std::unique_ptr<ChartView> chart = newChart();
    chart->setIndicatorSpecs({kRsi, kBands});
    chart->showSeries(m_id, Timeframe::M1);
    QTRY_VERIFY(chart->candleCount() > 0);
    QSignalSpy changed(chart.get(), &ChartView::stateChanged);
    std::unique_ptr<QMenu> menu(chart->paneLegend()->menuFor(kRsi, chart.get()));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    QVERIFY(changed.count() >= 1);
    QVERIFY(!chart->indicatorGraph(kRsi, QStringLiteral("value"))->visible());

    const QByteArray json = chart->state().toJson();
    QVERIFY(json.contains("\"hidden\":true"));
    const std::optional<ChartState> state = ChartState::fromJson(json);
    QVERIFY(state);
    menu.reset();
    chart.reset();

    std::unique_ptr<ChartView> restored = newChart();
    restored->applyState(*state);
    restored->showSeries(m_id, Timeframe::M1);
    QTRY_VERIFY(restored->candleCount() > 0);
    QCOMPARE(restored->indicatorSpecs(), QStringList({kRsi, kBands}));
    QVERIFY(restored->indicatorPanes()->isHidden(kRsi));
    QVERIFY(!restored->indicatorPanes()->isHidden(kBands));
    QVERIFY(!restored->indicatorGraph(kRsi, QStringLiteral("value"))->visible());
    QVERIFY(restored->indicatorGraph(kBands, QStringLiteral("upper"))->visible());
    QVERIFY(restored->paneLegend()->lineText(kRsi).contains(QStringLiteral("hidden")));
}

QTEST_MAIN(TestLegendSettings)
#include "test_legend_settings.moc"
