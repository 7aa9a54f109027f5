// core/net: resilience primitives shared by every network source (rate limits,
// backoff, circuit breaking). Plain objects with an injected clock: no timers,
// no sleeping, no threads of their own; each is used from its feed's thread.
#pragma once

#include <memory>

#include "model/Types.h"

namespace wick {

class Clock;

// A token bucket: `ratePerSecond` tokens refill continuously up to `burst`.
// A caller takes tokens before it sends; when there are too few it learns how
// long to wait instead of sleeping here.
class TokenBucket
{
public:
    // Starts full. ratePerSecond > 0, burst >= 1.
    TokenBucket(double ratePerSecond, double burst, std::shared_ptr<const Clock> clock);

    double ratePerSecond() const { return m_rate; }
    double burst() const { return m_burst; }

    // Takes `tokens` if they are available now; otherwise takes nothing.
    bool tryAcquire(double tokens = 1.0);
    // Milliseconds until `tokens` will be available (0: now); -1 when they never
    // can be (more than the burst).
    TimeMs waitMs(double tokens = 1.0) const;
    // Tokens available now.
    double available() const;

private:
    double refilled(TimeMs now) const;

    double m_rate;
    double m_burst;
    std::shared_ptr<const Clock> m_clock;
    mutable double m_tokens;
    mutable TimeMs m_updated;
};

}  // namespace wick
