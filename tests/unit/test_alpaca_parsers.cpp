// Alpaca's market data v2 (tests/fixtures/alpaca): stream frames -- connected,
// authenticated, the 402 and 406 errors, the subscription echo, a trade with
// its nanosecond time, a minute bar at its start, a quote and unknown kinds
// passed over -- and the REST bars pages with their next_page_token; malformed
// frames refused with the field; RFC 3339 both ways; the symbols.
#include <QFile>
#include <QTest>

#include "feeds/alpaca/AlpacaParser.h"
#include "feeds/alpaca/AlpacaSymbols.h"

using namespace wick;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alpaca/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

std::vector<AlpacaMessage> frame(const char *name)
{
    const auto parsed = parseAlpacaFrame(QString::fromUtf8(fixture(name)));
    if (!parsed)
        qFatal("%s: %s", name, qPrintable(parsed.error().toString()));
    return parsed.value();
}

using Kind = AlpacaMessage::Kind;

}  // namespace

class TestAlpacaParsers final : public QObject
{
    Q_OBJECT

private slots:
    void controlFrames()
    {
        const auto connected = frame("connected.json");
        QCOMPARE(connected.size(), std::size_t(1));
        QCOMPARE(connected[0].kind, Kind::Success);
        QCOMPARE(connected[0].text, QStringLiteral("connected"));
        QCOMPARE(frame("auth_success.json")[0].text, QStringLiteral("authenticated"));
        const auto auth = frame("error_auth_failed.json");
        QCOMPARE(auth[0].kind, Kind::Error);
        QCOMPARE(auth[0].code, 402);
        QCOMPARE(auth[0].text, QStringLiteral("auth failed"));
        QCOMPARE(frame("error_connection_limit.json")[0].code, 406);
        const auto sub = frame("subscription.json");
        QCOMPARE(sub[0].kind, Kind::Subscription);
        QCOMPARE(sub[0].trades, QStringList {QStringLiteral("AAPL")});
        QCOMPARE(sub[0].bars, (QStringList {QStringLiteral("AAPL"), QStringLiteral("SPY")}));
    }

    void dataFrames()
    {
        const auto trade = frame("trade.json");
        QCOMPARE(trade[0].kind, Kind::Trade);
        QCOMPARE(trade[0].symbol, QStringLiteral("AAPL"));
        QCOMPARE(trade[0].price, 245.19);
        QCOMPARE(trade[0].size, 100.0);
        QCOMPARE(trade[0].tradeId, std::int64_t(52983525033527));
        QCOMPARE(trade[0].time, TimeMs(1739978961417));  // 15:29:21.417829511Z
        const auto bar = frame("bar.json");
        QCOMPARE(bar[0].kind, Kind::Bar);
        QCOMPARE(bar[0].bar.time, TimeMs(1739978880000));  // 15:28:00Z, the start
        QCOMPARE(bar[0].bar.open, 244.915);
        QCOMPARE(bar[0].bar.high, 245.065);
        QCOMPARE(bar[0].bar.low, 244.9);
        QCOMPARE(bar[0].bar.close, 245.06);
        QCOMPARE(bar[0].bar.volume, 2530.0);
        QCOMPARE(bar[0].bar.tradeCount, std::int64_t(46));
        QCOMPARE(frame("quote.json")[0].kind, Kind::Quote);
        const auto other
            = parseAlpacaFrame(u"[{\"T\":\"u\",\"S\":\"AAPL\"},{\"T\":\"success\",\"msg\":\"x\"}]");
        QVERIFY(other);
        QCOMPARE(other.value().size(), std::size_t(2));
        QCOMPARE(other.value()[0].kind, Kind::Other);
        QCOMPARE(other.value()[0].text, QStringLiteral("u"));
    }

