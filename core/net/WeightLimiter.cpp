#include "net/WeightLimiter.h"

#include <algorithm>

#include "model/Clock.h"

namespace wick {

namespace {

// Without Retry-After: a 429 waits out the server's minute, a 418 the shortest
// documented ban (2 minutes).
constexpr TimeMs kDefaultBanMs = 120'000;

}  // namespace

WeightLimiter::WeightLimiter(std::shared_ptr<const Clock> clock, int limit, TimeMs windowMs)
    : m_clock(std::move(clock))
    , m_limit(limit > 0 ? limit : 6000)
    , m_windowMs(windowMs > 0 ? windowMs : 60'000)
{ }

void WeightLimiter::setLimit(int limit)
{
    if (limit > 0)
        m_limit = limit;
}

void WeightLimiter::expire(TimeMs now) const
{
    // A charge at time c counts for every window containing c: [c, c + window).
    while (!m_charges.empty() && m_charges.front().time + m_windowMs <= now) {
        m_charged -= m_charges.front().weight;
        m_charges.pop_front();
    }
}

int WeightLimiter::chargedSince(TimeMs from) const
{
    int sum = 0;
    for (auto it = m_charges.rbegin(); it != m_charges.rend() && it->time >= from; ++it)
        sum += it->weight;
    return sum;
}

int WeightLimiter::usedWeight() const
{
    expire(m_clock->now());
    return m_charged;
}

WeightLimiter::Admission WeightLimiter::tryAcquire(int weight)
{
    weight = std::max(weight, 0);
    if (weight > m_limit)
        return {Decision::Impossible, 0};
    const TimeMs now = m_clock->now();
    if (now < m_blockedUntil)
        return {Decision::Wait, m_blockedUntil};
    expire(now);
    if (m_charged + weight <= m_limit) {
        if (!m_charges.empty() && m_charges.back().time == now)
            m_charges.back().weight += weight;
        else
            m_charges.push_back({now, weight});
        m_charged += weight;
        return {Decision::Granted, 0};
    }
    // The earliest time enough old charges have left the window.
    int left = m_charged;
    for (const Charge &c : m_charges) {
        left -= c.weight;
        if (left + weight <= m_limit)
            return {Decision::Wait, c.time + m_windowMs};
    }
    return {Decision::Wait, now + m_windowMs};  // unreachable: weight <= limit
}

void WeightLimiter::onResponse(
    int httpStatus, std::optional<int> usedWeight1m, std::optional<std::int64_t> retryAfterSeconds)
{
    const TimeMs now = m_clock->now();
    expire(now);
    if (usedWeight1m && *usedWeight1m > 0) {
        // The server counts per calendar minute and counts every client on this
        // IP. Weight it saw beyond what we charged this minute is someone else's:
        // charge it now, so it ages out of our (stricter) sliding window later.
        const TimeMs minuteStart = now - now % 60'000;
        const int ours = chargedSince(minuteStart);
        const int foreign = *usedWeight1m - ours;
        if (foreign > 0) {
            if (!m_charges.empty() && m_charges.back().time == now)
                m_charges.back().weight += foreign;
            else
                m_charges.push_back({now, foreign});
            m_charged += foreign;
        }
    }
    if (httpStatus == 429 || httpStatus == 418) {
        ++m_limitedResponses;
        TimeMs until = 0;
        if (retryAfterSeconds && *retryAfterSeconds >= 0)
            until = now + *retryAfterSeconds * 1000;
        else if (httpStatus == 418)
            until = now + kDefaultBanMs;
        else
            until = now - now % 60'000 + 60'000;
        if (until > m_blockedUntil) {
            m_blockedUntil = until;
            m_banned = httpStatus == 418;
        }
    }
}

TimeMs WeightLimiter::blockedUntil() const
{
    return m_clock->now() < m_blockedUntil ? m_blockedUntil : 0;
}

bool WeightLimiter::isBanned() const
{
    return m_banned && blockedUntil() != 0;
}

}  // namespace wick
