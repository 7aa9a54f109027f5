// wick-bench, quotes section: the latest quote of 5,000 symbols (the issue's
// many-symbol figure) through YahooQuoteRun, the engine of `wick-cli quotes`,
// against FakeYahooServer on 127.0.0.1 that knows S0001..S5000 and answers 429
// (Retry-After 1 s) to more than 3 quote requests within a second. The client
// runs with the Yahoo source's defaults: batches of 100, 2 requests/s in all
// over 4 lanes. Errors are the symbols that were not quoted (unknown or
// failed). Prints, never fails on time. `wick-bench --only quotes`.
#include <cstdio>

#include <QCoreApplication>
#include <QEventLoop>
#include <QStringList>

#include <spdlog/spdlog.h>

#include "FakeYahooServer.h"
#include "feeds/yahoo/YahooQuoteRun.h"

using namespace wick;

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
}