    void malformedFrames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QStringLiteral("[{") << QString();
        QTest::newRow("object") << QStringLiteral("{\"T\":\"t\"}") << QString();
        QTest::newRow("not an object") << QStringLiteral("[1]") << QStringLiteral("[0]");
        QTest::newRow("trade without price") << QStringLiteral(
            "[{\"T\":\"t\",\"S\":\"AAPL\",\"s\":1,\"t\":\"2025-02-19T15:29:21Z\"}]")
                                             << QStringLiteral("[0].p");
        QTest::newRow("price as a string") << QStringLiteral(
            "[{\"T\":\"t\",\"S\":\"AAPL\",\"p\":\"1\",\"s\":1,\"t\":\"2025-02-19T15:29:21Z\"}]")
                                           << QStringLiteral("[0].p");
        QTest::newRow("bad time") << QStringLiteral("[{\"T\":\"b\",\"S\":\"AAPL\",\"o\":1,\"h\":1,"
                                                    "\"l\":1,\"c\":1,\"v\":1,\"t\":\"yesterday\"}]")
                                  << QStringLiteral("[0].t");
        QTest::newRow("trade without symbol")
            << QStringLiteral("[{\"T\":\"t\",\"p\":1,\"s\":1,\"t\":\"2025-02-19T15:29:21Z\"}]")
            << QStringLiteral("[0].S");
    }

    void malformedFrames()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        const auto parsed = parseAlpacaFrame(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().field, field);
    }

    void restPages()
    {
        const auto first = parseAlpacaBars(fixture("rest_bars_aapl_1min.json"));
        QVERIFY2(first, qPrintable(first.error().toString()));
        QCOMPARE(first.value().symbol, QStringLiteral("AAPL"));
        QCOMPARE(first.value().bars.size(), std::size_t(30));
        QCOMPARE(first.value().bars.front().time, TimeMs(1739975400000));  // 14:30Z
        QCOMPARE(first.value().bars.front().open, 244.86);
        QCOMPARE(first.value().bars.front().tradeCount, std::int64_t(726));
        QCOMPARE(first.value().bars.back().time, TimeMs(1739977200000));  // 15:00Z
        QCOMPARE(first.value().nextPageToken,
            QStringLiteral("QUFQTHxNfDIwMjUtMDItMTlUMTU6MDE6MDAuMDAwMDAwMDAwWg=="));
        const auto second = parseAlpacaBars(fixture("rest_bars_aapl_1min_page2.json"));
        QVERIFY(second);
        QCOMPARE(second.value().bars.size(), std::size_t(26));
        QVERIFY(second.value().nextPageToken.isEmpty());  // null: the last page
        QCOMPARE(second.value().bars.back().close, 245.06);
        const auto empty = parseAlpacaBars(
            QByteArray(R"({"bars":null,"symbol":"AAPL","next_page_token":null})"));
        QVERIFY(empty);
        QVERIFY(empty.value().bars.empty());
        QVERIFY(!parseAlpacaBars(QByteArray(R"({"bars":[{"t":"2025-02-19T14:30:00Z","o":1}]})")));
    }

    void times()
    {
        QCOMPARE(parseRfc3339(u"2025-02-19T15:29:22.003265193Z"), TimeMs(1739978962003));
        QCOMPARE(parseRfc3339(u"2025-02-19T10:29:22-05:00"), TimeMs(1739978962000));
        QCOMPARE(parseRfc3339(u"2025-02-19T15:29:22Z"), TimeMs(1739978962000));
        QVERIFY(!parseRfc3339(u"2025-02-19T15:29:22"));  // no zone
        QVERIFY(!parseRfc3339(u"2025-02-19T15:29:22.Z"));
        QVERIFY(!parseRfc3339(u"soon"));
        QCOMPARE(rfc3339(1739975400000), QStringLiteral("2025-02-19T14:30:00Z"));
    }

    void symbols()
    {
        QVERIFY(isValidAlpacaCode(u"AAPL"));
        QVERIFY(isValidAlpacaCode(u"BRK.B"));
        QVERIFY(!isValidAlpacaCode(u"BTC/USD"));
        QVERIFY(!isValidAlpacaCode(u""));
        const Symbol s = alpacaSymbol(u"spy");
        QCOMPARE(s.key(), QStringLiteral("alpaca:SPY"));
        QCOMPARE(s.timeZoneId, QByteArrayLiteral("America/New_York"));
    }
};

QTEST_GUILESS_MAIN(TestAlpacaParsers)
#include "test_alpaca_parsers.moc"
