// Binance stream parsers against the fixtures in tests/fixtures/binance: every
// value is compared with what QJsonDocument + strtod read from the same file,
// plus a few hand-checked constants, then malformed, truncated and garbage
// variants, each of which must give an error naming the field (never a crash).
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "feeds/binance/BinanceStreamParser.h"
#include "feeds/binance/BinanceSymbols.h"

using namespace wick;

namespace {

QByteArray fixture(const char *name)
{
    const QString dir = qEnvironmentVariable("WICK_TEST_FIXTURES");
    QFile file(dir + QStringLiteral("/binance/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

QJsonObject jsonObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// The reference value of a decimal string: glibc strtod (correctly rounded).
double reference(const QJsonValue &value)
{
    const QByteArray text = value.toString().toLatin1();
    return std::strtod(text.constData(), nullptr);
}

// A copy of `json` with one field of the (possibly nested) event replaced or removed.
QByteArray edited(
    const QByteArray &json, const QString &key, const QJsonValue &value, bool remove = false)
{
    QJsonObject o = jsonObject(json);
    const bool wrapped = o.contains(QStringLiteral("data"));
    QJsonObject event = wrapped ? o.value(QStringLiteral("data")).toObject() : o;
    if (key.startsWith(QStringLiteral("k."))) {
        QJsonObject k = event.value(QStringLiteral("k")).toObject();
        if (remove)
            k.remove(key.mid(2));
        else
            k.insert(key.mid(2), value);
        event.insert(QStringLiteral("k"), k);
    } else if (remove) {
        event.remove(key);
    } else {
        event.insert(key, value);
    }
    if (wrapped)
        o.insert(QStringLiteral("data"), event);
    else
        o = event;
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

}  // namespace

class TestBinanceStream final : public QObject
{
    Q_OBJECT

private slots:
    void tradeMatchesFixture();
    void combinedTradeMatchesFixture();
    void qtTradeParserAgrees();
    void klineFramesMatchFixture();
    void repliesMatchFixtures();
    void errorFrameMatchesFixture();
    void otherFramesAreRecognised();
    void miniTickerMatchesFixture();
    void malformedMiniTicker_data();
    void malformedMiniTicker();
    void malformedTrade_data();
    void malformedTrade();
    void negativePriceParsesForTheValidator();
    void malformedKline_data();
    void malformedKline();
    void truncatedFramesFailCleanly();
    void garbageFailsCleanly();
    void symbolNames();
};

void TestBinanceStream::miniTickerMatchesFixture()
{
    const QByteArray bytes = fixture("mini_ticker.json");
    const QJsonObject o = jsonObject(bytes);
    const Parsed<BinanceMiniTicker> parsed = parseBinanceMiniTicker(view(bytes));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    const BinanceMiniTicker &t = parsed.value();
    QCOMPARE(QString::fromStdString(t.symbol), o.value(QStringLiteral("s")).toString());
    QCOMPARE(t.eventTime, o.value(QStringLiteral("E")).toInteger());
    QCOMPARE(t.open, reference(o.value(QStringLiteral("o"))));
    QCOMPARE(t.close, reference(o.value(QStringLiteral("c"))));
    QCOMPARE(t.high, reference(o.value(QStringLiteral("h"))));
    QCOMPARE(t.low, reference(o.value(QStringLiteral("l"))));
    QCOMPARE(t.volume, reference(o.value(QStringLiteral("v"))));
    QCOMPARE(t.quoteVolume, reference(o.value(QStringLiteral("q"))));
    // In a combined-stream envelope too.
    const QByteArray wrapped
        = QByteArrayLiteral("{\"stream\":\"btcusdt@miniTicker\",\"data\":") + bytes + "}";
    const Parsed<BinanceMiniTicker> inEnvelope = parseBinanceMiniTicker(view(wrapped));
    QVERIFY2(inEnvelope.ok(), qPrintable(inEnvelope.error().toString()));
    QCOMPARE(inEnvelope.value().open, t.open);
}

void TestBinanceStream::malformedMiniTicker_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");
    const QByteArray good = fixture("mini_ticker.json");
    QTest::newRow("truncated") << good.left(40) << QString() << QStringLiteral("malformed JSON");
    QTest::newRow("not an object")
        << QByteArray("[1]") << QString() << QStringLiteral("expected an object");
    QByteArray noOpen = good;
    noOpen.replace("\"o\": \"60310.27000000\",", "");
    QTest::newRow("no open") << noOpen << QStringLiteral("o") << QStringLiteral("missing");
    QByteArray badOpen = good;
    badOpen.replace("\"60310.27000000\"", "\"abc\"");
    QTest::newRow("open not a decimal")
        << badOpen << QStringLiteral("o") << QStringLiteral("not a decimal");
    QByteArray zeroOpen = good;
    zeroOpen.replace("\"60310.27000000\"", "\"0.00000000\"");
    QTest::newRow("zero open") << zeroOpen << QStringLiteral("o") << QStringLiteral("positive");
    QByteArray inverted = good;
    inverted.replace("\"61890.00000000\"", "\"1.00000000\"");
    QTest::newRow("high below low") << inverted << QStringLiteral("h") << QStringLiteral("below");
    QTest::newRow("a trade") << fixture("trade.json") << QStringLiteral("e")
                             << QStringLiteral("expected \"24hrMiniTicker\"");
}

void TestBinanceStream::malformedMiniTicker()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, field);
    QFETCH(QString, problem);
    const Parsed<BinanceMiniTicker> parsed = parseBinanceMiniTicker(view(frame));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
    QVERIFY2(parsed.error().problem.contains(problem), qPrintable(parsed.error().toString()));
    // The frame classifier refuses it the same way, unless it is another event.
    if (field != QLatin1String("e"))
        QVERIFY(!parseBinanceStreamFrame(view(frame)).ok());
}

void TestBinanceStream::tradeMatchesFixture()
{
    const QByteArray bytes = fixture("trade.json");
    const QJsonObject o = jsonObject(bytes);
    const Parsed<BinanceTrade> parsed = parseBinanceTrade(view(bytes));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    const BinanceTrade &t = parsed.value();
    QCOMPARE(QString::fromStdString(t.symbol), o.value(QStringLiteral("s")).toString());
    QCOMPARE(t.eventTime, o.value(QStringLiteral("E")).toInteger());
    QCOMPARE(t.tradeTime, o.value(QStringLiteral("T")).toInteger());
    QCOMPARE(t.tradeId, o.value(QStringLiteral("t")).toInteger());
    QCOMPARE(t.price, reference(o.value(QStringLiteral("p"))));
    QCOMPARE(t.quantity, reference(o.value(QStringLiteral("q"))));
    QCOMPARE(t.buyerIsMaker, o.value(QStringLiteral("m")).toBool());
    // And by hand, from the file: the last trade of minute 61.
    QCOMPARE(t.tradeId, std::int64_t(3452187521));
    QCOMPARE(t.price, 61350.15);
    QCOMPARE(t.quantity, 0.0152);
    QCOMPARE(t.tradeTime, TimeMs(1709254901214));
    const Tick tick = t.toTick(7);
    QCOMPARE(tick.symbol, SymbolId(7));
    QCOMPARE(tick.side, Side::Sell);  // buyer is maker: a seller hit the bid
    QCOMPARE(tick.time, t.tradeTime);

    const Parsed<BinanceFrame> frame = parseBinanceStreamFrame(view(bytes));
    QVERIFY(frame.ok());
    QCOMPARE(frame.value().kind, BinanceFrame::Kind::Trade);
    QVERIFY(frame.value().stream.empty());
    QCOMPARE(frame.value().eventTime, t.eventTime);
}

void TestBinanceStream::combinedTradeMatchesFixture()
{
    const QByteArray bytes = fixture("combined_stream_trade.json");
    const QJsonObject o = jsonObject(bytes);
    const QJsonObject d = o.value(QStringLiteral("data")).toObject();
    const Parsed<BinanceFrame> parsed = parseBinanceStreamFrame(view(bytes));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    const BinanceFrame &f = parsed.value();
    QCOMPARE(f.kind, BinanceFrame::Kind::Trade);
    QCOMPARE(QString::fromStdString(f.stream), o.value(QStringLiteral("stream")).toString());
    QCOMPARE(f.stream, std::string("btcusdt@trade"));
    QCOMPARE(f.trade.tradeId, d.value(QStringLiteral("t")).toInteger());
    QCOMPARE(f.trade.price, reference(d.value(QStringLiteral("p"))));
    QCOMPARE(f.trade.quantity, reference(d.value(QStringLiteral("q"))));
    QCOMPARE(f.trade.eventTime, d.value(QStringLiteral("E")).toInteger());
    QCOMPARE(f.trade.tradeTime, d.value(QStringLiteral("T")).toInteger());
    // The raw and the combined fixture hold the same trade.
    const Parsed<BinanceTrade> raw = parseBinanceTrade(view(fixture("trade.json")));
    const Parsed<BinanceTrade> combined = parseBinanceTrade(view(bytes));
    QVERIFY(raw.ok() && combined.ok());
    QCOMPARE(combined.value().price, raw.value().price);
    QCOMPARE(combined.value().tradeId, raw.value().tradeId);
}

void TestBinanceStream::qtTradeParserAgrees()
{
    for (const char *name : {"trade.json", "combined_stream_trade.json"}) {
        const QByteArray bytes = fixture(name);
        const Parsed<BinanceTrade> a = parseBinanceTrade(view(bytes));
        const Parsed<BinanceTrade> b = parseBinanceTradeQt(bytes);
        QVERIFY2(b.ok(), qPrintable(b.error().toString()));
        QCOMPARE(b.value().symbol, a.value().symbol);
        QCOMPARE(b.value().price, a.value().price);
        QCOMPARE(b.value().quantity, a.value().quantity);
        QCOMPARE(b.value().tradeId, a.value().tradeId);
        QCOMPARE(b.value().eventTime, a.value().eventTime);
        QCOMPARE(b.value().tradeTime, a.value().tradeTime);
        QCOMPARE(b.value().buyerIsMaker, a.value().buyerIsMaker);
    }
    const Parsed<BinanceTrade> bad = parseBinanceTradeQt(
        edited(fixture("trade.json"), QStringLiteral("p"), QStringLiteral("NaN")));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, QStringLiteral("p"));
}

