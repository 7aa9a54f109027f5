// Binance REST parsers against tests/fixtures/binance: the 60 klines rows, the
// exchangeInfo, error bodies and the raw 200/429/418 responses with their
// rate-limit headers; every value checked against QJsonDocument + strtod.
#include <cstdlib>
#include <string_view>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>
#include <QTimeZone>

#include "feeds/binance/BinanceRestParser.h"
#include "feeds/binance/BinanceSymbols.h"
#include "net/HttpResponse.h"

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

double reference(const QJsonValue &value)
{
    const QByteArray text = value.toString().toLatin1();
    return std::strtod(text.constData(), nullptr);
}

HttpResponse response(const char *name)
{
    QString error;
    const std::optional<HttpResponse> r = HttpResponse::parse(fixture(name), &error);
    if (!r)
        qFatal("%s: %s", name, qPrintable(error));
    return *r;
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

}  // namespace

class TestBinanceRest final : public QObject
{
    Q_OBJECT

private slots:
    void klinesMatchFixture();
    void klinesFromTheHeadersFixture();
    void malformedKlines_data();
    void malformedKlines();
    void truncatedKlinesFail();
    void exchangeInfoMatchesFixture();
    void malformedExchangeInfo();
    void apiErrorsMatchFixtures();
    void rateLimitHeadersOf429();
    void rateLimitHeadersOf418();
    void malformedHeaders();
    void httpResponseParser();
};

void TestBinanceRest::klinesMatchFixture()
{
    const QByteArray bytes = fixture("klines_rest_btcusdt_1m.json");
    const QJsonArray rows = QJsonDocument::fromJson(bytes).array();
    const Parsed<std::vector<BinanceRestKline>> parsed = parseBinanceKlines(view(bytes));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    const std::vector<BinanceRestKline> &k = parsed.value();
    QCOMPARE(qsizetype(k.size()), rows.size());
    QCOMPARE(k.size(), std::size_t(60));
    for (std::size_t i = 0; i < k.size(); ++i) {
        const QJsonArray row = rows.at(qsizetype(i)).toArray();
        QCOMPARE(k[i].bar.time, row.at(0).toInteger());
        QCOMPARE(k[i].bar.open, reference(row.at(1)));
        QCOMPARE(k[i].bar.high, reference(row.at(2)));
        QCOMPARE(k[i].bar.low, reference(row.at(3)));
        QCOMPARE(k[i].bar.close, reference(row.at(4)));
        QCOMPARE(k[i].bar.volume, reference(row.at(5)));
        QCOMPARE(k[i].closeTime, row.at(6).toInteger());
        QCOMPARE(k[i].quoteVolume, reference(row.at(7)));
        QCOMPARE(k[i].bar.tradeCount, row.at(8).toInteger());
        QCOMPARE(k[i].takerBuyBaseVolume, reference(row.at(9)));
        QCOMPARE(k[i].takerBuyQuoteVolume, reference(row.at(10)));
        // The story the fixtures tell: contiguous minutes from 2024-03-01T00:00Z.
        QCOMPARE(k[i].bar.time, TimeMs(1709251200000) + TimeMs(i) * kMinuteMs);
        QCOMPARE(k[i].closeTime, k[i].bar.time + 59'999);
        if (i > 0)
            QCOMPARE(k[i].bar.open, k[i - 1].bar.close);
    }
    QCOMPARE(k[0].bar, (Bar {1709251200000, 61250.0, 61336.9, 61238.04, 61274.01, 12.86558, 1463}));
    // The stream's first kline (minute 60) opens at the REST file's last close.
    const QJsonObject minute60 = QJsonDocument::fromJson(fixture("kline_1m.json"))
                                     .array()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("k"))
                                     .toObject();
    QCOMPARE(k.back().bar.close, reference(minute60.value(QStringLiteral("o"))));
    QCOMPARE(parseBinanceKlines("[]").value().size(), std::size_t(0));
}

