#include "IndicatorsCommand.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <QCommandLineParser>
#include <QFile>
#include <QLocale>
#include <QSaveFile>

#include "CliSupport.h"
#include "indicators/IndicatorRegistry.h"

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
    const QByteArray data = file.readAll();
    const QList<QByteArray> lines = data.split('\n');
    bool haveHeader = false;
    static const char *const kFields[] = {"open", "high", "low", "close", "volume"};
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QByteArray line = lines[n].trimmed();
        const QString where = QStringLiteral("%1 line %2: ").arg(path).arg(n + 1);
        if (line.isEmpty())
            continue;
        if (!haveHeader) {
            if (line.toLower().replace(' ', "") != "ts,open,high,low,close,volume") {
                *error = where
                    + QStringLiteral("the header must be ts,open,high,low,close,volume, not '%1'")
                          .arg(QString::fromLatin1(line));
                return false;
            }
            haveHeader = true;
            continue;
        }
        const QList<QByteArray> cells = line.split(',');
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
    if (!haveHeader) {
        *error = QStringLiteral("%1: empty file, expected the header "
                                "ts,open,high,low,close,volume")
                     .arg(path);
        return false;
    }
    return true;
}

void printHelp(const QCommandLineParser &parser)
{
    QString help = helpWithUsage(parser,
        QStringLiteral("Usage: wick-cli indicators --in BARS.csv --out OUT.csv --ind SPEC "
                       "[--ind SPEC ...]"));
    help += QStringLiteral("\nIndicators (NAME:defaults):\n");
    for (const IndicatorInfo &info : indicatorCatalogue()) {
        QStringList params;
        for (const IndicatorParam &p : info.params)
            params << QString::number(p.defaultValue, 'g', QLocale::FloatingPointShortest);
        help += QStringLiteral("  %1  %2\n")
                    .arg(info.name
                            + (params.isEmpty() ? QString() : QLatin1Char(':') + params.join(u',')),
                        -22)
                    .arg(info.title);
    }
    std::fputs(help.toLocal8Bit().constData(), stdout);
}

}  // namespace

int runIndicatorsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Computes indicators (TA-Lib conventions) over bars. BARS.csv has the header "
        "ts,open,high,low,close,volume (ts in unix seconds, unix milliseconds or ISO-8601). "
        "SPEC is NAME or NAME:p1,p2,... (RSI:14, MACD:12,26,9, BBANDS:20,2,2), or OUTER@INNER "
        "for an indicator on an indicator (SMA:9@RSI:14). OUT.csv has ts (unix seconds) and one "
        "column per output, 17 significant digits, empty before the first value. VWAP's session "
        "is the UTC day."));
    const QCommandLineOption helpOption(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption inOption(
        QStringLiteral("in"), QStringLiteral("The bars, CSV."), QStringLiteral("BARS.csv"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("The CSV file to write."), QStringLiteral("OUT.csv"));
    const QCommandLineOption indOption(QStringLiteral("ind"),
        QStringLiteral("An indicator spec; repeat for more."), QStringLiteral("SPEC"));
    parser.addOptions({helpOption, inOption, outOption, indOption});

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
    const QString in = parser.value(inOption);
    if (in.isEmpty())
        return fail(kName, QStringLiteral("--in BARS.csv is required"), 2);
    const QString out = parser.value(outOption);
    if (out.isEmpty())
        return fail(kName, QStringLiteral("--out OUT.csv is required"), 2);
    const QStringList specTexts = parser.values(indOption);
    if (specTexts.isEmpty())
        return fail(kName, QStringLiteral("at least one --ind SPEC is required"), 2);

    // Specs first: a typo should not wait for a large file to be read.
    QStringList columns;
    std::vector<std::unique_ptr<Indicator>> indicators;
    for (const QString &text : specTexts) {
        QString error;
        const auto spec = parseIndicatorSpec(text, &error);
        if (!spec)
            return fail(kName, error, 2);
        auto indicator = createIndicator(*spec, &error);
        if (!indicator)
            return fail(kName, error, 2);
        columns << spec->columnNames();
        indicators.push_back(std::move(indicator));
    }

    Input input;
    QString error;
    if (!readBars(in, input, &error))
        return fail(kName, error);

    const std::size_t n = input.bars.size();
    std::vector<std::vector<double>> values;  // one per column
    for (auto &indicator : indicators) {
        std::vector<std::vector<double>> outs;
        indicator->batch(input.bars.data(), n, outs);
        for (auto &o : outs)
            values.push_back(std::move(o));
    }

    QByteArray csv = "ts";
    for (const QString &c : columns)
        csv += ',' + c.toUtf8();
    csv += '\n';
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
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return fail(kName, QStringLiteral("cannot write %1: %2").arg(out, file.errorString()));
    return 0;
}

}  // namespace wick::cli
