#include "ImportCommand.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include "CliSupport.h"
#include "model/Timeframe.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("import");
constexpr std::size_t kBarsPerTransaction = 100'000;
// A whole number of at least 1e11 is milliseconds (1e11 s is in the year 5138,
// 1e11 ms in 1973); below that it is seconds.
constexpr qint64 kMillisecondsFrom = 100'000'000'000LL;

// ts as unix seconds, unix milliseconds or ISO-8601 (no zone means UTC).
std::optional<TimeMs> parseTimestamp(const QByteArray &field)
{
    bool whole = false;
    const qint64 number = field.toLongLong(&whole);
    if (whole) {
        if (std::llabs(number) >= kMillisecondsFrom)
            return number;
        return number * 1000;
    }
    return parseTime(QString::fromLatin1(field));
}

// The reason a row is refused, or an empty string.
QString rowProblem(const QList<QByteArray> &fields, Bar &bar, std::optional<TimeMs> previous)
{
    if (fields.size() != 6)
        return QStringLiteral("expected 6 fields (ts,open,high,low,close,volume), found %1")
            .arg(fields.size());
    const auto time = parseTimestamp(fields[0].trimmed());
    if (!time)
        return QStringLiteral("ts '%1' is not unix seconds, unix milliseconds or ISO-8601")
            .arg(QString::fromLatin1(fields[0].trimmed()));
    static const char *const names[] = {"open", "high", "low", "close", "volume"};
    double values[5];
    for (int i = 0; i < 5; ++i) {
        bool ok = false;
        values[i] = fields[i + 1].trimmed().toDouble(&ok);
        if (!ok)
            return QStringLiteral("%1 '%2' is not a number")
                .arg(QLatin1String(names[i]), QString::fromLatin1(fields[i + 1].trimmed()));
        if (!std::isfinite(values[i]))
            return QStringLiteral("%1 is not finite").arg(QLatin1String(names[i]));
    }
    const auto [open, high, low, close, volume] = values;
    for (int i = 0; i < 4; ++i) {
        if (!(values[i] > 0.0))
            return QStringLiteral("%1 %2 is not positive")
                .arg(QLatin1String(names[i]))
                .arg(values[i], 0, 'g', 17);
    }
    if (volume < 0.0)
        return QStringLiteral("volume %1 is negative").arg(volume, 0, 'g', 17);
    if (low > std::min(open, close))
        return QStringLiteral("low %1 is above min(open, close) %2")
            .arg(low, 0, 'g', 17)
            .arg(std::min(open, close), 0, 'g', 17);
    if (high < std::max(open, close))
        return QStringLiteral("high %1 is below max(open, close) %2")
            .arg(high, 0, 'g', 17)
            .arg(std::max(open, close), 0, 'g', 17);
    if (previous && *time <= *previous)
        return QStringLiteral("ts %1 is not after the previous accepted row's %2")
            .arg(QString::fromLatin1(fields[0].trimmed()))
            .arg(*previous % 1000 == 0 ? *previous / 1000 : *previous);
    bar = Bar {*time, open, high, low, close, volume, 0};
    return {};
}

bool isHeader(const QByteArray &line)
{
    const QByteArray lower = line.trimmed().toLower();
    return lower == "ts,open,high,low,close,volume" || lower == "time,open,high,low,close,volume";
}

void printHelp(const QCommandLineParser &parser)
{
    QString help = helpWithUsage(parser,
        QStringLiteral("Usage: wick-cli import [--db FILE] --symbol SRC:CODE --timeframe TF "
                       "--in BARS.csv"));
    std::fputs(help.toLocal8Bit().constData(), stdout);
}

}  // namespace

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stores the bars of a CSV file (header ts,open,high,low,close,volume; ts in unix "
        "seconds, unix milliseconds or ISO-8601 UTC) in the cache. Every row is checked: "
        "positive finite prices, low <= min(open, close) <= max(open, close) <= high, "
        "non-negative finite volume, ts after the previous row's. Rejected rows are listed on "
        "stderr with their line number and reason and the exit status is 1; the accepted rows "
        "are stored either way, replacing cached bars with the same time."));
    const QCommandLineOption helpOption(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("The cache file (default: the app's cache.db)."), QStringLiteral("FILE"));
    const QCommandLineOption symbolOption(QStringLiteral("symbol"),
        QStringLiteral("The symbol as source:CODE, e.g. csv:MYDATA (source case-insensitive)."),
        QStringLiteral("SRC:CODE"));
    const QCommandLineOption timeframeOption(QStringLiteral("timeframe"),
        QStringLiteral("The bars' timeframe: 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w."),
        QStringLiteral("TF"));
    const QCommandLineOption inOption(
        QStringLiteral("in"), QStringLiteral("The CSV file to read."), QStringLiteral("FILE"));
    parser.addOptions({helpOption, dbOption, symbolOption, timeframeOption, inOption});

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
    const QString in = parser.value(inOption);
    if (in.isEmpty())
        return fail(kName, QStringLiteral("--in FILE is required"), 2);

    QFile file(in);
    if (!file.open(QIODevice::ReadOnly))
        return fail(kName, QStringLiteral("cannot read %1: %2").arg(in, file.errorString()));
    std::vector<Bar> bars;
    std::size_t rejected = 0;
    std::optional<TimeMs> previous;
    qint64 lineNumber = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++lineNumber;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        if (lineNumber == 1 && isHeader(line))
            continue;
        Bar bar;
        const QString problem = rowProblem(line.split(','), bar, previous);
        if (!problem.isEmpty()) {
            ++rejected;
            note(QStringLiteral("wick-cli import: %1:%2: %3").arg(in).arg(lineNumber).arg(problem));
            continue;
        }
        previous = bar.time;
        bars.push_back(bar);
    }
    if (file.error() != QFileDevice::NoError)
        return fail(kName, QStringLiteral("cannot read %1: %2").arg(in, file.errorString()));

    QString path = parser.value(dbOption);
    if (path.isEmpty()) {
        QCoreApplication::setOrganizationName(QStringLiteral("Wick"));
        QCoreApplication::setApplicationName(QStringLiteral("Wick"));
        path = Database::defaultPath();
    }
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
        return fail(kName, error.text());
    }
    note(QStringLiteral("wick-cli import: %1 bars of %2:%3 %4 stored in %5; %6 rows rejected")
             .arg(bars.size())
             .arg(series->source, series->code, timeframeName(series->timeframe), path)
             .arg(rejected));
    return rejected == 0 ? 0 : 1;
}

}  // namespace wick::cli
