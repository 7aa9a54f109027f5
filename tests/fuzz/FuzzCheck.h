// tests/fuzz: libFuzzer targets for the Binance and Yahoo parsers (core/feeds/binance, yahoo).
// Each target feeds the fuzzer's bytes to one parser entry-point family and
// checks what must hold for any input: no crash, no exception, no sanitizer
// report; a success gives finite numbers and consistent fields; a refusal names
// its problem. A broken invariant aborts, which libFuzzer reports as a crash
// and saves the input.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "feeds/binance/BinanceMessages.h"

#define WICK_FUZZ_CHECK(condition)                                                                 \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace wick::fuzz {

inline std::string_view textOf(const unsigned char *data, std::size_t size)
{
    return std::string_view(reinterpret_cast<const char *>(data), size);
}

// A refusal always says what was wrong.
template<typename T>
void checkRefusal(const Parsed<T> &parsed)
{
    if (!parsed.ok())
        WICK_FUZZ_CHECK(!parsed.error().problem.isEmpty());
}

inline void checkBar(const Bar &bar)
{
    WICK_FUZZ_CHECK(std::isfinite(bar.open));
    WICK_FUZZ_CHECK(std::isfinite(bar.high));
    WICK_FUZZ_CHECK(std::isfinite(bar.low));
    WICK_FUZZ_CHECK(std::isfinite(bar.close));
    WICK_FUZZ_CHECK(std::isfinite(bar.volume));
}

inline void checkTrade(const BinanceTrade &t)
{
    WICK_FUZZ_CHECK(std::isfinite(t.price));
    WICK_FUZZ_CHECK(std::isfinite(t.quantity));
}

}  // namespace wick::fuzz
