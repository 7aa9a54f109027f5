#include "feeds/yahoo/YahooChartParser.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "feeds/yahoo/YahooJson.h"

namespace wick {

using namespace yahoo_json;

namespace {

bool readPeriod(const QJsonValue &value, const QString &at, YahooTradingPeriod::Kind kind,
    YahooTradingPeriod &out, ParseError &error)
{
    if (!value.isObject()) {
        error = wrongType(at, "an object", value);
        return false;
    }
    const QJsonObject o = value.toObject();
    out.kind = kind;
    if (!readSeconds(o, at, "start", out.start, error) || !readSeconds(o, at, "end", out.end, error)
        || !readUtcOffset(o, at, "gmtoffset", out.gmtOffsetSeconds, error)
        || !readString(o, at, "timezone", out.timezone, error))
        return false;
    return true;
}

// [[{..}, ..], ..]: one array per day.
bool readPeriodDays(const QJsonValue &value, const QString &at, YahooTradingPeriod::Kind kind,
    std::vector<YahooTradingPeriod> &out, ParseError &error)
{
    if (!value.isArray()) {
        error = wrongType(at, "an array", value);
        return false;
    }
    const QJsonArray days = value.toArray();
    for (qsizetype d = 0; d < days.size(); ++d) {
        const QString dayAt = indexed(at, d);
        if (!days[d].isArray()) {
            error = wrongType(dayAt, "an array", days[d]);
            return false;
        }
        const QJsonArray periods = days[d].toArray();
        for (qsizetype p = 0; p < periods.size(); ++p) {
            YahooTradingPeriod period;
            if (!readPeriod(periods[p], indexed(dayAt, p), kind, period, error))
                return false;
            out.push_back(period);
        }
    }
    return true;
}

bool readMeta(const QJsonObject &m, const QString &at, YahooChartMeta &meta, ParseError &error)
{
    QString zone;
    double hint = 0.0;
    double chartPrevious = 0.0;
    if (!readString(m, at, "symbol", meta.symbol, error)
        || !readString(m, at, "currency", meta.currency, error)
        || !readString(m, at, "exchangeName", meta.exchangeName, error)
        || !readString(m, at, "instrumentType", meta.instrumentType, error)
        || !readString(m, at, "longName", meta.longName, error)
        || !readString(m, at, "shortName", meta.shortName, error)
        || !readString(m, at, "exchangeTimezoneName", zone, error)
        || !readString(m, at, "timezone", meta.timezone, error)
        || !readUtcOffset(m, at, "gmtoffset", meta.gmtOffsetSeconds, error)
        || !readNumber(m, at, "regularMarketPrice", meta.regularMarketPrice, error)
        || !readSeconds(m, at, "regularMarketTime", meta.regularMarketTime, error)
        || !readNumber(m, at, "chartPreviousClose", chartPrevious, error)
        || !readNumber(m, at, "previousClose", meta.previousClose, error)
        || !readNumber(m, at, "priceHint", hint, error)
        || !readString(m, at, "dataGranularity", meta.dataGranularity, error)
        || !readString(m, at, "range", meta.range, error))
        return false;
    meta.exchangeTimezoneName = zone.toUtf8();
    // Clamped as a double: a huge hint would not fit an int.
    meta.priceHint = std::isnan(hint) ? 2 : int(std::clamp(hint, 0.0, 12.0));
    if (!std::isnan(chartPrevious))
        meta.previousClose = chartPrevious;

    using Kind = YahooTradingPeriod::Kind;
    const QJsonValue current = m.value(QLatin1String("currentTradingPeriod"));
    if (current.isObject()) {
        const QJsonObject c = current.toObject();
        const QString cAt = field(at, "currentTradingPeriod");
        for (auto [key, kind, slot] : {std::tuple {"pre", Kind::Pre, &meta.pre},
                 std::tuple {"regular", Kind::Regular, &meta.regular},
                 std::tuple {"post", Kind::Post, &meta.post}}) {
            const QJsonValue v = c.value(QLatin1String(key));
            if (v.isUndefined() || v.isNull())
                continue;
            YahooTradingPeriod period;
            if (!readPeriod(v, field(cAt, key), kind, period, error))
                return false;
            *slot = period;
        }
    } else if (!current.isUndefined() && !current.isNull()) {
        error = wrongType(field(at, "currentTradingPeriod"), "an object", current);
        return false;
    }

    const QJsonValue periods = m.value(QLatin1String("tradingPeriods"));
    const QString pAt = field(at, "tradingPeriods");
    if (periods.isArray()) {
        if (!readPeriodDays(periods, pAt, Kind::Regular, meta.tradingPeriods, error))
            return false;
    } else if (periods.isObject()) {
        const QJsonObject p = periods.toObject();
        for (auto [key, kind] : {std::pair {"pre", Kind::Pre}, std::pair {"regular", Kind::Regular},
                 std::pair {"post", Kind::Post}}) {
            const QJsonValue v = p.value(QLatin1String(key));
            if (!v.isUndefined() && !v.isNull()
                && !readPeriodDays(v, field(pAt, key), kind, meta.tradingPeriods, error))
                return false;
        }
    } else if (!periods.isUndefined() && !periods.isNull()) {
        error = wrongType(pAt, "an array or an object", periods);
        return false;
    }
    std::stable_sort(meta.tradingPeriods.begin(), meta.tradingPeriods.end(),
        [](const YahooTradingPeriod &a, const YahooTradingPeriod &b) { return a.start < b.start; });
    return true;
}

// indicators.quote[0]: parallel arrays matched by index with timestamp[].
bool readBars(const QJsonObject &result, const QString &at, YahooChart &chart, ParseError &error)
{
    const QJsonValue stamps = result.value(QLatin1String("timestamp"));
    if (stamps.isUndefined() || stamps.isNull())
        return true;  // no bars in the range (a weekend): quote[0] is {}
    if (!stamps.isArray()) {
        error = wrongType(field(at, "timestamp"), "an array", stamps);
        return false;
    }
    const QJsonArray times = stamps.toArray();
    const QString qAt = field(at, "indicators.quote[0]");
    const QJsonArray quotes = result.value(QLatin1String("indicators"))
                                  .toObject()
                                  .value(QLatin1String("quote"))
                                  .toArray();
    if (quotes.isEmpty() || !quotes[0].isObject()) {
        error = ParseError {qAt, QStringLiteral("missing (timestamps without prices)")};
        return false;
    }
    const QJsonObject quote = quotes[0].toObject();
    constexpr std::array<const char *, 5> kColumns {"open", "high", "low", "close", "volume"};
    std::array<QJsonArray, 5> columns;
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        const QJsonValue v = quote.value(QLatin1String(kColumns[c]));
        if (!v.isArray()) {
            error = wrongType(field(qAt, kColumns[c]), "an array", v);
            return false;
        }
        columns[c] = v.toArray();
        if (columns[c].size() != times.size()) {
            error = ParseError {field(qAt, kColumns[c]),
                QStringLiteral("%1 values for %2 timestamps")
                    .arg(columns[c].size())
                    .arg(times.size())};
            return false;
        }
    }
    chart.bars.reserve(std::size_t(times.size()));
    for (qsizetype i = 0; i < times.size(); ++i) {
        const double seconds = times[i].toDouble(std::nan(""));
        if (!times[i].isDouble() || seconds != std::floor(seconds) || std::fabs(seconds) > 1e11) {
            error = wrongType(indexed(field(at, "timestamp"), i), "whole unix seconds", times[i]);
            return false;
        }
        std::array<double, 5> v {};
        bool null = false;
        for (std::size_t c = 0; c < kColumns.size(); ++c) {
            const QJsonValue cell = columns[c][i];
            if (cell.isNull()) {
                null = true;
            } else if (!cell.isDouble()) {
                error = wrongType(indexed(field(qAt, kColumns[c]), i), "a number or null", cell);
                return false;
            } else {
                v[c] = cell.toDouble();
            }
        }
        if (null) {
            ++chart.nullBars;  // a minute without data: skipped, never a bar of zeros
            continue;
        }
        chart.bars.push_back(Bar {TimeMs(seconds) * 1000, v[0], v[1], v[2], v[3], v[4], 0});
    }
    return true;
}

std::optional<YahooApiError> errorIn(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject e = value.toObject();
    YahooApiError error {e.value(QLatin1String("code")).toString(),
        e.value(QLatin1String("description")).toString()};
    if (error.code.isEmpty() && error.description.isEmpty())
        return std::nullopt;
    return error;
}

}  // namespace