void TestBinanceStream::klineFramesMatchFixture()
{
    const QJsonArray frames = QJsonDocument::fromJson(fixture("kline_1m.json")).array();
    QCOMPARE(frames.size(), 2);
    for (int i = 0; i < frames.size(); ++i) {
        const QJsonObject o = frames.at(i).toObject();
        const QJsonObject k = o.value(QStringLiteral("k")).toObject();
        const QByteArray frame = QJsonDocument(o).toJson(QJsonDocument::Compact);
        const Parsed<BinanceKline> parsed = parseBinanceKline(view(frame));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        const BinanceKline &kl = parsed.value();
        QCOMPARE(QString::fromStdString(kl.symbol), o.value(QStringLiteral("s")).toString());
        QCOMPARE(kl.eventTime, o.value(QStringLiteral("E")).toInteger());
        QCOMPARE(QString::fromStdString(kl.interval), k.value(QStringLiteral("i")).toString());
        QCOMPARE(kl.bar.time, k.value(QStringLiteral("t")).toInteger());
        QCOMPARE(kl.closeTime, k.value(QStringLiteral("T")).toInteger());
        QCOMPARE(kl.firstTradeId, k.value(QStringLiteral("f")).toInteger());
        QCOMPARE(kl.lastTradeId, k.value(QStringLiteral("L")).toInteger());
        QCOMPARE(kl.bar.open, reference(k.value(QStringLiteral("o"))));
        QCOMPARE(kl.bar.high, reference(k.value(QStringLiteral("h"))));
        QCOMPARE(kl.bar.low, reference(k.value(QStringLiteral("l"))));
        QCOMPARE(kl.bar.close, reference(k.value(QStringLiteral("c"))));
        QCOMPARE(kl.bar.volume, reference(k.value(QStringLiteral("v"))));
        QCOMPARE(kl.bar.tradeCount, k.value(QStringLiteral("n")).toInteger());
        QCOMPARE(kl.closed, k.value(QStringLiteral("x")).toBool());
        QCOMPARE(kl.quoteVolume, reference(k.value(QStringLiteral("q"))));
        QCOMPARE(kl.takerBuyBaseVolume, reference(k.value(QStringLiteral("V"))));
        QCOMPARE(kl.takerBuyQuoteVolume, reference(k.value(QStringLiteral("Q"))));
        // Inside a combined-stream envelope it parses the same.
        QJsonObject envelope;
        envelope.insert(QStringLiteral("stream"), QStringLiteral("btcusdt@kline_1m"));
        envelope.insert(QStringLiteral("data"), o);
        const QByteArray wrapped = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
        const Parsed<BinanceFrame> f = parseBinanceStreamFrame(view(wrapped));
        QVERIFY(f.ok());
        QCOMPARE(f.value().kind, BinanceFrame::Kind::Kline);
        QCOMPARE(f.value().kline.bar, kl.bar);
        QCOMPARE(f.value().stream, std::string("btcusdt@kline_1m"));
    }
    // By hand: minute 60 closed, minute 61 still forming.
    const QByteArray first = QJsonDocument(frames.at(0).toObject()).toJson(QJsonDocument::Compact);
    const BinanceKline closed = parseBinanceKline(view(first)).value();
    QVERIFY(closed.closed);
    QCOMPARE(
        closed.bar, (Bar {1709254800000, 61336.94, 61353.11, 61301.76, 61334.32, 4.05087, 497}));
    const QByteArray second = QJsonDocument(frames.at(1).toObject()).toJson(QJsonDocument::Compact);
    QVERIFY(!parseBinanceKline(view(second)).value().closed);
}

