// The whole terminal with its Binance feed pointed at the fake server on
// 127.0.0.1 (wall clock): a symbol found in the search is streamed and
// backfilled into the chart until its bars equal the server's truth, the
// watchlist shows its source's state, its quality score and its Chg % from
// the 24 h ticker, a duplicated trade is quarantined (chart mark + cache row),
// an exchange outage no backfill can fill stays a gap, a refused symbol says
// so, the data-health window gets a sample a second, and a restart streams
// from where the cache ends.
#include <memory>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "AppController.h"
#include "FakeBinanceServer.h"
#include "MainWindow.h"
#include "chart/ChartState.h"
#include "chart/ChartView.h"
#include "format/NumberFormat.h"
#include "health/DataHealthWindow.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "search/SymbolSearch.h"
#include "session/MarketSession.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/QualityStore.h"
#include "storage/SymbolStore.h"
#include "watchlist/WatchlistModel.h"

using namespace wick;

namespace {

constexpr TimeMs kMarketMinutes = 90;
constexpr TimeMs kHaltAgoMinutes = 40;
constexpr TimeMs kHaltMinutes = 7;

std::unique_ptr<QSettings> iniIn(const QString &dir)
{
    return std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
}

// The demo feed as usual plus Binance at the fake server; nothing shown yet but the demo.
AppConfig configFor(const QString &dataDir, const FakeBinanceServer &server)
{
    AppConfig config;
    config.dataDir = dataDir;
    SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.values.insert(QStringLiteral("seed"), 5);
    demo.values.insert(QStringLiteral("historyDays"), 1);
    demo.values.insert(QStringLiteral("symbols"), QStringList {QStringLiteral("BTCUSD")});
    SourceSettings &binance = config.source(QStringLiteral("binance"));
    binance.values.insert(QStringLiteral("wsUrl"), server.wsUrl().toString());
    binance.values.insert(QStringLiteral("restUrl"), server.restUrl().toString());
    binance.values.insert(QStringLiteral("backfillWindowMs"), qint64(3 * kHourMs));
    // The 90 minutes take three pages.
    binance.values.insert(QStringLiteral("klinesPageLimit"), 30);
    return config;
}

QString cell(const WatchlistModel *model, SymbolId id, int column, int role = Qt::DisplayRole)
{
    return model->data(model->index(model->rowOf(id), column), role).toString();
}

// The closed 1m bars the window shows equal the server's truth over the same
// minutes (no gap the source does not have, no duplicate, the same values).
bool barsEqualTruth(MainWindow *window, FakeBinanceServer &server, QString *why)
{
    const BarSeries &shown = window->shownBars();
    if (shown.size() < 10) {
        *why = QStringLiteral("only %1 bars shown").arg(shown.size());
        return false;
    }
    const std::vector<Bar> truth = server.truthBars(
        QStringLiteral("BTCUSDT"), shown.front().time, shown.back().time + kMinuteMs);
    if (truth.size() != shown.size()) {
        *why = QStringLiteral("%1 bars shown, %2 in the truth").arg(shown.size()).arg(truth.size());
        return false;
    }
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const Bar &a = shown[i];
        const Bar &b = truth[i];
        if (a.time != b.time || a.open != b.open || a.high != b.high || a.low != b.low
            || a.close != b.close || std::abs(a.volume - b.volume) > 1e-9) {
            *why = QStringLiteral("bar %1 at %2 differs (close %3 vs %4, volume %5 vs %6)")
                       .arg(i)
                       .arg(a.time)
                       .arg(a.close)
                       .arg(b.close)
                       .arg(a.volume)
                       .arg(b.volume);
            return false;
        }
    }
    return true;
}

}  // namespace

class TestBinanceApp final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void searchAddsAStreamedBackfilledSymbol();
    void refusedSymbolShowsItsError();
    void restartStreamsFromWhereTheCacheEnds();

private:
    std::unique_ptr<FakeBinanceServer> startServer();
    std::shared_ptr<SystemClock> m_clock = std::make_shared<SystemClock>();
    TimeMs m_marketStart = 0;
    TimeMs m_haltFrom = 0;
};

void TestBinanceApp::init()
{
    const TimeMs now = m_clock->now();
    m_marketStart = (now - kMarketMinutes * kMinuteMs) / kMinuteMs * kMinuteMs;
    m_haltFrom = (now - kHaltAgoMinutes * kMinuteMs) / kMinuteMs * kMinuteMs;
}

std::unique_ptr<FakeBinanceServer> TestBinanceApp::startServer()
{
    FakeBinanceConfig config;
    config.symbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
    config.marketStart = m_marketStart;
    config.tradeIntervalMs = 250;
    config.halts.push_back({m_haltFrom, m_haltFrom + kHaltMinutes * kMinuteMs});
    auto server = std::make_unique<FakeBinanceServer>(config, m_clock);
    if (!server->listen())
        return nullptr;
    return server;
}

