#include "SearchCommand.h"

#include <cstdio>

#include <QCoreApplication>

#include "CliOptions.h"
#include "YahooCli.h"
#include "feeds/yahoo/YahooNetPolicy.h"
#include "feeds/yahoo/YahooSearchParser.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "log/Logging.h"
#include "net/RestClient.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("search");

// A CSV field: quoted when it holds a comma, a quote or a line break.
QByteArray field(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n')
        && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

}  // namespace

int runSearchCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral("Usage: wick-cli search --source yahoo QUERY [--rest-url URL] [--limit N] "
                       "[--set KEY=VALUE ...]"),
        QStringLiteral("Asks the source which symbols match QUERY (a name or a code) and prints "
                       "them as CSV: key,name,type,exchange, the key as the other commands "
                       "take it (yahoo:AAPL), in the source's order."));
    const YahooCliOptions yahoo;
    const QCommandLineOption limitOption(QStringLiteral("limit"),
        QStringLiteral("Matches asked for (default 10)."), QStringLiteral("N"),
        QStringLiteral("10"));
    yahoo.addTo(options);
    options.add(limitOption);
    options.acceptPositional(QStringLiteral("QUERY"), QStringLiteral("What to look for."));
    if (const auto done = options.parse(arguments))
        return *done;
    const std::optional<YahooFeedConfig> config = yahoo.config(options);
    if (!config)
        return options.status();
    const QStringList positional = options.positional();
    if (positional.size() != 1 || positional.constFirst().trimmed().isEmpty())
        return options.fail(positional.size() > 1
                ? QStringLiteral("one QUERY, not %1 (quote a query with spaces)")
                      .arg(positional.size())
                : QStringLiteral("QUERY is required"),
            2);
    bool ok = false;
    const int limit = options.value(limitOption).toInt(&ok);
    if (!ok || limit < 1 || limit > 100)
        return options.fail(
            QStringLiteral("--limit must be 1..100, not '%1'").arg(options.value(limitOption)), 2);

    initLogging(LoggingOptions {});
    YahooFeedConfig feed = *config;
    if (feed.userAgent.isEmpty())
        feed.userAgent = yahooDefaultUserAgent();
    RestClient rest(yahooRestPolicy(feed), nullptr);
    RestRequest r;
    r.path = QStringLiteral("/v1/finance/search");
    r.query.addQueryItem(QStringLiteral("q"), positional.constFirst().trimmed());
    r.query.addQueryItem(QStringLiteral("quotesCount"), QString::number(limit));
    r.query.addQueryItem(QStringLiteral("newsCount"), QStringLiteral("0"));
    r.maxAttempts = 3;
    RestAnswer answer;
    r.onAnswer = [&answer](const RestAnswer &a) {
        answer = a;
        QCoreApplication::exit(0);
    };
    rest.enqueue(std::move(r));
    QCoreApplication::exec();
    if (answer.outcome != RestOutcome::Success)
        return options.fail(QStringLiteral("the search failed: %1 (HTTP %2) %3")
                                .arg(restOutcomeName(answer.outcome))
                                .arg(answer.status)
                                .arg(answer.error.message));
    const auto hits = parseYahooSearch(answer.body);
    if (!hits)
        return options.fail(
            QStringLiteral("the search's answer is unusable: %1").arg(hits.error().toString()));
    QByteArray csv = "key,name,type,exchange\n";
    int shown = 0;
    for (const YahooSearchHit &hit : hits.value()) {
        const QString code = hit.symbol.toUpper();
        if (!isValidYahooCode(code))
            continue;
        const Symbol symbol = yahooSymbol(hit);
        csv += field(symbol.key()) + ','
            + field(hit.longName.isEmpty() ? hit.shortName : hit.longName) + ','
            + field(hit.typeDisplay.isEmpty() ? hit.quoteType : hit.typeDisplay) + ','
            + field(hit.exchangeDisplay.isEmpty() ? hit.exchange : hit.exchangeDisplay) + '\n';
        ++shown;
    }
    if (std::fwrite(csv.constData(), 1, std::size_t(csv.size()), stdout) != std::size_t(csv.size()))
        return options.fail(QStringLiteral("cannot write to stdout"));
    std::fflush(stdout);
    note(QStringLiteral("wick-cli search: %1 matches for '%2'")
             .arg(shown)
             .arg(positional.constFirst().trimmed()));
    return 0;
}

}  // namespace wick::cli
