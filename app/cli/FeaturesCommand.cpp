#include "FeaturesCommand.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include <QFileInfo>

#include "CliOptions.h"
#include "FeaturesSidecar.h"
#include "features/FeatureSet.h"
#include "feeds/CatalogueSymbol.h"
#include "storage/AtomicFile.h"
#include "storage/BarCsv.h"
#include "storage/BarStore.h"
#include "storage/CsvFields.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("features");

int printVersion()
{
    QString text = QStringLiteral("%1\n").arg(QLatin1StringView(kFeatureSetVersion));
    text += QStringLiteral("ts  the bar's open time, unix seconds (UTC)\n");
    for (const FeatureColumn &column : featureColumns()) {
        text += QStringLiteral("%1  %2 (warm-up %3)\n")
                    .arg(QLatin1StringView(column.name))
                    .arg(QLatin1StringView(column.definition))
                    .arg(column.warmUp);
    }
    std::fputs(text.toUtf8().constData(), stdout);
    return 0;
}

// The bars CSV, every row checked; the first refused row fails the run.
std::optional<std::vector<Bar>> barsFromFile(const QString &path, QString *error)
{
    BarCsvRead read = readBarsCsv(path);
    if (!read.error.isEmpty()) {
        *error = read.error;
        return std::nullopt;
    }
    if (!read.rejected.empty()) {
        *error = QStringLiteral("%1 line %2: %3")
                     .arg(path)
                     .arg(read.rejected.front().line)
                     .arg(read.rejected.front().reason);
        return std::nullopt;
    }
    return std::move(read.bars);
}

// Every closed bar of the series, through a read-only connection.
std::optional<std::vector<Bar>> barsFromCache(
    const QString &path, const SeriesArgs &series, QString *error)
{
    if (!QFileInfo::exists(path)) {
        *error = QStringLiteral("no cache at %1").arg(path);
        return std::nullopt;
    }
    try {
        auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
        const auto symbol = SymbolStore(*db).find(series.source, series.code);
        if (!symbol) {
            *error = QStringLiteral("%1:%2 is not in %3").arg(series.source, series.code, path);
            return std::nullopt;
        }
        return BarStore(*db).range(
            *symbol, series.timeframe, std::numeric_limits<TimeMs>::min(), kEndOfTime);
    } catch (const StorageError &storageError) {
        *error = storageError.text();
        return std::nullopt;
    }
}

QByteArray featuresCsv(std::span<const Bar> bars, const FeatureTable &table)
{
    QList<QByteArray> header {QByteArrayLiteral("ts")};
    for (const FeatureColumn &column : featureColumns())
        header.append(QByteArray(column.name));
    QByteArray csv = csvRecord(header);
    csv.reserve(qsizetype(bars.size()) * (kFeatureCount + 1) * 12 + csv.size());
    bool wholeSeconds = true;
    for (const Bar &bar : bars)
        wholeSeconds = wholeSeconds && bar.time % 1000 == 0;
    for (std::size_t row = 0; row < bars.size(); ++row) {
        const TimeMs t = bars[row].time;
        if (wholeSeconds)
            csv += QByteArray::number(t / 1000);
        else
            csv += QByteArray::number(double(t) / 1000.0, 'f', 3);
        for (const std::vector<double> &column : table.columns) {
            csv += ',';
            if (!std::isnan(column[row])) {
                char cell[32];
                const int len = std::snprintf(cell, sizeof cell, "%.17g", column[row]);
                csv.append(cell, len);
            }
        }
        csv += '\n';
    }
    return csv;
}

}  // namespace

int runFeaturesCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli features (--in BARS.csv [--symbol SRC:CODE] | [--db FILE] "
                       "--symbol SRC:CODE --timeframe TF) --out FEATURES.csv"),
        QStringLiteral(
            "Writes machine-learning features per bar: returns over 1, 5 and 10 bars, log "
            "return, momentum, volatility over 5, 10 and 20 bars, range ratio, volume change and "
            "ratio, volume-price trend, RSI zone, MACD crossings, Bollinger position and squeeze, "
            "distance to SMA 20/50/200, above-SMA flags, UTC hour and weekday, and whether the "
            "symbol's market is open (demo, binance and yahoo symbols; otherwise empty). Each row "
            "reads its bar and earlier ones only; warm-up rows are empty. FEATURES.csv is plain "
            "CSV (ts in unix seconds, 17 significant digits); FEATURES.csv.json beside it holds "
            "the feature-set version, every column's definition, the symbol, its calendar and "
            "the bar count. --version lists the columns."));
    const QCommandLineOption inOption(
        QStringLiteral("in"), QStringLiteral("The bars, CSV."), QStringLiteral("BARS.csv"));
    const QCommandLineOption dbOption = CliOptions::dbOption();
    const QCommandLineOption symbolOption(QStringLiteral("symbol"),
        QStringLiteral("The symbol as source:CODE: the cached series to read (without --in) and "
                       "the market calendar of market_open."),
        QStringLiteral("SRC:CODE"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("The cached series' timeframe: 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w."),
        QStringLiteral("TF"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("The CSV file to write (and OUT.json beside it)."),
        QStringLiteral("FEATURES.csv"));
    const QCommandLineOption versionOption(QStringLiteral("version"),
        QStringLiteral("Print the feature-set version and its columns, then exit."));
    options.add({inOption, dbOption, symbolOption, timeframeOption, outOption});
    options.addAction(versionOption, &printVersion);
    if (const auto done = options.parse(arguments))
        return *done;

    const bool fromFile = options.isSet(inOption);
    if (fromFile && (options.isSet(dbOption) || options.isSet(timeframeOption)))
        return options.fail(
            QStringLiteral("--in reads a CSV: --db and --timeframe are for reading the cache"), 2);
    if (!fromFile && !options.isSet(symbolOption))
        return options.fail(
            QStringLiteral("give --in BARS.csv, or --symbol SRC:CODE --timeframe TF to read the "
                           "cache"),
            2);
    if (!fromFile && !options.isSet(timeframeOption))
        return options.fail(QStringLiteral("--timeframe TF is required to read the cache"), 2);
    const auto out = options.required(outOption);
    if (!out)
        return options.status();

    FeaturesRun run;
    std::optional<std::vector<Bar>> bars;
    QString error;
    if (fromFile) {
        if (options.isSet(symbolOption)) {
            const auto key = SymbolStore::splitKey(options.value(symbolOption));
            if (!key)
                return options.fail(QStringLiteral("--symbol must be source:CODE, not '%1'")
                                        .arg(options.value(symbolOption)),
                    2);
            run.symbolKey = key->first + QLatin1Char(':') + key->second;
            run.calendar = catalogueSymbol(key->first, key->second);
        }
        run.inputFile = options.value(inOption);
        bars = barsFromFile(run.inputFile, &error);
    } else {
        const auto series = options.series(symbolOption, timeframeOption);
        if (!series)
            return options.status();
        run.symbolKey = series->source + QLatin1Char(':') + series->code;
        run.calendar = catalogueSymbol(series->source, series->code);
        run.cacheFile = cachePathOr(options.value(dbOption));
        run.timeframe = timeframeName(series->timeframe);
        bars = barsFromCache(run.cacheFile, *series, &error);
    }
    if (!bars)
        return options.fail(error);
    run.bars = bars->size();

    const FeatureTable table = computeFeatures(*bars, run.calendar);
    if (!writeFileAtomically(*out, featuresCsv(*bars, table), &error)
        || !writeFileAtomically(*out + QStringLiteral(".json"), featuresSidecar(run), &error))
        return options.fail(error);
    note(QStringLiteral("wick-cli features: %1 rows of %2 features (%3); market_open %4")
             .arg(bars->size())
             .arg(kFeatureCount)
             .arg(QLatin1StringView(kFeatureSetVersion), marketOpenNote(run)));
    return 0;
}

}  // namespace wick::cli
