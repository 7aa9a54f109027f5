#include "ExportCommand.h"

#include <cstdio>
#include <limits>

#include <QFileInfo>

#include "CliOptions.h"
#include "model/Timeframe.h"
#include "storage/AtomicFile.h"
#include "storage/BarCsv.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("export");

}  // namespace

int runExportCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli export [--db FILE] --symbol SRC:CODE --timeframe TF "
                       "[--from T] [--to T] [--include-forming] --out BARS.csv"),
        QStringLiteral(
            "Writes a symbol's cached bars as CSV in the format of `wick-cli demo`: "
            "ts,open,high,low,close,volume with ts in unix seconds and 17 significant digits, "
            "so that importing the file again gives the same numbers. Closed bars only, unless "
            "--include-forming: then every row gets a seventh column, forming, 0 for a closed "
            "bar and 1 for the bar still forming when `wick-cli collect` stopped, which comes "
            "last (when it lies in the range and no closed bar of its time or later was stored "
            "since)."));
    const QCommandLineOption dbOption = CliOptions::dbOption();
    const QCommandLineOption symbolOption(QStringLiteral("symbol"),
        QStringLiteral("The symbol as source:CODE (source case-insensitive)."),
        QStringLiteral("SRC:CODE"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w."), QStringLiteral("TF"));
    const QCommandLineOption fromOption(QStringLiteral("from"),
        QStringLiteral("First bar time (inclusive), ISO-8601 UTC or unix seconds."),
        QStringLiteral("T"));
    const QCommandLineOption toOption(QStringLiteral("to"),
        QStringLiteral("End (exclusive), ISO-8601 UTC or unix seconds."), QStringLiteral("T"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("The CSV file to write, - for stdout."), QStringLiteral("FILE"));
    const QCommandLineOption formingOption(QStringLiteral("include-forming"),
        QStringLiteral("Append the forming bar, marked: header "
                       "ts,open,high,low,close,volume,forming; forming is 0 on closed bars, "
                       "1 on the forming one."));
    options.add(
        {dbOption, symbolOption, timeframeOption, fromOption, toOption, formingOption, outOption});
    if (const auto done = options.parse(arguments))
        return *done;
    const auto series = options.series(symbolOption, timeframeOption);
    if (!series)
        return options.status();
    const auto from = options.time(fromOption, std::numeric_limits<TimeMs>::min());
    if (!from)
        return options.status();
    const auto to = options.time(toOption, kEndOfTime);
    if (!to)
        return options.status();
    const auto out = options.required(outOption);
    if (!out)
        return options.status();

    const QString path = cachePathOr(options.value(dbOption));
    if (!QFileInfo::exists(path))
        return options.fail(QStringLiteral("no cache at %1").arg(path));
    std::vector<Bar> bars;
    std::optional<Bar> forming;
    const bool includeForming = options.isSet(formingOption);
    try {
        // Read-only: exporting never changes (or migrates, or moves) the cache.
        auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
        const auto symbol = SymbolStore(*db).find(series->source, series->code);
        if (!symbol)
            return options.fail(
                QStringLiteral("%1:%2 is not in %3").arg(series->source, series->code, path));
        bars = BarStore(*db).range(*symbol, series->timeframe, *from, *to);
        if (includeForming) {
            const auto record = FormingBarStore(*db).current(*symbol, series->timeframe);
            if (record && record->bar.time >= *from && record->bar.time < *to)
                forming = record->bar;
        }
    } catch (const StorageError &error) {
        return options.fail(error.text());
    }

    QByteArray csv;
    if (includeForming) {
        // The same rows, each with its flag; the forming bar last.
        csv = QByteArray(kBarsCsvHeader) + ",forming\n";
        csv.reserve(qsizetype(bars.size() + 1) * 100 + csv.size());
        auto appendMarked = [&csv](const Bar &bar, const char *flag) {
            appendBarCsv(csv, bar);
            csv.chop(1);  // the row's '\n'
            csv += flag;
        };
        for (const Bar &bar : bars)
            appendMarked(bar, ",0\n");
        if (forming)
            appendMarked(*forming, ",1\n");
    } else {
        csv = barsCsv(bars);
    }
    if (*out == QLatin1String("-")) {
        if (std::fwrite(csv.constData(), 1, std::size_t(csv.size()), stdout)
            != std::size_t(csv.size()))
            return options.fail(QStringLiteral("cannot write to stdout"));
    } else if (QString error; !writeFileAtomically(*out, csv, &error)) {
        return options.fail(error);
    }
    note(QStringLiteral("wick-cli export: %1 bars of %2:%3 %4%5")
             .arg(bars.size())
             .arg(series->source, series->code, timeframeName(series->timeframe),
                 forming ? QStringLiteral(" and the forming one") : QString()));
    return 0;
}

}  // namespace wick::cli
