// core/engine: FormingHold, a BarListener's word that the forming-bar updates
// of one series that stay within some bounds change nothing for it, so that
// the engine need not call it for them (engine thread, as every listener
// call). A listener gives one during a call
// (SeriesView::holdForming); the engine checks each forming update against it
// where the update is made, before any call, and skips the call when the hold
// covers it. A hold lasts until the listener's next call of that series (any
// call: the engine drops it first), and covers an update only while
// - the forming bar is the one it was given for (its time), the series has as
//   many closed bars and the same runs (SeriesView::runsVersion) as then;
// - the forming close is within [lo, hi], its volume at most `volume`, with
//   `range` its open, high and low as they were, and the clock reads before
//   `until` (FormingBounds);
// - the listener has not voided it: its generation of holds is still the one
//   the hold was made in (a listener bumps it when something else changes
//   what it would do, such as a rule added outside a call).
// Every update a hold covers is counted where the hold says: the listener's
// figures stay those of a listener called every time. The alert engine's
// gates are the user (alerts/AlertSeriesProgram.h): 10,000 rules cost the
// engine a comparison per update while every gate holds.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "model/Bar.h"
#include "model/Clock.h"
#include "model/Types.h"

namespace wick {

// Where a forming bar may be and change nothing.
struct FormingBounds {
    double lo = 0.0;
    double hi = 0.0;
    double volume = 0.0;  // the forming volume's ceiling
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    TimeMs until = 0;
    bool range = false;  // open, high and low must stay as they are here

    static constexpr TimeMs kForever = std::numeric_limits<TimeMs>::max();

    bool holds(const Bar &forming, TimeMs at) const
    {
        return at < until && forming.close >= lo && forming.close <= hi && forming.volume <= volume
            && (!range || (forming.open == open && forming.high == high && forming.low == low));
    }
    // Holds only where `other` holds too (both made at one bar: the same open,
    // high and low).
    void narrow(const FormingBounds &other)
    {
        lo = std::max(lo, other.lo);
        hi = std::min(hi, other.hi);
        volume = std::min(volume, other.volume);
        until = std::min(until, other.until);
        if (other.range) {
            range = true;
            open = other.open;
            high = other.high;
            low = other.low;
        }
    }
};

struct FormingHold {
    FormingBounds bounds;
    TimeMs bar = 0;  // the forming bar's time
    std::size_t closed = 0;  // closed bars of the series
    std::uint64_t runs = 0;  // SeriesView::runsVersion (0: no hold)
    const Clock *clock = nullptr;  // what `until` is read on (needed when it is not kForever)
    // Where the engine counts the updates it covered (the listener's memory:
    // best a small array of counters that stays in cache).
    std::uint64_t *covered = nullptr;
    // The listener's generation of holds: the hold covers only while it reads
    // `generation` (one word for all of a listener's holds: voiding one voids all).
    const std::uint32_t *voided = nullptr;
    std::uint32_t generation = 0;

    // True when the hold covers an update to `forming` of a series with
    // `closedCount` closed bars and runs version `runsVersion`.
    bool covers(const Bar &forming, std::size_t closedCount, std::uint64_t runsVersion) const
    {
        if (runs == 0 || *voided != generation || forming.time != bar || closedCount != closed
            || runsVersion != runs)
            return false;
        if (bounds.until == FormingBounds::kForever)
            return bounds.holds(forming, 0);
        return clock != nullptr && bounds.holds(forming, clock->now());
    }
};

}  // namespace wick
