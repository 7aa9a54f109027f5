// Candlestick patterns on a real chart and engine: CDLENGULFING on its own
// takes no pane and marks exactly the bars where the engine's values are not
// zero -- a bullish engulfing with an up triangle under its low, a bearish one
// with a down triangle over its high -- names the pattern, its value and the
// bar's time on hover, goes with the legend's Hide, and at a zoomed-out level
// marks the bucket that holds the pattern's bar. The series are crafted so the
// definition (a body of the other colour covering the previous body) holds on
// two bars only.
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QTest>
#include <QThread>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "chart/IndicatorPanes.h"
#include "chart/PaneLegend.h"
#include "chart/PatternMarks.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1'709'251'200'000;  // 2024-03-01T00:00:00Z
const QString kEngulfing = QStringLiteral("CDLENGULFING");

// White candles climbing 0.1 a bar (never an engulfing: the same colour), with
// a bullish engulfing at bullAt (a black candle, then a white one covering
// it) and a bearish one at bearAt (a black candle covering a white one).
std::vector<Bar> crafted(std::size_t count, std::size_t bullAt, std::size_t bearAt)
{
    std::vector<Bar> bars(count);
    for (std::size_t i = 0; i < count; ++i) {
        const double base = 100.0 + 0.1 * static_cast<double>(i);
        Bar &b = bars[i];
        b.time = kStart + static_cast<TimeMs>(i) * kMinuteMs;
        b.open = base;
        b.close = base + 0.3;
        if (i + 1 == bullAt) {
            std::swap(b.open, b.close);  // black, body [base, base + 0.3]
        } else if (i == bullAt) {
            const double previous = base - 0.1;
            b.open = previous - 0.1;
            b.close = previous + 0.5;
        } else if (i == bearAt) {
            const double previous = base - 0.1;
            b.open = previous + 0.4;
            b.close = previous - 0.1;
        }
        b.high = std::max(b.open, b.close) + 0.1;
        b.low = std::min(b.open, b.close) - 0.1;
        b.volume = 5.0;
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

}  // namespace

class TestPatternMarks final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void marksTheBarsWhereThePatternIs();
    void hiddenFromTheLegend();
    void bucketsWhenZoomedOut();

private:
    void show(ChartView &chart, SymbolId id, std::size_t bars);

    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    SymbolId m_short = kInvalidSymbol;
    SymbolId m_long = kInvalidSymbol;
    std::vector<Bar> m_shortBars = crafted(600, 200, 400);
    std::vector<Bar> m_longBars = crafted(40'000, 20'000, 30'000);
};

void TestPatternMarks::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    m_short = m_symbols->intern(makeSymbol(QStringLiteral("SHORTUSD")));
    m_long = m_symbols->intern(makeSymbol(QStringLiteral("LONGUSD")));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    MarketEngine *engine = m_engine;
    auto clock = std::make_shared<const ManualClock>(kStart + TimeMs(40'000) * kMinuteMs);
    auto shortBars = std::make_shared<const std::vector<Bar>>(m_shortBars);
    auto longBars = std::make_shared<const std::vector<Bar>>(m_longBars);
    const SymbolId a = m_short;
    const SymbolId b = m_long;
    QMetaObject::invokeMethod(
        engine,
        [=] {
            engine->setSourceClock(QStringLiteral("test"), clock, 2000);
            engine->loadHistory(a, shortBars);
            engine->loadHistory(b, longBars);
        },
        Qt::BlockingQueuedConnection);
}

void TestPatternMarks::cleanupTestCase()
{
    MarketEngine::shutdown(m_engineThread);
}

void TestPatternMarks::show(ChartView &chart, SymbolId id, std::size_t bars)
{
    connect(m_engine, &MarketEngine::snapshotReady, &chart,
        [&chart](const MarketSnapshotPtr &snapshot) { chart.applySnapshot(*snapshot); });
    chart.resize(1100, 700);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setIndicatorSpecs({kEngulfing});
    chart.showSeries(id, Timeframe::M1);
    QTRY_COMPARE_WITH_TIMEOUT(chart.candleData()->size(), bars, 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(!chart.indicatorPanes()->markSeries().empty(), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(chart.lodReady(), 10'000);
}

void TestPatternMarks::marksTheBarsWhereThePatternIs()
{
    ChartView chart(m_symbols, m_engine);
    show(chart, m_short, m_shortBars.size());
    QCOMPARE(chart.paneCount(), 0);  // a pattern on its own takes no pane
    // The engine's values: +100 and -100 on the two crafted bars, 0 elsewhere.
    const std::vector<IndicatorPanes::MarkSeries> series = chart.indicatorPanes()->markSeries();
    QCOMPARE(series.size(), std::size_t(1));
    QCOMPARE(series[0].title, QStringLiteral("Engulfing Pattern"));
    const ValueSource &values = *series[0].values;
    QCOMPARE(values.size(), m_shortBars.size());
    std::vector<std::size_t> marked;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] != 0.0 && !std::isnan(values[i]))
            marked.push_back(i);
    }
    QCOMPARE(marked, (std::vector<std::size_t> {200, 400}));
    QCOMPARE(values[200], 100.0);
    QCOMPARE(values[400], -100.0);

    chart.pricePane()->axis(QCPAxis::atBottom)->setRange(150.0, 450.0);
    chart.plot()->replot();
    QCOMPARE(chart.lodLevel(), 0);
    const std::vector<PatternMarks::Drawn> &drawn = chart.patternMarks()->drawn();
    QCOMPARE(drawn.size(), std::size_t(2));
    const PatternMarks::Drawn &bull = drawn[0];
    const PatternMarks::Drawn &bear = drawn[1];
    QCOMPARE(bull.bucket, std::size_t(200));
    QVERIFY(bull.bullish);
    QCOMPARE(bull.count, 1);
    QCOMPARE(bear.bucket, std::size_t(400));
    QVERIFY(!bear.bullish);
    // Under the low and over the high, on the bar's x.
    const QCPAxis *x = chart.pricePane()->axis(QCPAxis::atBottom);
    const QCPAxis *y = chart.pricePane()->axis(QCPAxis::atRight);
    QVERIFY(bull.rect.top() >= y->coordToPixel(m_shortBars[200].low) - 2.0);
    QVERIFY(bear.rect.bottom() <= y->coordToPixel(m_shortBars[400].high) + 2.0);
    QVERIFY(std::abs(bull.rect.center().x() - x->coordToPixel(200.0)) < 1.0);
    QVERIFY(std::abs(bear.rect.center().x() - x->coordToPixel(400.0)) < 1.0);

    // Hover: the pattern's name, its value and the bar's time.
    const QString bullTip = chart.qualityToolTipAt(bull.rect.center());
    QVERIFY2(bullTip.startsWith(QStringLiteral("Bullish pattern")), qPrintable(bullTip));
    QVERIFY2(bullTip.contains(QStringLiteral("Engulfing Pattern (CDLENGULFING) 100")),
        qPrintable(bullTip));
    QVERIFY2(bullTip.contains(QStringLiteral("Fri 1 Mar 2024 03:20")), qPrintable(bullTip));
    const QString bearTip = chart.qualityToolTipAt(bear.rect.center());
    QVERIFY2(bearTip.startsWith(QStringLiteral("Bearish pattern")), qPrintable(bearTip));
    QVERIFY2(bearTip.contains(QStringLiteral("(CDLENGULFING) -100")), qPrintable(bearTip));
    QVERIFY(chart.qualityToolTipAt(QPointF(bull.rect.center().x(), 2.0)).isEmpty());

    // Off screen: not drawn.
    chart.pricePane()->axis(QCPAxis::atBottom)->setRange(420.0, 590.0);
    chart.plot()->replot();
    QVERIFY(chart.patternMarks()->drawn().empty());
}

void TestPatternMarks::hiddenFromTheLegend()
{
    ChartView chart(m_symbols, m_engine);
    show(chart, m_short, m_shortBars.size());
    chart.pricePane()->axis(QCPAxis::atBottom)->setRange(150.0, 450.0);
    chart.plot()->replot();
    QCOMPARE(chart.patternMarks()->drawn().size(), std::size_t(2));
    std::unique_ptr<QMenu> menu(chart.paneLegend()->menuFor(kEngulfing, &chart));
    QVERIFY(menu);
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    chart.plot()->replot();
    QVERIFY(chart.patternMarks()->drawn().empty());
    menu.reset(chart.paneLegend()->menuFor(kEngulfing, &chart));
    menu->findChild<QAction *>(QStringLiteral("legendVisibility"))->trigger();
    chart.plot()->replot();
    QCOMPARE(chart.patternMarks()->drawn().size(), std::size_t(2));
}

void TestPatternMarks::bucketsWhenZoomedOut()
{
    ChartView chart(m_symbols, m_engine);
    show(chart, m_long, m_longBars.size());
    const auto count = static_cast<double>(m_longBars.size());
    chart.pricePane()->axis(QCPAxis::atBottom)->setRange(-10.0, count + 10.0);
    QTRY_VERIFY(chart.lodReady());
    chart.plot()->replot();
    const int level = chart.lodLevel();
    QVERIFY(level > 2);
    const std::vector<PatternMarks::Drawn> &drawn = chart.patternMarks()->drawn();
    QCOMPARE(drawn.size(), std::size_t(2));
    QCOMPARE(drawn[0].level, level);
    QCOMPARE(drawn[0].bucket, std::size_t(20'000) >> level);
    QVERIFY(drawn[0].bullish);
    QCOMPARE(drawn[1].bucket, std::size_t(30'000) >> level);
    QVERIFY(!drawn[1].bullish);
    const QString tip = chart.qualityToolTipAt(drawn[0].rect.center());
    QVERIFY2(tip.contains(QStringLiteral("zoom in to see each")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Engulfing Pattern (CDLENGULFING)")), qPrintable(tip));
}

QTEST_MAIN(TestPatternMarks)
#include "test_pattern_marks.moc"
