#include "feeds/binance/BinanceRestParser.h"

#include <QRegularExpression>

#include "feeds/binance/BinanceJson.h"

namespace wick {

using namespace binance_json;

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

QString stringOf(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

ParseError malformed(simdjson::error_code code)
{
    return ParseError {QString(),
        QStringLiteral("malformed JSON: ") + QString::fromUtf8(simdjson::error_message(code))};
}

std::string indexed(std::string_view prefix, std::size_t index)
{
    return std::string(prefix) + '[' + std::to_string(index) + ']';
}

bool readArray(
    object o, std::string_view prefix, std::string_view key, array &out, ParseError &error)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS) {
        error = missing(prefix, key);
        return false;
    }
    if (e.get_array().get(out) != simdjson::SUCCESS) {
        error = wrongType(prefix, key, "an array", e);
        return false;
    }
    return true;
}

bool parseKlineRow(element rowElement, std::size_t index, BinanceRestKline &k, ParseError &error)
{
    const std::string at = indexed("", index);
    array row;
    if (rowElement.get_array().get(row) != simdjson::SUCCESS) {
        error = wrongType("", at, "an array", rowElement);
        return false;
    }
    if (row.size() < 11) {
        error = ParseError {QString::fromStdString(at),
            QStringLiteral("expected 12 items, got %1").arg(row.size())};
        return false;
    }
    auto item = [&](std::size_t i) { return row.at(i).value_unsafe(); };
    auto sub = [&](std::size_t i) { return indexed(at, i); };
    if (!intOf(item(0), "", sub(0), k.bar.time, error)
        || !decimalOf(item(1), "", sub(1), k.bar.open, error)
        || !decimalOf(item(2), "", sub(2), k.bar.high, error)
        || !decimalOf(item(3), "", sub(3), k.bar.low, error)
        || !decimalOf(item(4), "", sub(4), k.bar.close, error)
        || !decimalOf(item(5), "", sub(5), k.bar.volume, error)
        || !intOf(item(6), "", sub(6), k.closeTime, error)
        || !decimalOf(item(7), "", sub(7), k.quoteVolume, error)
        || !intOf(item(8), "", sub(8), k.bar.tradeCount, error)
        || !decimalOf(item(9), "", sub(9), k.takerBuyBaseVolume, error)
        || !decimalOf(item(10), "", sub(10), k.takerBuyQuoteVolume, error))
        return false;
    if (k.closeTime < k.bar.time) {
        error = ParseError {QString::fromStdString(sub(6)),
            QStringLiteral("close time %1 before open time %2").arg(k.closeTime).arg(k.bar.time)};
        return false;
    }
    return true;
}

bool optionalDecimal(
    object o, std::string_view prefix, std::string_view key, double &out, ParseError &error)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return true;
    return decimalOf(e, prefix, key, out, error);
}

bool parseFilter(element fe, const std::string &prefix, BinanceSymbolInfo &s, ParseError &error)
{
    object f;
    if (fe.get_object().get(f) != simdjson::SUCCESS) {
        error = wrongType(prefix, "", "an object", fe);
        return false;
    }
    const std::string p = prefix + '.';
    std::string_view type;
    if (!readString(f, p, "filterType", type, error))
        return false;
    if (type == "PRICE_FILTER") {
        return readDecimal(f, p, "tickSize", s.tickSize, error)
            && optionalDecimal(f, p, "minPrice", s.minPrice, error)
            && optionalDecimal(f, p, "maxPrice", s.maxPrice, error);
    }
    if (type == "LOT_SIZE") {
        return readDecimal(f, p, "stepSize", s.stepSize, error)
            && optionalDecimal(f, p, "minQty", s.minQty, error)
            && optionalDecimal(f, p, "maxQty", s.maxQty, error);
    }
    if (type == "NOTIONAL" || type == "MIN_NOTIONAL")
        return optionalDecimal(f, p, "minNotional", s.minNotional, error);
    return true;  // filters that say nothing about market data
}

