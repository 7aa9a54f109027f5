#include "feeds/alpaca/AlpacaParser.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTimeZone>

namespace wick {

namespace {

ParseError problem(const QString &field, const QString &what)
{
    return ParseError {field, what};
}

bool number(
    const QJsonObject &o, const QString &at, const char *key, double &out, ParseError &error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        error = problem(at + QLatin1Char('.') + QLatin1String(key),
            v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not a number"));
        return false;
    }
    out = v.toDouble();
    return true;
}

bool time(const QJsonObject &o, const QString &at, TimeMs &out, ParseError &error)
{
    const std::optional<TimeMs> t = parseRfc3339(o.value(QLatin1String("t")).toString());
    if (!t) {
        error = problem(at + QStringLiteral(".t"), QStringLiteral("not an RFC 3339 time"));
        return false;
    }
    out = *t;
    return true;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}

bool readBar(const QJsonObject &o, const QString &at, Bar &bar, ParseError &error)
{
    if (!time(o, at, bar.time, error) || !number(o, at, "o", bar.open, error)
        || !number(o, at, "h", bar.high, error) || !number(o, at, "l", bar.low, error)
        || !number(o, at, "c", bar.close, error) || !number(o, at, "v", bar.volume, error))
        return false;
    const QJsonValue n = o.value(QLatin1String("n"));
    bar.tradeCount = n.isDouble() ? std::int64_t(n.toDouble()) : 0;
    return true;
}

}  // namespace

std::optional<TimeMs> parseRfc3339(QStringView text)
{
    if (text.size() < 20 || text.size() > 40)
        return std::nullopt;
    // Qt reads milliseconds at most: cut the fraction to three digits.
    QString s = text.toString();
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < s.size() && s[end].isDigit())
            ++end;
        if (end == dot + 1)
            return std::nullopt;
        s = s.left(dot) + s.mid(dot, std::min<qsizetype>(4, end - dot)) + s.mid(end);
    }
    const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return std::nullopt;  // a time without a zone is not RFC 3339
    return t.toMSecsSinceEpoch();
}

QString rfc3339(TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

Parsed<std::vector<AlpacaMessage>> parseAlpacaFrame(QStringView text)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return problem({}, QStringLiteral("malformed JSON: ") + jsonError.errorString());
    if (!doc.isArray())
        return problem({}, QStringLiteral("not a JSON array"));
    std::vector<AlpacaMessage> out;
    const QJsonArray items = doc.array();
    ParseError error;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString at = QStringLiteral("[%1]").arg(i);
        if (!items[i].isObject())
            return problem(at, QStringLiteral("not an object"));
        const QJsonObject o = items[i].toObject();
        const QString type = o.value(QLatin1String("T")).toString();
        AlpacaMessage m;
        m.symbol = o.value(QLatin1String("S")).toString();
        if (type == QLatin1String("success")) {
            m.kind = AlpacaMessage::Kind::Success;
            m.text = o.value(QLatin1String("msg")).toString();
        } else if (type == QLatin1String("error")) {
            m.kind = AlpacaMessage::Kind::Error;
            m.code = o.value(QLatin1String("code")).toInt();
            m.text = o.value(QLatin1String("msg")).toString();
        } else if (type == QLatin1String("subscription")) {
            m.kind = AlpacaMessage::Kind::Subscription;
            m.trades = strings(o.value(QLatin1String("trades")));
            m.bars = strings(o.value(QLatin1String("bars")));
        } else if (type == QLatin1String("t")) {
            m.kind = AlpacaMessage::Kind::Trade;
            double id = -1.0;
            if (m.symbol.isEmpty())
                return problem(at + QStringLiteral(".S"), QStringLiteral("missing"));
            if (!number(o, at, "p", m.price, error) || !number(o, at, "s", m.size, error)
                || !time(o, at, m.time, error))
                return error;
            if (o.value(QLatin1String("i")).isDouble())
                id = o.value(QLatin1String("i")).toDouble();
            m.tradeId = id >= 0.0 ? std::int64_t(id) : -1;
        } else if (type == QLatin1String("b")) {
            m.kind = AlpacaMessage::Kind::Bar;
            if (m.symbol.isEmpty())
                return problem(at + QStringLiteral(".S"), QStringLiteral("missing"));
            if (!readBar(o, at, m.bar, error))
                return error;
        } else if (type == QLatin1String("q")) {
            m.kind = AlpacaMessage::Kind::Quote;
        } else {
            m.kind = AlpacaMessage::Kind::Other;  // updatedBars, dailyBars, statuses ...
            m.text = type;
        }
        out.push_back(std::move(m));
    }
    return out;
}

Parsed<AlpacaBarsPage> parseAlpacaBars(QByteArrayView body)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return problem({}, QStringLiteral("malformed JSON: ") + jsonError.errorString());
    if (!doc.isObject())
        return problem({}, QStringLiteral("not a JSON object"));
    const QJsonObject root = doc.object();
    AlpacaBarsPage page;
    page.symbol = root.value(QLatin1String("symbol")).toString();
    page.nextPageToken = root.value(QLatin1String("next_page_token")).toString();
    const QJsonValue bars = root.value(QLatin1String("bars"));
    if (bars.isNull())
        return page;  // no bars in the range: Alpaca sends null
    if (!bars.isArray())
        return problem(QStringLiteral("bars"), QStringLiteral("missing or not an array"));
    const QJsonArray items = bars.toArray();
    page.bars.reserve(std::size_t(items.size()));
    ParseError error;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString at = QStringLiteral("bars[%1]").arg(i);
        if (!items[i].isObject())
            return problem(at, QStringLiteral("not an object"));
        Bar bar;
        if (!readBar(items[i].toObject(), at, bar, error))
            return error;
        page.bars.push_back(bar);
    }
    std::sort(page.bars.begin(), page.bars.end(),
        [](const Bar &a, const Bar &b) { return a.time < b.time; });
    return page;
}

}  // namespace wick
