#include "feeds/alphavantage/AlphaVantageBudget.h"

#include <algorithm>

namespace wick {

AlphaVantageBudget::AlphaVantageBudget(int perDay, int perMinute)
    : m_perDay(std::max(1, perDay))
    , m_perMinute(std::max(1, perMinute))
{ }

TimeMs AlphaVantageBudget::dayStart(TimeMs t)
{
    return t - ((t % kDayMs) + kDayMs) % kDayMs;
}

void AlphaVantageBudget::roll(TimeMs now) const
{
    const TimeMs day = dayStart(now);
    if (day != m_day) {
        m_day = day;
        m_used = 0;
        m_spent = false;
    }
}

TimeMs AlphaVantageBudget::nextAllowedAt(TimeMs now) const
{
    roll(now);
    if (m_spent || m_used >= m_perDay)
        return m_day + kDayMs;
    TimeMs at = std::max(now, m_minuteHeldUntil);
    if (int(m_minute.size()) >= m_perMinute)
        at = std::max(at, m_minute[m_minute.size() - std::size_t(m_perMinute)] + kMinuteMs);
    return at;
}

void AlphaVantageBudget::spend(TimeMs now)
{
    roll(now);
    ++m_used;
    m_minute.push_back(now);
    while (int(m_minute.size()) > m_perMinute)
        m_minute.pop_front();
}

void AlphaVantageBudget::minuteSpent(TimeMs now)
{
    m_minuteHeldUntil = std::max(m_minuteHeldUntil, now + kMinuteMs);
}

void AlphaVantageBudget::daySpent(TimeMs now)
{
    roll(now);
    m_spent = true;
}

int AlphaVantageBudget::usedToday(TimeMs now) const
{
    roll(now);
    return m_spent ? std::max(m_used, m_perDay) : m_used;
}

bool AlphaVantageBudget::daySpentAt(TimeMs now) const
{
    return nextAllowedAt(now) >= dayStart(now) + kDayMs;
}

}  // namespace wick
