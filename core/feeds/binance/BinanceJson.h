// Internal to core/feeds/binance: simdjson helpers shared by the parsers.
// Include from .cpp files only. Pure functions, any thread.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "feeds/binance/BinanceMessages.h"

namespace wick::binance_json {

// Parses a JSON document out of `text` into the thread's own parser. The
// element stays valid until the next call on this thread.
simdjson::error_code parse(std::string_view text, simdjson::dom::element &out);

// A decimal in Binance's string form ("61350.15000000"): an optional minus,
// digits, an optional fraction and exponent. Rounds correctly (std::from_chars);
// refuses NaN, infinities, hex, blanks, leading '+', and out-of-range values.
bool parseDecimal(std::string_view text, double &out);

QString quoted(std::string_view text);
QString typeName(simdjson::dom::element_type type);

// The error's field is prefix + key ("data." + "p"); built only on failure.
ParseError missing(std::string_view prefix, std::string_view key);
ParseError wrongType(std::string_view prefix, std::string_view key, const char *expected,
    simdjson::dom::element element);

// Field readers: false + error when the field is missing or of the wrong type.
bool readInt(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    std::int64_t &out, ParseError &error);
bool readString(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    std::string_view &out, ParseError &error);
bool readBool(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    bool &out, ParseError &error);
bool readDecimal(simdjson::dom::object object, std::string_view prefix, std::string_view key,
    double &out, ParseError &error);

// Element readers (array items, or a field already looked up).
bool intOf(simdjson::dom::element element, std::string_view prefix, std::string_view key,
    std::int64_t &out, ParseError &error);
bool decimalOf(simdjson::dom::element element, std::string_view prefix, std::string_view key,
    double &out, ParseError &error);

}  // namespace wick::binance_json