void TestBinanceStream::repliesMatchFixtures()
{
    for (const char *name : {"subscribe_reply.json", "unsubscribe_reply.json"}) {
        const QByteArray bytes = fixture(name);
        const Parsed<BinanceReply> r = parseBinanceReply(view(bytes));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.value().id.kind, BinanceRequestId::Kind::Number);
        QCOMPARE(r.value().id.number, jsonObject(bytes).value(QStringLiteral("id")).toInteger());
        QVERIFY(!r.value().isError);
        QVERIFY(!r.value().hasList);
        const Parsed<BinanceFrame> f = parseBinanceStreamFrame(view(bytes));
        QVERIFY(f.ok());
        QCOMPARE(f.value().kind, BinanceFrame::Kind::Reply);
    }
    QCOMPARE(parseBinanceReply(view(fixture("unsubscribe_reply.json"))).value().id.number,
        std::int64_t(312));
    const QByteArray list = fixture("list_subscriptions_reply.json");
    const Parsed<BinanceReply> r = parseBinanceReply(view(list));
    QVERIFY(r.ok());
    QVERIFY(r.value().hasList);
    QCOMPARE(r.value().id.number, std::int64_t(3));
    QStringList expected;
    for (const QJsonValue &v : jsonObject(list).value(QStringLiteral("result")).toArray())
        expected.append(v.toString());
    QCOMPARE(r.value().streams, expected);
    QCOMPARE(r.value().streams, QStringList {QStringLiteral("btcusdt@trade")});
    // String and null ids.
    const Parsed<BinanceReply> text = parseBinanceReply(R"({"result":null,"id":"abc123"})");
    QVERIFY(text.ok());
    QCOMPARE(text.value().id.kind, BinanceRequestId::Kind::Text);
    QCOMPARE(text.value().id.text, QStringLiteral("abc123"));
    const Parsed<BinanceReply> null = parseBinanceReply(R"({"result":null,"id":null})");
    QVERIFY(null.ok());
    QCOMPARE(null.value().id.kind, BinanceRequestId::Kind::Null);
    // A request is not a reply.
    const Parsed<BinanceReply> request = parseBinanceReply(view(fixture("subscribe_request.json")));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().field, QStringLiteral("result"));
    QVERIFY(!parseBinanceStreamFrame(view(fixture("subscribe_request.json"))).ok());
    const Parsed<BinanceReply> badList = parseBinanceReply(R"({"result":["a",5],"id":1})");
    QVERIFY(!badList.ok());
    QCOMPARE(badList.error().field, QStringLiteral("result[1]"));
    QVERIFY(!parseBinanceReply(R"({"result":null,"id":1.5})").ok());
}

