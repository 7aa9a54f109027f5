// wick-bench, quotes section: the latest quote of 5,000 symbols (the issue's
// many-symbol figure) through YahooQuoteRun, the engine of `wick-cli quotes`,
// against FakeYahooServer on 127.0.0.1 that knows S0001..S5000 and answers 429
// (Retry-After 1 s) to more than 3 quote requests within a second. The client
// runs with the Yahoo source's defaults: batches of 100, 2 requests/s in all
// over 4 lanes. Errors are the symbols that were not quoted (unknown or
// failed). Then the app's path, the same symbols as a watchlist: one YahooFeed
// (the source's defaults: batches of 100 one after another at 2 requests/s)
// with every symbol quote-only (Feed::setBarCodes), timed from start() to the
// last symbol's first quote (quotesReceived), against a fresh server with the
// same burst limit. Prints, never fails on time. `wick-bench --only quotes`.
#include <cstdio>
#include <memory>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QStringList>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "FakeYahooServer.h"
#include "feeds/yahoo/YahooFeed.h"
#include "feeds/yahoo/YahooQuoteRun.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

void runWatchlistQuotes(const QString &fixtures, const QStringList &codes)
{
    FakeYahooServer server(fixtures);
    if (!server.listen())
        return;
    server.addUniverse(int(codes.size()));
    server.limitQuoteBursts(3, 1000, 1);
    auto registry = std::make_shared<SymbolRegistry>();
    YahooFeedConfig config;
    config.restUrl = server.url();
    config.cookieUrl = server.url();
    config.symbols = codes;
    config.intervals.clear();  // quotes only: nothing asks for bars
    YahooFeed feed(registry, config);
    feed.setBarCodes({});
    QHash<SymbolId, SourceQuote> quotes;
    qsizetype wrong = 0;
    QEventLoop loop;
    QObject::connect(&feed, &Feed::quotesReceived, &loop, [&](const SourceQuotes &batch) {
        for (const SourceQuote &q : batch) {
            const int n = registry->symbol(q.symbol).code.mid(1).toInt();
            const FakeYahooServer::UniverseQuote want = FakeYahooServer::universeQuote(n);
            if (q.price != want.price || q.dayVolume != want.volume
                || q.time != want.timeSeconds * 1000)
                ++wrong;
            quotes.insert(q.symbol, q);
        }
        if (quotes.size() == codes.size())
            loop.quit();
    });
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);  // a bench never hangs
    const spdlog::level::level_enum level = spdlog::get_level();
    spdlog::set_level(spdlog::level::err);
    QElapsedTimer timer;
    timer.start();
    feed.start();
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    feed.stop();
    spdlog::set_level(level);
    const qsizetype errors = codes.size() - quotes.size() + wrong;
    std::printf("yahoo watchlist (the app's YahooFeed, every symbol quote-only): %lld symbols' "
                "first quotes in %.1f s, errors %lld (%.2f %%), 429s answered %d, requests %d "
                "(batches of %d one after another at %.1f requests/s; %lld wrong values)\n",
        static_cast<long long>(codes.size()), seconds, static_cast<long long>(errors),
        100.0 * double(errors) / double(codes.size()), server.rateLimitedQuotes(),
        server.quoteRequests(), config.quoteBatch, config.requestsPerSecond,
        static_cast<long long>(wrong));
    std::fflush(stdout);
}

}  // namespace

void runQuotesBench(int symbols)
{
    QString fixtures = qEnvironmentVariable("WICK_TEST_FIXTURES");
    if (fixtures.isEmpty())
        fixtures = QStringLiteral(WICK_BENCH_FIXTURES);
    FakeYahooServer server(fixtures);
    if (!server.listen()) {
        std::printf("yahoo quotes: the fake server could not listen on 127.0.0.1\n");
        return;
    }
    server.addUniverse(symbols);
    server.limitQuoteBursts(3, 1000, 1);
    QStringList codes;
    codes.reserve(symbols);
    for (int i = 1; i <= symbols; ++i)
        codes.append(FakeYahooServer::universeQuote(i).code);

    YahooQuoteRunConfig config;
    config.feed.restUrl = server.url();
    config.feed.cookieUrl = server.url();
    config.concurrency = 4;
    config.deadlineMs = 600'000;
    YahooQuoteRun run(config);
    QEventLoop loop;
    QObject::connect(&run, &YahooQuoteRun::finished, &loop, &QEventLoop::quit);
    // Each 429 and cookie visit is a warning line; the figure counts them.
    const spdlog::level::level_enum level = spdlog::get_level();
    spdlog::set_level(spdlog::level::err);
    run.start(codes);
    loop.exec();
    spdlog::set_level(level);

    const YahooQuoteRunResult &r = run.result();
    // A quote is right when it is the one the server defines for its code.
    qsizetype wrong = 0;
    for (qsizetype i = 0; i < qsizetype(r.quotes.size()); ++i) {
        const YahooQuote &q = r.quotes[std::size_t(i)];
        const int n = q.symbol.mid(1).toInt();
        const FakeYahooServer::UniverseQuote want = FakeYahooServer::universeQuote(n);
        if (q.symbol != want.code || q.price != want.price || q.volume != want.volume
            || q.changePercent != want.changePercent || q.marketState != want.marketState)
            ++wrong;
    }
    const qsizetype errors = qsizetype(r.failed.size()) + r.unknown.size() + wrong;
    std::printf("yahoo quotes: %d symbols in %.1f s, errors %lld (%.2f %%), 429s answered %d, "
                "requests %d (batches of %d over %d lanes at %.1f requests/s; %lld unknown, "
                "%lld failed, %lld wrong values, %lld batches sent again, %d crumb fetches)\n",
        symbols, r.seconds, static_cast<long long>(errors), 100.0 * double(errors) / symbols,
        server.rateLimitedQuotes(), server.quoteRequests(), config.feed.quoteBatch,
        config.concurrency, config.feed.requestsPerSecond, static_cast<long long>(r.unknown.size()),
        static_cast<long long>(r.failed.size()), static_cast<long long>(wrong),
        static_cast<long long>(r.batchRetries), server.crumbRequests());
    std::fflush(stdout);
    runWatchlistQuotes(fixtures, codes);
}
