#include "feeds/binance/BinanceJson.h"

#include <cctype>
#include <limits>

namespace wick::binance_json {

namespace {

QString fieldName(std::string_view prefix, std::string_view key)
{
    return QString::fromUtf8(prefix.data(), qsizetype(prefix.size()))
        + QString::fromUtf8(key.data(), qsizetype(key.size()));
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

}  // namespace

simdjson::error_code parse(std::string_view text, simdjson::dom::element &out)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: copy into a
    // buffer of ours with that much room (a frame is a few hundred bytes).
    thread_local simdjson::dom::parser parser;
    thread_local std::string buffer;
    if (buffer.capacity() < text.size() + simdjson::SIMDJSON_PADDING)
        buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(text.data(), text.size());
    return parser.parse(buffer.data(), buffer.size(), false).get(out);
}

bool parseDecimal(std::string_view text, double &out)
{
    // Syntax first: from_chars alone would take "nan", "inf" and "1e".
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (i < n && text[i] == '-')
        ++i;
    const std::size_t intStart = i;
    while (i < n && isDigit(text[i]))
        ++i;
    if (i == intStart)
        return false;
    if (i < n && text[i] == '.') {
        const std::size_t fracStart = ++i;
        while (i < n && isDigit(text[i]))
            ++i;
        if (i == fracStart)
            return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-'))
            ++i;
        const std::size_t expStart = i;
        while (i < n && isDigit(text[i]))
            ++i;
        if (i == expStart)
            return false;
    }
    if (i != n)
        return false;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + n, value);
    if (ec != std::errc {} || end != text.data() + n || !std::isfinite(value))
        return false;
    out = value;
    return true;
}

QString quoted(std::string_view text)
{
    constexpr std::size_t kMax = 40;
    QString s = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), kMax)));
    if (text.size() > kMax)
        s += QStringLiteral("...");
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString typeName(simdjson::dom::element_type type)
{
    using T = simdjson::dom::element_type;
    switch (type) {
    case T::ARRAY:
        return QStringLiteral("an array");
    case T::OBJECT:
        return QStringLiteral("an object");
    case T::INT64:
    case T::UINT64:
        return QStringLiteral("an integer");
    case T::DOUBLE:
        return QStringLiteral("a fractional number");
    case T::STRING:
        return QStringLiteral("a string");
    case T::BOOL:
        return QStringLiteral("a boolean");
    case T::NULL_VALUE:
        return QStringLiteral("null");
    }
    return QStringLiteral("unknown");
}

ParseError missing(std::string_view prefix, std::string_view key)
{
    return ParseError {fieldName(prefix, key), QStringLiteral("missing")};
}

ParseError wrongType(std::string_view prefix, std::string_view key, const char *expected,
    simdjson::dom::element element)
{
    return ParseError {fieldName(prefix, key),
        QStringLiteral("expected %1, got %2")
            .arg(QLatin1String(expected), typeName(element.type()))};
}

namespace {

bool lookUp(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    simdjson::dom::element &out, ParseError &error)
{
    if (object.at_key(key).get(out) != simdjson::SUCCESS) {
        error = missing(prefix, key);
        return false;
    }
    return true;
}

}  // namespace

bool intOf(simdjson::dom::element element, std::string_view prefix, std::string_view key,
    std::int64_t &out, ParseError &error)
{
    if (element.get_int64().get(out) == simdjson::SUCCESS)
        return true;
    if (element.type() == simdjson::dom::element_type::UINT64)
        error = ParseError {fieldName(prefix, key), QStringLiteral("integer out of range")};
    else
        error = wrongType(prefix, key, "an integer", element);
    return false;
}

bool decimalOf(simdjson::dom::element element, std::string_view prefix, std::string_view key,
    double &out, ParseError &error)
{
    std::string_view text;
    if (element.get_string().get(text) != simdjson::SUCCESS) {
        error = wrongType(prefix, key, "a decimal string", element);
        return false;
    }
    if (!parseDecimal(text, out)) {
        error = ParseError {
            fieldName(prefix, key), QStringLiteral("not a decimal number: ") + quoted(text)};
        return false;
    }
    return true;
}

bool readInt(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    std::int64_t &out, ParseError &error)
{
    simdjson::dom::element element;
    return lookUp(object, prefix, key, element, error) && intOf(element, prefix, key, out, error);
}

bool readString(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    std::string_view &out, ParseError &error)
{
    simdjson::dom::element element;
    if (!lookUp(object, prefix, key, element, error))
        return false;
    if (element.get_string().get(out) != simdjson::SUCCESS) {
        error = wrongType(prefix, key, "a string", element);
        return false;
    }
    return true;
}

bool readBool(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    bool &out, ParseError &error)
{
    simdjson::dom::element element;
    if (!lookUp(object, prefix, key, element, error))
        return false;
    if (element.get_bool().get(out) != simdjson::SUCCESS) {
        error = wrongType(prefix, key, "a boolean", element);
        return false;
    }
    return true;
}

bool readDecimal(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    double &out, ParseError &error)
{
    simdjson::dom::element element;
    return lookUp(object, prefix, key, element, error)
        && decimalOf(element, prefix, key, out, error);
}

}  // namespace wick::binance_json
