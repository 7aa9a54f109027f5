// core/indicators: which bar fields an indicator core reads, and the NaN rule
// over them (Indicator.h). Pure functions, any thread.
#pragma once

#include <cmath>
#include <limits>

#include "model/Bar.h"

// On a batch loop: every call in it inlined (a core's step, a pattern's
// evaluate and its helpers), so its state stays in registers across rows.
#if defined(__GNUC__) || defined(__clang__)
#define WICK_BATCH_LOOP [[gnu::flatten]]
#else
#define WICK_BATCH_LOOP
#endif

namespace wick {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Which bar fields a core reads: the NaN rule of Indicator.h checks exactly these.
// Cv: close and volume; Oc: open and close; Hl: high and low.
enum class BarFields { Close, Hl, Hlc, Hlcv, Cv, Oc, Ohlc };

// Bitwise | rather than ||: one jump per bar instead of one per field.
template<BarFields F>
inline bool barIsValid(const Bar &b)
{
    if constexpr (F == BarFields::Close)
        return !std::isnan(b.close);
    else if constexpr (F == BarFields::Hlc)
        return !(std::isnan(b.high) | std::isnan(b.low) | std::isnan(b.close));
    else if constexpr (F == BarFields::Cv)
        return !(std::isnan(b.close) | std::isnan(b.volume));
    else if constexpr (F == BarFields::Hl)
        return !(std::isnan(b.high) | std::isnan(b.low));
    else if constexpr (F == BarFields::Oc)
        return !(std::isnan(b.open) | std::isnan(b.close));
    else if constexpr (F == BarFields::Ohlc)
        return !(std::isnan(b.open) | std::isnan(b.high) | std::isnan(b.low) | std::isnan(b.close));
    else
        return !(
            std::isnan(b.high) | std::isnan(b.low) | std::isnan(b.close) | std::isnan(b.volume));
}

// A value column's element stands for a bar whose close it is: only cores that
// read nothing but the close run on one.
template<BarFields F>
inline bool barIsValid(double x)
{
    static_assert(F == BarFields::Close, "a value column has only closes");
    return !std::isnan(x);
}

// The close of a bar, or a value column's element (the close it stands for).
inline double closeOf(const Bar &b)
{
    return b.close;
}

inline double closeOf(double x)
{
    return x;
}

// The fields each BarFields reads (ColumnRows loads those only).
constexpr bool readsOpen(BarFields f)
{
    return f == BarFields::Oc || f == BarFields::Ohlc;
}
constexpr bool readsHighLow(BarFields f)
{
    return f == BarFields::Hl || f == BarFields::Hlc || f == BarFields::Hlcv
        || f == BarFields::Ohlc;
}
constexpr bool readsClose(BarFields f)
{
    return f != BarFields::Hl;
}
constexpr bool readsVolume(BarFields f)
{
    return f == BarFields::Hlcv || f == BarFields::Cv;
}

}  // namespace wick
