// The whole terminal twice over one data directory: the first run fills the
// cache from the demo feed; the second paints the cached chart -- with the
// watchlist, symbol, timeframe and indicators it left -- before its feed sends
// anything, and its feed then sends only the history the cache lacks. Also a
// damaged cache file and a cache that has no room left.
#include <memory>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "AppController.h"
#include "MainWindow.h"
#include "chart/ChartState.h"
#include "chart/ChartTimeZone.h"
#include "chart/ChartView.h"
#include "chart/PaneLayout.h"
#include "session/MarketSession.h"
#include <qcustomplot.h>

#include "storage/BarCsv.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"
#include "watchlist/WatchlistModel.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1767571200000;  // 2026-01-05T00:00:00Z, a Monday

AppConfig demoConfig(const QString &dataDir)
{
    AppConfig config;
    config.dataDir = dataDir;
    SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.values.insert(QStringLiteral("seed"), 11);
    demo.values.insert(QStringLiteral("start"), qint64(kStart));
    demo.values.insert(QStringLiteral("historyDays"), 2);
    demo.values.insert(QStringLiteral("symbols"),
        QStringList {QStringLiteral("BTCUSD"), QStringLiteral("ETHUSD")});
    return config;
}

std::unique_ptr<QSettings> iniIn(const QString &dir, const QString &name)
{
    return std::make_unique<QSettings>(dir + QLatin1Char('/') + name, QSettings::IniFormat);
}

std::vector<Bar> cachedMinutes(const QString &path, const QString &code)
{
    auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*db).find(QStringLiteral("demo"), code);
    if (!id)
        return {};
    return BarStore(*db).range(*id, Timeframe::M1, 0, kEndOfTime);
}

}  // namespace

class TestAppRestart final : public QObject
{
    Q_OBJECT

private slots:
    void secondStartPaintsTheCacheBeforeTheFeed();
    void damagedCacheIsMovedAsideAndTheUserTold();
    void fullCacheShowsHistoryIsNotSaved();
    void importAndExportThroughTheApp();
    void scrollingLeftPagesInOlderCachedBars();
    void liveClosedMinutesReachTheCacheWithinASecond();
};

