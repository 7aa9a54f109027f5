// `wick-cli quotes` and `wick-cli search` run as processes (WICK_CLI) against
// FakeYahooServer: 200 symbols through a server that answers 429 on bursts
// and 503 twice end with every known symbol quoted at the values the server
// served and the unknown ones listed apart; a crumb rotated mid-run is fetched
// anew; a server that does not answer in time fails every symbol, none
// dropped; search prints the fixture's matches (Yahoo) and the listed codes
// that hold the query (Binance, from FakeBinanceServer); the base URL comes from
// --set, then WICK_YAHOO_REST_URL, then --rest-url.
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "CliRun.h"
#include "FakeBinanceServer.h"
#include "FakeHttpServer.h"
#include "FakeYahooServer.h"
#include "model/Clock.h"

using namespace wick;

namespace {

// The CSV row of universe code number i, from FakeYahooServer's definition.
QString universeRow(int i)
{
    const FakeYahooServer::UniverseQuote q = FakeYahooServer::universeQuote(i);
    return QStringLiteral("yahoo:%1,%2,%3,%4,%5,%6")
        .arg(q.code,
            QDateTime::fromSecsSinceEpoch(q.timeSeconds, QTimeZone::utc())
                .toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'"),
            QString::number(q.price, 'g', 15), QString::number(q.changePercent, 'g', 15),
            QString::number(q.volume, 'g', 15), q.marketState);
}

QString writeSymbols(const QTemporaryDir &dir, const QStringList &lines)
{
    const QString path = dir.filePath(QStringLiteral("symbols.txt"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
    return path;
}

QStringList linesOf(const QString &text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class TestCliQuotes final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void quotesManySymbolsThroughBursts();
    void crumbRotatedMidRunRecovers();
    void unansweredSymbolsFailAtTheDeadline();
    void otherSourcesAreAClearError();
    void searchPrintsTheMatches();
    void searchBinanceListsMatchingCodes();
    void baseUrlPrecedence();

private:
    QString m_fixtures;
};

void TestCliQuotes::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    m_fixtures = qEnvironmentVariable("WICK_TEST_FIXTURES");
    qunsetenv("WICK_YAHOO_REST_URL");
}

void TestCliQuotes::quotesManySymbolsThroughBursts()
{
    FakeYahooServer server(m_fixtures);
    QVERIFY(server.listen());
    server.addUniverse(196);
    server.limitQuoteBursts(3, 1000, 1);
    server.http().failNext(QStringLiteral("/v7/finance/quote"), HttpReply::json(503, "{}"), 2);
    QTemporaryDir dir;
    // 196 generated codes, the fixture's two (one as a key, one lower case), two unknown.
    QStringList lines {QStringLiteral("# watchlist"), QStringLiteral("yahoo:AAPL,msft")};
    for (int i = 1; i <= 196; ++i) {
        lines << FakeYahooServer::universeQuote(i).code;
        if (i == 100)
            lines << QStringLiteral("NOPE1") << QString();
    }
    lines << QStringLiteral("S9999");
    const QString out = dir.filePath(QStringLiteral("quotes.csv"));
    const CliRun run = runCliServing({QStringLiteral("quotes"), QStringLiteral("--source"),
        QStringLiteral("yahoo"), QStringLiteral("--symbols-file"), writeSymbols(dir, lines),
        QStringLiteral("--out"), out, QStringLiteral("--rest-url"), server.url().toString(),
        QStringLiteral("--set"), QStringLiteral("quoteBatch=10"), QStringLiteral("--set"),
        QStringLiteral("requestsPerSecond=20")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.isEmpty());

    const QStringList rows = linesOf(readAll(out));
    QCOMPARE(rows.size(), 1 + 198);
    QCOMPARE(rows[0], QStringLiteral("symbol,ts,price,change_pct,volume,state"));
    // The fixture's quotes, as quote_v7_aapl_msft.json has them.
    QCOMPARE(
        rows[1], QStringLiteral("yahoo:AAPL,2025-02-19T15:29:38Z,245.19,-0.31711,14928,REGULAR"));
    QCOMPARE(
        rows[2], QStringLiteral("yahoo:MSFT,2025-02-19T15:29:37Z,414.07,0.34412,8841,REGULAR"));
    // By hand: S0001 is 10 + 1/4, (1 - 5) / 2, 1000, +1 s, CLOSED (1 % 4);
    // S0042 is 10 + 42/4, (9 - 5) / 2, 42000, +42 s, PRE (42 % 4).
    QCOMPARE(rows[3], QStringLiteral("yahoo:S0001,2025-02-19T15:29:39Z,10.25,-2,1000,CLOSED"));
    QCOMPARE(rows[44], QStringLiteral("yahoo:S0042,2025-02-19T15:30:20Z,20.5,2,42000,PRE"));
    for (int i = 1; i <= 196; ++i)
        QCOMPARE(rows[2 + i], universeRow(i));

    QVERIFY2(run.err.contains(QStringLiteral("unknown: yahoo:NOPE1 (Yahoo answered without it)")),
        qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("unknown: yahoo:S9999 (Yahoo answered without it)")));
    QVERIFY2(run.err.contains(QStringLiteral("quotes: 198 ok, 2 unknown, 0 failed in ")),
        qPrintable(run.err));
    QVERIFY(server.rateLimitedQuotes() > 0);  // the bursts were refused and waited out
    QCOMPARE(server.quotedSymbols(), 198);  // every quote asked for once, none lost
}

void TestCliQuotes::crumbRotatedMidRunRecovers()
{
    FakeYahooServer server(m_fixtures);
    QVERIFY(server.listen());
    server.addUniverse(100);
    server.rotateCrumbAfterQuotes(3);
    QTemporaryDir dir;
    QStringList lines;
    for (int i = 1; i <= 100; ++i)
        lines << FakeYahooServer::universeQuote(i).code;
    const CliRun run = runCliServing({QStringLiteral("quotes"), QStringLiteral("--source"),
        QStringLiteral("yahoo"), QStringLiteral("--symbols-file"), writeSymbols(dir, lines),
        QStringLiteral("--rest-url"), server.url().toString(), QStringLiteral("--concurrency"),
        QStringLiteral("2"), QStringLiteral("--set"), QStringLiteral("quoteBatch=10"),
        QStringLiteral("--set"), QStringLiteral("requestsPerSecond=20")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList rows = linesOf(run.out);
    QCOMPARE(rows.size(), 101);
    for (int i = 1; i <= 100; ++i)
        QCOMPARE(rows[i], universeRow(i));
    QVERIFY(server.refusedQuotes() >= 1);
    // Two lanes fetched a crumb each, and at least one fetched a new one.
    QVERIFY2(server.crumbRequests() >= 3, qPrintable(QString::number(server.crumbRequests())));
    QVERIFY2(run.err.contains(QStringLiteral("quotes: 100 ok, 0 unknown, 0 failed in ")),
        qPrintable(run.err));
}

void TestCliQuotes::unansweredSymbolsFailAtTheDeadline()
{
    FakeYahooServer server(m_fixtures);
    QVERIFY(server.listen());
    server.addUniverse(3);
    server.http().setDelay(QStringLiteral("/v7/finance/quote"), 5000);
    QTemporaryDir dir;
    const CliRun run = runCliServing({QStringLiteral("quotes"), QStringLiteral("--source"),
        QStringLiteral("yahoo"), QStringLiteral("--symbols-file"),
        writeSymbols(dir, {QStringLiteral("S0001,S0002,S0003")}), QStringLiteral("--rest-url"),
        server.url().toString(), QStringLiteral("--timeout"), QStringLiteral("1.5")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(
        linesOf(run.out), QStringList {QStringLiteral("symbol,ts,price,change_pct,volume,state")});
    for (const char *code : {"S0001", "S0002", "S0003"})
        QVERIFY2(run.err.contains(QStringLiteral("failed: yahoo:%1: no answer within 1.5 s")
                                      .arg(QLatin1String(code))),
            qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("quotes: 0 ok, 0 unknown, 3 failed in ")));
}

void TestCliQuotes::otherSourcesAreAClearError()
{
    QTemporaryDir dir;
    const QString file = writeSymbols(dir, {QStringLiteral("BTCUSDT")});
    const CliRun binance = runCli({QStringLiteral("quotes"), QStringLiteral("--source"),
        QStringLiteral("binance"), QStringLiteral("--symbols-file"), file});
    QCOMPARE(binance.exitCode, 2);
    QVERIFY2(binance.err.startsWith(
                 QStringLiteral("wick-cli quotes: --source binance: only yahoo can do this")),
        qPrintable(binance.err));
    const CliRun nothing = runCli({QStringLiteral("search"), QStringLiteral("--source"),
        QStringLiteral("nasdaq"), QStringLiteral("apple")});
    QCOMPARE(nothing.exitCode, 2);
    QVERIFY2(nothing.err.startsWith(QStringLiteral(
                 "wick-cli search: --source must be yahoo or binance or alphavantage")),
        qPrintable(nothing.err));
}

void TestCliQuotes::searchPrintsTheMatches()
{
    FakeYahooServer server(m_fixtures);
    QVERIFY(server.listen());
    const CliRun run = runCliServing(
        {QStringLiteral("search"), QStringLiteral("--source"), QStringLiteral("yahoo"),
            QStringLiteral("apple"), QStringLiteral("--rest-url"), server.url().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // search_apple.json's three quotes: longname, typeDisp, exchDisp.
    QCOMPARE(linesOf(run.out),
        QStringList({QStringLiteral("key,name,type,exchange"),
            QStringLiteral("yahoo:AAPL,Apple Inc.,Equity,NASDAQ"),
            QStringLiteral("yahoo:APC.DE,Apple Inc.,Equity,XETRA"),
            QStringLiteral("yahoo:AAPU,Direxion Daily AAPL Bull 2X Shares,ETF,NYSEArca")}));
    QCOMPARE(server.http().requests(QStringLiteral("/v1/finance/search")), 1);
    const HttpRequest &request = server.http().requestLog().back();
    QCOMPARE(request.query.queryItemValue(QStringLiteral("q")), QStringLiteral("apple"));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("newsCount")), QStringLiteral("0"));
}

void TestCliQuotes::searchBinanceListsMatchingCodes()
{
    auto clock = std::make_shared<SystemClock>();
    FakeBinanceConfig config;
    config.symbols
        = {QStringLiteral("WBTCUSDT"), QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
    config.marketStart = clock->now();
    FakeBinanceServer server(config, clock);
    QVERIFY(server.listen());
    auto search = [&](const QString &query) {
        return runCliServing(
            {QStringLiteral("search"), QStringLiteral("--source"), QStringLiteral("binance"), query,
                QStringLiteral("--rest-url"), server.restUrl().toString()});
    };
    // The fake lists base and quote asset as the code's head and its last four
    // letters. The exact code first, then the others holding it.
    const CliRun btc = search(QStringLiteral("btcusdt"));
    QVERIFY2(btc.exitCode == 0, qPrintable(btc.err));
    QCOMPARE(linesOf(btc.out),
        QStringList({QStringLiteral("key,name,type,exchange"),
            QStringLiteral("binance:BTCUSDT,BTC / USDT,Spot,Binance"),
            QStringLiteral("binance:WBTCUSDT,WBTC / USDT,Spot,Binance")}));
    // A part of codes: every listed code holding it, in exchangeInfo's order.
    const CliRun usdt = search(QStringLiteral("usdt"));
    QVERIFY2(usdt.exitCode == 0, qPrintable(usdt.err));
    QCOMPARE(linesOf(usdt.out),
        QStringList({QStringLiteral("key,name,type,exchange"),
            QStringLiteral("binance:WBTCUSDT,WBTC / USDT,Spot,Binance"),
            QStringLiteral("binance:BTCUSDT,BTC / USDT,Spot,Binance"),
            QStringLiteral("binance:ETHUSDT,ETH / USDT,Spot,Binance")}));
}

void TestCliQuotes::baseUrlPrecedence()
{
    FakeYahooServer server(m_fixtures);
    QVERIFY(server.listen());
    const QString good = server.url().toString();
    const QString dead = QStringLiteral("http://127.0.0.1:9");  // discard: refused
    auto search = [&](QStringList extra) {
        return runCliServing(QStringList {QStringLiteral("search"), QStringLiteral("--source"),
                                 QStringLiteral("yahoo"), QStringLiteral("apple"),
                                 QStringLiteral("--set"), QStringLiteral("restTimeoutMs=500")}
            + extra);
    };
    // The setting alone.
    QCOMPARE(search({QStringLiteral("--set"), QStringLiteral("restUrl=") + good}).exitCode, 0);
    // The environment over the setting.
    qputenv("WICK_YAHOO_REST_URL", good.toUtf8());
    QCOMPARE(search({QStringLiteral("--set"), QStringLiteral("restUrl=") + dead}).exitCode, 0);
    // --rest-url over both.
    qputenv("WICK_YAHOO_REST_URL", dead.toUtf8());
    QCOMPARE(search({QStringLiteral("--set"), QStringLiteral("restUrl=") + dead,
                        QStringLiteral("--rest-url"), good})
                 .exitCode,
        0);
    QCOMPARE(server.http().requests(QStringLiteral("/v1/finance/search")), 3);
    qunsetenv("WICK_YAHOO_REST_URL");
}

QTEST_GUILESS_MAIN(TestCliQuotes)
#include "test_cli_quotes.moc"
