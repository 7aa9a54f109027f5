#include "feeds/binance/BinanceStreamParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include "feeds/binance/BinanceJson.h"

namespace wick {

using namespace binance_json;

namespace {

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

// The top-level object, and the event inside a combined-stream envelope.
struct Event {
    object top;
    object event;
    std::string_view stream;
    std::string_view prefix;  // "data." inside an envelope
    bool hasEnvelope = false;
};

bool openEvent(std::string_view frame, Event &out, ParseError &error)
{
    element doc;
    if (const simdjson::error_code code = parse(frame, doc); code != simdjson::SUCCESS) {
        error = malformed(code);
        return false;
    }
    if (doc.get_object().get(out.top) != simdjson::SUCCESS) {
        error = ParseError {
            QString(), QStringLiteral("expected an object, got ") + typeName(doc.type())};
        return false;
    }
    element data;
    if (out.top.at_key("data").get(data) != simdjson::SUCCESS) {
        out.event = out.top;
        return true;
    }
    out.hasEnvelope = true;
    out.prefix = "data.";
    if (!readString(out.top, "", "stream", out.stream, error))
        return false;
    if (data.get_object().get(out.event) != simdjson::SUCCESS) {
        error = wrongType("", "data", "an object", data);
        return false;
    }
    return true;
}

bool extractTrade(object o, std::string_view prefix, BinanceTrade &t, ParseError &error)
{
    std::string_view symbol;
    if (!readInt(o, prefix, "E", t.eventTime, error) || !readString(o, prefix, "s", symbol, error)
        || !readInt(o, prefix, "t", t.tradeId, error)
        || !readDecimal(o, prefix, "p", t.price, error)
        || !readDecimal(o, prefix, "q", t.quantity, error)
        || !readInt(o, prefix, "T", t.tradeTime, error)
        || !readBool(o, prefix, "m", t.buyerIsMaker, error))
        return false;
    t.symbol.assign(symbol);
    return true;
}

bool extractKline(object o, std::string_view prefix, BinanceKline &k, ParseError &error)
{
    std::string_view symbol;
    if (!readInt(o, prefix, "E", k.eventTime, error) || !readString(o, prefix, "s", symbol, error))
        return false;
    element kElement;
    object ko;
    if (o.at_key("k").get(kElement) != simdjson::SUCCESS) {
        error = missing(prefix, "k");
        return false;
    }
    if (kElement.get_object().get(ko) != simdjson::SUCCESS) {
        error = wrongType(prefix, "k", "an object", kElement);
        return false;
    }
    const std::string kp = std::string(prefix) + "k.";
    std::string_view interval;
    if (!readInt(ko, kp, "t", k.bar.time, error) || !readInt(ko, kp, "T", k.closeTime, error)
        || !readString(ko, kp, "i", interval, error) || !readInt(ko, kp, "f", k.firstTradeId, error)
        || !readInt(ko, kp, "L", k.lastTradeId, error)
        || !readDecimal(ko, kp, "o", k.bar.open, error)
        || !readDecimal(ko, kp, "h", k.bar.high, error)
        || !readDecimal(ko, kp, "l", k.bar.low, error)
        || !readDecimal(ko, kp, "c", k.bar.close, error)
        || !readDecimal(ko, kp, "v", k.bar.volume, error)
        || !readInt(ko, kp, "n", k.bar.tradeCount, error) || !readBool(ko, kp, "x", k.closed, error)
        || !readDecimal(ko, kp, "q", k.quoteVolume, error)
        || !readDecimal(ko, kp, "V", k.takerBuyBaseVolume, error)
        || !readDecimal(ko, kp, "Q", k.takerBuyQuoteVolume, error))
        return false;
    if (k.closeTime < k.bar.time) {
        error = ParseError {QString::fromStdString(kp + "T"),
            QStringLiteral("close time %1 before open time %2").arg(k.closeTime).arg(k.bar.time)};
        return false;
    }
    k.symbol.assign(symbol);
    k.interval.assign(interval);
    return true;
}

bool extractMiniTicker(object o, std::string_view prefix, BinanceMiniTicker &t, ParseError &error)
{
    std::string_view symbol;
    if (!readInt(o, prefix, "E", t.eventTime, error) || !readString(o, prefix, "s", symbol, error)
        || !readDecimal(o, prefix, "o", t.open, error)
        || !readDecimal(o, prefix, "c", t.close, error)
        || !readDecimal(o, prefix, "h", t.high, error) || !readDecimal(o, prefix, "l", t.low, error)
        || !readDecimal(o, prefix, "v", t.volume, error)
        || !readDecimal(o, prefix, "q", t.quoteVolume, error))
        return false;
    const QString p = QString::fromUtf8(prefix.data(), qsizetype(prefix.size()));
    if (!(t.open > 0.0) || !(t.close > 0.0)) {
        error = ParseError {p + QStringLiteral("o"),
            QStringLiteral("open %1 and close %2 must be positive").arg(t.open).arg(t.close)};
        return false;
    }
    if (t.high < t.low) {
        error = ParseError {
            p + QStringLiteral("h"), QStringLiteral("high %1 below low %2").arg(t.high).arg(t.low)};
        return false;
    }
    t.symbol.assign(symbol);
    return true;
}

bool extractReply(object o, BinanceReply &r, ParseError &error)
{
    element id;
    if (o.at_key("id").get(id) == simdjson::SUCCESS) {
        std::string_view text;
        if (id.is_null()) {
            r.id.kind = BinanceRequestId::Kind::Null;
        } else if (id.get_int64().get(r.id.number) == simdjson::SUCCESS) {
            r.id.kind = BinanceRequestId::Kind::Number;
        } else if (id.get_string().get(text) == simdjson::SUCCESS) {
            r.id.kind = BinanceRequestId::Kind::Text;
            r.id.text = stringOf(text);
        } else {
            error = wrongType("", "id", "an integer, a string or null", id);
            return false;
        }
    }
    element code;
    if (o.at_key("code").get(code) == simdjson::SUCCESS) {
        std::int64_t value = 0;
        std::string_view msg;
        if (!intOf(code, "", "code", value, error) || !readString(o, "", "msg", msg, error))
            return false;
        r.isError = true;
        r.errorCode = int(value);
        r.errorMessage = stringOf(msg);
        return true;
    }
    element result;
    if (o.at_key("result").get(result) != simdjson::SUCCESS) {
        error = missing("", "result");
        return false;
    }
    if (result.is_null() || result.is_bool())
        return true;
    simdjson::dom::array list;
    if (result.get_array().get(list) != simdjson::SUCCESS) {
        error = wrongType("", "result", "null or an array", result);
        return false;
    }
    r.hasList = true;
    int index = 0;
    for (element item : list) {
        std::string_view stream;
        if (item.get_string().get(stream) != simdjson::SUCCESS) {
            error = wrongType("", "result[" + std::to_string(index) + "]", "a string", item);
            return false;
        }
        r.streams.append(stringOf(stream));
        ++index;
    }
    return true;
}

bool isEventType(object o, std::string_view type)
{
    std::string_view e;
    return o.at_key("e").get(e) == simdjson::SUCCESS && e == type;
}

}  // namespace

Parsed<BinanceFrame> parseBinanceStreamFrame(std::string_view frame)
{
    ParseError error;
    Event ev;
    if (!openEvent(frame, ev, error))
        return error;
    BinanceFrame f;
    f.stream.assign(ev.stream);
    element e;
    if (ev.event.at_key("e").get(e) == simdjson::SUCCESS) {
        std::string_view type;
        if (e.get_string().get(type) != simdjson::SUCCESS)
            return wrongType(ev.prefix, "e", "a string", e);
        f.eventType.assign(type);
        if (type == "trade") {
            f.kind = BinanceFrame::Kind::Trade;
            if (!extractTrade(ev.event, ev.prefix, f.trade, error))
                return error;
            f.eventTime = f.trade.eventTime;
        } else if (type == "kline") {
            f.kind = BinanceFrame::Kind::Kline;
            if (!extractKline(ev.event, ev.prefix, f.kline, error))
                return error;
            f.eventTime = f.kline.eventTime;
        } else if (type == "24hrMiniTicker") {
            f.kind = BinanceFrame::Kind::MiniTicker;
            if (!extractMiniTicker(ev.event, ev.prefix, f.miniTicker, error))
                return error;
            f.eventTime = f.miniTicker.eventTime;
        } else if (type == "serverShutdown") {
            f.kind = BinanceFrame::Kind::ServerShutdown;
            if (!readInt(ev.event, ev.prefix, "E", f.eventTime, error))
                return error;
        } else {
            f.kind = BinanceFrame::Kind::Other;
            element time;
            if (ev.event.at_key("E").get(time) == simdjson::SUCCESS
                && !intOf(time, ev.prefix, "E", f.eventTime, error))
                return error;
        }
        return f;
    }
    if (!ev.hasEnvelope
        && (ev.top.at_key("result").error() == simdjson::SUCCESS
            || ev.top.at_key("code").error() == simdjson::SUCCESS)) {
        f.kind = BinanceFrame::Kind::Reply;
        if (!extractReply(ev.top, f.reply, error))
            return error;
        return f;
    }
    if (ev.event.at_key("u").error() == simdjson::SUCCESS
        && ev.event.at_key("b").error() == simdjson::SUCCESS
        && ev.event.at_key("a").error() == simdjson::SUCCESS) {
        f.kind = BinanceFrame::Kind::Other;
        f.eventType = "bookTicker";
        return f;
    }
    return ParseError {
        QString::fromUtf8(ev.prefix.data(), qsizetype(ev.prefix.size())) + QStringLiteral("e"),
        QStringLiteral("missing: neither an event, a reply nor an error frame")};
}

Parsed<BinanceTrade> parseBinanceTrade(std::string_view frame)
{
    ParseError error;
    Event ev;
    if (!openEvent(frame, ev, error))
        return error;
    if (!isEventType(ev.event, "trade")) {
        std::string_view type;
        if (!readString(ev.event, ev.prefix, "e", type, error))
            return error;
        return ParseError {
            QString::fromUtf8(ev.prefix.data(), qsizetype(ev.prefix.size())) + QStringLiteral("e"),
            QStringLiteral("expected \"trade\", got ") + quoted(type)};
    }
    BinanceTrade trade;
    if (!extractTrade(ev.event, ev.prefix, trade, error))
        return error;
    return trade;
}

Parsed<BinanceKline> parseBinanceKline(std::string_view frame)
{
    ParseError error;
    Event ev;
    if (!openEvent(frame, ev, error))
        return error;
    if (!isEventType(ev.event, "kline")) {
        std::string_view type;
        if (!readString(ev.event, ev.prefix, "e", type, error))
            return error;
        return ParseError {
            QString::fromUtf8(ev.prefix.data(), qsizetype(ev.prefix.size())) + QStringLiteral("e"),
            QStringLiteral("expected \"kline\", got ") + quoted(type)};
    }
    BinanceKline kline;
    if (!extractKline(ev.event, ev.prefix, kline, error))
        return error;
    return kline;
}

Parsed<BinanceMiniTicker> parseBinanceMiniTicker(std::string_view frame)
{
    ParseError error;
    Event ev;
    if (!openEvent(frame, ev, error))
        return error;
    if (!isEventType(ev.event, "24hrMiniTicker")) {
        std::string_view type;
        if (!readString(ev.event, ev.prefix, "e", type, error))
            return error;
        return ParseError {
            QString::fromUtf8(ev.prefix.data(), qsizetype(ev.prefix.size())) + QStringLiteral("e"),
            QStringLiteral("expected \"24hrMiniTicker\", got ") + quoted(type)};
    }
    BinanceMiniTicker ticker;
    if (!extractMiniTicker(ev.event, ev.prefix, ticker, error))
        return error;
    return ticker;
}

Parsed<BinanceReply> parseBinanceReply(std::string_view frame)
{
    element doc;
    if (const simdjson::error_code code = parse(frame, doc); code != simdjson::SUCCESS)
        return malformed(code);
    object o;
    if (doc.get_object().get(o) != simdjson::SUCCESS)
        return ParseError {
            QString(), QStringLiteral("expected an object, got ") + typeName(doc.type())};
    BinanceReply reply;
    ParseError error;
    if (!extractReply(o, reply, error))
        return error;
    return reply;
}

// ---- QJsonDocument ----------------------------------------------------------------

namespace {

bool qtInt(const QJsonObject &o, QLatin1String key, const QString &prefix, std::int64_t &out,
    ParseError &error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined()) {
        error = ParseError {prefix + key, QStringLiteral("missing")};
        return false;
    }
    // QJsonValue keeps integers beyond 2^53 only as doubles: refuse those.
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(v.toInteger()) || std::fabs(d) > 9007199254740992.0) {
        error = ParseError {prefix + key, QStringLiteral("expected an integer")};
        return false;
    }
    out = v.toInteger();
    return true;
}

