// A source the app has never heard of, added the way any new source is: one
// factory registered with the SourceCatalog (tests/support/CsvReplayFeed, a
// replay of a bars CSV), nothing in app/, ui/ or core/session. It shows up in
// the watchlist with its state and quality score, its bars on the chart equal
// the file's, and the cache holds them after the terminal closes.
#include <cmath>
#include <memory>

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "AppController.h"
#include "CsvReplayFeed.h"
#include "MainWindow.h"
#include "feeds/SourceCatalog.h"
#include "model/SymbolRegistry.h"
#include "session/MarketSession.h"
#include "storage/BarCsv.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"
#include "watchlist/WatchlistModel.h"

using namespace wick;

namespace {

constexpr int kBars = 120;
constexpr int kHistoryBars = 100;

// 120 closed minutes ending ten minutes ago, on a deterministic walk.
std::vector<Bar> makeBars(TimeMs now)
{
    std::vector<Bar> bars;
    const TimeMs first = minuteFloor(now) - (kBars + 10) * kMinuteMs;
    double close = 100.0;
    for (int i = 0; i < kBars; ++i) {
        Bar bar;
        bar.time = first + i * kMinuteMs;
        bar.open = close;
        close = 100.0 + 5.0 * std::sin(i / 7.0) + (i % 5) * 0.25;
        bar.close = close;
        bar.high = std::max(bar.open, bar.close) + 0.5;
        bar.low = std::min(bar.open, bar.close) - 0.5;
        bar.volume = 10.0 + i;
        bar.tradeCount = 3 + i % 4;
        bars.push_back(bar);
    }
    return bars;
}

bool sameBar(const Bar &a, const Bar &b)
{
    return a.time == b.time && a.open == b.open && a.high == b.high && a.low == b.low
        && a.close == b.close && a.volume == b.volume;
}

}  // namespace

class TestNewSource final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void replaySourceReachesWatchlistChartAndCache();
};

void TestNewSource::initTestCase()
{
    SourceCatalog::instance().add(QString::fromLatin1(kCsvReplaySource), &createCsvReplaySource);
}

void TestNewSource::cleanupTestCase()
{
    SourceCatalog::instance().remove(QString::fromLatin1(kCsvReplaySource));
}

void TestNewSource::replaySourceReachesWatchlistChartAndCache()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<Bar> bars = makeBars(QDateTime::currentMSecsSinceEpoch());
    const QString file = dir.filePath(QStringLiteral("MYBARS.csv"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(barsCsv(bars));
    }
    // Bars as the CSV gives them back (seconds, 17 digits): what the source sends.
    const std::vector<Bar> expected = readBarsCsv(file).bars;
    QCOMPARE(expected.size(), std::size_t(kBars));

    AppConfig config;
    config.dataDir = dir.path();
    config.source(QStringLiteral("demo")).values.insert(QStringLiteral("historyDays"), 1);
    SourceSettings &replay = config.source(QString::fromLatin1(kCsvReplaySource));
    replay.values.insert(QStringLiteral("file"), file);
    replay.values.insert(QStringLiteral("historyBars"), kHistoryBars);
    replay.values.insert(QStringLiteral("intervalMs"), 20);
    {
        AppController app(config,
            std::make_unique<QSettings>(dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat));
        QVERIFY(app.session()->sourceErrors().isEmpty());
        QVERIFY(app.session()->feed(QStringLiteral("csvreplay")));
        MainWindow *window = app.window();
        QTRY_VERIFY_WITH_TIMEOUT(app.feedStarted(), 10'000);

        // The search's pick, as for any source: into the watchlist, shown, streamed.
        QVERIFY(app.addSymbolByKey(QStringLiteral("csvreplay:MYBARS")));
        QVERIFY(!app.addSymbolByKey(QStringLiteral("csvreplay:NOTHERE")));
        QCOMPARE(window->watchlistKeys().last(), QStringLiteral("csvreplay:MYBARS"));
        QCOMPARE(app.streamedCodes(QStringLiteral("csvreplay")), QStringList {QStringLiteral("MYBARS")});
        const SymbolId id = *app.session()->symbols()->find(QStringLiteral("csvreplay:MYBARS"));
        QCOMPARE(app.session()->symbols()->symbol(id).displayName, QStringLiteral("Replay of MYBARS"));
        window->setTimeframe(Timeframe::M1);

        // The chart: every bar of the file, history and replayed ones alike.
        QTRY_COMPARE_WITH_TIMEOUT(window->shownBars().size(), expected.size(), 10'000);
        const BarSeries shown = window->shownBars();
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(sameBar(shown[i], expected[i]), qPrintable(QString::number(i)));

        // The watchlist: the source's state and a quality score (it is validated).
        WatchlistModel *model = window->watchlistModel();
        QCOMPARE(model->sourceState(QStringLiteral("csvreplay")), std::optional(FeedState::Live));
        QTRY_VERIFY_WITH_TIMEOUT(model->qualityScore(id).has_value(), 5000);
        QCOMPARE(*model->qualityScore(id), 1.0);
        QVERIFY(app.session()->qualityTally(id)->checks >= kBars);
    }

    // The cache: the same bars, after an ordinary close.
    auto db = Database::open(dir.filePath(QStringLiteral("cache.db")), OpenOptions {OpenMode::ReadOnly, false});
    const auto stored = SymbolStore(*db).find(QStringLiteral("csvreplay"), QStringLiteral("MYBARS"));
    QVERIFY(stored);
    const std::vector<Bar> cached = BarStore(*db).range(*stored, Timeframe::M1, 0, kEndOfTime);
    QCOMPARE(cached.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(sameBar(cached[i], expected[i]), qPrintable(QString::number(i)));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("cache.db-wal")))
        || QFileInfo(dir.filePath(QStringLiteral("cache.db-wal"))).size() == 0);
}

QTEST_MAIN(TestNewSource)
#include "test_new_source.moc"
