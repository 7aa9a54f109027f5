// wick-cli collect run as a process (WICK_CLI) on the demo source: the same
// MarketSession as the app, for a source that is not Binance. The closed bars
// it stores are the demo generator's, bit for bit; the minute still forming at
// the stop is kept apart; the summary says what was stored; a normal exit
// leaves the cache checkpointed (no -wal file). The alert rules kept in the
// cache run on the collected data: a live fire is stored and listed. Also the
// option errors.
#include <algorithm>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "CliRun.h"

#include "alerts/AlertEntry.h"
#include "feeds/demo/DemoInstrument.h"
#include "feeds/demo/DemoMarket.h"
#include "storage/AlertStore.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/QualityStore.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

constexpr TimeMs kStart = 1767571200000;  // 2026-01-05T00:00:00Z, a Monday

// The histories of the demo market of these codes (catalogue order), as the feed makes it.
std::vector<std::vector<Bar>> demoHistories(const QStringList &codes, std::uint64_t seed, int days)
{
    std::vector<DemoInstrument> chosen;
    for (DemoInstrument &instrument : demoInstruments()) {
        if (codes.contains(instrument.symbol.code))
            chosen.push_back(std::move(instrument));
    }
    const std::size_t count = chosen.size();
    DemoMarket market(seed, kStart, days, 1.0, std::move(chosen));
    std::vector<std::vector<Bar>> histories;
    for (std::size_t i = 0; i < count; ++i)
        histories.push_back(market.history(i));
    return histories;
}

}  // namespace

class TestCliCollect final : public QObject
{
    Q_OBJECT

private slots:
    void demoSourceStoresTheGeneratorsBars();
    void alertRulesOfTheCacheFire();
    void badSourceAndSettings();
};

void TestCliCollect::demoSourceStoresTheGeneratorsBars()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.db"));
    const CliRun run = runCli({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("BTCUSD,demo:ETHUSD"),
        QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--db"), db,
        QStringLiteral("--set"), QStringLiteral("seed=7"), QStringLiteral("--set"),
        QStringLiteral("start=%1").arg(kStart), QStringLiteral("--set"),
        QStringLiteral("historyDays=1")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);

    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    const QStringList codes {QStringLiteral("BTCUSD"), QStringLiteral("ETHUSD")};
    const std::vector<std::vector<Bar>> histories = demoHistories(codes, 7, 1);
    QCOMPARE(histories.size(), std::size_t(2));
    for (int i = 0; i < 2; ++i) {
        const QString code = codes[i];
        const std::vector<Bar> &truth = histories[std::size_t(i)];
        QVERIFY(truth.size() > 1000);
        const auto id = SymbolStore(*database).find(QStringLiteral("demo"), code);
        QVERIFY(id);
        // 3 s of simulated trading from kStart close no minute: the stored
        // minutes are the history, equal to the generator's.
        const std::vector<Bar> stored
            = BarStore(*database).range(*id, Timeframe::M1, 0, kEndOfTime);
        QCOMPARE(stored.size(), truth.size());
        for (std::size_t k = 0; k < truth.size(); ++k)
            QVERIFY2(stored[k] == truth[k], qPrintable(QString::number(stored[k].time)));
        // Minutes without a trade have no bar: the summary counts them as gaps.
        std::int64_t gaps = 0;
        for (std::size_t k = 1; k < truth.size(); ++k)
            gaps += (truth[k].time - truth[k - 1].time) / kMinuteMs - 1;
        QCOMPARE(lines[i],
            QStringLiteral("demo:%1: bars stored %2, quarantined 0, gaps left %3")
                .arg(code)
                .arg(truth.size())
                .arg(gaps));
        // The first live minute, still forming at the stop, kept apart.
        const auto forming = FormingBarStore(*database).current(*id, Timeframe::M1);
        QVERIFY(forming);
        QCOMPARE(forming->bar.time, kStart);
        QVERIFY(forming->bar.tradeCount > 0);
        // Simulated: not validated, so no score is stored.
        QVERIFY(!QualityStore(*database).score(*id));
    }
    database.reset();
    const QFileInfo wal(db + QStringLiteral("-wal"));
    QVERIFY2(!wal.exists() || wal.size() == 0, qPrintable(QString::number(wal.size())));
}