void TestBinanceApp::searchAddsAStreamedBackfilledSymbol()
{
    auto server = startServer();
    QVERIFY(server);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cache = dir.filePath(QStringLiteral("cache.db"));
    {
        AppController app(configFor(dir.path(), *server), iniIn(dir.path()));
        MainWindow *window = app.window();
        QVERIFY(app.session()->feed(QStringLiteral("binance")));

        // exchangeInfo reaches the search; choosing BTCUSDT adds and shows it.
        SymbolSearch *search = window->symbolSearch();
        window->openSymbolSearch();
        search->queryEdit()->setText(QStringLiteral("btc"));
        QTRY_VERIFY_WITH_TIMEOUT(
            search->visibleKeys().contains(QStringLiteral("binance:BTCUSDT")), 10'000);
        QVERIFY(search->visibleKeys().contains(QStringLiteral("demo:BTCUSD")));
        emit search->symbolChosen(QStringLiteral("binance:BTCUSDT"));
        const std::optional<SymbolId> btc = window->currentSymbol();
        QCOMPARE(ChartState::fromJson(
                     window->sessionSettings().value(MainWindow::chartStateSettingKey()).toUtf8())
                     ->symbol,
            QStringLiteral("binance:BTCUSDT"));
        QCOMPARE(window->watchlistKeys().last(), QStringLiteral("binance:BTCUSDT"));
        QCOMPARE(
            app.streamedCodes(QStringLiteral("binance")), QStringList {QStringLiteral("BTCUSDT")});
        window->setTimeframe(Timeframe::M1);

        // The watchlist: Binance is live, BTCUSDT's quality is scored.
        WatchlistModel *model = window->watchlistModel();
        QTRY_COMPARE_WITH_TIMEOUT(
            cell(model, *btc, WatchlistModel::FeedColumn), QStringLiteral("Live"), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(model->qualityScore(*btc).has_value(), 10'000);
        QVERIFY(*model->qualityScore(*btc) > 0.99);
        QVERIFY(cell(model, *btc, WatchlistModel::QualityColumn).endsWith(QLatin1String("%")));
        // Chg % against the 24 h ticker's open (no previous UTC day is cached):
        // the market began 90 minutes ago, so the window opens at its first trade.
        QTRY_VERIFY_WITH_TIMEOUT(model->changeReference(*btc).has_value(), 10'000);
        const double open24h = server->trades(QStringLiteral("BTCUSDT")).front().price;
        QCOMPARE(*model->changeReference(*btc), open24h);
        const std::optional<Quote> quote = model->quote(*btc);
        QVERIFY(quote.has_value());
        QCOMPARE(cell(model, *btc, WatchlistModel::ChangeColumn),
            format::changePercent((quote->last - open24h) / open24h * 100.0));
        QVERIFY(!cell(model, *btc, WatchlistModel::ChangeColumn).isEmpty());
        QVERIFY(window->feedStatusText().contains(QLatin1String("BINANCE")));
        QVERIFY(window->feedStatusText().contains(QLatin1String("DEMO")));

        // Backfill and stream: the chart's bars are the server's, the outage a gap.
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(barsEqualTruth(window, *server, &why), qPrintable(why), 20'000);
        QVERIFY(window->shownBars().front().time <= m_marketStart + kMinuteMs);
        bool haltShown = false;
        for (const auto &[before, after] : window->chart()->gapSpans())
            haltShown = haltShown
                || (before == m_haltFrom - kMinuteMs
                    && after == m_haltFrom + kHaltMinutes * kMinuteMs);
        QVERIFY2(haltShown, "the exchange outage is shaded as a gap");

        // A duplicated trade is quarantined: a mark on the chart, a row in the cache.
        server->duplicateNext(QStringLiteral("BTCUSDT"));
        QTRY_VERIFY_WITH_TIMEOUT(window->chart()->quarantineMarkCount() >= 1, 10'000);

        // The data-health window has had a sample a second from both sources.
        QTRY_VERIFY_WITH_TIMEOUT(window->dataHealth()->sampleCount(QStringLiteral("binance")) >= 2
                && window->dataHealth()->sampleCount(QStringLiteral("demo")) >= 2,
            5'000);
        QVERIFY(window->dataHealth()->lastMessagesPerSecond(QStringLiteral("binance")) > 0.0);
    }
    auto db = Database::open(cache, OpenOptions {OpenMode::ReadOnly, false});
    const auto stored = SymbolStore(*db).find(QStringLiteral("binance"), QStringLiteral("BTCUSDT"));
    QVERIFY(stored);
    QualityStore quality(*db);
    const std::vector<QuarantinedItem> items = quality.quarantined(*stored, 0, kEndOfTime);
    QVERIFY(!items.empty());
    QCOMPARE(items.front().rule, QStringLiteral("duplicate_trade_id"));
    QVERIFY(items.front().tradeId > 0);
    const std::optional<QualityScoreRecord> score = quality.score(*stored);
    QVERIFY(score);
    QVERIFY(score->checks > 0);
    // The bars are in the cache too, up to the last closed minute.
    const std::vector<Bar> bars = BarStore(*db).range(*stored, Timeframe::M1, 0, kEndOfTime);
    QVERIFY(bars.size() > std::size_t(kMarketMinutes - kHaltMinutes - 5));
    QCOMPARE(bars.front().time, m_marketStart);
}

void TestBinanceApp::refusedSymbolShowsItsError()
{
    auto server = startServer();
    QVERIFY(server);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppController app(configFor(dir.path(), *server), iniIn(dir.path()));
    MainWindow *window = app.window();
    QTRY_VERIFY_WITH_TIMEOUT(app.feedStarted(), 10'000);
    QVERIFY(app.addSymbolByKey(QStringLiteral("binance:NOPEUSDT")));
    const SymbolId nope = window->currentSymbol();
    WatchlistModel *model = window->watchlistModel();
    QTRY_COMPARE_WITH_TIMEOUT(
        cell(model, nope, WatchlistModel::FeedColumn), QStringLiteral("Error"), 10'000);
    QVERIFY(cell(model, nope, WatchlistModel::FeedColumn, Qt::ToolTipRole)
                .contains(QLatin1String("Invalid symbol")));
    // The others go on.
    QVERIFY(app.addSymbolByKey(QStringLiteral("binance:ETHUSDT")));
    const SymbolId eth = window->currentSymbol();
    QTRY_COMPARE_WITH_TIMEOUT(
        cell(model, eth, WatchlistModel::FeedColumn), QStringLiteral("Live"), 15'000);
    QVERIFY(!app.addSymbolByKey(QStringLiteral("yahoo:AAPL")));  // no such source running
}

void TestBinanceApp::restartStreamsFromWhereTheCacheEnds()
{
    auto server = startServer();
    QVERIFY(server);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        AppController app(configFor(dir.path(), *server), iniIn(dir.path()));
        QTRY_VERIFY_WITH_TIMEOUT(app.feedStarted(), 10'000);
        QVERIFY(app.addSymbolByKey(QStringLiteral("binance:BTCUSDT")));
        app.window()->setTimeframe(Timeframe::M1);
        QTRY_VERIFY_WITH_TIMEOUT(app.window()->shownBars().size() > 50, 20'000);
        // Live (trades validated), not recovering: a duplicate now is the source's fault.
        const SymbolId btc = app.window()->currentSymbol();
        QTRY_VERIFY_WITH_TIMEOUT(
            app.window()->watchlistModel()->qualityScore(btc).has_value(), 10'000);
        server->duplicateNext(QStringLiteral("BTCUSDT"));
        QTRY_VERIFY_WITH_TIMEOUT(app.window()->chart()->quarantineMarkCount() >= 1, 10'000);
    }
    const int klinesBefore = server->restRequests(QStringLiteral("/api/v3/klines"));
    QVERIFY2(klinesBefore >= 3, qPrintable(QString::number(klinesBefore)));

    // The second run: the cached session brings BTCUSDT back; the feed backfills
    // only the minutes after the cache (at most one page of 30), and the bars equal the truth.
    AppController app(configFor(dir.path(), *server), iniIn(dir.path()));
    MainWindow *window = app.window();
    QTRY_VERIFY_WITH_TIMEOUT(app.feedStarted(), 10'000);
    QCOMPARE(app.streamedCodes(QStringLiteral("binance")), QStringList {QStringLiteral("BTCUSDT")});
    QCOMPARE(ChartState::fromJson(
                 window->sessionSettings().value(MainWindow::chartStateSettingKey()).toUtf8())
                 ->symbol,
        QStringLiteral("binance:BTCUSDT"));
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(barsEqualTruth(window, *server, &why), qPrintable(why), 20'000);
    QCOMPARE(window->shownBars().front().time, m_marketStart);
    // The quarantined trade of the first run is marked again, from the cache (on
    // its bar, which may be the forming one).
    QTRY_VERIFY_WITH_TIMEOUT(window->chart()->quarantineMarkCount() >= 1, 10'000);
    const int klinesAfter = server->restRequests(QStringLiteral("/api/v3/klines"));
    QVERIFY2(klinesAfter - klinesBefore <= 1,
        qPrintable(QStringLiteral("%1 pages after the restart").arg(klinesAfter - klinesBefore)));
}

QTEST_MAIN(TestBinanceApp)
#include "test_binance_app.moc"