void TestBinanceRest::klinesFromTheHeadersFixture()
{
    const HttpResponse r = response("http_200_klines_headers.txt");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Length").value_or(QByteArray()).toInt(), r.body.trimmed().size());
    const Parsed<std::vector<BinanceRestKline>> k = parseBinanceKlines(view(r.body));
    QVERIFY(k.ok());
    QCOMPARE(k.value().size(), std::size_t(2));
    const std::vector<BinanceRestKline> all
        = parseBinanceKlines(view(fixture("klines_rest_btcusdt_1m.json"))).value();
    QCOMPARE(k.value()[0].bar, all[0].bar);
    QCOMPARE(k.value()[1].bar, all[1].bar);
    const Parsed<BinanceRateLimitHeaders> h = parseBinanceRateLimitHeaders(r.headers);
    QVERIFY(h.ok());
    QCOMPARE(h.value().usedWeight1m, std::optional<int>(4));
    QCOMPARE(h.value().retryAfterSeconds, std::optional<std::int64_t>());
}

void TestBinanceRest::malformedKlines_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    const QJsonArray rows = QJsonDocument::fromJson(fixture("klines_rest_btcusdt_1m.json")).array();
    auto withItem = [&](int row, int item, const QJsonValue &value) {
        QJsonArray copy = rows;
        QJsonArray r = copy.at(row).toArray();
        r.replace(item, value);
        copy.replace(row, r);
        return compact(copy);
    };
    QTest::newRow("object") << QByteArray(R"({"code":-1121,"msg":"Invalid symbol."})") << "";
    QTest::newRow("row not array") << compact(QJsonArray {rows.at(0), 5}) << "[1]";
    QTest::newRow("short row") << QByteArray(R"([[1,"2","3"]])") << "[0]";
    QTest::newRow("open number") << withItem(3, 1, 61000.5) << "[3][1]";
    QTest::newRow("high NaN") << withItem(7, 2, QStringLiteral("NaN")) << "[7][2]";
    QTest::newRow("volume empty") << withItem(59, 5, QStringLiteral("")) << "[59][5]";
    QTest::newRow("time string") << withItem(0, 0, QStringLiteral("1709251200000")) << "[0][0]";
    QTest::newRow("trades fraction") << withItem(2, 8, 14.5) << "[2][8]";
    QTest::newRow("close before open") << withItem(4, 6, 5) << "[4][6]";
    QTest::newRow("not ascending") << withItem(10, 0, rows.at(9).toArray().at(0)) << "[10][0]";
}

void TestBinanceRest::malformedKlines()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const Parsed<std::vector<BinanceRestKline>> k = parseBinanceKlines(view(body));
    QVERIFY(!k.ok());
    QCOMPARE(k.error().field, field);
    QVERIFY(!k.error().problem.isEmpty());
}

void TestBinanceRest::truncatedKlinesFail()
{
    const QByteArray bytes = fixture("klines_rest_btcusdt_1m.json").trimmed();
    for (qsizetype n = 0; n < bytes.size(); ++n)
        QVERIFY(!parseBinanceKlines(std::string_view(bytes.constData(), std::size_t(n))).ok());
    const QByteArray info = fixture("exchange_info_btcusdt.json").trimmed();
    for (qsizetype n = 0; n < info.size(); ++n)
        QVERIFY(!parseBinanceExchangeInfo(std::string_view(info.constData(), std::size_t(n))).ok());
}

