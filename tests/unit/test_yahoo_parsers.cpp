// Yahoo Finance parsers against tests/fixtures/yahoo: the chart (57 bars, 3 null
// minutes skipped, meta's zone and trading periods in both forms), its error
// bodies, the 429's non-JSON body, quotes, search and the invalid-crumb error;
// plus the symbol rules, the history pages within Yahoo's range limits and
// the exchange days YahooSeries stamps daily bars with (FX: 17:00 New York).
#include <cmath>

#include <QFile>
#include <QTest>

#include "feeds/yahoo/YahooChartParser.h"
#include "feeds/yahoo/YahooIntervals.h"
#include "feeds/yahoo/YahooQuoteParser.h"
#include "feeds/yahoo/YahooSearchParser.h"
#include "feeds/yahoo/YahooSeries.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "net/HttpResponse.h"

using namespace wick;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/yahoo/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

// A chart body around the given meta and arrays.
QByteArray chartBody(const QByteArray &meta, const QByteArray &rest)
{
    return "{\"chart\":{\"result\":[{\"meta\":" + meta + rest + "}],\"error\":null}}";
}

constexpr TimeMs kOpen = 1739975400000;  // 2025-02-19 09:30 New York

}  // namespace

class TestYahooParsers final : public QObject
{
    Q_OBJECT

private slots:
    void chartBarsSkipNulls();
    void chartMeta();
    void tradingPeriodsDictForm();
    void chartErrors();
    void chartRefusesBadShapes_data();
    void chartRefusesBadShapes();
    void emptyRange();
    void rateLimitBodyIsNotJson();
    void quotes();
    void invalidCrumb();
    void search();
    void symbols();
    void historyPages();
    void dailyBarsOnTheirExchangeDays();
};

void TestYahooParsers::chartBarsSkipNulls()
{
    const auto parsed = parseYahooChart(fixture("chart_aapl_1m.json"));
    QVERIFY2(parsed, qPrintable(parsed.error().toString()));
    QVERIFY(!parsed.value().error);
    const YahooChart &chart = parsed.value().chart;
    QCOMPARE(chart.nullBars, 3);  // indices 17, 38 and 52
    QCOMPARE(chart.bars.size(), std::size_t(57));
    const Bar &first = chart.bars.front();
    QCOMPARE(first.time, kOpen);
    QCOMPARE(first.open, 244.86000061035156);
    QCOMPARE(first.high, 244.9250030517578);
    QCOMPARE(first.low, 244.82000732421875);
    QCOMPARE(first.close, 244.85499572753906);
    QCOMPARE(first.volume, 1450000.0);
    const Bar &last = chart.bars.back();
    QCOMPARE(last.time, kOpen + 59 * kMinuteMs);
    QCOMPARE(last.open, 245.05999755859375);
    QCOMPARE(last.high, 245.2449951171875);
    QCOMPARE(last.low, 245.0449981689453);
    QCOMPARE(last.close, 245.19000244140625);
    QCOMPARE(last.volume, 0.0);  // the minute still in progress
    // The minutes around a null one: 16 and 18 are there, 17 is not.
    QCOMPARE(chart.bars[16].time, kOpen + 16 * kMinuteMs);
    QCOMPARE(chart.bars[17].time, kOpen + 18 * kMinuteMs);
    double volume = 0.0;
    for (const Bar &bar : chart.bars) {
        QVERIFY(bar.low <= bar.open && bar.open <= bar.high);
        QVERIFY(bar.low <= bar.close && bar.close <= bar.high);
        volume += bar.volume;
    }
    QCOMPARE(volume, 14928779.0);  // meta.regularMarketVolume
}

