// core/bars/Aggregator: one symbol's closed 1m bars rolled up to 5m .. 1w,
// each higher timeframe's forming bar included. A plain object, one per
// symbol, owned by the engine thread.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "model/Bar.h"
#include "model/Timeframe.h"

namespace wick {

// A bar that closed at a timeframe above 1m.
struct ClosedBar {
    Timeframe timeframe;
    Bar bar;
};

// Rolls one symbol's closed 1m bars up to 5m, 15m, 30m, 1h, 4h, 1d and 1w.
// Each higher timeframe keeps its forming bar built from the closed minutes of
// its bucket; formingBar() adds the still-forming minute on top, so the live
// higher bar moves with every trade without any work per trade here.
// Minutes must arrive in time order; an older minute is refused (returns false).
class Aggregator
{
public:
    explicit Aggregator(const BarDays &days = {});

    // Adds a closed 1m bar; higher bars it closes are appended to closed.
    bool addMinute(const Bar &minute, std::vector<ClosedBar> &closed);
    // Closes every forming higher bar whose bucket ends at or before now
    // (the engine calls it with the clock, and with the open time of each new minute).
    void closeDue(TimeMs now, std::vector<ClosedBar> &closed);

    // The live bar of a higher timeframe: its closed minutes plus the forming
    // minute, when that minute falls in the same bucket. Empty when there is
    // nothing in the current bucket yet.
    std::optional<Bar> formingBar(Timeframe tf, const Bar *formingMinute) const;

    // The timeframes this aggregator produces (all but 1m).
    static constexpr std::array<Timeframe, kTimeframeCount - 1> higherTimeframes()
    {
        return {Timeframe::M5, Timeframe::M15, Timeframe::M30, Timeframe::H1, Timeframe::H4,
            Timeframe::D1, Timeframe::W1};
    }

    // Batch path: the bars of tf over a time-ordered run of closed 1m bars,
    // the last (possibly incomplete) bucket included.
    static std::vector<Bar> aggregate(
        const std::vector<Bar> &minutes, Timeframe tf, const BarDays &days = {});

private:
    struct Level {
        TimeframeCalendar calendar;
        Bar bar;
        TimeMs end = 0;
        bool hasBar = false;
    };

    Level &level(Timeframe tf) { return m_levels[timeframeIndex(tf) - 1]; }
    const Level &level(Timeframe tf) const { return m_levels[timeframeIndex(tf) - 1]; }

    std::array<Level, kTimeframeCount - 1> m_levels;
    TimeMs m_lastMinute = INT64_MIN;
};

}  // namespace wick
