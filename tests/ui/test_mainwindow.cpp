// The main window against a real MarketEngine on its own thread, fed a known
// synthetic history: watchlist quotes, candles per timeframe, a live tick,
// themes and the settings round trip.
#include <memory>
#include <vector>

#include <QAbstractButton>
#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "MainWindow.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "theme/Theme.h"
#include "watchlist/WatchlistModel.h"
#include "watchlist/WatchlistView.h"

using namespace wick;

namespace {

constexpr TimeMs kHistoryStart = 1709510400000;  // 2024-03-04T00:00:00Z, on an hour boundary
constexpr int kHistoryBars = 600;  // ten hours of 1m bars
constexpr TimeMs kHistoryEnd = kHistoryStart + kHistoryBars * kMinuteMs;

// One closed bar a minute, alternating up and down around a slow rise.
std::vector<Bar> syntheticHistory(double base)
{
    std::vector<Bar> bars;
    bars.reserve(kHistoryBars);
    for (int i = 0; i < kHistoryBars; ++i) {
        Bar bar;
        bar.time = kHistoryStart + i * kMinuteMs;
        bar.open = base + i * 0.1;
        bar.close = bar.open + (i % 2 ? 0.05 : -0.05);
        bar.high = std::max(bar.open, bar.close) + 0.1;
        bar.low = std::min(bar.open, bar.close) - 0.1;
        bar.volume = 10.0 + i % 7;
        bar.tradeCount = 5;
        bars.push_back(bar);
    }
    return bars;
}

Symbol testSymbol(const QString &code, const QByteArray &zone, AssetClass assetClass)
{
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = code;
    s.displayName = code + QStringLiteral(" test instrument");
    s.assetClass = assetClass;
    s.timeZoneId = zone;
    s.tickSize = 0.01;
    return s;
}

}  // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void watchlistListsSymbolsWithLastPrice();
    void watchlistSortsNumerically();
    void selectingARowShowsItsCandles();
    void timeframesAggregateTheHistory();
    void liveTickUpdatesTheLastCandle();
    void deleteKeyRemovesFromWatchlist();
    void themeSwitchRepaintsTheChart();
    void settingsRoundTrip();

private:
    std::unique_ptr<QSettings> newSettings() const
    {
        return std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("wick.ini")), QSettings::IniFormat);
    }
    void loadHistory(SymbolId id, const std::vector<Bar> &bars);
    int rowOf(SymbolId id) const { return m_window->watchlistModel()->rowOf(id); }

    QTemporaryDir m_dir;
    std::shared_ptr<SymbolRegistry> m_symbols = std::make_shared<SymbolRegistry>();
    QThread *m_engineThread = nullptr;
    MarketEngine *m_engine = nullptr;
    std::unique_ptr<MainWindow> m_window;
    SymbolId m_crypto = kInvalidSymbol;  // UTC
    SymbolId m_equity = kInvalidSymbol;  // New York
    SymbolId m_live = kInvalidSymbol;  // receives the live tick
    std::vector<Bar> m_cryptoBars = syntheticHistory(100.0);
    std::vector<Bar> m_equityBars = syntheticHistory(250.0);
    std::vector<Bar> m_liveBars = syntheticHistory(50.0);
};

void TestMainWindow::loadHistory(SymbolId id, const std::vector<Bar> &bars)
{
    auto minutes = std::make_shared<const std::vector<Bar>>(bars);
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, id, minutes] { engine->loadHistory(id, minutes); }, Qt::QueuedConnection);
}

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_crypto = m_symbols->intern(
        testSymbol(QStringLiteral("AAAUSD"), QByteArrayLiteral("UTC"), AssetClass::Crypto));
    m_equity = m_symbols->intern(testSymbol(
        QStringLiteral("BBB"), QByteArrayLiteral("America/New_York"), AssetClass::Equity));
    m_live = m_symbols->intern(
        testSymbol(QStringLiteral("CCCUSD"), QByteArrayLiteral("UTC"), AssetClass::Crypto));
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    // The source's clock stands at the end of the history, as a feed's would:
    // the wall clock (2026) would make the live tick below a late trade.
    MarketEngine *engine = m_engine;
    auto clock = std::make_shared<const ManualClock>(kHistoryEnd);
    QMetaObject::invokeMethod(
        engine, [engine, clock] { engine->setSourceClock(QStringLiteral("test"), clock, 2000); },
        Qt::QueuedConnection);

    // As in the app: the window exists before the feed's history arrives.
    m_window = std::make_unique<MainWindow>(m_symbols, m_engine, newSettings());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QSignalSpy snapshots(m_engine, &MarketEngine::snapshotReady);
    loadHistory(m_crypto, m_cryptoBars);
    loadHistory(m_equity, m_equityBars);
    loadHistory(m_live, m_liveBars);
    QTRY_VERIFY(!snapshots.isEmpty());
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    MarketEngine::shutdown(m_engineThread);
}