void TestYahooParsers::chartMeta()
{
    const auto parsed = parseYahooChart(fixture("chart_aapl_1m.json"));
    QVERIFY(parsed);
    const YahooChartMeta &meta = parsed.value().chart.meta;
    QCOMPARE(meta.symbol, QStringLiteral("AAPL"));
    QCOMPARE(meta.currency, QStringLiteral("USD"));
    QCOMPARE(meta.instrumentType, QStringLiteral("EQUITY"));
    QCOMPARE(meta.exchangeTimezoneName, QByteArrayLiteral("America/New_York"));
    QCOMPARE(meta.timezone, QStringLiteral("EST"));
    QCOMPARE(meta.gmtOffsetSeconds, -18000);
    QCOMPARE(meta.regularMarketPrice, 245.19);
    QCOMPARE(meta.regularMarketTime, TimeMs(1739978978000));
    QCOMPARE(meta.previousClose, 244.47);
    QCOMPARE(meta.priceHint, 2);
    QCOMPARE(meta.dataGranularity, QStringLiteral("1m"));
    QVERIFY(meta.pre && meta.regular && meta.post);
    QCOMPARE(meta.pre->start, TimeMs(1739955600000));  // 04:00 ET
    QCOMPARE(meta.regular->start, kOpen);
    QCOMPARE(meta.regular->end, TimeMs(1739998800000));  // 16:00 ET
    QCOMPARE(meta.post->end, TimeMs(1740013200000));  // 20:00 ET
    QCOMPARE(meta.regular->gmtOffsetSeconds, -18000);
    QVERIFY(meta.regular->contains(kOpen) && !meta.regular->contains(meta.regular->end));
    // [[{...}]]: one day, its regular session.
    QCOMPARE(meta.tradingPeriods.size(), std::size_t(1));
    QCOMPARE(meta.tradingPeriods[0].kind, YahooTradingPeriod::Kind::Regular);
    QCOMPARE(meta.tradingPeriods[0].start, kOpen);
    QCOMPARE(meta.tradingPeriods[0].end, TimeMs(1739998800000));
}

void TestYahooParsers::tradingPeriodsDictForm()
{
    // includePrePost=true: {"pre":[[..]],"regular":[[..]],"post":[[..]]}, two days.
    const QByteArray meta = R"({"symbol":"AAPL","exchangeTimezoneName":"America/New_York",
        "gmtoffset":-18000,"tradingPeriods":{
        "pre":[[{"timezone":"EST","start":1739869200,"end":1739889000,"gmtoffset":-18000}],
               [{"timezone":"EST","start":1739955600,"end":1739975400,"gmtoffset":-18000}]],
        "regular":[[{"timezone":"EST","start":1739889000,"end":1739912400,"gmtoffset":-18000}],
                   [{"timezone":"EST","start":1739975400,"end":1739998800,"gmtoffset":-18000}]],
        "post":[[{"timezone":"EST","start":1739912400,"end":1739926800,"gmtoffset":-18000}],
                [{"timezone":"EST","start":1739998800,"end":1740013200,"gmtoffset":-18000}]]}})";
    const auto parsed = parseYahooChart(chartBody(meta, R"(,"indicators":{"quote":[{}]})"));
    QVERIFY2(parsed, qPrintable(parsed.error().toString()));
    const std::vector<YahooTradingPeriod> &periods = parsed.value().chart.meta.tradingPeriods;
    QCOMPARE(periods.size(), std::size_t(6));
    using Kind = YahooTradingPeriod::Kind;
    const Kind kinds[]
        = {Kind::Pre, Kind::Regular, Kind::Post, Kind::Pre, Kind::Regular, Kind::Post};
    for (std::size_t i = 0; i < periods.size(); ++i) {
        QCOMPARE(periods[i].kind, kinds[i]);
        if (i > 0)
            QCOMPARE(periods[i].start, periods[i - 1].end + (i == 3 ? 28'800'000 : 0));
    }
    QCOMPARE(periods[4].start, kOpen);
    QVERIFY(parsed.value().chart.bars.empty());
}

void TestYahooParsers::chartErrors()
{
    const auto missing = parseYahooChart(fixture("chart_error_not_found.json"));
    QVERIFY(missing);
    QVERIFY(missing.value().error);
    QVERIFY(missing.value().error->isNotFound());
    QCOMPARE(missing.value().error->description,
        QStringLiteral("No data found, symbol may be delisted"));
    QCOMPARE(missing.value().error->toString(),
        QStringLiteral("Not Found: No data found, symbol may be delisted"));

    const auto range = parseYahooChart(fixture("chart_error_range_1m.json"));
    QVERIFY(range && range.value().error);
    QCOMPARE(range.value().error->code, QStringLiteral("Unprocessable Entity"));
    QVERIFY(range.value().error->description.contains(QLatin1String("Only 8 days worth of 1m")));
    QVERIFY(!range.value().error->isNotFound());

    const auto any = parseYahooApiError(fixture("chart_error_range_1m.json"));
    QVERIFY(any);
    QCOMPARE(any->code, QStringLiteral("Unprocessable Entity"));
    QVERIFY(!parseYahooApiError(fixture("chart_aapl_1m.json")));
}