void TestCliCollect::alertRulesOfTheCacheFire()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.db"));
    {
        // Two rules of the app in the cache: one holds on every trade, one never.
        auto database = Database::open(db);
        AlertWrite write;
        for (const auto &[id, text] :
            {std::pair {QStringLiteral("r1"), QStringLiteral("close > 0")},
                std::pair {QStringLiteral("r2"), QStringLiteral("close < 0")}}) {
            AlertEntry entry;
            entry.rule.id = id;
            entry.rule.symbol = QStringLiteral("demo:BTCUSD");
            entry.rule.trigger = AlertTrigger::OncePerBar;
            QString error;
            QVERIFY2(entry.rule.setText(text, &error), qPrintable(error));
            entry.state.ruleId = id;
            write.rules.push_back(entry);
            write.states.push_back(entry.state);
        }
        AlertStore(*database).apply(write);
    }
    const CliRun run = runCli({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("BTCUSD"),
        QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--db"), db,
        QStringLiteral("--set"), QStringLiteral("seed=7"), QStringLiteral("--set"),
        QStringLiteral("start=%1").arg(kStart), QStringLiteral("--set"),
        QStringLiteral("historyDays=1")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);

    // The 3 s stay inside the minute of kStart: r1 fires once on its forming
    // bar (once per bar), at the close of the batch that opened it; the cache
    // has the fire and the minute still forming at the stop.
    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    const StoredAlerts stored = AlertStore(*database).load();
    QCOMPARE(stored.rules.size(), std::size_t(2));
    QCOMPARE(stored.fires.size(), std::size_t(1));
    const AlertFire &fire = stored.fires.front().fire;
    QCOMPARE(fire.ruleId, QStringLiteral("r1"));
    QCOMPARE(fire.symbol, QStringLiteral("demo:BTCUSD"));
    QCOMPARE(fire.barTime, kStart);
    QVERIFY(fire.intrabar);
    QVERIFY(!stored.fires.front().missed);
    QCOMPARE(fire.close, fire.left);
    QCOMPARE(fire.right, 0.0);
    const auto id = SymbolStore(*database).find(QStringLiteral("demo"), QStringLiteral("BTCUSD"));
    QVERIFY(id);
    const auto forming = FormingBarStore(*database).current(*id, Timeframe::M1);
    QVERIFY(forming);
    QCOMPARE(forming->bar.time, kStart);
    QVERIFY2(fire.left >= forming->bar.low && fire.left <= forming->bar.high,
        qPrintable(QStringLiteral("%1 outside %2 .. %3")
                       .arg(fire.left)
                       .arg(forming->bar.low)
                       .arg(forming->bar.high)));
    const auto r1 = std::find_if(stored.rules.begin(), stored.rules.end(),
        [](const AlertEntry &e) { return e.rule.id == QLatin1String("r1"); });
    QVERIFY(r1 != stored.rules.end());
    QCOMPARE(r1->state.fireCount, 1);
    QCOMPARE(r1->state.lastFiredBar, kStart);

    QVERIFY2(lines[0].startsWith(QLatin1String("demo:BTCUSD: bars stored ")), qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("alerts: 2 rules, 1 fires"));
    QCOMPARE(lines[2],
        QStringLiteral("alert r1 demo:BTCUSD 1m `close > 0` fired on the bar of "
                       "2026-01-05T00:00:00Z: %1 (0)")
            .arg(QString::number(fire.left, 'g', 17)));
}

void TestCliCollect::badSourceAndSettings()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.db"));
    const CliRun unknown = runCli({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("nosuch"), QStringLiteral("--symbols"), QStringLiteral("X")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(
                 QLatin1String("--source must be one of alpaca, alphavantage, binance, demo")),
        qPrintable(unknown.err));
    const CliRun refused = runCli({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("BTCUSD"),
        QStringLiteral("--db"), db, QStringLiteral("--set"), QStringLiteral("speed=-1")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QLatin1String("source 'demo': speed must be above 0")),
        qPrintable(refused.err));
    const CliRun malformed = runCli({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("demo"), QStringLiteral("--symbols"), QStringLiteral("BTCUSD"),
        QStringLiteral("--set"), QStringLiteral("speed")});
    QCOMPARE(malformed.exitCode, 2);
    QVERIFY(malformed.err.contains(QLatin1String("--set needs KEY=VALUE, not 'speed'")));
    const CliRun notDemo
        = runCli({QStringLiteral("collect"), QStringLiteral("--source"), QStringLiteral("demo"),
            QStringLiteral("--symbols"), QStringLiteral("NOSUCH"), QStringLiteral("--db"), db});
    QCOMPARE(notDemo.exitCode, 2);
    QVERIFY2(notDemo.err.contains(QLatin1String("'NOSUCH' is not a demo symbol")),
        qPrintable(notDemo.err));
}

QTEST_GUILESS_MAIN(TestCliCollect)
#include "test_cli_collect.moc"