void TestMainWindow::watchlistListsSymbolsWithLastPrice()
{
    WatchlistModel *model = m_window->watchlistModel();
    // First start, no saved list: every registered symbol.
    QCOMPARE(model->rowCount(), 3);
    const std::pair<SymbolId, double> expected[] = {{m_crypto, m_cryptoBars.back().close},
        {m_equity, m_equityBars.back().close}, {m_live, m_liveBars.back().close}};
    for (const auto &[id, last] : expected) {
        const int row = rowOf(id);
        QVERIFY(row >= 0);
        QTRY_COMPARE(
            model->data(model->index(row, WatchlistModel::LastColumn), WatchlistModel::SortRole)
                .toDouble(),
            last);
        QCOMPARE(model->data(model->index(row, WatchlistModel::LastColumn)).toString(),
            QLocale().toString(last, 'f', 2));
        QCOMPARE(model->data(model->index(row, WatchlistModel::SymbolColumn)).toString(),
            m_symbols->symbol(id).code);
        QCOMPARE(model->data(model->index(row, 0), WatchlistModel::SourceRole).toString(),
            QStringLiteral("test"));
    }
}

void TestMainWindow::watchlistSortsNumerically()
{
    QTableView *table = m_window->watchlistView()->table();
    QSortFilterProxyModel *proxy = m_window->watchlistView()->proxy();
    table->sortByColumn(WatchlistModel::LastColumn, Qt::DescendingOrder);
    // 309.95 > 159.95 > 109.95: numbers, not strings.
    QCOMPARE(proxy->index(0, 0).data(WatchlistModel::SymbolIdRole).value<SymbolId>(), m_equity);
    QCOMPARE(proxy->index(1, 0).data(WatchlistModel::SymbolIdRole).value<SymbolId>(), m_crypto);
    QCOMPARE(proxy->index(2, 0).data(WatchlistModel::SymbolIdRole).value<SymbolId>(), m_live);
    table->sortByColumn(-1, Qt::AscendingOrder);
}

