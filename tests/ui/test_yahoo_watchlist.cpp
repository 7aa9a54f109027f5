// The whole terminal with Yahoo pointed at the fake server on 127.0.0.1: a
// watchlist of 300 Yahoo symbols is kept current by batched quote rounds --
// every row's price, change and volume as Yahoo quotes them, a few requests
// for all of them -- while only the chart's symbol has its history fetched;
// a symbol Yahoo does not know shows its error in its row.
#include <cmath>
#include <memory>

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "AppController.h"
#include "FakeYahooServer.h"
#include "MainWindow.h"
#include "format/NumberFormat.h"
#include "model/SymbolRegistry.h"
#include "session/MarketSession.h"
#include "watchlist/WatchlistModel.h"

using namespace wick;

namespace {

constexpr int kUniverse = 300;

QString cell(const WatchlistModel *model, SymbolId id, int column, int role = Qt::DisplayRole)
{
    return model->data(model->index(model->rowOf(id), column), role).toString();
}

AppConfig configFor(const QString &dataDir, const FakeYahooServer &server)
{
    AppConfig config;
    config.dataDir = dataDir;
    SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.values.insert(QStringLiteral("seed"), 5);
    demo.values.insert(QStringLiteral("historyDays"), 1);
    demo.values.insert(QStringLiteral("symbols"), QStringList {QStringLiteral("BTCUSD")});
    SourceSettings &yahoo = config.source(QStringLiteral("yahoo"));
    yahoo.values.insert(QStringLiteral("restUrl"), server.url().toString());
    yahoo.values.insert(QStringLiteral("requestsPerSecond"), 50.0);
    yahoo.values.insert(QStringLiteral("quoteBatch"), 100);
    yahoo.values.insert(QStringLiteral("quoteIntervalMs"), qint64(60'000));
    yahoo.values.insert(QStringLiteral("backfillDays"), 5);
    return config;
}

}  // namespace

class TestYahooWatchlist final : public QObject
{
    Q_OBJECT

private slots:
    void watchlistRowsFollowBatchedQuotes();
};

void TestYahooWatchlist::watchlistRowsFollowBatchedQuotes()
{
    FakeYahooServer server(qEnvironmentVariable("WICK_TEST_FIXTURES"));
    QVERIFY(server.listen());
    server.addUniverse(kUniverse);
    const QString charted = FakeYahooServer::universeQuote(kUniverse).code;
    server.addChart(charted);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppController app(configFor(dir.path(), server),
        std::make_unique<QSettings>(
            dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
    MainWindow *window = app.window();
    QTRY_VERIFY_WITH_TIMEOUT(app.feedStarted(), 10'000);
    WatchlistModel *model = window->watchlistModel();
    // 299 rows added to the watchlist, then the last one added and shown.
    std::vector<SymbolId> ids;
    for (int i = 1; i < kUniverse; ++i) {
        const std::optional<SymbolId> id = app.session()->registerKey(
            QStringLiteral("yahoo:") + FakeYahooServer::universeQuote(i).code);
        QVERIFY(id);
        QVERIFY(model->addSymbol(*id));
        ids.push_back(*id);
    }
    const std::optional<SymbolId> unknown
        = app.session()->registerKey(QStringLiteral("yahoo:NOPE"));
    QVERIFY(unknown);
    QVERIFY(model->addSymbol(*unknown));
    QVERIFY(app.addSymbolByKey(QStringLiteral("yahoo:") + charted));
    const SymbolId shown = window->currentSymbol();
    ids.push_back(shown);

    // Every row's quote is Yahoo's.
    const auto quoted = [&] {
        for (std::size_t k = 0; k < ids.size(); ++k) {
            const std::optional<Quote> q = model->quote(ids[k]);
            if (!q || q->last != FakeYahooServer::universeQuote(int(k) + 1).price)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(quoted(), 20'000);
    const FakeYahooServer::UniverseQuote truth = FakeYahooServer::universeQuote(42);
    const std::optional<Quote> q42 = model->quote(ids[41]);
    QCOMPARE(q42->time, truth.timeSeconds * 1000);
    QCOMPARE(q42->dayVolume, truth.volume);
    QVERIFY(std::abs(q42->changePercent() - truth.changePercent) < 1e-9);
    QCOMPARE(cell(model, ids[41], WatchlistModel::ChangeColumn),
        format::changePercent(truth.changePercent));
    QCOMPARE(cell(model, ids[41], WatchlistModel::FeedColumn), QStringLiteral("Live"));
    // NOPE: Yahoo's answer leaves it out, its row says so.
    QTRY_COMPARE_WITH_TIMEOUT(
        cell(model, *unknown, WatchlistModel::FeedColumn), QStringLiteral("Error"), 10'000);
    QVERIFY(cell(model, *unknown, WatchlistModel::FeedColumn, Qt::ToolTipRole)
                .contains(QLatin1String("not a symbol it knows")));
    // A few batched requests for 301 rows, not one each; history for the chart alone.
    QVERIFY2(server.quoteRequests() <= 12, qPrintable(QString::number(server.quoteRequests())));
    QTRY_VERIFY_WITH_TIMEOUT(!server.chartRequests().empty(), 10'000);
    for (const auto &r : server.chartRequests())
        QCOMPARE(r.code, charted);
}

QTEST_MAIN(TestYahooWatchlist)
#include "test_yahoo_watchlist.moc"
