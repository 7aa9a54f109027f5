#include "DemoCommand.h"

#include <cstdio>
#include <limits>
#include <vector>

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include "CliSupport.h"
#include "feeds/demo/DemoFeed.h"
#include "feeds/demo/DemoInstrument.h"
#include "feeds/demo/DemoMarket.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("demo");
constexpr qint64 kMaxMinutes = 366LL * 24 * 60;

QByteArray barsAsCsv(const std::vector<Bar> &bars, TimeMs from)
{
    QByteArray csv = "ts,open,high,low,close,volume\n";
    csv.reserve(static_cast<qsizetype>(bars.size()) * 100);
    for (const Bar &bar : bars) {
        if (bar.time < from)
            continue;
        const QString line = QString::number(bar.time / 1000) + QLatin1Char(',')
            + QString::number(bar.open, 'g', 17) + QLatin1Char(',')
            + QString::number(bar.high, 'g', 17) + QLatin1Char(',')
            + QString::number(bar.low, 'g', 17) + QLatin1Char(',')
            + QString::number(bar.close, 'g', 17) + QLatin1Char(',')
            + QString::number(bar.volume, 'g', 17) + QLatin1Char('\n');
        csv += line.toLatin1();
    }
    return csv;
}

QString outputPath(const QString &out, const QString &code, bool perSymbol)
{
    if (!perSymbol)
        return out;
    const QFileInfo info(out);
    return info.dir().filePath(info.completeBaseName() + QLatin1Char('_') + code + u".csv");
}

void printHelp(const QCommandLineParser &parser)
{
    QString help = helpWithUsage(parser,
        QStringLiteral("Usage: wick-cli demo --symbols N --minutes M --out FILE.csv "
                       "[--seed S] [--start T]"));
    std::fputs(help.toLocal8Bit().constData(), stdout);
}

}  // namespace

int runDemoCommand(const QStringList &arguments)
{
    const auto instruments = demoInstruments();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes the demo feed's closed 1m bars (simulated data, not a real "
                       "market) as CSV: ts,open,high,low,close,volume with ts in unix seconds. "
                       "With N > 1, one file per symbol: <stem>_<CODE>.csv next to FILE."));
    const QCommandLineOption helpOption(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption symbolsOption(QStringLiteral("symbols"),
        QStringLiteral("The first N demo symbols (1..%1; see --list).").arg(instruments.size()),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption minutesOption(QStringLiteral("minutes"),
        QStringLiteral("The M minutes before the start (1..%1).").arg(kMaxMinutes),
        QStringLiteral("M"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("The CSV file to write."), QStringLiteral("FILE"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
        QStringLiteral("Random seed: same seed, same data."), QStringLiteral("S"),
        QString::number(DemoFeedConfig {}.seed));
    const QCommandLineOption startOption(QStringLiteral("start"),
        QStringLiteral("End of the bars (exclusive), ISO-8601 UTC or unix seconds, rounded down "
                       "to the minute; default now."),
        QStringLiteral("T"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
        QStringLiteral("Multiplier on the trade intensity (changes the data)."),
        QStringLiteral("R"), QStringLiteral("1"));
    const QCommandLineOption listOption(
        QStringLiteral("list"), QStringLiteral("List the demo symbols and exit."));
    parser.addOptions({helpOption, symbolsOption, minutesOption, outOption, seedOption, startOption,
        rateOption, listOption});

    if (!parser.parse(arguments))
        return fail(kName, parser.errorText(), 2);
    if (parser.isSet(helpOption)) {
        printHelp(parser);
        return 0;
    }
    if (parser.isSet(listOption)) {
        for (const DemoInstrument &d : instruments) {
            const Symbol &s = d.symbol;
            const QString hours = s.session.alwaysOpen
                ? QStringLiteral("24/7")
                : QStringLiteral("%1:%2-%3:%4 Mon-Fri")
                      .arg(s.session.openMinute / 60, 2, 10, QLatin1Char('0'))
                      .arg(s.session.openMinute % 60, 2, 10, QLatin1Char('0'))
                      .arg(s.session.closeMinute / 60, 2, 10, QLatin1Char('0'))
                      .arg(s.session.closeMinute % 60, 2, 10, QLatin1Char('0'));
            const QString line = QStringLiteral("%1  %2  %3  %4 %5\n")
                                     .arg(s.key(), -14)
                                     .arg(s.displayName, -28)
                                     .arg(assetClassName(s.assetClass), -7)
                                     .arg(QString::fromLatin1(s.timeZoneId), hours);
            std::fputs(line.toLocal8Bit().constData(), stdout);
        }
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(kName,
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()),
            2);

    bool ok = false;
    const int symbolCount = parser.value(symbolsOption).toInt(&ok);
    if (!ok || symbolCount < 1 || symbolCount > static_cast<int>(instruments.size()))
        return fail(kName,
            QStringLiteral("--symbols must be a whole number from 1 to %1, not '%2'")
                .arg(instruments.size())
                .arg(parser.value(symbolsOption)),
            2);
    if (!parser.isSet(minutesOption))
        return fail(kName, QStringLiteral("--minutes is required"), 2);
    const qint64 minutes = parser.value(minutesOption).toLongLong(&ok);
    if (!ok || minutes < 1 || minutes > kMaxMinutes)
        return fail(kName,
            QStringLiteral("--minutes must be a whole number from 1 to %1, not '%2'")
                .arg(kMaxMinutes)
                .arg(parser.value(minutesOption)),
            2);
    const QString out = parser.value(outOption);
    if (out.isEmpty())
        return fail(kName, QStringLiteral("--out FILE is required"), 2);
    const quint64 seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return fail(kName,
            QStringLiteral("--seed must be a whole number from 0 to %1, not '%2'")
                .arg(std::numeric_limits<quint64>::max())
                .arg(parser.value(seedOption)),
            2);
    const double rate = parser.value(rateOption).toDouble(&ok);
    if (!ok || !(rate > 0.0 && rate <= 100.0))
        return fail(kName,
            QStringLiteral("--rate must be a number above 0 and at most 100, not '%1'")
                .arg(parser.value(rateOption)),
            2);
    TimeMs start = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(startOption)) {
        const auto parsed = parseTime(parser.value(startOption));
        if (!parsed)
            return fail(kName,
                QStringLiteral("--start must be ISO-8601 UTC (2026-01-02T03:04:00Z) or unix "
                               "seconds, not '%1'")
                    .arg(parser.value(startOption)),
                2);
        start = *parsed;
    }

    // The feed's own path: at least its 30 days of history, more if asked for,
    // so the bars equal what DemoFeed shows for the same seed and start.
    const int historyDays = std::max<int>(
        DemoFeedConfig {}.historyDays, static_cast<int>((minutes + 24 * 60 - 1) / (24 * 60)));
    std::vector<DemoInstrument> chosen(instruments.begin(), instruments.begin() + symbolCount);
    DemoMarket market(seed, start, historyDays, rate, std::move(chosen));
    const TimeMs from = market.start() - minutes * kMinuteMs;
    const bool perSymbol = symbolCount > 1;
    for (std::size_t i = 0; i < market.size(); ++i) {
        const QString code = market.instrument(i).symbol.code;
        const QString path = outputPath(out, code, perSymbol);
        if (market.size() > 1 || historyDays > 60)
            note(QStringLiteral("wick-cli demo: %1 (%2/%3)...")
                     .arg(code)
                     .arg(i + 1)
                     .arg(market.size()));
        const QByteArray csv = barsAsCsv(market.history(i), from);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
            return fail(kName, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        if (perSymbol)
            note(path);
    }
    return 0;
}

}  // namespace wick::cli
