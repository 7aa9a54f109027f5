#include "DemoCommand.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <span>
#include <vector>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include "CliOptions.h"
#include "feeds/demo/DemoFeed.h"
#include "feeds/demo/DemoInstrument.h"
#include "feeds/demo/DemoMarket.h"
#include "storage/AtomicFile.h"
#include "storage/BarCsv.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("demo");
constexpr qint64 kMaxMinutes = 366LL * 24 * 60;

QString outputPath(const QString &out, const QString &code, bool perSymbol)
{
    if (!perSymbol)
        return out;
    const QFileInfo info(out);
    return info.dir().filePath(info.completeBaseName() + QLatin1Char('_') + code + u".csv");
}

}  // namespace

int runDemoCommand(const QStringList &arguments)
{
    const auto instruments = demoInstruments();
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli demo --symbols N --minutes M --out FILE.csv "
                       "[--seed S] [--start T]"),
        QStringLiteral("Writes the demo feed's closed 1m bars (simulated data, not a real "
                       "market) as CSV: ts,open,high,low,close,volume with ts in unix seconds. "
                       "With N > 1, one file per symbol: <stem>_<CODE>.csv next to FILE."));
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
    options.add({symbolsOption, minutesOption, outOption, seedOption, startOption, rateOption});
    options.addAction(listOption, [&instruments] {
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
    });
    if (const auto done = options.parse(arguments))
        return *done;

    bool ok = false;
    const int symbolCount = options.value(symbolsOption).toInt(&ok);
    if (!ok || symbolCount < 1 || symbolCount > static_cast<int>(instruments.size()))
        return options.fail(
            QStringLiteral("--symbols must be a whole number from 1 to %1, not '%2'")
                .arg(instruments.size())
                .arg(options.value(symbolsOption)),
            2);
    if (!options.isSet(minutesOption))
        return options.fail(QStringLiteral("--minutes is required"), 2);
    const qint64 minutes = options.value(minutesOption).toLongLong(&ok);
    if (!ok || minutes < 1 || minutes > kMaxMinutes)
        return options.fail(
            QStringLiteral("--minutes must be a whole number from 1 to %1, not '%2'")
                .arg(kMaxMinutes)
                .arg(options.value(minutesOption)),
            2);
    const auto out = options.required(outOption);
    if (!out)
        return options.status();
    const quint64 seed = options.value(seedOption).toULongLong(&ok);
    if (!ok)
        return options.fail(QStringLiteral("--seed must be a whole number from 0 to %1, not '%2'")
                                .arg(std::numeric_limits<quint64>::max())
                                .arg(options.value(seedOption)),
            2);
    const double rate = options.value(rateOption).toDouble(&ok);
    if (!ok || !(rate > 0.0 && rate <= 100.0))
        return options.fail(
            QStringLiteral("--rate must be a number above 0 and at most 100, not '%1'")
                .arg(options.value(rateOption)),
            2);
    const auto start = options.time(startOption, QDateTime::currentMSecsSinceEpoch());
    if (!start)
        return options.status();

    // The feed's own path: at least its 30 days of history, more if asked for,
    // so the bars equal what DemoFeed shows for the same seed and start.
    const int historyDays = std::max<int>(
        DemoFeedConfig {}.historyDays, static_cast<int>((minutes + 24 * 60 - 1) / (24 * 60)));
    std::vector<DemoInstrument> chosen(instruments.begin(), instruments.begin() + symbolCount);
    DemoMarket market(seed, *start, historyDays, rate, std::move(chosen));
    const TimeMs from = market.start() - minutes * kMinuteMs;
    const bool perSymbol = symbolCount > 1;
    for (std::size_t i = 0; i < market.size(); ++i) {
        const QString code = market.instrument(i).symbol.code;
        const QString path = outputPath(*out, code, perSymbol);
        if (market.size() > 1 || historyDays > 60)
            note(QStringLiteral("wick-cli demo: %1 (%2/%3)...")
                     .arg(code)
                     .arg(i + 1)
                     .arg(market.size()));
        // The bars from `from` on (history is oldest first), in the format of
        // `wick-cli export`: importing the file and exporting it gives it back.
        const std::vector<Bar> &history = market.history(i);
        const auto first = std::lower_bound(history.begin(), history.end(), from,
            [](const Bar &bar, TimeMs t) { return bar.time < t; });
        const QByteArray csv = barsCsv(std::span<const Bar>(first, history.end()));
        QString error;
        if (!writeFileAtomically(path, csv, &error))
            return options.fail(error);
        if (perSymbol)
            note(path);
    }
    return 0;
}

}  // namespace wick::cli
