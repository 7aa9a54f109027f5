#include "IndicatorsCommand.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

#include <QFile>
#include <QLocale>

#include "CliOptions.h"
#include "indicators/IndicatorRegistry.h"
#include "storage/AtomicFile.h"
#include "storage/BarCsv.h"
#include "storage/CsvFields.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("indicators");

struct Input {
    std::vector<Bar> bars;
    bool wholeSeconds = true;  // every ts is a whole second: write seconds as integers
};

// ts: unix seconds, unix milliseconds (an integer of 12 digits or more, i.e.
// after 1973-03-03 in ms) or ISO-8601; decided per cell.
std::optional<TimeMs> parseTs(const QByteArray &cell)
{
    bool isInteger = false;
    const qint64 value = cell.toLongLong(&isInteger);
    if (isInteger) {
        if (std::llabs(value) >= 100'000'000'000LL)
            return value;
        return parseTime(QString::fromLatin1(cell));
    }
    return parseTime(QString::fromLatin1(cell));
}

// A number, or "nan" for a missing value (the indicators' NaN rule applies).
std::optional<double> parseNumber(const QByteArray &cell)
{
    bool ok = false;
    const double v = cell.toDouble(&ok);
    if (ok && !std::isinf(v))
        return v;
    if (cell.compare("nan", Qt::CaseInsensitive) == 0)
        return std::nan("");
    return std::nullopt;
}

bool readBars(const QString &path, Input &input, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    bool haveHeader = false;
    static const char *const kFields[] = {"open", "high", "low", "close", "volume"};
    qint64 linesRead = 0;
    CsvRecord record;
    while (readCsvRecord(file, &linesRead, &record)) {
        const QString where = QStringLiteral("%1 line %2: ").arg(path).arg(record.line);
        if (record.blank())
            continue;
        if (!record.problem.isEmpty()) {
            *error = where + record.problem;
            return false;
        }
        const QList<QByteArray> &cells = record.fields;
        if (!haveHeader) {
            const QByteArray names = cells.join(',');
            if (names.toLower().replace(' ', "") != kBarsCsvHeader) {
                *error = where
                    + QStringLiteral("the header must be ts,open,high,low,close,volume, not '%1'")
                          .arg(QString::fromLatin1(names.trimmed()));
                return false;
            }
            haveHeader = true;
            continue;
        }
        if (cells.size() != 6) {
            *error = where + QStringLiteral("expected 6 fields, found %1").arg(cells.size());
            return false;
        }
        const std::optional<TimeMs> ts = parseTs(cells[0].trimmed());
        if (!ts) {
            *error = where
                + QStringLiteral("ts '%1' is not unix seconds, unix milliseconds or ISO-8601")
                      .arg(QString::fromLatin1(cells[0]));
            return false;
        }
        Bar bar;
        bar.time = *ts;
        double *fields[] = {&bar.open, &bar.high, &bar.low, &bar.close, &bar.volume};
        for (int f = 0; f < 5; ++f) {
            const std::optional<double> v = parseNumber(cells[f + 1].trimmed());
            if (!v) {
                *error = where
                    + QStringLiteral("%1 '%2' is not a number")
                          .arg(QLatin1StringView(kFields[f]), QString::fromLatin1(cells[f + 1]));
                return false;
            }
            *fields[f] = *v;
        }
        if (!input.bars.empty() && bar.time <= input.bars.back().time) {
            *error = where + QStringLiteral("ts is not after the previous row's");
            return false;
        }
        if (bar.time % 1000 != 0)
            input.wholeSeconds = false;
        input.bars.push_back(bar);
    }
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!haveHeader) {
        *error = QStringLiteral("%1: empty file, expected the header "
                                "ts,open,high,low,close,volume")
                     .arg(path);
        return false;
    }
    return true;
}