std::optional<YahooApiError> parseYahooApiError(QByteArrayView body)
{
    QJsonObject root;
    ParseError ignored;
    if (!parseObject(body, root, ignored))
        return std::nullopt;
    for (const char *envelope : {"chart", "finance", "quoteResponse"}) {
        if (auto error
            = errorIn(root.value(QLatin1String(envelope)).toObject().value(QLatin1String("error"))))
            return error;
    }
    return std::nullopt;
}

Parsed<YahooChartAnswer> parseYahooChart(QByteArrayView body)
{
    QJsonObject root;
    ParseError error;
    if (!parseObject(body, root, error))
        return error;
    const QJsonValue chartValue = root.value(QLatin1String("chart"));
    if (!chartValue.isObject())
        return wrongType(QStringLiteral("chart"), "an object", chartValue);
    const QJsonObject chart = chartValue.toObject();
    YahooChartAnswer answer;
    if ((answer.error = errorIn(chart.value(QLatin1String("error")))))
        return answer;
    const QJsonValue results = chart.value(QLatin1String("result"));
    if (!results.isArray() || results.toArray().isEmpty())
        return wrongType(QStringLiteral("chart.result"), "a non-empty array", results);
    const QJsonValue first = results.toArray().first();
    const QString at = QStringLiteral("chart.result[0]");
    if (!first.isObject())
        return wrongType(at, "an object", first);
    const QJsonObject result = first.toObject();
    const QJsonValue meta = result.value(QLatin1String("meta"));
    if (!meta.isObject())
        return wrongType(field(at, "meta"), "an object", meta);
    if (!readMeta(meta.toObject(), field(at, "meta"), answer.chart.meta, error)
        || !readBars(result, at, answer.chart, error))
        return error;
    return answer;
}

}  // namespace wick