bool parseSymbol(element se, std::size_t index, BinanceSymbolInfo &s, ParseError &error)
{
    const std::string at = indexed("symbols", index);
    object o;
    if (se.get_object().get(o) != simdjson::SUCCESS) {
        error = wrongType("", at, "an object", se);
        return false;
    }
    const std::string p = at + '.';
    std::string_view symbol, status, base, quote;
    if (!readString(o, p, "symbol", symbol, error) || !readString(o, p, "status", status, error)
        || !readString(o, p, "baseAsset", base, error)
        || !readString(o, p, "quoteAsset", quote, error))
        return false;
    s.symbol = stringOf(symbol);
    s.status = stringOf(status);
    s.baseAsset = stringOf(base);
    s.quoteAsset = stringOf(quote);
    array filters;
    if (!readArray(o, p, "filters", filters, error))
        return false;
    std::size_t i = 0;
    for (element fe : filters) {
        if (!parseFilter(fe, indexed(p + "filters", i), s, error))
            return false;
        ++i;
    }
    return true;
}

}  // namespace

TimeMs BinanceRateLimit::windowMs() const
{
    TimeMs unit = 0;
    if (interval == QLatin1String("SECOND"))
        unit = 1000;
    else if (interval == QLatin1String("MINUTE"))
        unit = kMinuteMs;
    else if (interval == QLatin1String("HOUR"))
        unit = kHourMs;
    else if (interval == QLatin1String("DAY"))
        unit = kDayMs;
    return unit * intervalNum;
}

std::optional<int> BinanceExchangeInfo::requestWeightPerMinute() const
{
    for (const BinanceRateLimit &r : rateLimits) {
        if (r.type != QLatin1String("REQUEST_WEIGHT") || r.windowMs() <= 0 || r.limit <= 0)
            continue;
        // A limit over a longer window, spread evenly, never exceeds it per minute.
        const double perMinute = double(r.limit) * double(kMinuteMs) / double(r.windowMs());
        return int(std::min(perMinute, 2.0e9));
    }
    return std::nullopt;
}

Parsed<std::vector<BinanceRestKline>> parseBinanceKlines(std::string_view body)
{
    element doc;
    if (const simdjson::error_code code = parse(body, doc); code != simdjson::SUCCESS)
        return malformed(code);
    array rows;
    if (doc.get_array().get(rows) != simdjson::SUCCESS)
        return ParseError {
            QString(), QStringLiteral("expected an array, got ") + typeName(doc.type())};
    std::vector<BinanceRestKline> klines;
    klines.reserve(rows.size());
    ParseError error;
    std::size_t i = 0;
    for (element row : rows) {
        BinanceRestKline k;
        if (!parseKlineRow(row, i, k, error))
            return error;
        if (!klines.empty() && k.bar.time <= klines.back().bar.time)
            return ParseError {QString::fromStdString(indexed("", i) + "[0]"),
                QStringLiteral("open time %1 not after the previous row's %2")
                    .arg(k.bar.time)
                    .arg(klines.back().bar.time)};
        klines.push_back(k);
        ++i;
    }
    return klines;
}

Parsed<std::vector<BinanceTrade>> parseBinanceHistoricalTrades(
    std::string_view body, std::string_view symbol)
{
    element doc;
    if (const simdjson::error_code code = parse(body, doc); code != simdjson::SUCCESS)
        return malformed(code);
    array rows;
    if (doc.get_array().get(rows) != simdjson::SUCCESS)
        return ParseError {
            QString(), QStringLiteral("expected an array, got ") + typeName(doc.type())};
    std::vector<BinanceTrade> trades;
    trades.reserve(rows.size());
    ParseError error;
    std::size_t i = 0;
    for (element row : rows) {
        const std::string at = indexed("", i++);
        object o;
        if (row.get_object().get(o) != simdjson::SUCCESS)
            return wrongType("", at, "an object", row);
        const std::string p = at + '.';
        BinanceTrade t;
        t.symbol = std::string(symbol);
        if (!readInt(o, p, "id", t.tradeId, error) || !readDecimal(o, p, "price", t.price, error)
            || !readDecimal(o, p, "qty", t.quantity, error)
            || !readInt(o, p, "time", t.tradeTime, error)
            || !readBool(o, p, "isBuyerMaker", t.buyerIsMaker, error))
            return error;
        t.eventTime = t.tradeTime;
        trades.push_back(std::move(t));
    }
    return trades;
}

