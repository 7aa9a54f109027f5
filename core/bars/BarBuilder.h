// core/bars: turning trades into bars and bars into higher timeframes.
// BarBuilder (ticks -> bars of one timeframe) and Aggregator (closed 1m bars ->
// 5m .. 1w). Plain single-threaded objects; the engine thread owns them.
#pragma once

#include <cstdint>
#include <vector>

#include "model/Bar.h"
#include "model/Timeframe.h"

namespace wick {

// What a trade did to the bars.
enum class TickOutcome : std::uint8_t {
    Opened,  // started a new forming bar (closing the previous one, if any)
    Updated,  // folded into the forming bar
    Late,  // older than the forming bar's bucket: not merged, left to the caller
};

// Builds the bars of one symbol at one timeframe from its trades, in time order.
// The forming bar is updated in place. It closes when a trade of a later bucket
// arrives or when closeDue() sees the clock pass the bucket's end, so a quiet
// symbol still closes on time. A bucket with no trades makes no bar. A trade
// inside the forming bucket but older than its newest trade is merged where it
// belongs in time (it can set the open, never the close).
class BarBuilder
{
public:
    explicit BarBuilder(TimeframeCalendar calendar);

    // Adds one trade; a bar it closes is appended to closed.
    TickOutcome addTick(TimeMs time, double price, double size, std::vector<Bar> &closed);
    // Closes the forming bar if now has reached its bucket's end; returns whether it did.
    bool closeDue(TimeMs now, std::vector<Bar> &closed);
    // The source's own forming bar (a stream's unclosed kline: the bucket's OHLCV
    // so far). The forming bar becomes exactly that bar (its time moved to the
    // bucket's open), replacing what trades built for the bucket; later trades of
    // the bucket fold into it as usual (high, low, close, volume, count; never
    // the open). A bar of a later bucket closes the forming one first (Opened).
    // A bar of a bucket that is closed already, or older than the forming one,
    // changes nothing and is counted (Late).
    TickOutcome mergeFormingBar(const Bar &bar, std::vector<Bar> &closed);

    bool hasForming() const { return m_hasForming; }
    const Bar &formingBar() const { return m_forming; }
    TimeMs formingEnd() const { return m_formingEnd; }
    // End of the newest bucket that is closed: trades before it are late.
    TimeMs closedUntil() const { return m_closedUntil; }
    std::uint64_t lateTickCount() const { return m_lateTicks; }
    // Forming bars that mergeFormingBar() ignored (their bucket had closed).
    std::uint64_t lateFormingBarCount() const { return m_lateFormingBars; }
    Timeframe timeframe() const { return m_calendar.timeframe(); }

    // Resumes after history: trades before `time` count as late.
    void setClosedUntil(TimeMs time);

private:
    void closeForming(std::vector<Bar> &closed);

    TimeframeCalendar m_calendar;
    Bar m_forming;
    TimeMs m_formingEnd = 0;
    TimeMs m_firstTradeTime = 0;
    TimeMs m_lastTradeTime = 0;
    TimeMs m_closedUntil = INT64_MIN;
    std::uint64_t m_lateTicks = 0;
    std::uint64_t m_lateFormingBars = 0;
    bool m_hasForming = false;
};

}  // namespace wick
