#include "ScanCommand.h"

#include <cmath>
#include <cstdio>

#include <QDateTime>
#include <QFileInfo>

#include "CliOptions.h"
#include "alerts/AlertScan.h"
#include "storage/BarStore.h"
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"
#include "storage/WatchlistStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("scan");
constexpr int kDefaultBars = 500;
constexpr std::size_t kMaxMinutes = 2'000'000;

QString isoTime(TimeMs ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'");
}

}  // namespace

int runScanCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli scan [--db FILE] --condition COND [--timeframe TF] "
                       "[--symbol SRC:CODE ...] [--bars N] [--all]"),
        QStringLiteral(
            "Evaluates one alert condition (the grammar of `wick-cli alerts --rule`) over the "
            "cached bars of many symbols -- those given with --symbol, else the app's watchlist, "
            "else every symbol in the cache -- and prints, as CSV on stdout, the symbols it holds "
            "at on their newest closed bar: symbol,holds,value,since,bars_held,last_bar (value: "
            "its left operand there; since: the first bar of the run of bars it has held at; "
            "times ISO-8601 UTC). Bars of TF are rolled up from the cached 1m bars in each "
            "symbol's time zone; a bucket that has not ended yet is left out. The cache is only "
            "read."));
    const QCommandLineOption dbOption = CliOptions::dbOption();
    const QCommandLineOption conditionOption(QStringLiteral("condition"),
        QStringLiteral("The condition, e.g. \"RSI:14 < 30\" or \"close crosses_above SMA:50\"."),
        QStringLiteral("COND"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w (default 1m)."), QStringLiteral("TF"),
        QStringLiteral("1m"));
    const QCommandLineOption symbolOption(QStringLiteral("symbol"),
        QStringLiteral("A symbol to scan as source:CODE; repeatable."), QStringLiteral("SRC:CODE"));
    const QCommandLineOption barsOption(QStringLiteral("bars"),
        QStringLiteral("Closed bars of TF read per symbol, newest last (default 500)."),
        QStringLiteral("N"), QString::number(kDefaultBars));
    const QCommandLineOption allOption(QStringLiteral("all"),
        QStringLiteral("List every symbol scanned, holds 0 or 1, not only the matches."));
    options.add({dbOption, conditionOption, timeframeOption, symbolOption, barsOption, allOption});
    if (const auto done = options.parse(arguments))
        return *done;
    const auto condition = options.required(conditionOption);
    if (!condition)
        return options.status();
    const std::optional<Timeframe> timeframe = parseTimeframe(options.value(timeframeOption));
    if (!timeframe)
        return options.fail(QStringLiteral("--timeframe: '%1' is not a timeframe")
                                .arg(options.value(timeframeOption)),
            2);
    bool ok = false;
    const int barCount = options.value(barsOption).toInt(&ok);
    if (!ok || barCount < 2)
        return options.fail(QStringLiteral("--bars: '%1' is not a count of at least 2")
                                .arg(options.value(barsOption)),
            2);
    QString error;
    if (!scanBars(*condition, {}, &error))
        return options.fail(QStringLiteral("--condition: %1").arg(error), 2);

    const QString path = cachePathOr(options.value(dbOption));
    if (!QFileInfo::exists(path))
        return options.fail(QStringLiteral("no cache at %1").arg(path));
    const TimeMs now = QDateTime::currentMSecsSinceEpoch();
    const std::size_t minutesPerBar = std::size_t(nominalDurationMs(*timeframe) / kMinuteMs);
    const std::size_t minutes = std::min(kMaxMinutes, std::size_t(barCount + 1) * minutesPerBar);
    QByteArray csv("symbol,holds,value,since,bars_held,last_bar\n");
    int scanned = 0;
    int matches = 0;
    try {
        auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
        SymbolStore symbols(*db);
        std::vector<StoredSymbolId> ids;
        for (const QString &key : options.values(symbolOption)) {
            const auto parts = SymbolStore::splitKey(key);
            const auto id = parts ? symbols.find(parts->first, parts->second) : std::nullopt;
            if (!id)
                return options.fail(QStringLiteral("%1 is not in %2").arg(key, path));
            ids.push_back(*id);
        }
        if (ids.empty())
            for (const Watchlist &list : WatchlistStore(*db).all())
                if (list.name == CacheReader::mainWatchlistName())
                    ids = list.symbols;
        if (ids.empty())
            for (const StoredSymbol &s : symbols.all())
                ids.push_back(s.id);
        BarStore store(*db);
        for (const StoredSymbolId id : ids) {
            const std::optional<Symbol> symbol = symbols.symbol(id);
            if (!symbol)
                continue;
            std::vector<Bar> bars = closedBarsOf(
                store.last(id, Timeframe::M1, minutes), *timeframe, symbol->barDays(), now);
            if (bars.size() > std::size_t(barCount))
                bars.erase(bars.begin(), bars.end() - barCount);
            ++scanned;
            const std::optional<ScanResult> r = scanBars(*condition, bars, &error);
            if (!r)
                return options.fail(QStringLiteral("%1: %2").arg(symbol->key(), error));
            matches += r->holds ? 1 : 0;
            if (!r->holds && !options.isSet(allOption))
                continue;
            csv += symbol->key().toUtf8() + ',' + (r->holds ? "1," : "0,")
                + (std::isnan(r->value) ? QByteArray() : QByteArray::number(r->value, 'g', 17))
                + ',' + (r->holds ? isoTime(r->since).toUtf8() : QByteArray()) + ','
                + QByteArray::number(r->barsHeld) + ','
                + (bars.empty() ? QByteArray() : isoTime(r->lastBar).toUtf8()) + '\n';
        }
    } catch (const StorageError &e) {
        return options.fail(e.text());
    }
    if (std::fwrite(csv.constData(), 1, std::size_t(csv.size()), stdout) != std::size_t(csv.size()))
        return options.fail(QStringLiteral("cannot write to stdout"));
    note(QStringLiteral("wick-cli scan: %1 of %2 symbols hold `%3` on %4")
             .arg(matches)
             .arg(scanned)
             .arg(*condition, timeframeName(*timeframe)));
    return 0;
}

}  // namespace wick::cli
