// The field-level parsers under every Binance payload: the decimal strings of
// prices and quantities (binance_json::parseDecimal, what every parser reads
// "61350.15000000" with) and symbol keys as users and settings give them
// (binanceCodeFromKey: "binance:BTCUSDT", case-insensitive source).
#include <cstdlib>
#include <cstring>
#include <string>

#include <QString>

#include "FuzzCheck.h"
#include "feeds/binance/BinanceJson.h"
#include "feeds/binance/BinanceSymbols.h"

using namespace wick;
using namespace wick::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const std::string_view text = textOf(data, size);

    // A decimal it accepts is finite and exactly what strtod (C locale, correctly
    // rounded) reads from the same text, and uses only the documented syntax.
    double value = 0.0;
    if (binance_json::parseDecimal(text, value)) {
        WICK_FUZZ_CHECK(std::isfinite(value));
        const std::string copy(text);
        char *end = nullptr;
        const double reference = std::strtod(copy.c_str(), &end);
        WICK_FUZZ_CHECK(end == copy.c_str() + copy.size());
        WICK_FUZZ_CHECK(std::memcmp(&reference, &value, sizeof value) == 0);
        for (char c : text)
            WICK_FUZZ_CHECK(
                (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E');
        WICK_FUZZ_CHECK(!text.empty() && text.front() != '+' && text.front() != '.');
    }

    // A key it accepts names a valid code, upper case, and the key made from
    // that code reads back to it.
    const QString key = QString::fromUtf8(text.data(), qsizetype(text.size()));
    if (const std::optional<QString> code = binanceCodeFromKey(key)) {
        WICK_FUZZ_CHECK(isValidBinanceCode(*code));
        WICK_FUZZ_CHECK(*code == code->toUpper());
        WICK_FUZZ_CHECK(binanceCodeFromKey(binanceSymbolKey(*code)) == code);
    }
    return 0;
}
