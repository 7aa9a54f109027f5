#include "net/CircuitBreaker.h"

#include <algorithm>

#include "model/Clock.h"

namespace wick {

QString circuitStateName(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed:
        return QStringLiteral("closed");
    case CircuitState::Open:
        return QStringLiteral("open");
    case CircuitState::HalfOpen:
        return QStringLiteral("half-open");
    }
    return QStringLiteral("unknown");
}

CircuitBreaker::CircuitBreaker(CircuitBreakerPolicy policy, std::shared_ptr<const Clock> clock)
    : m_policy(policy)
    , m_clock(std::move(clock))
{
    m_policy.failureThreshold = std::max(1, m_policy.failureThreshold);
    m_policy.halfOpenProbes = std::max(1, m_policy.halfOpenProbes);
    m_policy.openMs = std::max<TimeMs>(0, m_policy.openMs);
}

CircuitState CircuitBreaker::state() const
{
    if (m_state == CircuitState::Open && m_clock->now() >= m_openUntil)
        return CircuitState::HalfOpen;
    return m_state;
}

void CircuitBreaker::settle(TimeMs now)
{
    if (m_state == CircuitState::Open && now >= m_openUntil) {
        m_state = CircuitState::HalfOpen;
        m_probesSent = 0;
        m_probesSucceeded = 0;
    }
}

void CircuitBreaker::open(TimeMs now)
{
    m_state = CircuitState::Open;
    m_openUntil = now + m_policy.openMs;
    m_failures = 0;
    ++m_timesOpened;
}

bool CircuitBreaker::allowRequest()
{
    settle(m_clock->now());
    switch (m_state) {
    case CircuitState::Closed:
        return true;
    case CircuitState::Open:
        return false;
    case CircuitState::HalfOpen:
        if (m_probesSent >= m_policy.halfOpenProbes)
            return false;
        ++m_probesSent;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess()
{
    settle(m_clock->now());
    switch (m_state) {
    case CircuitState::Closed:
        m_failures = 0;
        break;
    case CircuitState::Open:
        break;  // a late answer to a request sent before the circuit opened
    case CircuitState::HalfOpen:
        if (++m_probesSucceeded >= m_policy.halfOpenProbes) {
            m_state = CircuitState::Closed;
            m_failures = 0;
        }
        break;
    }
}

void CircuitBreaker::recordFailure()
{
    const TimeMs now = m_clock->now();
    settle(now);
    switch (m_state) {
    case CircuitState::Closed:
        if (++m_failures >= m_policy.failureThreshold)
            open(now);
        break;
    case CircuitState::Open:
        break;
    case CircuitState::HalfOpen:
        open(now);
        break;
    }
}

TimeMs CircuitBreaker::reopensAt() const
{
    return state() == CircuitState::Open ? m_openUntil : 0;
}

}  // namespace wick
