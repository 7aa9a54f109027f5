// core/net: WeightLimiter, request-weight limiting over a sliding window (Binance's
// REQUEST_WEIGHT); owned by a RestClient on its feed's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "model/Types.h"

namespace wick {

class Clock;

// Binance-style request-weight limiting (REQUEST_WEIGHT per minute per IP).
// Every request's weight is charged before it is sent, so the weight charged in
// any sliding window of `windowMs` never exceeds the limit; the server's
// X-MBX-USED-WEIGHT-1M header is folded in (other clients on the same IP count
// too), and a 429 or 418 with Retry-After blocks every request until then.
// One thread (the feed's).
class WeightLimiter
{
public:
    enum class Decision : std::uint8_t { Granted, Wait, Impossible };
    struct Admission {
        Decision decision = Decision::Granted;
        TimeMs retryAt = 0;  // Wait: the earliest time the same request can be granted
    };

    // 6000 per minute is what Binance advertises for spot REQUEST_WEIGHT.
    explicit WeightLimiter(
        std::shared_ptr<const Clock> clock, int limit = 6000, TimeMs windowMs = 60'000);

    int limit() const { return m_limit; }
    TimeMs windowMs() const { return m_windowMs; }
    // From exchangeInfo's rateLimits (REQUEST_WEIGHT); ignores non-positive values.
    void setLimit(int limit);

    // Charges `weight` and grants the request, or says when to come back
    // (nothing charged). Impossible: the weight exceeds the limit.
    Admission tryAcquire(int weight);
    // What the server answered: the HTTP status, X-MBX-USED-WEIGHT-1M if present,
    // and Retry-After in seconds if present. A header above what we charged this
    // minute adds the difference; one below never lowers our count (the server's
    // calendar minute resets, our sliding window is the stricter of the two).
    void onResponse(int httpStatus, std::optional<int> usedWeight1m,
        std::optional<std::int64_t> retryAfterSeconds);

    // Weight charged in the window ending now (including server corrections).
    int usedWeight() const;
    // While blocked by a 429/418: when the block ends (0 when not blocked).
    TimeMs blockedUntil() const;
    bool isBanned() const;  // the block came from a 418 (IP ban)
    std::int64_t rateLimitedResponses() const { return m_limitedResponses; }

private:
    struct Charge {
        TimeMs time;
        int weight;
    };
    void expire(TimeMs now) const;
    int chargedSince(TimeMs from) const;

    std::shared_ptr<const Clock> m_clock;
    int m_limit;
    TimeMs m_windowMs;
    mutable std::deque<Charge> m_charges;  // oldest first
    mutable int m_charged = 0;  // sum of m_charges
    TimeMs m_blockedUntil = 0;
    bool m_banned = false;
    std::int64_t m_limitedResponses = 0;
};

}  // namespace wick