void TestBinanceRest::exchangeInfoMatchesFixture()
{
    const QByteArray bytes = fixture("exchange_info_btcusdt.json");
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    const Parsed<BinanceExchangeInfo> parsed = parseBinanceExchangeInfo(view(bytes));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    const BinanceExchangeInfo &info = parsed.value();
    QCOMPARE(info.serverTime, o.value(QStringLiteral("serverTime")).toInteger());
    const QJsonArray limits = o.value(QStringLiteral("rateLimits")).toArray();
    QCOMPARE(qsizetype(info.rateLimits.size()), limits.size());
    for (qsizetype i = 0; i < limits.size(); ++i) {
        const QJsonObject l = limits.at(i).toObject();
        const BinanceRateLimit &r = info.rateLimits[std::size_t(i)];
        QCOMPARE(r.type, l.value(QStringLiteral("rateLimitType")).toString());
        QCOMPARE(r.interval, l.value(QStringLiteral("interval")).toString());
        QCOMPARE(r.intervalNum, l.value(QStringLiteral("intervalNum")).toInt());
        QCOMPARE(r.limit, l.value(QStringLiteral("limit")).toInteger());
    }
    QCOMPARE(info.requestWeightPerMinute(), std::optional<int>(6000));
    QCOMPARE(info.rateLimits[1].windowMs(), TimeMs(10'000));  // ORDERS per 10 s
    QCOMPARE(info.rateLimits[3].windowMs(), TimeMs(5 * kMinuteMs));

    const QJsonArray symbols = o.value(QStringLiteral("symbols")).toArray();
    QCOMPARE(qsizetype(info.symbols.size()), symbols.size());
    const QJsonObject s = symbols.at(0).toObject();
    const BinanceSymbolInfo &btc = info.symbols[0];
    QCOMPARE(btc.symbol, s.value(QStringLiteral("symbol")).toString());
    QCOMPARE(btc.status, s.value(QStringLiteral("status")).toString());
    QCOMPARE(btc.baseAsset, s.value(QStringLiteral("baseAsset")).toString());
    QCOMPARE(btc.quoteAsset, s.value(QStringLiteral("quoteAsset")).toString());
    QVERIFY(btc.isTrading());
    for (const QJsonValue &fv : s.value(QStringLiteral("filters")).toArray()) {
        const QJsonObject f = fv.toObject();
        const QString type = f.value(QStringLiteral("filterType")).toString();
        if (type == QLatin1String("PRICE_FILTER")) {
            QCOMPARE(btc.tickSize, reference(f.value(QStringLiteral("tickSize"))));
            QCOMPARE(btc.minPrice, reference(f.value(QStringLiteral("minPrice"))));
            QCOMPARE(btc.maxPrice, reference(f.value(QStringLiteral("maxPrice"))));
        } else if (type == QLatin1String("LOT_SIZE")) {
            QCOMPARE(btc.stepSize, reference(f.value(QStringLiteral("stepSize"))));
            QCOMPARE(btc.minQty, reference(f.value(QStringLiteral("minQty"))));
            QCOMPARE(btc.maxQty, reference(f.value(QStringLiteral("maxQty"))));
        } else if (type == QLatin1String("NOTIONAL")) {
            QCOMPARE(btc.minNotional, reference(f.value(QStringLiteral("minNotional"))));
        }
    }
    QCOMPARE(btc.tickSize, 0.01);
    QCOMPARE(btc.stepSize, 0.00001);
    QCOMPARE(btc.minNotional, 5.0);

    const Symbol symbol = binanceSymbol(btc);
    QCOMPARE(symbol.key(), QStringLiteral("binance:BTCUSDT"));
    QCOMPARE(symbol.displayName, QStringLiteral("BTC / USDT"));
    QCOMPARE(symbol.assetClass, AssetClass::Crypto);
    QVERIFY(symbol.session.alwaysOpen);
    QCOMPARE(symbol.tickSize, 0.01);
}

void TestBinanceRest::malformedExchangeInfo()
{
    const QJsonObject o = QJsonDocument::fromJson(fixture("exchange_info_btcusdt.json")).object();
    auto check = [](const QJsonObject &doc, const QString &field) {
        const QByteArray body = QJsonDocument(doc).toJson(QJsonDocument::Compact);
        const Parsed<BinanceExchangeInfo> info = parseBinanceExchangeInfo(view(body));
        QVERIFY(!info.ok());
        QCOMPARE(info.error().field, field);
    };
    QJsonObject noSymbols = o;
    noSymbols.remove(QStringLiteral("symbols"));
    check(noSymbols, QStringLiteral("symbols"));
    QJsonObject badLimit = o;
    QJsonArray limits = o.value(QStringLiteral("rateLimits")).toArray();
    QJsonObject l0 = limits.at(0).toObject();
    l0.insert(QStringLiteral("limit"), QStringLiteral("6000"));
    limits.replace(0, l0);
    badLimit.insert(QStringLiteral("rateLimits"), limits);
    check(badLimit, QStringLiteral("rateLimits[0].limit"));
    QJsonObject badTick = o;
    QJsonArray symbols = o.value(QStringLiteral("symbols")).toArray();
    QJsonObject s0 = symbols.at(0).toObject();
    QJsonArray filters = s0.value(QStringLiteral("filters")).toArray();
    QJsonObject f0 = filters.at(0).toObject();
    f0.insert(QStringLiteral("tickSize"), QStringLiteral("-"));
    filters.replace(0, f0);
    s0.insert(QStringLiteral("filters"), filters);
    symbols.replace(0, s0);
    badTick.insert(QStringLiteral("symbols"), symbols);
    check(badTick, QStringLiteral("symbols[0].filters[0].tickSize"));
    QJsonObject noStatus = o;
    QJsonArray symbols2 = o.value(QStringLiteral("symbols")).toArray();
    QJsonObject s1 = symbols2.at(0).toObject();
    s1.remove(QStringLiteral("status"));
    symbols2.replace(0, s1);
    noStatus.insert(QStringLiteral("symbols"), symbols2);
    check(noStatus, QStringLiteral("symbols[0].status"));
}

void TestBinanceRest::apiErrorsMatchFixtures()
{
    for (const char *name : {"error_invalid_symbol.json", "error_invalid_interval.json",
             "error_too_much_weight.json"}) {
        const QByteArray bytes = fixture(name);
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        const Parsed<BinanceApiError> e = parseBinanceApiError(view(bytes));
        QVERIFY2(e.ok(), name);
        QCOMPARE(e.value().code, o.value(QStringLiteral("code")).toInt());
        QCOMPARE(e.value().message, o.value(QStringLiteral("msg")).toString());
        QVERIFY(!e.value().bannedUntil);
    }
    QCOMPARE(parseBinanceApiError(view(fixture("error_invalid_symbol.json"))).value().code, -1121);
    const Parsed<BinanceApiError> noCode = parseBinanceApiError(R"({"msg":"x"})");
    QVERIFY(!noCode.ok());
    QCOMPARE(noCode.error().field, QStringLiteral("code"));
    QVERIFY(!parseBinanceApiError("Edge: Too Many Requests").ok());
}

void TestBinanceRest::rateLimitHeadersOf429()
{
    const HttpResponse r = response("http_429_headers.txt");
    QCOMPARE(r.status, 429);
    QCOMPARE(r.reason, QByteArray("Too Many Requests"));
    const Parsed<BinanceRateLimitHeaders> h = parseBinanceRateLimitHeaders(r.headers);
    QVERIFY2(h.ok(), qPrintable(h.error().toString()));
    QCOMPARE(h.value().retryAfterSeconds, std::optional<std::int64_t>(47));
    QCOMPARE(h.value().usedWeight1m, std::optional<int>(6002));
    QCOMPARE(r.header("RETRY-AFTER").value_or(QByteArray()), QByteArray("47"));
    const Parsed<BinanceApiError> e = parseBinanceApiError(view(r.body));
    QVERIFY(e.ok());
    QCOMPARE(e.value().code, -1003);
}

void TestBinanceRest::rateLimitHeadersOf418()
{
    const HttpResponse r = response("http_418_headers.txt");
    QCOMPARE(r.status, 418);
    const Parsed<BinanceRateLimitHeaders> h = parseBinanceRateLimitHeaders(r.headers);
    QVERIFY(h.ok());
    QCOMPARE(h.value().retryAfterSeconds, std::optional<std::int64_t>(467));
    QCOMPARE(h.value().usedWeight1m, std::optional<int>(6150));
    const Parsed<BinanceApiError> e = parseBinanceApiError(view(r.body));
    QVERIFY(e.ok());
    QCOMPARE(e.value().code, -1003);
    QCOMPARE(e.value().bannedUntil, std::optional<TimeMs>(1709255427000));
    // The ban ends Retry-After seconds after the response's Date.
    QDateTime date
        = QLocale::c().toDateTime(QString::fromLatin1(r.header("date").value_or(QByteArray())),
            QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    date.setTimeZone(QTimeZone::utc());
    QVERIFY(date.isValid());
    QCOMPARE(
        date.toMSecsSinceEpoch() + *h.value().retryAfterSeconds * 1000, *e.value().bannedUntil);
}

void TestBinanceRest::malformedHeaders()
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    const Parsed<BinanceRateLimitHeaders> none = parseBinanceRateLimitHeaders({});
    QVERIFY(none.ok());
    QVERIFY(!none.value().retryAfterSeconds && !none.value().usedWeight1m);
    for (const char *bad : {"abc", "-5", "", "4.5", "+3", "Fri, 01 Mar 2024 01:03:00 GMT"}) {
        const Parsed<BinanceRateLimitHeaders> h
            = parseBinanceRateLimitHeaders(Headers {{"Retry-After", bad}});
        QVERIFY2(!h.ok(), bad);
        QCOMPARE(h.error().field, QStringLiteral("Retry-After"));
    }
    const Parsed<BinanceRateLimitHeaders> w
        = parseBinanceRateLimitHeaders(Headers {{"X-MBX-USED-WEIGHT-1M", "lots"}});
    QVERIFY(!w.ok());
    QCOMPARE(w.error().field, QStringLiteral("X-MBX-USED-WEIGHT-1M"));
    // HTTP/2 lower-case names and padding are fine.
    const Parsed<BinanceRateLimitHeaders> lower = parseBinanceRateLimitHeaders(
        Headers {{"retry-after", " 12 "}, {"x-mbx-used-weight-1m", "33"}});
    QVERIFY(lower.ok());
    QCOMPARE(lower.value().retryAfterSeconds, std::optional<std::int64_t>(12));
    QCOMPARE(lower.value().usedWeight1m, std::optional<int>(33));
}

void TestBinanceRest::httpResponseParser()
{
    QString error;
    const std::optional<HttpResponse> crlf
        = HttpResponse::parse("HTTP/1.1 200 OK\r\nA: 1\r\nb:2\r\n\r\nbody", &error);
    QVERIFY(crlf);
    QCOMPARE(crlf->status, 200);
    QCOMPARE(crlf->header("a").value_or(QByteArray()), QByteArray("1"));
    QCOMPARE(crlf->header("B").value_or(QByteArray()), QByteArray("2"));
    QCOMPARE(crlf->body, QByteArray("body"));
    QVERIFY(!HttpResponse::parse("HTTP/1.1 200 OK\r\nA: 1\r\n", &error));
    QVERIFY(error.contains(QStringLiteral("blank line")));
    QVERIFY(!HttpResponse::parse("garbage\n\n", &error));
    QVERIFY(!HttpResponse::parse("HTTP/1.1 2x0 OK\n\n", &error));
    QVERIFY(!HttpResponse::parse("HTTP/1.1 200 OK\nno colon\n\n", &error));
    const QByteArray raw = fixture("http_429_headers.txt");
    for (qsizetype n = 0; n < raw.size(); ++n)
        HttpResponse::parse(raw.first(n));  // never crashes
}

QTEST_APPLESS_MAIN(TestBinanceRest)
#include "test_binance_rest.moc"