void TestMainWindow::selectingARowShowsItsCandles()
{
    m_window->setTimeframe(Timeframe::M1);
    m_window->selectSymbol(m_crypto);
    ChartView *chart = m_window->chart();
    QTRY_COMPARE(chart->candleCount(), kHistoryBars);
    QCOMPARE(chart->lastCandle()->close, m_cryptoBars.back().close);
    QCOMPARE(chart->lastCandle()->key, double(kHistoryBars - 1));

    // Clicking the equity's row in the table charts it.
    QTableView *table = m_window->watchlistView()->table();
    QSortFilterProxyModel *proxy = m_window->watchlistView()->proxy();
    const QModelIndex cell
        = proxy->mapFromSource(m_window->watchlistModel()->index(rowOf(m_equity), 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    QCOMPARE(m_window->currentSymbol(), m_equity);
    QTRY_COMPARE(chart->candleCount(), kHistoryBars);
    QTRY_COMPARE(chart->lastCandle()->close, m_equityBars.back().close);
    // The newest ~150 bars are in view, the last one on screen.
    QVERIFY(chart->visibleRange().upper > kHistoryBars - 1);
    QVERIFY(chart->visibleRange().size() >= 100.0);
}

void TestMainWindow::timeframesAggregateTheHistory()
{
    m_window->selectSymbol(m_crypto);
    ChartView *chart = m_window->chart();
    QSignalSpy changed(chart, &ChartView::timeframeChanged);
    m_window->setTimeframe(Timeframe::M5);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_window->currentTimeframe(), Timeframe::M5);
    QTRY_COMPARE(chart->candleCount(), kHistoryBars / 5);
    QCOMPARE(chart->lastCandle()->close, m_cryptoBars.back().close);
    QCOMPARE(chart->lastCandle()->open, m_cryptoBars[kHistoryBars - 5].open);

    // The toolbar's 1h button does the same as setTimeframe.
    QAbstractButton *hourButton = nullptr;
    for (QAbstractButton *button : chart->findChildren<QAbstractButton *>())
        if (button->text() == QStringLiteral("1h"))
            hourButton = button;
    QVERIFY(hourButton);
    QTest::mouseClick(hourButton, Qt::LeftButton);
    QCOMPARE(m_window->currentTimeframe(), Timeframe::H1);
    QTRY_COMPARE(chart->candleCount(), kHistoryBars / 60);
    QCOMPARE(chart->lastCandle()->close, m_cryptoBars.back().close);
    QCOMPARE(chart->lastCandle()->high, m_cryptoBars.back().high);
}

void TestMainWindow::liveTickUpdatesTheLastCandle()
{
    m_window->setTimeframe(Timeframe::M1);
    m_window->selectSymbol(m_live);
    ChartView *chart = m_window->chart();
    QTRY_COMPARE(chart->candleCount(), kHistoryBars);

    Tick tick;
    tick.symbol = m_live;
    tick.time = kHistoryEnd + 30'000;
    tick.price = 123.45;
    tick.size = 2.0;
    TickBatch batch;
    batch.ticks.push_back(tick);
    batch.feedTime = tick.time;
    MarketEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, batch] { engine->addTicks(batch); }, Qt::QueuedConnection);

    // The tick opens the forming minute after the history: a 601st candle.
    QTRY_COMPARE(chart->candleCount(), kHistoryBars + 1);
    QTRY_COMPARE(chart->lastCandle()->close, tick.price);
    QCOMPARE(chart->lastCandle()->open, tick.price);
    QCOMPARE(chart->lastCandle()->key, double(kHistoryBars));
    // The chart followed the new bar.
    QVERIFY(chart->visibleRange().upper > kHistoryBars);
    WatchlistModel *model = m_window->watchlistModel();
    QTRY_COMPARE(model
                     ->data(model->index(rowOf(m_live), WatchlistModel::LastColumn),
                         WatchlistModel::SortRole)
                     .toDouble(),
        tick.price);

    // On 5m the tick is the close of the forming 5m bar.
    m_window->setTimeframe(Timeframe::M5);
    QTRY_COMPARE(chart->candleCount(), kHistoryBars / 5 + 1);
    QCOMPARE(chart->lastCandle()->close, tick.price);

    // A second tick in the same minute updates that candle in place.
    tick.time += 10'000;
    tick.price = 124.5;
    batch.ticks = {tick};
    batch.feedTime = tick.time;
    QMetaObject::invokeMethod(
        engine, [engine, batch] { engine->addTicks(batch); }, Qt::QueuedConnection);
    QTRY_COMPARE(chart->lastCandle()->close, tick.price);
    QCOMPARE(chart->candleCount(), kHistoryBars / 5 + 1);
    QCOMPARE(chart->lastCandle()->open, 123.45);
    QCOMPARE(chart->lastCandle()->high, 124.5);
}

void TestMainWindow::deleteKeyRemovesFromWatchlist()
{
    WatchlistModel *model = m_window->watchlistModel();
    QTableView *table = m_window->watchlistView()->table();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->selectSymbol(m_live);
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(!model->contains(m_live));
    QVERIFY(model->addSymbol(m_live));
    QCOMPARE(model->rowCount(), 3);
    // Its quote is kept: it shows at once.
    QCOMPARE(model
                 ->data(model->index(rowOf(m_live), WatchlistModel::LastColumn),
                     WatchlistModel::SortRole)
                 .toDouble(),
        124.5);
}

void TestMainWindow::themeSwitchRepaintsTheChart()
{
    ChartView *chart = m_window->chart();
    QCOMPARE(m_window->currentTheme(), Theme::Kind::Dark);
    const QColor dark = Theme::dark().chartBackground;
    const QColor light = Theme::light().chartBackground;
    QCOMPARE(chart->plot()->toPixmap().toImage().pixelColor(1, 1), dark);
    m_window->setTheme(Theme::Kind::Light);
    QCOMPARE(chart->backgroundColor(), light);
    QCOMPARE(chart->plot()->toPixmap().toImage().pixelColor(1, 1), light);
    QCOMPARE(qApp->palette().color(QPalette::Window), Theme::light().window);
}

void TestMainWindow::settingsRoundTrip()
{
    m_window->selectSymbol(m_equity);
    m_window->setTimeframe(Timeframe::M15);
    QVERIFY(m_window->watchlistModel()->removeSymbol(m_crypto));
    const QStringList keys = m_window->watchlistModel()->symbolKeys();
    m_window->close();
    m_window.reset();

    MainWindow restored(m_symbols, m_engine, newSettings());
    QCOMPARE(restored.currentSymbol(), m_equity);
    QCOMPARE(restored.currentTimeframe(), Timeframe::M15);
    QCOMPARE(restored.currentTheme(), Theme::Kind::Light);
    QCOMPARE(restored.watchlistModel()->symbolKeys(), keys);
    // Equity history: 600 minutes from 00:00 UTC = 40 quarter hours.
    QTRY_COMPARE(restored.chart()->candleCount(), kHistoryBars / 15);
}

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
