// YahooQuoteRun in process against FakeYahooServer: a batch that keeps failing
// ends failed after its attempts while the others are quoted; repeats count
// once, unknown codes are listed, and every code given ends in exactly one
// outcome; nothing to fetch finishes at once.
#include <QSignalSpy>
#include <QTest>

#include "FakeHttpServer.h"
#include "FakeYahooServer.h"
#include "feeds/yahoo/YahooQuoteRun.h"

using namespace wick;

namespace {

YahooQuoteRunConfig configFor(const FakeYahooServer &server)
{
    YahooQuoteRunConfig config;
    config.feed.restUrl = server.url();
    config.feed.cookieUrl = server.url();
    config.feed.quoteBatch = 10;
    config.feed.requestsPerSecond = 50.0;
    config.feed.burst = 10.0;
    config.feed.backoff = BackoffPolicy {5, 20, 2.0, Jitter::None};
    config.feed.circuit.failureThreshold = 1000;  // the retries are the subject here
    config.concurrency = 1;  // one lane: the batches go out in order
    config.batchAttempts = 3;
    config.deadlineMs = 20'000;
    return config;
}

QStringList codes(int from, int to)
{
    QStringList list;
    for (int i = from; i <= to; ++i)
        list << FakeYahooServer::universeQuote(i).code;
    return list;
}

}  // namespace

class TestYahooQuoteRun final : public QObject
{
    Q_OBJECT

private slots:
    void failingBatchEndsFailedOthersQuoted();
    void everyCodeEndsInOneOutcome();
    void nothingToFetchFinishesAtOnce();
};

void TestYahooQuoteRun::failingBatchEndsFailedOthersQuoted()
{
    FakeYahooServer server(qEnvironmentVariable("WICK_TEST_FIXTURES"));
    QVERIFY(server.listen());
    server.addUniverse(30);
    // The first batch (S0001..S0010) gets 500 every time.
    server.failQuotesOf(QStringLiteral("S0005"));
    YahooQuoteRun run(configFor(server));
    QSignalSpy finished(&run, &YahooQuoteRun::finished);
    run.start(codes(1, 30));
    QVERIFY(finished.wait(20'000));
    const YahooQuoteRunResult &r = run.result();
    QCOMPARE(r.failed.size(), std::size_t(10));
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(r.failed[std::size_t(i)].code, FakeYahooServer::universeQuote(i + 1).code);
        QVERIFY2(r.failed[std::size_t(i)].reason.endsWith(QStringLiteral("(after 3 attempts)")),
            qPrintable(r.failed[std::size_t(i)].reason));
    }
    QCOMPARE(r.batchRetries, 2);
    QCOMPARE(r.quotes.size(), std::size_t(20));
    for (int i = 0; i < 20; ++i) {
        const FakeYahooServer::UniverseQuote want = FakeYahooServer::universeQuote(i + 11);
        const YahooQuote &q = r.quotes[std::size_t(i)];
        QCOMPARE(q.symbol, want.code);
        QCOMPARE(q.price, want.price);
        QCOMPARE(q.changePercent, want.changePercent);
        QCOMPARE(q.volume, want.volume);
        QCOMPARE(q.time, want.timeSeconds * 1000);
        QCOMPARE(q.marketState, want.marketState);
    }
    QVERIFY(r.unknown.isEmpty());
    // Three sends of the first batch, three attempts each (the client's
    // maxAttempts), then the other two batches.
    QCOMPARE(server.http().requests(QStringLiteral("/v7/finance/quote")), 11);
}

void TestYahooQuoteRun::everyCodeEndsInOneOutcome()
{
    FakeYahooServer server(qEnvironmentVariable("WICK_TEST_FIXTURES"));
    QVERIFY(server.listen());
    server.addUniverse(25);
    YahooQuoteRunConfig config = configFor(server);
    config.concurrency = 3;
    YahooQuoteRun run(config);
    QSignalSpy finished(&run, &YahooQuoteRun::finished);
    // S0026..S0030 lie past the universe; s0001 repeats S0001; AAPL is the fixture's.
    QStringList given = codes(1, 30);
    given << QStringLiteral("s0001") << QStringLiteral("  ") << QStringLiteral("aapl");
    run.start(given);
    QVERIFY(finished.wait(20'000));
    const YahooQuoteRunResult &r = run.result();
    QCOMPARE(r.quotes.size(), std::size_t(26));
    QCOMPARE(r.quotes.back().symbol, QStringLiteral("AAPL"));
    QCOMPARE(r.quotes.back().price, 245.19);
    QCOMPARE(r.unknown, codes(26, 30));
    QVERIFY(r.failed.empty());
    QCOMPARE(server.quotedSymbols(), 26);
}

void TestYahooQuoteRun::nothingToFetchFinishesAtOnce()
{
    YahooQuoteRunConfig config;
    config.feed.restUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
    YahooQuoteRun run(config);
    QSignalSpy finished(&run, &YahooQuoteRun::finished);
    run.start({QString(), QStringLiteral(" ")});
    QVERIFY(finished.wait(1000));
    QVERIFY(run.isFinished());
    QVERIFY(run.result().quotes.empty() && run.result().unknown.isEmpty()
        && run.result().failed.empty());
    QCOMPARE(run.result().requests, 0);
}

QTEST_GUILESS_MAIN(TestYahooQuoteRun)
#include "test_yahoo_quote_run.moc"