void TestYahooParsers::chartRefusesBadShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    const QByteArray meta = R"({"symbol":"X"})";
    QTest::newRow("short column") << chartBody(meta,
        R"(,"timestamp":[1,2],"indicators":{"quote":[{"open":[1],"high":[1,1],"low":[1,1],"close":[1,1],"volume":[1,1]}]})")
                                  << QStringLiteral("chart.result[0].indicators.quote[0].open");
    QTest::newRow("price as string") << chartBody(meta,
        R"(,"timestamp":[60],"indicators":{"quote":[{"open":["1"],"high":[1],"low":[1],"close":[1],"volume":[1]}]})")
                                     << QStringLiteral(
                                            "chart.result[0].indicators.quote[0].open[0]");
    QTest::newRow("fractional time") << chartBody(meta,
        R"(,"timestamp":[60.5],"indicators":{"quote":[{"open":[1],"high":[1],"low":[1],"close":[1],"volume":[1]}]})")
                                     << QStringLiteral("chart.result[0].timestamp[0]");
    QTest::newRow("no quote") << chartBody(meta, R"(,"timestamp":[60],"indicators":{})")
                              << QStringLiteral("chart.result[0].indicators.quote[0]");
    QTest::newRow("meta type") << QByteArray(R"({"chart":{"result":[{"meta":[]}]}})")
                               << QStringLiteral("chart.result[0].meta");
    QTest::newRow("periods type") << chartBody(R"({"symbol":"X","tradingPeriods":7})", "")
                                  << QStringLiteral("chart.result[0].meta.tradingPeriods");
    QTest::newRow("no result") << QByteArray(R"({"chart":{"result":[],"error":null}})")
                               << QStringLiteral("chart.result");
    // Found by fuzz_yahoo_chart: an offset beyond an int was cast (undefined behaviour).
    QTest::newRow("huge offset") << chartBody(R"({"symbol":"X","gmtoffset":-1.17093e17})", "")
                                 << QStringLiteral("chart.result[0].meta.gmtoffset");
    QTest::newRow("fractional offset") << chartBody(R"({"symbol":"X","gmtoffset":3600.5})", "")
                                       << QStringLiteral("chart.result[0].meta.gmtoffset");
    QTest::newRow("period offset") << chartBody(
        R"({"symbol":"X","currentTradingPeriod":{"regular":{"timezone":"EST","start":1,"end":2,"gmtoffset":1e300}}})",
        "") << QStringLiteral("chart.result[0].meta.currentTradingPeriod.regular.gmtoffset");
}

void TestYahooParsers::chartRefusesBadShapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const auto parsed = parseYahooChart(body);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().field, field);
}

void TestYahooParsers::emptyRange()
{
    // A weekend: no timestamp, an empty quote object.
    const auto parsed
        = parseYahooChart(chartBody(R"({"symbol":"AAPL"})", R"(,"indicators":{"quote":[{}]})"));
    QVERIFY2(parsed, qPrintable(parsed.error().toString()));
    QVERIFY(parsed.value().chart.bars.empty());
    QCOMPARE(parsed.value().chart.nullBars, 0);
}

void TestYahooParsers::rateLimitBodyIsNotJson()
{
    QString error;
    const std::optional<HttpResponse> raw = HttpResponse::parse(fixture("http_429.txt"), &error);
    QVERIFY2(raw, qPrintable(error));
    QCOMPARE(raw->status, 429);
    QCOMPARE(raw->body, QByteArrayLiteral("Edge: Too Many Requests"));
    const auto parsed = parseYahooChart(raw->body);
    QVERIFY(!parsed);
    QVERIFY(parsed.error().problem.startsWith(QLatin1String("malformed JSON")));
    QVERIFY(!parseYahooApiError(raw->body));
}

