// `wick-cli collect --source binance` run as a process (WICK_CLI) against
// FakeBinanceServer on the wall clock: the cache ends up with the server's
// closed 1m bars from --backfill-from on, and one summary line per symbol; the
// minute still forming at the stop is kept apart, and `wick-cli export` shows
// closed bars only unless --include-forming.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "CliRun.h"
#include "FakeBinanceServer.h"
#include "model/Clock.h"
#include "storage/BarStore.h"
#include "storage/CoverageStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/QualityStore.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace { }  // namespace

class TestBinanceCollect final : public QObject
{
    Q_OBJECT

private slots:
    void collectsBackfillAndLive();
    void invalidSymbolFails();
};

void TestBinanceCollect::collectsBackfillAndLive()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    auto clock = std::make_shared<SystemClock>();
    const TimeMs now = clock->now();
    FakeBinanceConfig config;
    config.marketStart = now - 30 * kMinuteMs;
    config.tradeIntervalMs = 1000;
    FakeBinanceServer server(config, clock);
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.db"));
    const TimeMs from = now - now % kMinuteMs - 10 * kMinuteMs;

    // Once the stream runs, one BTCUSDT trade comes twice: quarantined, stored as such.
    QTimer::singleShot(
        1500, &server, [&server] { server.duplicateNext(QStringLiteral("BTCUSDT")); });
    const CliRun run = runCliServing(
        {QStringLiteral("collect"), QStringLiteral("--source"), QStringLiteral("Binance"),
            QStringLiteral("--symbols"), QStringLiteral("BTCUSDT,binance:ethusdt"),
            QStringLiteral("--timeframe"), QStringLiteral("1m"), QStringLiteral("--duration"),
            QStringLiteral("3s"), QStringLiteral("--backfill-from"), QString::number(from / 1000),
            QStringLiteral("--db"), db, QStringLiteral("--ws-url"), server.wsUrl().toString(),
            QStringLiteral("--rest-url"), server.restUrl().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(
        lines[0].startsWith(QLatin1String("binance:BTCUSDT: bars stored ")), qPrintable(run.out));
    QVERIFY2(lines[0].endsWith(QLatin1String(", quarantined 1, gaps left 0")), qPrintable(run.out));
    QVERIFY2(lines[1].endsWith(QLatin1String(", quarantined 0, gaps left 0")), qPrintable(run.out));
    QVERIFY2(
        lines[1].startsWith(QLatin1String("binance:ETHUSDT: bars stored ")), qPrintable(run.out));

    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    for (const QString &code : {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}) {
        const auto id = SymbolStore(*database).find(QStringLiteral("binance"), code);
        QVERIFY(id);
        const std::vector<Bar> stored
            = BarStore(*database).range(*id, Timeframe::M1, 0, kEndOfTime);
        QVERIFY(stored.size() >= 10);
        QCOMPARE(stored.front().time, from);
        const std::vector<Bar> truth = server.truthBars(code, from, stored.back().time + kMinuteMs);
        QCOMPARE(stored.size(), truth.size());
        for (std::size_t i = 0; i < stored.size(); ++i)
            QVERIFY2(stored[i] == truth[i], qPrintable(QString::number(stored[i].time)));
        QVERIFY(
            lines.join(QLatin1Char('\n'))
                .contains(
                    QStringLiteral("binance:%1: bars stored %2,").arg(code).arg(stored.size())));
        const bool btc = code == QLatin1String("BTCUSDT");
        QCOMPARE(QualityStore(*database).quarantineCount(*id), btc ? 1 : 0);
        if (btc) {
            const auto items = QualityStore(*database).quarantined(*id, 0, kEndOfTime);
            QCOMPARE(items.size(), std::size_t(1));
            QCOMPARE(items.front().rule, QStringLiteral("duplicate_trade_id"));
            QVERIFY(items.front().tradeId > 0);
        }
        const auto score = QualityStore(*database).score(*id);
        QVERIFY(score);
        QVERIFY(btc ? score->score < 1.0 : score->score == 1.0);
        QVERIFY(score->checks >= 10);
        const auto ranges = CoverageStore(*database).ranges(*id, Timeframe::M1);
        QCOMPARE(ranges.size(), std::size_t(1));
        QCOMPARE(ranges.front().start, from);
        QCOMPARE(ranges.front().end, stored.back().time + kMinuteMs);

        // The forming minute: after the last closed one, and the truth's bar of
        // that minute through the last trade the collector had.
        const auto forming = FormingBarStore(*database).current(*id, Timeframe::M1);
        if (!forming) {
            // Only when the run stopped within the first trade interval of a new
            // minute, before its first trade: then nothing was forming.
            std::size_t after = 0;
            for (const FakeTrade &t : server.trades(code))
                after += t.time >= stored.back().time + kMinuteMs ? 1 : 0;
            QVERIFY2(after <= 1, qPrintable(QStringLiteral("%1: no forming bar").arg(code)));
            continue;
        }
        QVERIFY2(forming->bar.time > stored.back().time,
            qPrintable(
                QStringLiteral("%1 after %2").arg(forming->bar.time).arg(stored.back().time)));
        QVERIFY(forming->bar.tradeCount > 0);
        std::vector<FakeTrade> inMinute;
        for (const FakeTrade &t : server.trades(code)) {
            if (t.time >= forming->bar.time && t.time < forming->bar.time + kMinuteMs)
                inMinute.push_back(t);
        }
        QVERIFY(inMinute.size() >= std::size_t(forming->bar.tradeCount));
        const TimeMs through = inMinute[std::size_t(forming->bar.tradeCount) - 1].time;
        const auto formingTruth = server.truthBar(code, forming->bar.time, through);
        QVERIFY(formingTruth);
        QVERIFY2(forming->bar == *formingTruth,
            qPrintable(QStringLiteral("forming %1: close %2 vs %3, volume %4 vs %5")
                           .arg(forming->bar.time)
                           .arg(forming->bar.close)
                           .arg(formingTruth->close)
                           .arg(forming->bar.volume)
                           .arg(formingTruth->volume)));

        // export: closed bars only; --include-forming marks each row, the forming one last.
        const QStringList exportArgs {QStringLiteral("export"), QStringLiteral("--db"), db,
            QStringLiteral("--symbol"), QStringLiteral("binance:") + code,
            QStringLiteral("--timeframe"), QStringLiteral("1m"), QStringLiteral("--out"),
            QStringLiteral("-")};
        const CliRun closedOnly = runCliServing(exportArgs);
        QCOMPARE(closedOnly.exitCode, 0);
        const QStringList rows = closedOnly.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), qsizetype(stored.size()) + 1);
        QCOMPARE(rows.front(), QStringLiteral("ts,open,high,low,close,volume"));
        const CliRun withForming
            = runCliServing(exportArgs + QStringList {QStringLiteral("--include-forming")});
        QCOMPARE(withForming.exitCode, 0);
        const QStringList marked = withForming.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(marked.size(), rows.size() + 1);
        QCOMPARE(marked.front(), QStringLiteral("ts,open,high,low,close,volume,forming"));
        for (qsizetype i = 1; i < rows.size(); ++i)
            QCOMPARE(marked[i], rows[i] + QStringLiteral(",0"));
        QVERIFY(
            marked.back().startsWith(QString::number(forming->bar.time / 1000) + QLatin1Char(',')));
        QVERIFY(marked.back().endsWith(QLatin1String(",1")));
    }
}