void TestBinanceStream::errorFrameMatchesFixture()
{
    const QByteArray bytes = fixture("ws_error_bad_method.json");
    const QJsonObject o = jsonObject(bytes);
    const Parsed<BinanceReply> r = parseBinanceReply(view(bytes));
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QVERIFY(r.value().isError);
    QCOMPARE(r.value().errorCode, o.value(QStringLiteral("code")).toInt());
    QCOMPARE(r.value().errorCode, 2);
    QCOMPARE(r.value().errorMessage, o.value(QStringLiteral("msg")).toString());
    QCOMPARE(r.value().id.number, std::int64_t(4));
    const Parsed<BinanceReply> noMsg = parseBinanceReply(R"({"code":2,"id":4})");
    QVERIFY(!noMsg.ok());
    QCOMPARE(noMsg.error().field, QStringLiteral("msg"));
}

void TestBinanceStream::otherFramesAreRecognised()
{
    const Parsed<BinanceFrame> shutdown
        = parseBinanceStreamFrame(view(fixture("server_shutdown.json")));
    QVERIFY(shutdown.ok());
    QCOMPARE(shutdown.value().kind, BinanceFrame::Kind::ServerShutdown);
    QCOMPARE(shutdown.value().eventTime, TimeMs(1709254906503));
    const struct {
        const char *file;
        const char *type;
    } others[] = {{"ticker_24hr.json", "24hrTicker"}, {"book_ticker.json", "bookTicker"}};
    for (const auto &other : others) {
        const Parsed<BinanceFrame> f = parseBinanceStreamFrame(view(fixture(other.file)));
        QVERIFY2(f.ok(), other.file);
        QCOMPARE(f.value().kind, BinanceFrame::Kind::Other);
        QCOMPARE(f.value().eventType, std::string(other.type));
    }
    const Parsed<BinanceFrame> mini = parseBinanceStreamFrame(view(fixture("mini_ticker.json")));
    QVERIFY(mini.ok());
    QCOMPARE(mini.value().kind, BinanceFrame::Kind::MiniTicker);
    QCOMPARE(mini.value().eventType, std::string("24hrMiniTicker"));
    QCOMPARE(mini.value().miniTicker.open, 60310.27);
    // A kline is not a trade and the other way round; the error says what came.
    const Parsed<BinanceTrade> notTrade = parseBinanceTrade(view(fixture("mini_ticker.json")));
    QVERIFY(!notTrade.ok());
    QCOMPARE(notTrade.error().field, QStringLiteral("e"));
    QVERIFY(notTrade.error().problem.contains(QStringLiteral("24hrMiniTicker")));
    QVERIFY(!parseBinanceKline(view(fixture("trade.json"))).ok());
}

