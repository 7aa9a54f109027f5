// core/net: Backoff, retry delays with jitter for reconnects and REST retries;
// a value owned by one client on its feed's thread.
#pragma once

#include <cstdint>
#include <functional>

#include "model/Types.h"

namespace wick {

// How retry delays spread out. Full: uniform between the initial delay and the
// exponential ceiling (initial x multiplier^attempt, capped). Decorrelated
// (AWS "decorrelated jitter"): uniform between the initial delay and 3x the
// previous delay, capped. None: the ceiling itself.
enum class Jitter : std::uint8_t { None, Full, Decorrelated };

struct BackoffPolicy {
    TimeMs initialMs = 1000;
    TimeMs maxMs = 60'000;
    double multiplier = 2.0;
    Jitter jitter = Jitter::Full;
};

// Exponential backoff with jitter for reconnects and retries: every delay lies
// in [initialMs, maxMs]; reset() after a success starts again from the bottom.
class Backoff
{
public:
    // Returns a uniform draw in [0, 1); injectable so tests are deterministic.
    using Uniform = std::function<double()>;

    explicit Backoff(BackoffPolicy policy = {}, Uniform uniform = {});

    const BackoffPolicy &policy() const { return m_policy; }
    // The delay before the next attempt; counts the attempt.
    TimeMs nextDelayMs();
    // After a success.
    void reset();
    // Delays handed out since the last reset.
    int attempts() const { return m_attempts; }

private:
    BackoffPolicy m_policy;
    Uniform m_uniform;
    int m_attempts = 0;
    TimeMs m_previousMs = 0;
};

}  // namespace wick