void TestAppRestart::secondStartPaintsTheCacheBeforeTheFeed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cache = dir.filePath(QStringLiteral("cache.db"));
    {
        AppController first(demoConfig(dir.path()), iniIn(dir.path(), QStringLiteral("a.ini")));
        MainWindow *window = first.window();
        QTRY_VERIFY_WITH_TIMEOUT(first.feedStarted() && window->chart()->candleCount() > 0, 20'000);
        // The trader's session: ETHUSD on 15m with RSI, the watchlist reordered.
        window->watchlistModel()->setSymbolKeys(
            {QStringLiteral("demo:ETHUSD"), QStringLiteral("demo:BTCUSD")});
        window->setTimeframe(Timeframe::M15);
        window->chart()->setIndicatorSpecs({QStringLiteral("RSI:14")});
        QVERIFY(window->selectSymbol(QStringLiteral("demo:ETHUSD")));
        // Its panes: heights set, RSI moved above volume; and the New York clock.
        window->chart()->paneLayout()->restore({{ChartState::kPricePane, 0.5, false, {}, false},
            {ChartState::kVolumePane, 0.2, false, {}, false},
            {QStringLiteral("RSI:14"), 0.3, false, {}, false}});
        window->chart()->paneLayout()->moveUp(QStringLiteral("RSI:14"));
        window->chart()->setTimeZone(*ChartTimeZone::named("America/New_York"));
    }
    // Two days of history of each symbol are in the cache (at most one bar a minute).
    const std::vector<Bar> eth = cachedMinutes(cache, QStringLiteral("ETHUSD"));
    QVERIFY2(eth.size() > 2500 && eth.size() <= 2 * 1440, qPrintable(QString::number(eth.size())));
    QCOMPARE(eth.back().time, kStart - kMinuteMs);
    QVERIFY(cachedMinutes(cache, QStringLiteral("BTCUSD")).size() > 2500);

    // A different ini file: what comes back must come from the cache.
    AppConfig config = demoConfig(dir.path());
    config.startFeed = false;
    AppController second(config, iniIn(dir.path(), QStringLiteral("b.ini")));
    QSignalSpy ready(&second, &AppController::sessionReady);
    MainWindow *window = second.window();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10'000);
    QCOMPARE(ready.first().at(0).toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(window->chart()->candleCount() > 0, 10'000);
    QVERIFY(!second.feedStarted());
    QCOMPARE(window->watchlistKeys(),
        (QStringList {QStringLiteral("demo:ETHUSD"), QStringLiteral("demo:BTCUSD")}));
    QCOMPARE(window->currentTimeframe(), Timeframe::M15);
    QCOMPARE(window->chart()->indicatorSpecs(), QStringList {QStringLiteral("RSI:14")});
    const std::vector<ChartState::Pane> panes = window->chart()->state().panes;
    QCOMPARE(panes.size(), std::size_t(3));
    QCOMPARE(panes[1].id, QStringLiteral("RSI:14"));
    QCOMPARE(panes[0].height, 0.5);
    QCOMPARE(panes[1].height, 0.3);
    QCOMPARE(panes[2].height, 0.2);
    QCOMPARE(window->chart()->paneLayout()->order(),
        (QStringList {ChartState::kPricePane, QStringLiteral("RSI:14"), ChartState::kVolumePane}));
    QCOMPARE(window->chart()->timeZone().id(), QStringLiteral("America/New_York"));
    // The chart shows ETHUSD's cached minutes as 15m candles, the newest last.
    QCOMPARE(ChartState::fromJson(
                 window->sessionSettings().value(MainWindow::chartStateSettingKey()).toUtf8())
                 ->symbol,
        QStringLiteral("demo:ETHUSD"));
    QTRY_COMPARE(window->shownBars().size(), std::size_t(2 * 96));
    QCOMPARE(window->chart()->lastCandle()->close, eth.back().close);

    // The feed then sends only what the cache lacks: here nothing, since the
    // cache reaches its start; the live path continues from the cached close.
    QSignalSpy histories(
        second.session()->feed(QStringLiteral("demo"))->feed(), &Feed::barsReceived);
    second.startFeed();
    QTRY_COMPARE_WITH_TIMEOUT(histories.size(), 2, 10'000);
    for (const auto &args : histories)
        QVERIFY(args.at(2).value<BarsPtr>()->empty());
}

void TestAppRestart::damagedCacheIsMovedAsideAndTheUserTold()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QFile junk(dir.filePath(QStringLiteral("cache.db")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(8192, 'x'));
    }
    AppController app(demoConfig(dir.path()), iniIn(dir.path(), QStringLiteral("a.ini")));
    QTRY_VERIFY_WITH_TIMEOUT(!app.window()->cacheMessage().isEmpty(), 10'000);
    const QStringList aside
        = QDir(dir.path()).entryList({QStringLiteral("cache.db.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY2(app.window()->cacheMessage().contains(aside.first()),
        qPrintable(app.window()->cacheMessage()));
    // A fresh cache took its place and the terminal runs on.
    QTRY_VERIFY_WITH_TIMEOUT(app.window()->chart()->candleCount() > 0, 20'000);
}

void TestAppRestart::fullCacheShowsHistoryIsNotSaved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A cache with room for its schema and two pages more.
    std::int64_t schemaPages = 0;
    {
        auto db = Database::open(dir.filePath(QStringLiteral("cache.db")));
        schemaPages = db->scalarInt("PRAGMA page_count");
    }
    QVERIFY(schemaPages > 0);
    AppConfig config = demoConfig(dir.path());
    config.storage.maxPageCount = schemaPages + 2;
    AppController app(config, iniIn(dir.path(), QStringLiteral("a.ini")));
    QTRY_VERIFY_WITH_TIMEOUT(!app.window()->storageNotice().isEmpty(), 20'000);
    QVERIFY2(app.window()->storageNotice().contains(QStringLiteral("not saved")),
        qPrintable(app.window()->storageNotice()));
    // The chart runs on memory meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(app.window()->chart()->candleCount() > 0, 20'000);
}

void TestAppRestart::importAndExportThroughTheApp()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Ten minutes of a user's data; line 4 has a low above its open and is refused.
    const QString in = dir.filePath(QStringLiteral("mine.csv"));
    QByteArray csv = "ts,open,high,low,close,volume\n";
    std::vector<Bar> accepted;
    for (int i = 0; i < 10; ++i) {
        const double open = 10.0 + i * 0.25;
        Bar bar {kStart + i * kMinuteMs, open, open + 0.5, open - 0.5, open + 0.125, 100.0 + i, 0};
        if (i == 2)
            bar.low = open + 0.1;
        else
            accepted.push_back(bar);
        appendBarCsv(csv, bar);
    }
    {
        QFile file(in);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
    }
    AppConfig config = demoConfig(dir.path());
    config.startFeed = false;
    AppController app(config, iniIn(dir.path(), QStringLiteral("a.ini")));
    QSignalSpy ready(&app, &AppController::sessionReady);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10'000);
    MainWindow *window = app.window();
    window->setTimeframe(Timeframe::M1);
    QSignalSpy imported(&app, &AppController::csvImportDone);
    window->requestImport(in, QStringLiteral("csv:MINE"), Timeframe::M1);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 10'000);
    QVERIFY2(window->lastFileMessage().contains(QStringLiteral("line 4: low")),
        qPrintable(window->lastFileMessage()));
    QVERIFY(window->watchlistKeys().contains(QStringLiteral("csv:MINE")));
    QCOMPARE(ChartState::fromJson(
                 window->sessionSettings().value(MainWindow::chartStateSettingKey()).toUtf8())
                 ->symbol,
        QStringLiteral("csv:MINE"));
    // Charted at once and exported back bar for bar.
    QTRY_COMPARE_WITH_TIMEOUT(window->shownBars().size(), std::size_t(9), 10'000);
    const QString out = dir.filePath(QStringLiteral("out.csv"));
    window->requestExport(out);
    QTRY_VERIFY_WITH_TIMEOUT(window->lastFileMessage().contains(QStringLiteral("out.csv")), 10'000);
    QFile exported(out);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll(), barsCsv(accepted));
}

void TestAppRestart::scrollingLeftPagesInOlderCachedBars()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        AppController first(demoConfig(dir.path()), iniIn(dir.path(), QStringLiteral("a.ini")));
        QTRY_VERIFY_WITH_TIMEOUT(first.window()->chart()->candleCount() > 0, 20'000);
        first.window()->setTimeframe(Timeframe::M1);
        QVERIFY(first.window()->selectSymbol(QStringLiteral("demo:ETHUSD")));
    }
    const std::vector<Bar> eth
        = cachedMinutes(dir.filePath(QStringLiteral("cache.db")), QStringLiteral("ETHUSD"));
    QVERIFY(eth.size() > 2500);
    // Start with the newest 600 minutes; pages of 1,000 before them.
    AppConfig config = demoConfig(dir.path());
    config.startFeed = false;
    config.cachedMinutesPerSymbol = 600;
    config.pageMinutes = 1000;
    AppController app(config, iniIn(dir.path(), QStringLiteral("b.ini")));
    ChartView *chart = app.window()->chart();
    // The series' closed bars (the chart hands QCustomPlot only a visible slice).
    const auto bars = [&] { return static_cast<int>(app.window()->shownBars().size()); };
    QTRY_COMPARE_WITH_TIMEOUT(bars(), 600, 10'000);
    QCOMPARE(app.window()->currentTimeframe(), Timeframe::M1);
    QSignalSpy loaded(&app, &AppController::olderHistoryLoaded);
    // The trader scrolls to the first bar: the chart asks, the cache answers.
    const QCPRange before = chart->visibleRange();
    chart->plot()->xAxis->setRange(-20.0, before.size() - 20.0);
    chart->plot()->replot();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1, 10'000);
    QCOMPARE(loaded.first().at(1).toInt(), 1000);
    QTRY_VERIFY_WITH_TIMEOUT(bars() >= 1600, 10'000);
    // The view stayed on the bars it showed: they moved right by what came before.
    const QCPRange after = chart->visibleRange();
    QCOMPARE(qRound(after.lower), 1000 - 20);
    QCOMPARE(qRound(after.size()), qRound(before.size()));
    // Scrolling on to the start pages in the rest, until the cache has no more.
    for (int page = 0; page < 5 && bars() < static_cast<int>(eth.size()); ++page) {
        const int count = bars();
        chart->plot()->xAxis->setRange(-20.0, before.size() - 20.0);
        chart->plot()->replot();
        QTRY_VERIFY_WITH_TIMEOUT(bars() > count, 10'000);
    }
    QCOMPARE(bars(), static_cast<int>(eth.size()));
    QCOMPARE(loaded.size(), 3);  // 1,000 + 1,000 + the rest
    QCOMPARE(loaded.last().at(1).toInt(), static_cast<int>(eth.size()) - 2600);
    // Nothing older: asking again reads nothing.
    chart->plot()->xAxis->setRange(-20.0, before.size() - 20.0);
    chart->plot()->replot();
    QTest::qWait(200);
    QCOMPARE(loaded.size(), 3);
}

void TestAppRestart::liveClosedMinutesReachTheCacheWithinASecond()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppConfig config = demoConfig(dir.path());
    // A simulated minute every two seconds.
    config.source(QStringLiteral("demo")).values.insert(QStringLiteral("speed"), 30.0);
    AppController app(config, iniIn(dir.path(), QStringLiteral("a.ini")));
    MainWindow *window = app.window();
    window->setTimeframe(Timeframe::M1);
    QVERIFY(window->selectSymbol(QStringLiteral("demo:BTCUSD")));
    const QString cache = dir.filePath(QStringLiteral("cache.db"));
    const auto cachedHas = [&](TimeMs minute) {
        const std::vector<Bar> bars = cachedMinutes(cache, QStringLiteral("BTCUSD"));
        return !bars.empty() && bars.back().time >= minute;
    };
    // The first live minute (kStart) closes on the chart, then reaches the file.
    const auto closedOnChart = [&] {
        const BarSeries &bars = window->shownBars();
        return bars.size() > 0 && bars[bars.size() - 1].time >= kStart;
    };
    QTRY_VERIFY_WITH_TIMEOUT(closedOnChart(), 20'000);
    QElapsedTimer sinceClose;
    sinceClose.start();
    QTRY_VERIFY_WITH_TIMEOUT(cachedHas(kStart), 5'000);
    const qint64 latency = sinceClose.elapsed();
    qInfo("a closed minute reached the cache %lld ms after the chart showed it closed",
        static_cast<long long>(latency));
    QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
}

QTEST_MAIN(TestAppRestart)
#include "test_app_restart.moc"
