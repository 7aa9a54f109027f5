// core/feeds/alphavantage: AlphaVantageBudget, the free plan's two limits --
// requests per day (25) and per minute (5) -- kept by the feed before each
// request, so that Wick asks only what the plan still allows, and told when
// Alpha Vantage says a limit was reached anyway (another program on the same
// key, a restart that forgot the count). The day turns at 00:00 UTC. A plain
// value on the feed's thread.
#pragma once

#include <deque>

#include "model/Types.h"

namespace wick {

class AlphaVantageBudget
{
public:
    AlphaVantageBudget(int perDay, int perMinute);

    // When the next request may go: `now` when both limits allow one, else
    // when the older of the minute's requests leaves the window, or the next
    // day's start when the day's requests are spent.
    TimeMs nextAllowedAt(TimeMs now) const;
    bool allows(TimeMs now) const { return nextAllowedAt(now) <= now; }
    // A request went out at `now`.
    void spend(TimeMs now);
    // Alpha Vantage answered "Note" (the minute is spent) or the daily
    // "Information" (the day is spent).
    void minuteSpent(TimeMs now);
    void daySpent(TimeMs now);

    int usedToday(TimeMs now) const;
    bool daySpentAt(TimeMs now) const;
    int perDay() const { return m_perDay; }
    int perMinute() const { return m_perMinute; }
    static TimeMs dayStart(TimeMs t);

private:
    void roll(TimeMs now) const;

    int m_perDay;
    int m_perMinute;
    mutable TimeMs m_day = -1;  // dayStart() of the day counted
    mutable int m_used = 0;
    mutable bool m_spent = false;  // Alpha Vantage said the day is spent
    std::deque<TimeMs> m_minute;  // the last perMinute requests' times
    TimeMs m_minuteHeldUntil = 0;  // a "Note": nothing before this
};

}  // namespace wick