// The indicator catalogue under the options in --help, by TA-Lib's groups.
QString catalogueHelp()
{
    std::map<int, std::vector<const IndicatorInfo *>> groups;
    for (const IndicatorInfo &info : indicatorCatalogue())
        groups[int(info.group)].push_back(&info);
    QString help = QStringLiteral("\nIndicators (NAME:defaults; .outputs of multi-output ones):\n");
    for (auto &[group, infos] : groups) {
        std::sort(infos.begin(), infos.end(),
            [](const IndicatorInfo *a, const IndicatorInfo *b) { return a->name < b->name; });
        help += QStringLiteral("\n %1:\n").arg(indicatorGroupName(IndicatorGroup(group)));
        for (const IndicatorInfo *info : infos) {
            QStringList params;
            for (const IndicatorParam &p : info->params)
                params << QString::number(p.defaultValue, 'g', QLocale::FloatingPointShortest);
            QString line = QStringLiteral("  %1  %2")
                               .arg(info->name
                                       + (params.isEmpty() ? QString()
                                                           : QLatin1Char(':') + params.join(u',')),
                                   -24)
                               .arg(info->title);
            if (info->outputs.size() > 1)
                line += QStringLiteral(" (.%1)").arg(info->outputs.join(QStringLiteral(", .")));
            help += line + QLatin1Char('\n');
        }
    }
    return help;
}

}  // namespace

int runIndicatorsCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli indicators --in BARS.csv --out OUT.csv --ind SPEC "
                       "[--ind SPEC ...]"),
        QStringLiteral(
            "Computes indicators (TA-Lib conventions) over bars. BARS.csv has the header "
            "ts,open,high,low,close,volume (ts in unix seconds, unix milliseconds or ISO-8601). "
            "SPEC is NAME or NAME:p1,p2,... (RSI:14, MACD:12,26,9, BBANDS:20,2,2), or OUTER@INNER "
            "for an indicator on an indicator (SMA:9@RSI:14). OUT.csv has ts (unix seconds) and "
            "one "
            "column per output, 17 significant digits, empty before the first value; a column name "
            "with a comma is quoted (RFC 4180: \"MACD(12,26,9).signal\"). VWAP's session is the "
            "UTC "
            "day."));
    const QCommandLineOption inOption(
        QStringLiteral("in"), QStringLiteral("The bars, CSV."), QStringLiteral("BARS.csv"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("The CSV file to write."), QStringLiteral("OUT.csv"));
    const QCommandLineOption indOption(QStringLiteral("ind"),
        QStringLiteral("An indicator spec; repeat for more."), QStringLiteral("SPEC"));
    options.add({inOption, outOption, indOption});
    options.setHelpFooter(catalogueHelp());
    if (const auto done = options.parse(arguments))
        return *done;
    const auto in = options.required(inOption);
    if (!in)
        return options.status();
    const auto out = options.required(outOption);
    if (!out)
        return options.status();
    const QStringList specTexts = options.values(indOption);
    if (specTexts.isEmpty())
        return options.fail(QStringLiteral("at least one --ind SPEC is required"), 2);

    // Specs first: a typo should not wait for a large file to be read.
    QStringList columns;
    std::vector<std::unique_ptr<Indicator>> indicators;
    for (const QString &text : specTexts) {
        QString error;
        const auto spec = parseIndicatorSpec(text, &error);
        if (!spec)
            return options.fail(error, 2);
        auto indicator = createIndicator(*spec, &error);
        if (!indicator)
            return options.fail(error, 2);
        columns << spec->columnNames();
        indicators.push_back(std::move(indicator));
    }

    Input input;
    QString error;
    if (!readBars(*in, input, &error))
        return options.fail(error);

    const std::size_t n = input.bars.size();
    std::vector<std::vector<double>> values;  // one per column
    for (auto &indicator : indicators) {
        std::vector<std::vector<double>> outs;
        indicator->batch(input.bars.data(), n, outs);
        for (auto &o : outs)
            values.push_back(std::move(o));
    }

    // Column names hold commas (MACD(12,26,9).signal): quoted, RFC 4180.
    QList<QByteArray> header {QByteArrayLiteral("ts")};
    for (const QString &c : columns)
        header.append(c.toUtf8());
    QByteArray csv = csvRecord(header);
    csv.reserve(qsizetype(n) * qsizetype(columns.size() + 1) * 20);
    for (std::size_t i = 0; i < n; ++i) {
        const TimeMs t = input.bars[i].time;
        if (input.wholeSeconds)
            csv += QByteArray::number(t / 1000);
        else
            csv += QByteArray::number(double(t) / 1000.0, 'f', 3);
        for (const auto &column : values) {
            csv += ',';
            if (!std::isnan(column[i])) {
                char cell[32];
                const int len = std::snprintf(cell, sizeof cell, "%.17g", column[i]);
                csv.append(cell, len);
            }
        }
        csv += '\n';
    }
    if (!writeFileAtomically(*out, csv, &error))
        return options.fail(error);
    return 0;
}

}  // namespace wick::cli