void TestBinanceStream::malformedTrade_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("field");
    const QByteArray raw = fixture("trade.json");
    const QByteArray combined = fixture("combined_stream_trade.json");
    const QJsonValue none;
    QTest::newRow("missing p") << edited(raw, QStringLiteral("p"), none, true) << "p";
    QTest::newRow("missing t") << edited(raw, QStringLiteral("t"), none, true) << "t";
    QTest::newRow("missing T") << edited(raw, QStringLiteral("T"), none, true) << "T";
    QTest::newRow("missing m") << edited(raw, QStringLiteral("m"), none, true) << "m";
    QTest::newRow("missing s") << edited(raw, QStringLiteral("s"), none, true) << "s";
    QTest::newRow("missing e") << edited(raw, QStringLiteral("e"), none, true) << "e";
    QTest::newRow("p number") << edited(raw, QStringLiteral("p"), 61350.15) << "p";
    QTest::newRow("p NaN") << edited(raw, QStringLiteral("p"), QStringLiteral("NaN")) << "p";
    QTest::newRow("p inf") << edited(raw, QStringLiteral("p"), QStringLiteral("inf")) << "p";
    QTest::newRow("p overflow") << edited(raw, QStringLiteral("p"), QStringLiteral("1e999")) << "p";
    QTest::newRow("p empty") << edited(raw, QStringLiteral("p"), QStringLiteral("")) << "p";
    QTest::newRow("p blank") << edited(raw, QStringLiteral("p"), QStringLiteral(" 1.5")) << "p";
    QTest::newRow("p plus") << edited(raw, QStringLiteral("p"), QStringLiteral("+1.5")) << "p";
    QTest::newRow("p hex") << edited(raw, QStringLiteral("p"), QStringLiteral("0x1p3")) << "p";
    QTest::newRow("p trailing") << edited(raw, QStringLiteral("p"), QStringLiteral("1.5x")) << "p";
    QTest::newRow("q bool") << edited(raw, QStringLiteral("q"), true) << "q";
    QTest::newRow("t string") << edited(raw, QStringLiteral("t"), QStringLiteral("3452187521"))
                              << "t";
    QTest::newRow("t fraction") << edited(raw, QStringLiteral("t"), 1.5) << "t";
    QTest::newRow("m string") << edited(raw, QStringLiteral("m"), QStringLiteral("true")) << "m";
    QTest::newRow("E null") << edited(raw, QStringLiteral("E"), QJsonValue(QJsonValue::Null))
                            << "E";
    QTest::newRow("t beyond int64")
        << QByteArray(raw).replace("3452187521", "18446744073709551615") << "t";
    // Beyond uint64 simdjson refuses the whole document.
    QTest::newRow("t beyond uint64")
        << QByteArray(raw).replace("3452187521", "99999999999999999999") << "";
    QTest::newRow("combined p NaN")
        << edited(combined, QStringLiteral("p"), QStringLiteral("NaN")) << "data.p";
    QTest::newRow("combined missing T")
        << edited(combined, QStringLiteral("T"), none, true) << "data.T";
    QTest::newRow("combined data array")
        << QByteArray(R"({"stream":"btcusdt@trade","data":[1,2]})") << "data";
    QTest::newRow("combined stream number")
        << QByteArray(R"({"stream":5,"data":{"e":"trade"}})") << "stream";
    QTest::newRow("array") << QByteArray("[1,2,3]") << "";
    QTest::newRow("null") << QByteArray("null") << "";
    QTest::newRow("empty") << QByteArray() << "";
}

