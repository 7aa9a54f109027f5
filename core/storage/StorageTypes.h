// core/storage/StorageTypes: small value types of the cache (stored symbol ids,
// time ranges). Plain values, any thread.
#pragma once

#include <cstdint>
#include <limits>

#include "model/Types.h"

namespace wick {

// A symbol's row id in the cache (symbols.id). Not the in-memory SymbolId of
// SymbolRegistry: the cache outlives a run, the registry does not.
using StoredSymbolId = std::int64_t;

// A half-open time range [start, end) in UTC milliseconds.
struct TimeRange {
    TimeMs start = 0;
    TimeMs end = 0;
    bool empty() const { return end <= start; }
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

inline constexpr TimeMs kEndOfTime = std::numeric_limits<TimeMs>::max();

}  // namespace wick
