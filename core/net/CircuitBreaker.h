// core/net: CircuitBreaker, the closed / open / half-open guard in front of a
// source's REST client or streams; owned on its feed's thread.
#pragma once

#include <cstdint>
#include <memory>

#include <QString>

#include "model/Types.h"

namespace wick {

class Clock;

enum class CircuitState : std::uint8_t { Closed, Open, HalfOpen };

QString circuitStateName(CircuitState state);

struct CircuitBreakerPolicy {
    int failureThreshold = 5;  // consecutive failures that open the circuit
    TimeMs openMs = 30'000;  // how long it stays open before probing
    int halfOpenProbes = 1;  // requests let through half-open; all must succeed to close
};

// Closed: requests flow; `failureThreshold` consecutive failures open it.
// Open: every request is refused until `openMs` has passed, then it turns
// half-open. Half-open: at most `halfOpenProbes` requests go out; if they all
// succeed it closes, one failure opens it again for another `openMs`.
class CircuitBreaker
{
public:
    explicit CircuitBreaker(CircuitBreakerPolicy policy, std::shared_ptr<const Clock> clock);

    const CircuitBreakerPolicy &policy() const { return m_policy; }
    // The state now (an expired open period reads as half-open).
    CircuitState state() const;
    // Asks to send one request; true means go (half-open: it counts as a probe).
    bool allowRequest();
    void recordSuccess();
    void recordFailure();
    // When an open circuit will let a probe through (0 when not open).
    TimeMs reopensAt() const;
    // How many times the circuit has opened.
    int timesOpened() const { return m_timesOpened; }
    int consecutiveFailures() const { return m_failures; }

private:
    void open(TimeMs now);
    void settle(TimeMs now);

    CircuitBreakerPolicy m_policy;
    std::shared_ptr<const Clock> m_clock;
    CircuitState m_state = CircuitState::Closed;
    int m_failures = 0;
    int m_probesSent = 0;
    int m_probesSucceeded = 0;
    int m_timesOpened = 0;
    TimeMs m_openUntil = 0;
};

}  // namespace wick
