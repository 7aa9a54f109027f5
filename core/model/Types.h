// core/model: the value types every Wick module speaks -- symbols, ticks, bars,
// timeframes. Plain values, no threads, no I/O. Time is int64 milliseconds since
// the Unix epoch, UTC; prices and volumes are double.
#pragma once

#include <cstdint>

namespace wick {

using TimeMs = std::int64_t;
using SymbolId = std::uint32_t;

inline constexpr TimeMs kMinuteMs = 60'000;
inline constexpr TimeMs kHourMs = 60 * kMinuteMs;
inline constexpr TimeMs kDayMs = 24 * kHourMs;
inline constexpr SymbolId kInvalidSymbol = 0xFFFFFFFFu;

// The open time of the minute that holds t (floored, also before 1970).
constexpr TimeMs minuteFloor(TimeMs t)
{
    const TimeMs q = t / kMinuteMs;
    return (t % kMinuteMs < 0 ? q - 1 : q) * kMinuteMs;
}

}  // namespace wick