bool qtDecimal(
    const QJsonObject &o, QLatin1String key, const QString &prefix, double &out, ParseError &error)
{
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        error = ParseError {prefix + key,
            v.isUndefined() ? QStringLiteral("missing")
                            : QStringLiteral("expected a decimal string")};
        return false;
    }
    const QByteArray text = v.toString().toLatin1();
    if (!parseDecimal(std::string_view(text.constData(), std::size_t(text.size())), out)) {
        error = ParseError {
            prefix + key, QStringLiteral("not a decimal number: \"%1\"").arg(v.toString())};
        return false;
    }
    return true;
}

}  // namespace

Parsed<BinanceTrade> parseBinanceTradeQt(QByteArrayView frame)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return ParseError {QString(), QStringLiteral("malformed JSON: ") + jsonError.errorString()};
    if (!doc.isObject())
        return ParseError {QString(), QStringLiteral("expected an object")};
    QJsonObject o = doc.object();
    QString prefix;
    if (o.contains(QLatin1String("data"))) {
        if (!o.value(QLatin1String("stream")).isString())
            return ParseError {QStringLiteral("stream"), QStringLiteral("expected a string")};
        const QJsonValue data = o.value(QLatin1String("data"));
        if (!data.isObject())
            return ParseError {QStringLiteral("data"), QStringLiteral("expected an object")};
        o = data.toObject();
        prefix = QStringLiteral("data.");
    }
    if (o.value(QLatin1String("e")).toString() != QLatin1String("trade"))
        return ParseError {prefix + QStringLiteral("e"), QStringLiteral("expected \"trade\"")};
    BinanceTrade t;
    ParseError error;
    const QJsonValue s = o.value(QLatin1String("s"));
    const QJsonValue m = o.value(QLatin1String("m"));
    if (!qtInt(o, QLatin1String("E"), prefix, t.eventTime, error))
        return error;
    if (!s.isString())
        return ParseError {prefix + QStringLiteral("s"), QStringLiteral("expected a string")};
    if (!qtInt(o, QLatin1String("t"), prefix, t.tradeId, error)
        || !qtDecimal(o, QLatin1String("p"), prefix, t.price, error)
        || !qtDecimal(o, QLatin1String("q"), prefix, t.quantity, error)
        || !qtInt(o, QLatin1String("T"), prefix, t.tradeTime, error))
        return error;
    if (!m.isBool())
        return ParseError {prefix + QStringLiteral("m"), QStringLiteral("expected a boolean")};
    t.symbol = s.toString().toStdString();
    t.buyerIsMaker = m.toBool();
    return t;
}

}  // namespace wick
