#include "SearchCommand.h"

#include <cstdio>
#include <optional>
#include <vector>

#include <QCoreApplication>

#include "CliOptions.h"
#include "SourceCli.h"
#include "feeds/alphavantage/AlphaVantageFeed.h"
#include "feeds/alphavantage/AlphaVantageParser.h"
#include "feeds/alphavantage/AlphaVantageSource.h"
#include "feeds/alphavantage/AlphaVantageSymbols.h"
#include "feeds/binance/BinanceListing.h"
#include "feeds/binance/BinanceNetPolicy.h"
#include "feeds/binance/BinanceSource.h"
#include "feeds/yahoo/YahooNetPolicy.h"
#include "feeds/yahoo/YahooSearchParser.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "log/Logging.h"
#include "net/RestClient.h"

namespace wick::cli {

namespace {

const QString kName = QStringLiteral("search");

struct Match {
    QString key;
    QString name;
    QString type;
    QString exchange;
};

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

// One request through `rest` (three attempts), the event loop turning until
// it is answered; std::nullopt after the reason when it did not succeed.
std::optional<RestAnswer> ask(CliOptions &options, RestClient &rest, RestRequest r)
{
    r.maxAttempts = 3;
    RestAnswer answer;
    r.onAnswer = [&answer](const RestAnswer &a) {
        answer = a;
        QCoreApplication::exit(0);
    };
    rest.enqueue(std::move(r));
    QCoreApplication::exec();
    if (answer.outcome != RestOutcome::Success) {
        options.fail(QStringLiteral("the search failed: %1 (HTTP %2) %3")
                         .arg(restOutcomeName(answer.outcome))
                         .arg(answer.status)
                         .arg(answer.error.message));
        return std::nullopt;
    }
    return answer;
}

// Yahoo's own search: its matches in its order. std::nullopt after the reason.
std::optional<std::vector<Match>> searchYahoo(
    CliOptions &options, const SourceSettings &settings, const QString &query, int limit)
{
    std::optional<YahooFeedConfig> config = yahooCliConfig(options, settings);
    if (!config)
        return std::nullopt;
    if (config->userAgent.isEmpty())
        config->userAgent = yahooDefaultUserAgent();
    RestClient rest(yahooRestPolicy(*config), nullptr);
    RestRequest r;
    r.path = QStringLiteral("/v1/finance/search");
    r.query.addQueryItem(QStringLiteral("q"), query);
    r.query.addQueryItem(QStringLiteral("quotesCount"), QString::number(limit));
    r.query.addQueryItem(QStringLiteral("newsCount"), QStringLiteral("0"));
    const std::optional<RestAnswer> answer = ask(options, rest, std::move(r));
    if (!answer)
        return std::nullopt;
    const auto hits = parseYahooSearch(answer->body);
    if (!hits) {
        options.fail(
            QStringLiteral("the search's answer is unusable: %1").arg(hits.error().toString()));
        return std::nullopt;
    }
    std::vector<Match> matches;
    for (const YahooSearchHit &hit : hits.value()) {
        if (!isValidYahooCode(hit.symbol.toUpper()) || int(matches.size()) >= limit)
            continue;
        matches.push_back(
            Match {yahooSymbol(hit).key(), hit.longName.isEmpty() ? hit.shortName : hit.longName,
                hit.typeDisplay.isEmpty() ? hit.quoteType : hit.typeDisplay,
                hit.exchangeDisplay.isEmpty() ? hit.exchange : hit.exchangeDisplay});
    }
    return matches;
}

// Binance has no search: the codes its exchangeInfo lists whose code or
// assets hold the query (case-insensitive), an exact code first.
std::optional<std::vector<Match>> searchBinance(
    CliOptions &options, const SourceSettings &settings, const QString &query, int limit)
{
    QString error;
    const std::optional<BinanceFeedConfig> config = binanceConfigFromSettings(settings, &error);
    if (!config) {
        options.fail(error, 2);
        return std::nullopt;
    }
    RestClient rest(binanceRestPolicy(*config), nullptr);
    BinanceListing listing(rest, config->requestWeightLimit);
    std::optional<std::vector<ListedSymbol>> listed;
    listing.request([&listed](std::optional<std::vector<ListedSymbol>> symbols) {
        listed = std::move(symbols);
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    if (!listed) {
        options.fail(QStringLiteral("exchangeInfo did not answer usably (see the log above)"));
        return std::nullopt;
    }
    const QString wanted = query.toUpper();
    std::vector<Match> matches;
    for (const ListedSymbol &l : *listed) {
        const Symbol &s = l.symbol;
        if (!s.code.contains(wanted) && !s.displayName.contains(query, Qt::CaseInsensitive))
            continue;
        const QString type = l.status.isEmpty() ? l.kind : l.kind + QLatin1Char(' ') + l.status;
        Match m {s.key(), s.displayName, type, QStringLiteral("Binance")};
        if (s.code == wanted)
            matches.insert(matches.begin(), std::move(m));
        else
            matches.push_back(std::move(m));
    }
    if (int(matches.size()) > limit)
        matches.resize(std::size_t(limit));
    return matches;
}

// Alpha Vantage's SYMBOL_SEARCH (one request of the day's budget): its
// matches in its order. The key comes from WICK_ALPHAVANTAGE_API_KEY.
std::optional<std::vector<Match>> searchAlphaVantage(
    CliOptions &options, const SourceSettings &settings, const QString &query, int limit)
{
    QString error;
    const std::optional<AlphaVantageFeedConfig> config
        = alphaVantageConfigFromSettings(settings, &error);
    if (!config) {
        options.fail(error, 2);
        return std::nullopt;
    }
    if (config->apiKey.isEmpty()) {
        options.fail(QStringLiteral("Alpha Vantage needs an API key: set WICK_ALPHAVANTAGE_API_KEY "
                                    "(a key is never taken from the command line)"),
            2);
        return std::nullopt;
    }
    RestClient rest(alphaVantageRestPolicy(*config), nullptr);
    RestRequest r;
    r.path = QStringLiteral("/query");
    r.query.addQueryItem(QStringLiteral("function"), QStringLiteral("SYMBOL_SEARCH"));
    r.query.addQueryItem(QStringLiteral("keywords"), query);
    r.query.addQueryItem(QStringLiteral("apikey"), config->apiKey);
    const std::optional<RestAnswer> answer = ask(options, rest, std::move(r));
    if (!answer)
        return std::nullopt;
    const auto found = parseAlphaVantageSearch(answer->body);
    if (!found) {
        options.fail(
            QStringLiteral("the search's answer is unusable: %1").arg(found.error().toString()));
        return std::nullopt;
    }
    if (found.value().refusal != AlphaVantageRefusal::None) {
        options.fail(
            QStringLiteral("Alpha Vantage refused the search (%1): %2")
                .arg(alphaVantageRefusalName(found.value().refusal), found.value().message));
        return std::nullopt;
    }
    std::vector<Match> matches;
    for (const AlphaVantageMatch &m : found.value().matches) {
        if (!isValidAlphaVantageCode(m.symbol) || int(matches.size()) >= limit)
            continue;
        matches.push_back(Match {alphaVantageSymbol(m.symbol).key(), m.name, m.type, m.region});
    }
    return matches;
}

}  // namespace

int runSearchCommand(const QStringList &arguments)
{
    CliOptions options(kName,
        QStringLiteral(
            "Usage: wick-cli search --source yahoo|binance|alphavantage QUERY [--rest-url URL] "
            "[--limit N] [--set KEY=VALUE ...]"),
        QStringLiteral(
            "Asks the source which symbols match QUERY and prints them as CSV: "
            "key,name,type,exchange, the key as the other commands take it "
            "(yahoo:AAPL, binance:BTCUSDT, alphavantage:IBM). Yahoo and Alpha Vantage: their "
            "search, in its order (Alpha Vantage: one request of the day's 25, the "
            "key from WICK_ALPHAVANTAGE_API_KEY; the exchange column is its region). "
            "Binance: the codes exchangeInfo lists whose code or assets hold QUERY, "
            "an exact code first."));
    const SourceCliOptions source(
        {QStringLiteral("yahoo"), QStringLiteral("binance"), QStringLiteral("alphavantage")});
    const QCommandLineOption limitOption(QStringLiteral("limit"),
        QStringLiteral("Matches at most (default 10)."), QStringLiteral("N"), QStringLiteral("10"));
    source.addTo(options);
    options.add(limitOption);
    options.acceptPositional(QStringLiteral("QUERY"), QStringLiteral("What to look for."));
    if (const auto done = options.parse(arguments))
        return *done;
    const std::optional<SourceSettings> settings = source.settings(options);
    if (!settings)
        return options.status();
    const QStringList positional = options.positional();
    if (positional.size() != 1 || positional.constFirst().trimmed().isEmpty())
        return options.fail(positional.size() > 1
                ? QStringLiteral("one QUERY, not %1 (quote a query with spaces)")
                      .arg(positional.size())
                : QStringLiteral("QUERY is required"),
            2);
    const QString query = positional.constFirst().trimmed();
    bool ok = false;
    const int limit = options.value(limitOption).toInt(&ok);
    if (!ok || limit < 1 || limit > 100)
        return options.fail(
            QStringLiteral("--limit must be 1..100, not '%1'").arg(options.value(limitOption)), 2);

    initLogging(LoggingOptions {});
    const std::optional<std::vector<Match>> matches = settings->name == QLatin1String("yahoo")
        ? searchYahoo(options, *settings, query, limit)
        : settings->name == QLatin1String("alphavantage")
        ? searchAlphaVantage(options, *settings, query, limit)
        : searchBinance(options, *settings, query, limit);
    if (!matches)
        return options.status();
    QByteArray csv = "key,name,type,exchange\n";
    for (const Match &m : *matches)
        csv += field(m.key) + ',' + field(m.name) + ',' + field(m.type) + ',' + field(m.exchange)
            + '\n';
    if (std::fwrite(csv.constData(), 1, std::size_t(csv.size()), stdout) != std::size_t(csv.size()))
        return options.fail(QStringLiteral("cannot write to stdout"));
    std::fflush(stdout);
    note(QStringLiteral("wick-cli search: %1 matches for '%2'").arg(matches->size()).arg(query));
    return 0;
}

}  // namespace wick::cli
