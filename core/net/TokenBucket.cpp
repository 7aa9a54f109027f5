#include "net/TokenBucket.h"

#include <algorithm>
#include <cmath>

#include "model/Clock.h"

namespace wick {

TokenBucket::TokenBucket(double ratePerSecond, double burst, std::shared_ptr<const Clock> clock)
    : m_rate(ratePerSecond > 0.0 ? ratePerSecond : 1.0)
    , m_burst(burst >= 1.0 ? burst : 1.0)
    , m_clock(std::move(clock))
    , m_tokens(m_burst)
    , m_updated(m_clock->now())
{ }

double TokenBucket::refilled(TimeMs now) const
{
    // A clock that steps back (a manual clock reset, NTP) refills nothing.
    if (now > m_updated) {
        m_tokens = std::min(m_burst, m_tokens + m_rate * double(now - m_updated) / 1000.0);
        m_updated = now;
    }
    return m_tokens;
}

bool TokenBucket::tryAcquire(double tokens)
{
    if (refilled(m_clock->now()) + 1e-9 < tokens)
        return false;
    m_tokens = std::max(0.0, m_tokens - tokens);
    return true;
}

TimeMs TokenBucket::waitMs(double tokens) const
{
    if (tokens > m_burst)
        return -1;
    const double missing = tokens - refilled(m_clock->now());
    if (missing <= 1e-9)
        return 0;
    return TimeMs(std::ceil(missing * 1000.0 / m_rate));
}

double TokenBucket::available() const
{
    return refilled(m_clock->now());
}

}  // namespace wick
