#include "QuotesCommand.h"

#include <cmath>
#include <cstdio>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTimeZone>

#include "CliOptions.h"
#include "SourceCli.h"
#include "feeds/yahoo/YahooQuoteRun.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "log/Logging.h"
#include "storage/AtomicFile.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("quotes");

QByteArray number(double value)
{
    return std::isnan(value) ? QByteArray() : QByteArray::number(value, 'g', 15);
}

// One code per line or comma-separated, yahoo:CODE or CODE; blank lines and
// `#` comments skipped. Codes that cannot be Yahoo's go to *invalid.
std::optional<QStringList> readSymbols(const QString &path, QStringList *invalid, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QStringList codes;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        if (const qsizetype hash = line.indexOf(QLatin1Char('#')); hash >= 0)
            line.truncate(hash);
        for (const QString &item : line.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            QString code = item.trimmed();
            if (code.startsWith(QLatin1String("yahoo:"), Qt::CaseInsensitive))
                code = code.mid(6);
            if (code.isEmpty())
                continue;
            if (isValidYahooCode(code))
                codes.append(code);
            else
                invalid->append(item.trimmed());
        }
    }
    return codes;
}

QByteArray csvOf(const YahooQuoteRunResult &result)
{
    QByteArray csv = "symbol,ts,price,change_pct,volume,state\n";
    for (const YahooQuote &q : result.quotes) {
        const QByteArray ts = q.time > 0 ? QDateTime::fromMSecsSinceEpoch(q.time, QTimeZone::utc())
                                               .toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'")
                                               .toUtf8()
                                         : QByteArray();
        // Yahoo's codes hold no comma or quote (isValidYahooCode), nor do its states.
        csv += "yahoo:" + q.symbol.toUpper().toUtf8() + ',' + ts + ',' + number(q.price) + ','
            + number(q.changePercent) + ',' + number(q.volume) + ',' + q.marketState.toUtf8()
            + '\n';
    }
    return csv;
}

}  // namespace

int runQuotesCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli quotes --source yahoo --symbols-file FILE [--out FILE.csv] "
                       "[--rest-url URL] [--concurrency N] [--timeout S] [--set KEY=VALUE ...]"),
        QStringLiteral(
            "Fetches the latest quote of every symbol in FILE (one code a line or "
            "comma-separated, AAPL or yahoo:AAPL, # comments) in batches of quoteBatch (100), "
            "several requests in flight within the source's request rate (requestsPerSecond, "
            "2), waiting out 429s and retrying failed batches, and writes "
            "symbol,ts,price,change_pct,volume,state as CSV (ts ISO-8601 UTC, state Yahoo's "
            "marketState). Symbols Yahoo does not know and symbols that failed are listed on "
            "stderr with a summary line; the exit status is 1 when any failed."));
    const SourceCliOptions source({QStringLiteral("yahoo")});
    const QCommandLineOption fileOption(QStringLiteral("symbols-file"),
        QStringLiteral("The symbols, one a line or comma-separated."), QStringLiteral("FILE"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("The CSV file to write (default: stdout)."), QStringLiteral("FILE.csv"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
        QStringLiteral("Requests in flight at once, sharing the source's rate (default 4)."),
        QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        QStringLiteral("Seconds for the whole run; what has not answered then failed "
                       "(default 300)."),
        QStringLiteral("S"), QStringLiteral("300"));
    source.addTo(options);
    options.add({fileOption, outOption, concurrencyOption, timeoutOption});
    if (const auto done = options.parse(arguments))
        return *done;
    const std::optional<SourceSettings> settings = source.settings(options);
    if (!settings)
        return options.status();
    const std::optional<YahooFeedConfig> feed = yahooCliConfig(options, *settings);
    if (!feed)
        return options.status();
    const std::optional<QString> path = options.required(fileOption);
    if (!path)
        return options.status();
    bool ok = false;
    const int concurrency = options.value(concurrencyOption).toInt(&ok);
    if (!ok || concurrency < 1 || concurrency > 32)
        return options.fail(QStringLiteral("--concurrency must be 1..32, not '%1'")
                                .arg(options.value(concurrencyOption)),
            2);
    const double timeout = options.value(timeoutOption).toDouble(&ok);
    if (!ok || !(timeout > 0.0) || timeout > 86'400.0)
        return options.fail(QStringLiteral("--timeout must be seconds above 0, not '%1'")
                                .arg(options.value(timeoutOption)),
            2);
    QStringList invalid;
    QString error;
    const std::optional<QStringList> codes = readSymbols(*path, &invalid, &error);
    if (!codes)
        return options.fail(error);
    if (codes->isEmpty() && invalid.isEmpty())
        return options.fail(QStringLiteral("%1 lists no symbols").arg(*path), 2);

    // The client's log goes to stderr with the lists; stdout holds the CSV.
    initLogging(LoggingOptions {});
    YahooQuoteRunConfig config;
    config.feed = *feed;
    config.concurrency = concurrency;
    config.deadlineMs = TimeMs(std::ceil(timeout * 1000.0));
    YahooQuoteRun run(config);
    QObject::connect(&run, &YahooQuoteRun::finished, &run, [] { QCoreApplication::exit(0); });
    run.start(*codes);
    QCoreApplication::exec();
    const YahooQuoteRunResult &result = run.result();

    const QByteArray csv = csvOf(result);
    if (options.isSet(outOption)) {
        if (!writeFileAtomically(options.value(outOption), csv, &error))
            return options.fail(error);
    } else if (std::fwrite(csv.constData(), 1, std::size_t(csv.size()), stdout)
        != std::size_t(csv.size())) {
        return options.fail(QStringLiteral("cannot write to stdout"));
    }
    std::fflush(stdout);
    for (const QString &code : std::as_const(invalid))
        note(QStringLiteral("unknown: %1 (not a Yahoo code)").arg(code));
    for (const QString &code : std::as_const(result.unknown))
        note(QStringLiteral("unknown: yahoo:%1 (Yahoo answered without it)").arg(code.toUpper()));
    for (const YahooQuoteFailure &f : result.failed)
        note(QStringLiteral("failed: yahoo:%1: %2").arg(f.code.toUpper(), f.reason));
    note(QStringLiteral("quotes: %1 ok, %2 unknown, %3 failed in %4 s (%5 requests, %6 "
                        "rate-limit waits, %7 crumb refreshes, %8 batches sent again)")
             .arg(result.quotes.size())
             .arg(result.unknown.size() + invalid.size())
             .arg(result.failed.size())
             .arg(result.seconds, 0, 'f', 1)
             .arg(result.requests)
             .arg(result.rateLimitWaits)
             .arg(result.crumbRetries)
             .arg(result.batchRetries));
    return result.failed.empty() ? 0 : 1;
}

}  // namespace wick::cli
