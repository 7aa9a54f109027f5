#include "feeds/yahoo/YahooQuoteParser.h"

#include "feeds/yahoo/YahooChartParser.h"
#include "feeds/yahoo/YahooJson.h"

namespace wick {

using namespace yahoo_json;

namespace {

bool readQuote(const QJsonObject &o, const QString &at, YahooQuote &q, ParseError &error)
{
    QString zone;
    if (!readString(o, at, "symbol", q.symbol, error)
        || !readString(o, at, "quoteType", q.quoteType, error)
        || !readString(o, at, "shortName", q.shortName, error)
        || !readString(o, at, "longName", q.longName, error)
        || !readString(o, at, "currency", q.currency, error)
        || !readString(o, at, "marketState", q.marketState, error)
        || !readString(o, at, "exchangeTimezoneName", zone, error)
        || !readNumber(o, at, "regularMarketPrice", q.price, error)
        || !readSeconds(o, at, "regularMarketTime", q.time, error)
        || !readNumber(o, at, "regularMarketChange", q.change, error)
        || !readNumber(o, at, "regularMarketChangePercent", q.changePercent, error)
        || !readNumber(o, at, "regularMarketOpen", q.open, error)
        || !readNumber(o, at, "regularMarketDayHigh", q.dayHigh, error)
        || !readNumber(o, at, "regularMarketDayLow", q.dayLow, error)
        || !readNumber(o, at, "regularMarketVolume", q.volume, error)
        || !readNumber(o, at, "regularMarketPreviousClose", q.previousClose, error)
        || !readNumber(o, at, "bid", q.bid, error) || !readNumber(o, at, "ask", q.ask, error))
        return false;
    if (q.symbol.isEmpty()) {
        error = ParseError {field(at, "symbol"), QStringLiteral("missing")};
        return false;
    }
    q.exchangeTimezoneName = zone.toUtf8();
    return true;
}

}  // namespace

Parsed<std::vector<YahooQuote>> parseYahooQuotes(QByteArrayView body)
{
    QJsonObject root;
    ParseError error;
    if (!parseObject(body, root, error))
        return error;
    if (const auto apiError = parseYahooApiError(body))
        return ParseError {QStringLiteral("error"), apiError->toString()};
    const QJsonValue response = root.value(QLatin1String("quoteResponse"));
    if (!response.isObject())
        return wrongType(QStringLiteral("quoteResponse"), "an object", response);
    const QJsonValue result = response.toObject().value(QLatin1String("result"));
    const QString at = QStringLiteral("quoteResponse.result");
    if (!result.isArray())
        return wrongType(at, "an array", result);
    std::vector<YahooQuote> quotes;
    const QJsonArray items = result.toArray();
    quotes.reserve(std::size_t(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isObject())
            return wrongType(indexed(at, i), "an object", items[i]);
        YahooQuote q;
        if (!readQuote(items[i].toObject(), indexed(at, i), q, error))
            return error;
        quotes.push_back(std::move(q));
    }
    return quotes;
}

}  // namespace wick