void TestBinanceStream::malformedTrade()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, field);
    const Parsed<BinanceTrade> t = parseBinanceTrade(view(frame));
    QVERIFY2(!t.ok(), frame.constData());
    QCOMPARE(t.error().field, field);
    QVERIFY(!t.error().problem.isEmpty());
    const Parsed<BinanceFrame> f = parseBinanceStreamFrame(view(frame));
    QVERIFY(!f.ok() || f.value().kind != BinanceFrame::Kind::Trade);
}

void TestBinanceStream::negativePriceParsesForTheValidator()
{
    // A negative price is well-formed JSON and a well-formed decimal: the parser
    // keeps it, so the validator can quarantine it with its raw value.
    const QByteArray frame
        = edited(fixture("trade.json"), QStringLiteral("p"), QStringLiteral("-61350.15"));
    const Parsed<BinanceTrade> t = parseBinanceTrade(view(frame));
    QVERIFY(t.ok());
    QCOMPARE(t.value().price, -61350.15);
}

void TestBinanceStream::malformedKline_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("field");
    const QByteArray kline
        = QJsonDocument(QJsonDocument::fromJson(fixture("kline_1m.json")).array().at(0).toObject())
              .toJson(QJsonDocument::Compact);
    const QJsonValue none;
    QTest::newRow("missing k") << edited(kline, QStringLiteral("k"), none, true) << "k";
    QTest::newRow("k string") << edited(kline, QStringLiteral("k"), QStringLiteral("x")) << "k";
    QTest::newRow("missing x") << edited(kline, QStringLiteral("k.x"), none, true) << "k.x";
    QTest::newRow("x string") << edited(kline, QStringLiteral("k.x"), QStringLiteral("true"))
                              << "k.x";
    QTest::newRow("o NaN") << edited(kline, QStringLiteral("k.o"), QStringLiteral("NaN")) << "k.o";
    QTest::newRow("h number") << edited(kline, QStringLiteral("k.h"), 1.0) << "k.h";
    QTest::newRow("missing v") << edited(kline, QStringLiteral("k.v"), none, true) << "k.v";
    QTest::newRow("n string") << edited(kline, QStringLiteral("k.n"), QStringLiteral("497"))
                              << "k.n";
    QTest::newRow("missing t") << edited(kline, QStringLiteral("k.t"), none, true) << "k.t";
    QTest::newRow("close before open") << edited(kline, QStringLiteral("k.T"), 1000) << "k.T";
    QTest::newRow("missing E") << edited(kline, QStringLiteral("E"), none, true) << "E";
}