Parsed<BinanceExchangeInfo> parseBinanceExchangeInfo(std::string_view body)
{
    element doc;
    if (const simdjson::error_code code = parse(body, doc); code != simdjson::SUCCESS)
        return malformed(code);
    object o;
    if (doc.get_object().get(o) != simdjson::SUCCESS)
        return ParseError {
            QString(), QStringLiteral("expected an object, got ") + typeName(doc.type())};
    BinanceExchangeInfo info;
    ParseError error;
    if (!readInt(o, "", "serverTime", info.serverTime, error))
        return error;
    array limits;
    if (!readArray(o, "", "rateLimits", limits, error))
        return error;
    std::size_t i = 0;
    for (element le : limits) {
        const std::string at = indexed("rateLimits", i++);
        object l;
        if (le.get_object().get(l) != simdjson::SUCCESS)
            return wrongType("", at, "an object", le);
        const std::string p = at + '.';
        std::string_view type, interval;
        std::int64_t num = 0;
        BinanceRateLimit r;
        if (!readString(l, p, "rateLimitType", type, error)
            || !readString(l, p, "interval", interval, error)
            || !readInt(l, p, "intervalNum", num, error) || !readInt(l, p, "limit", r.limit, error))
            return error;
        if (num <= 0 || num > 1'000'000)
            return ParseError {QString::fromStdString(p + "intervalNum"),
                QStringLiteral("out of range: %1").arg(num)};
        r.type = stringOf(type);
        r.interval = stringOf(interval);
        r.intervalNum = int(num);
        info.rateLimits.push_back(r);
    }
    array symbols;
    if (!readArray(o, "", "symbols", symbols, error))
        return error;
    info.symbols.reserve(symbols.size());
    i = 0;
    for (element se : symbols) {
        BinanceSymbolInfo s;
        if (!parseSymbol(se, i++, s, error))
            return error;
        info.symbols.push_back(std::move(s));
    }
    return info;
}

Parsed<BinanceApiError> parseBinanceApiError(std::string_view body)
{
    element doc;
    if (const simdjson::error_code code = parse(body, doc); code != simdjson::SUCCESS)
        return malformed(code);
    object o;
    if (doc.get_object().get(o) != simdjson::SUCCESS)
        return ParseError {
            QString(), QStringLiteral("expected an object, got ") + typeName(doc.type())};
    ParseError error;
    std::int64_t code = 0;
    std::string_view msg;
    if (!readInt(o, "", "code", code, error) || !readString(o, "", "msg", msg, error))
        return error;
    BinanceApiError e;
    e.code = int(code);
    e.message = stringOf(msg);
    static const QRegularExpression banned(QStringLiteral("banned until (\\d{10,16})"));
    const QRegularExpressionMatch m = banned.match(e.message);
    if (m.hasMatch())
        e.bannedUntil = m.captured(1).toLongLong();
    return e;
}

Parsed<BinanceRateLimitHeaders> parseBinanceRateLimitHeaders(
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    BinanceRateLimitHeaders out;
    for (const auto &[name, rawValue] : headers) {
        const QByteArray value = rawValue.trimmed();
        bool ok = false;
        if (name.compare("retry-after", Qt::CaseInsensitive) == 0) {
            // Binance sends whole seconds; an HTTP-date is not used by it.
            const qlonglong seconds = value.toLongLong(&ok);
            if (!ok || seconds < 0 || seconds > 10LL * 365 * 86400 || value.startsWith('+'))
                return ParseError {QStringLiteral("Retry-After"),
                    QStringLiteral("not a number of seconds: \"%1\"")
                        .arg(QString::fromLatin1(value))};
            out.retryAfterSeconds = seconds;
        } else if (name.compare("x-mbx-used-weight-1m", Qt::CaseInsensitive) == 0) {
            const int used = value.toInt(&ok);
            if (!ok || used < 0 || value.startsWith('+'))
                return ParseError {QStringLiteral("X-MBX-USED-WEIGHT-1M"),
                    QStringLiteral("not a weight: \"%1\"").arg(QString::fromLatin1(value))};
            out.usedWeight1m = used;
        }
    }
    return out;
}

}  // namespace wick