void TestYahooParsers::quotes()
{
    const auto parsed = parseYahooQuotes(fixture("quote_v7_aapl_msft.json"));
    QVERIFY2(parsed, qPrintable(parsed.error().toString()));
    QCOMPARE(parsed.value().size(), std::size_t(2));
    const YahooQuote &aapl = parsed.value()[0];
    QCOMPARE(aapl.symbol, QStringLiteral("AAPL"));
    QCOMPARE(aapl.price, 245.19);
    QCOMPARE(aapl.time, TimeMs(1739978978000));
    QCOMPARE(aapl.change, -0.78);
    QCOMPARE(aapl.changePercent, -0.31711);
    QCOMPARE(aapl.previousClose, 245.97);
    QCOMPARE(aapl.open, 244.15);
    QCOMPARE(aapl.dayHigh, 245.245);
    QCOMPARE(aapl.dayLow, 243.855);
    QCOMPARE(aapl.volume, 14928.0);
    QCOMPARE(aapl.bid, 245.18);
    QCOMPARE(aapl.ask, 245.2);
    QCOMPARE(aapl.marketState, QStringLiteral("REGULAR"));
    QCOMPARE(aapl.exchangeTimezoneName, QByteArrayLiteral("America/New_York"));
    const YahooQuote &msft = parsed.value()[1];
    QCOMPARE(msft.symbol, QStringLiteral("MSFT"));
    QCOMPARE(msft.price, 414.07);
    QCOMPARE(msft.previousClose, 412.65);
    QCOMPARE(msft.longName, QStringLiteral("Microsoft Corporation"));
    // Absent numbers are NaN, never 0.
    const auto sparse
        = parseYahooQuotes(R"({"quoteResponse":{"result":[{"symbol":"X"}],"error":null}})");
    QVERIFY(sparse);
    QVERIFY(std::isnan(sparse.value()[0].price));
    QVERIFY(!parseYahooQuotes(R"({"quoteResponse":{"result":[{"symbol":7}]}})"));
}

void TestYahooParsers::invalidCrumb()
{
    const QByteArray body = fixture("error_invalid_crumb.json");
    const auto error = parseYahooApiError(body);
    QVERIFY(error);
    QCOMPARE(error->code, QStringLiteral("Unauthorized"));
    QCOMPARE(error->description, QStringLiteral("Invalid Crumb"));
    QVERIFY(error->isInvalidCrumb());
    const auto quotes = parseYahooQuotes(body);
    QVERIFY(!quotes);
    QCOMPARE(quotes.error().toString(), QStringLiteral("error: Unauthorized: Invalid Crumb"));
    QCOMPARE(QString::fromUtf8(fixture("getcrumb.txt")).trimmed(), QStringLiteral("Yp3rOtbM1Ou"));
}

void TestYahooParsers::search()
{
    const auto parsed = parseYahooSearch(fixture("search_apple.json"));
    QVERIFY2(parsed, qPrintable(parsed.error().toString()));
    QCOMPARE(parsed.value().size(), std::size_t(3));
    const YahooSearchHit &xetra = parsed.value()[1];
    QCOMPARE(xetra.symbol, QStringLiteral("APC.DE"));
    QCOMPARE(xetra.exchangeDisplay, QStringLiteral("XETRA"));
    QCOMPARE(xetra.longName, QStringLiteral("Apple Inc."));
    QCOMPARE(parsed.value()[2].quoteType, QStringLiteral("ETF"));
    const Symbol s = yahooSymbol(xetra);
    QCOMPARE(s.key(), QStringLiteral("yahoo:APC.DE"));
    QCOMPARE(s.displayName, QStringLiteral("Apple Inc."));
    QCOMPARE(s.timeZoneId, QByteArrayLiteral("Europe/Berlin"));
    QVERIFY(!parseYahooSearch("[1]"));
}