void TestBinanceStream::malformedKline()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, field);
    const Parsed<BinanceKline> k = parseBinanceKline(view(frame));
    QVERIFY2(!k.ok(), frame.constData());
    QCOMPARE(k.error().field, field);
}

void TestBinanceStream::truncatedFramesFailCleanly()
{
    // Every strict prefix of every frame fixture is invalid JSON: an error, no crash.
    for (const char *name :
        {"trade.json", "combined_stream_trade.json", "kline_1m.json", "subscribe_reply.json",
            "list_subscriptions_reply.json", "ws_error_bad_method.json", "ticker_24hr.json"}) {
        const QByteArray bytes = fixture(name).trimmed();
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            const std::string_view prefix(bytes.constData(), std::size_t(n));
            QVERIFY2(!parseBinanceStreamFrame(prefix).ok(), name);
            QVERIFY(!parseBinanceTrade(prefix).ok());
            QVERIFY(!parseBinanceKline(prefix).ok());
            QVERIFY(!parseBinanceReply(prefix).ok());
            const Parsed<BinanceTrade> qt = parseBinanceTradeQt(QByteArrayView(prefix));
            QVERIFY(!qt.ok());
        }
    }
    const Parsed<BinanceTrade> cut = parseBinanceTrade(R"({"e":"trade","E":17092549)");
    QVERIFY(cut.error().problem.startsWith(QStringLiteral("malformed JSON")));
}

void TestBinanceStream::garbageFailsCleanly()
{
    // Random bytes and random single-byte corruptions of a real frame.
    std::mt19937_64 rng(99);
    const QByteArray trade = fixture("combined_stream_trade.json");
    int parsedCorruptions = 0;
    for (int i = 0; i < 20'000; ++i) {
        QByteArray bytes;
        if (i % 2 == 0) {
            bytes.resize(qsizetype(rng() % 300));
            for (char &c : bytes)
                c = char(rng() & 0xff);
        } else {
            bytes = trade;
            bytes[qsizetype(rng() % std::uint64_t(bytes.size()))] = char(rng() & 0xff);
        }
        const Parsed<BinanceFrame> f = parseBinanceStreamFrame(view(bytes));
        const Parsed<BinanceTrade> t = parseBinanceTrade(view(bytes));
        if (t.ok()) {
            ++parsedCorruptions;  // a corruption inside an ignored field or a digit
            QVERIFY(std::isfinite(t.value().price) && std::isfinite(t.value().quantity));
        } else {
            QVERIFY(!t.error().problem.isEmpty());
        }
        Q_UNUSED(f);
    }
    QVERIFY(parsedCorruptions < 10'000);
}

void TestBinanceStream::symbolNames()
{
    QCOMPARE(binanceSymbolKey(u"BTCUSDT"), QStringLiteral("binance:BTCUSDT"));
    QCOMPARE(binanceSymbolKey(u"btcusdt"), QStringLiteral("binance:BTCUSDT"));
    QCOMPARE(binanceCodeFromKey(u"binance:BTCUSDT"), std::optional<QString>(u"BTCUSDT"_qs));
    QCOMPARE(binanceCodeFromKey(u"BINANCE:btcusdt"), std::optional<QString>(u"BTCUSDT"_qs));
    QCOMPARE(binanceCodeFromKey(u"Binance:EthBtc"), std::optional<QString>(u"ETHBTC"_qs));
    QCOMPARE(binanceCodeFromKey(u"yahoo:AAPL"), std::optional<QString>());
    QCOMPARE(binanceCodeFromKey(u"binance:"), std::optional<QString>());
    QCOMPARE(binanceCodeFromKey(u"binance:BTC/USDT"), std::optional<QString>());
    QCOMPARE(binanceCodeFromKey(u"BTCUSDT"), std::optional<QString>());
    QCOMPARE(binanceStreamName(u"BTCUSDT", u"kline_1m"), QStringLiteral("btcusdt@kline_1m"));
    QVERIFY(!isValidBinanceCode(u"ABCDEFGHIJKLMNOPQRSTU"));  // 21 characters
}

QTEST_APPLESS_MAIN(TestBinanceStream)
#include "test_binance_stream.moc"
