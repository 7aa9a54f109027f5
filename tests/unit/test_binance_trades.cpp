// parseBinanceHistoricalTrades (GET /api/v3/historicalTrades, the gap fill of
// the forming minute) and BinanceFeedConfig's environment overrides.
#include <QTest>

#include "feeds/binance/BinanceFeed.h"
#include "feeds/binance/BinanceRestParser.h"

using namespace wick;

class TestBinanceTrades final : public QObject
{
    Q_OBJECT

private slots:
    void parsesTrades();
    void refusesBadRows_data();
    void refusesBadRows();
    void environmentOverridesUrls();
};

void TestBinanceTrades::parsesTrades()
{
    // The documented shape (rest-api.md, "Old trade lookup").
    const std::string body = R"([{"id":28457,"price":"4.00000100","qty":"12.00000000",)"
                             R"("quoteQty":"48.000012","time":1499865549590,)"
                             R"("isBuyerMaker":true,"isBestMatch":true},)"
                             R"({"id":28458,"price":"4.1","qty":"0.5","quoteQty":"2.05",)"
                             R"("time":1499865549591,"isBuyerMaker":false,"isBestMatch":true}])";
    const auto parsed = parseBinanceHistoricalTrades(body, "BNBBTC");
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    const auto &trades = parsed.value();
    QCOMPARE(trades.size(), std::size_t(2));
    QCOMPARE(trades[0].symbol, std::string("BNBBTC"));
    QCOMPARE(trades[0].tradeId, 28457);
    QCOMPARE(trades[0].price, 4.000001);
    QCOMPARE(trades[0].quantity, 12.0);
    QCOMPARE(trades[0].tradeTime, 1499865549590);
    QVERIFY(trades[0].buyerIsMaker);
    QCOMPARE(trades[1].toTick(3).side, Side::Buy);
    QCOMPARE(trades[1].toTick(3).symbol, SymbolId(3));
    QVERIFY(parseBinanceHistoricalTrades("[]", "X").value().empty());
}

void TestBinanceTrades::refusesBadRows_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("not an array") << QByteArray(R"({"code":-1121,"msg":"Invalid symbol."})")
                                  << QString();
    QTest::newRow("truncated") << QByteArray(R"([{"id":1,"price":"4.1")") << QString();
    QTest::newRow("price a number")
        << QByteArray(R"([{"id":1,"price":4.1,"qty":"1","time":5,"isBuyerMaker":true}])")
        << QStringLiteral("[0].price");
    QTest::newRow("no time") << QByteArray(
        R"([{"id":1,"price":"4.1","qty":"1","isBuyerMaker":true}])")
                             << QStringLiteral("[0].time");
    QTest::newRow("NaN qty") << QByteArray(
        R"([{"id":1,"price":"4.1","qty":"NaN","time":5,"isBuyerMaker":true}])")
                             << QStringLiteral("[0].qty");
}

void TestBinanceTrades::refusesBadRows()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const auto parsed
        = parseBinanceHistoricalTrades(std::string_view(body.constData(), body.size()), "X");
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
}

void TestBinanceTrades::environmentOverridesUrls()
{
    qputenv("WICK_BINANCE_WS_URL", "ws://127.0.0.1:9");
    qputenv("WICK_BINANCE_REST_URL", "http://127.0.0.1:10");
    const BinanceFeedConfig config = BinanceFeedConfig::fromEnvironment({});
    QCOMPARE(config.wsUrl, QUrl(QStringLiteral("ws://127.0.0.1:9")));
    QCOMPARE(config.restUrl, QUrl(QStringLiteral("http://127.0.0.1:10")));
    qunsetenv("WICK_BINANCE_WS_URL");
    qunsetenv("WICK_BINANCE_REST_URL");
    const BinanceFeedConfig defaults = BinanceFeedConfig::fromEnvironment({});
    QCOMPARE(defaults.wsUrl.host(), QStringLiteral("data-stream.binance.vision"));
    QCOMPARE(defaults.restUrl.host(), QStringLiteral("data-api.binance.vision"));
}

QTEST_APPLESS_MAIN(TestBinanceTrades)
#include "test_binance_trades.moc"
