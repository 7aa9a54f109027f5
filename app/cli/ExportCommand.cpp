#include "ExportCommand.h"

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

#include "CliSupport.h"
#include "model/Timeframe.h"
#include "storage/BarCsv.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/FormingBarStore.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("export");

void printHelp(const QCommandLineParser &parser)
{
    QString help = helpWithUsage(parser,
        QStringLiteral("Usage: wick-cli export [--db FILE] --symbol SRC:CODE --timeframe TF "
                       "[--from T] [--to T] [--include-forming] --out BARS.csv"));
    std::fputs(help.toLocal8Bit().constData(), stdout);
}

}  // namespace

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a symbol's cached bars as CSV in the format of `wick-cli demo`: "
        "ts,open,high,low,close,volume with ts in unix seconds and 17 significant digits, "
        "so that importing the file again gives the same numbers. Closed bars only, unless "
        "--include-forming: then every row gets a seventh column, forming, 0 for a closed "
        "bar and 1 for the bar still forming when `wick-cli collect` stopped, which comes "
        "last (when it lies in the range and no closed bar of its time or later was stored "
        "since)."));
    const QCommandLineOption helpOption(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("The cache file (default: the app's cache.db)."), QStringLiteral("FILE"));
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
    parser.addOptions({helpOption, dbOption, symbolOption, timeframeOption, fromOption, toOption,
        formingOption, outOption});

    if (!parser.parse(arguments))
        return fail(kName, parser.errorText(), 2);
    if (parser.isSet(helpOption)) {
        printHelp(parser);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(kName,
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()),
            2);
    int status = 0;
    const auto series = parseSeriesArgs(
        kName, parser.value(symbolOption), parser.value(timeframeOption), &status);
    if (!series)
        return status;
    TimeMs from = std::numeric_limits<TimeMs>::min();
    TimeMs to = kEndOfTime;
    for (const auto &[option, bound] :
        {std::pair {&fromOption, &from}, std::pair {&toOption, &to}}) {
        if (!parser.isSet(*option))
            continue;
        const auto parsed = parseTime(parser.value(*option));
        if (!parsed)
            return fail(kName,
                QStringLiteral("--%1 must be ISO-8601 UTC (2026-01-02T03:04:00Z) or unix seconds, "
                               "not '%2'")
                    .arg(option->names().constFirst(), parser.value(*option)),
                2);
        *bound = *parsed;
    }
    const QString out = parser.value(outOption);
    if (out.isEmpty())
        return fail(kName, QStringLiteral("--out FILE is required"), 2);

    const QString path = cachePathOr(parser.value(dbOption));
    if (!QFileInfo::exists(path))
        return fail(kName, QStringLiteral("no cache at %1").arg(path));
    std::vector<Bar> bars;
    std::optional<Bar> forming;
    const bool includeForming = parser.isSet(formingOption);
    try {
        // Read-only: exporting never changes (or migrates, or moves) the cache.
        auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
        const auto symbol = SymbolStore(*db).find(series->source, series->code);
        if (!symbol)
            return fail(kName,
                QStringLiteral("%1:%2 is not in %3").arg(series->source, series->code, path));
        bars = BarStore(*db).range(*symbol, series->timeframe, from, to);
        if (includeForming) {
            const auto record = FormingBarStore(*db).current(*symbol, series->timeframe);
            if (record && record->bar.time >= from && record->bar.time < to)
                forming = record->bar;
        }
    } catch (const StorageError &error) {
        return fail(kName, error.text());
    }

    QByteArray csv = barsCsv(bars);
    if (includeForming) {
        // The same rows, each with its flag; the forming bar last.
        QByteArray marked;
        marked.reserve(csv.size() + 2 * (qsizetype(bars.size()) + 2) + 128);
        bool header = true;
        for (const QByteArray &line : csv.split('\n')) {
            if (line.isEmpty())
                continue;
            marked += line + (header ? QByteArrayLiteral(",forming\n") : QByteArrayLiteral(",0\n"));
            header = false;
        }
        if (forming) {
            const QByteArray row = barsCsv(std::span<const Bar>(&*forming, 1));
            marked += row.mid(row.indexOf('\n') + 1).trimmed() + QByteArrayLiteral(",1\n");
        }
        csv = marked;
    }
    if (out == QLatin1String("-")) {
        if (std::fwrite(csv.constData(), 1, std::size_t(csv.size()), stdout)
            != std::size_t(csv.size()))
            return fail(kName, QStringLiteral("cannot write to stdout"));
    } else {
        QSaveFile file(out);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
            return fail(kName, QStringLiteral("cannot write %1: %2").arg(out, file.errorString()));
    }
    note(QStringLiteral("wick-cli export: %1 bars of %2:%3 %4%5")
             .arg(bars.size())
             .arg(series->source, series->code, timeframeName(series->timeframe),
                 forming ? QStringLiteral(" and the forming one") : QString()));
    return 0;
}

}  // namespace wick::cli
