#include "feeds/yahoo/YahooSearchParser.h"

#include "feeds/yahoo/YahooJson.h"

namespace wick {

using namespace yahoo_json;

Parsed<std::vector<YahooSearchHit>> parseYahooSearch(QByteArrayView body)
{
    QJsonObject root;
    ParseError error;
    if (!parseObject(body, root, error))
        return error;
    const QJsonValue quotes = root.value(QLatin1String("quotes"));
    if (quotes.isUndefined() || quotes.isNull())
        return std::vector<YahooSearchHit> {};
    if (!quotes.isArray())
        return wrongType(QStringLiteral("quotes"), "an array", quotes);
    std::vector<YahooSearchHit> hits;
    const QJsonArray items = quotes.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString at = indexed(QStringLiteral("quotes"), i);
        if (!items[i].isObject())
            return wrongType(at, "an object", items[i]);
        const QJsonObject o = items[i].toObject();
        YahooSearchHit hit;
        if (!readString(o, at, "symbol", hit.symbol, error)
            || !readString(o, at, "shortname", hit.shortName, error)
            || !readString(o, at, "longname", hit.longName, error)
            || !readString(o, at, "exchange", hit.exchange, error)
            || !readString(o, at, "exchDisp", hit.exchangeDisplay, error)
            || !readString(o, at, "quoteType", hit.quoteType, error)
            || !readString(o, at, "typeDisp", hit.typeDisplay, error))
            return error;
        if (!hit.symbol.isEmpty())
            hits.push_back(std::move(hit));
    }
    return hits;
}

}  // namespace wick