void TestYahooParsers::symbols()
{
    QVERIFY(isValidYahooCode(u"AAPL"));
    QVERIFY(isValidYahooCode(u"^GSPC"));
    QVERIFY(isValidYahooCode(u"EURUSD=X"));
    QVERIFY(!isValidYahooCode(u""));
    QVERIFY(!isValidYahooCode(u"AA PL"));
    QVERIFY(!isValidYahooCode(u"AAPL/../x"));
    const Symbol aapl = yahooSymbol(u"aapl");
    QCOMPARE(aapl.key(), QStringLiteral("yahoo:AAPL"));
    QCOMPARE(aapl.assetClass, AssetClass::Equity);
    QCOMPARE(aapl.timeZoneId, QByteArrayLiteral("America/New_York"));
    QVERIFY(aapl.isOpenAt(kOpen));  // Wednesday 09:30 New York
    QVERIFY(!aapl.isOpenAt(kOpen - kMinuteMs));
    QCOMPARE(yahooSymbol(u"EURUSD=X").assetClass, AssetClass::Forex);
    QCOMPARE(yahooSymbol(u"^GSPC").assetClass, AssetClass::Index);
    QCOMPARE(yahooSymbol(u"BTC-USD").assetClass, AssetClass::Crypto);
    QVERIFY(yahooSymbol(u"BTC-USD").session.alwaysOpen);
    QCOMPARE(yahooSymbol(u"THYAO.IS").timeZoneId, QByteArrayLiteral("Europe/Istanbul"));
}

void TestYahooParsers::historyPages()
{
    const YahooInterval oneMinute = *yahooInterval(u"1m");
    QCOMPARE(oneMinute.timeframe, Timeframe::M1);
    const TimeMs now = kOpen + 59 * kMinuteMs;
    // 20 days back: pages under 8 days each, the last one ends now.
    auto page = yahooHistoryPage(oneMinute, now - 20 * kDayMs, now);
    QVERIFY(page);
    QCOMPARE(page->from, now - 20 * kDayMs);
    QCOMPARE(page->to, page->from + 8 * kDayMs - kHourMs);
    int pages = 1;
    while (page->to < now) {
        page = yahooHistoryPage(oneMinute, page->to, now);
        QVERIFY(page && page->to - page->from < 8 * kDayMs);
        ++pages;
    }
    QCOMPARE(pages, 3);
    QCOMPARE(page->to, now);
    QVERIFY(page->reachesNow);
    // 60 days back: 1m starts within Yahoo's 30 days.
    QCOMPARE(yahooHistoryPage(oneMinute, now - 60 * kDayMs, now)->from, now - 29 * kDayMs);
    QVERIFY(!yahooHistoryPage(oneMinute, now, now));
    // Daily: any range in one request; Wick's names work too.
    const YahooInterval daily = *yahooInterval(u"1d");
    QCOMPARE(daily.timeframe, Timeframe::D1);
    QCOMPARE(yahooHistoryPage(daily, 0, now)->to, now);
    QCOMPARE(yahooInterval(u"1h")->name, QStringLiteral("60m"));
    QCOMPARE(yahooInterval(u"1w")->name, QStringLiteral("1wk"));
    QVERIFY(!yahooInterval(u"1mo"));
}

void TestYahooParsers::dailyBarsOnTheirExchangeDays()
{
    const YahooInterval daily = *yahooInterval(u"1d");
    // Yahoo stamps EURUSD=X's days at London midnight (its exchangeTimezoneName):
    // Monday 9 and Tuesday 10 March 2026 00:00 GMT. Wick's FX days run from 17:00
    // New York: those bars are Monday's (from Sunday 17:00 EDT = 21:00Z) and
    // Tuesday's (from Monday 17:00 EDT).
    YahooChart chart;
    chart.meta.exchangeTimezoneName = QByteArrayLiteral("Europe/London");
    const TimeMs monday = 1'773'014'400'000;  // 2026-03-09T00:00:00Z
    chart.bars = {Bar {monday, 1.16, 1.17, 1.15, 1.165, 0},
        Bar {monday + kDayMs, 1.165, 1.17, 1.16, 1.168, 0}};
    const TimeMs now = monday + 3 * kDayMs;
    YahooSeries fx({daily}, yahooSymbol(u"EURUSD=X").barDays());
    const YahooSeries::Delivery d = fx.take(0, chart, now, false);
    QCOMPARE(d.closed.size(), std::size_t(2));
    QCOMPARE(d.closed[0].time, monday - 3 * kHourMs);
    QCOMPARE(d.closed[1].time, monday + kDayMs - 3 * kHourMs);
    QCOMPARE(d.closed[1].close, 1.168);
    // A London stock keeps the zone Yahoo names: its days start at London midnight.
    YahooSeries london({daily}, yahooSymbol(u"VOD.L").barDays());
    QCOMPARE(london.take(0, chart, now, false).closed[0].time, monday);
}

QTEST_APPLESS_MAIN(TestYahooParsers)
#include "test_yahoo_parsers.moc"
