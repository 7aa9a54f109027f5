#include "ImportCommand.h"

#include <vector>

#include "CliOptions.h"
#include "model/Timeframe.h"
#include "storage/BarCsv.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("import");
constexpr std::size_t kBarsPerTransaction = 100'000;

}  // namespace

int runImportCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli import [--db FILE] --symbol SRC:CODE --timeframe TF "
                       "--in BARS.csv"),
        QStringLiteral(
            "Stores the bars of a CSV file (header ts,open,high,low,close,volume; ts in unix "
            "seconds, unix milliseconds or ISO-8601 UTC) in the cache. Every row is checked: "
            "positive finite prices, low <= min(open, close) <= max(open, close) <= high, "
            "non-negative finite volume, ts after the previous row's. Rejected rows are listed on "
            "stderr with their line number and reason and the exit status is 1; the accepted rows "
            "are stored either way, replacing cached bars with the same time."));
    const QCommandLineOption dbOption = CliOptions::dbOption();
    const QCommandLineOption symbolOption(QStringLiteral("symbol"),
        QStringLiteral("The symbol as source:CODE, e.g. csv:MYDATA (source case-insensitive)."),
        QStringLiteral("SRC:CODE"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("The bars' timeframe: 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w."),
        QStringLiteral("TF"));
    const QCommandLineOption inOption(
        QStringLiteral("in"), QStringLiteral("The CSV file to read."), QStringLiteral("FILE"));
    options.add({dbOption, symbolOption, timeframeOption, inOption});
    if (const auto done = options.parse(arguments))
        return *done;
    const auto series = options.series(symbolOption, timeframeOption);
    if (!series)
        return options.status();
    const auto in = options.required(inOption);
    if (!in)
        return options.status();

    BarCsvRead read = readBarsCsv(*in);
    if (!read.error.isEmpty())
        return options.fail(read.error);
    for (const CsvRejection &row : read.rejected)
        note(QStringLiteral("wick-cli import: %1:%2: %3").arg(*in).arg(row.line).arg(row.reason));
    const std::vector<Bar> &bars = read.bars;
    const std::size_t rejected = read.rejected.size();

    const QString path = cachePathOr(options.value(dbOption));
    try {
        auto db = Database::open(path);
        if (!db->movedAsideTo().isEmpty())
            note(QStringLiteral("wick-cli import: %1 was corrupt; moved aside to %2, a fresh "
                                "cache was created")
                     .arg(path, db->movedAsideTo()));
        const StoredSymbolId symbol = SymbolStore(*db).ensure(series->source, series->code);
        BarStore store(*db);
        for (std::size_t at = 0; at < bars.size(); at += kBarsPerTransaction) {
            const std::size_t n = std::min(kBarsPerTransaction, bars.size() - at);
            store.upsert(symbol, series->timeframe, std::span<const Bar>(bars.data() + at, n));
        }
    } catch (const StorageError &error) {
        return options.fail(error.text());
    }
    note(QStringLiteral("wick-cli import: %1 bars of %2:%3 %4 stored in %5; %6 rows rejected")
             .arg(bars.size())
             .arg(series->source, series->code, timeframeName(series->timeframe), path)
             .arg(rejected));
    return rejected == 0 ? 0 : 1;
}

}  // namespace wick::cli