void TestBinanceCollect::invalidSymbolFails()
{
    auto clock = std::make_shared<SystemClock>();
    FakeBinanceConfig config;
    config.marketStart = clock->now() - 5 * kMinuteMs;
    FakeBinanceServer server(config, clock);
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const CliRun run = runCliServing(
        {QStringLiteral("collect"), QStringLiteral("--source"), QStringLiteral("binance"),
            QStringLiteral("--symbols"), QStringLiteral("BTCUSDT,NOSUCHCOIN"),
            QStringLiteral("--duration"), QStringLiteral("1s"), QStringLiteral("--db"),
            dir.filePath(QStringLiteral("cache.db")), QStringLiteral("--ws-url"),
            server.wsUrl().toString(), QStringLiteral("--rest-url"), server.restUrl().toString()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QLatin1String("binance:NOSUCHCOIN: error: binance:NOSUCHCOIN: "
                                            "Invalid symbol")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("binance:BTCUSDT: bars stored")), qPrintable(run.out));

    const CliRun bad = runCliServing({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("nosuchsource"), QStringLiteral("--symbols"), QStringLiteral("AAPL")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QLatin1String("--source must be one of alpaca, alphavantage, "
                                            "binance, demo, yahoo, not 'nosuchsource'")),
        qPrintable(bad.err));
}

QTEST_GUILESS_MAIN(TestBinanceCollect)
#include "test_binance_collect.moc"
