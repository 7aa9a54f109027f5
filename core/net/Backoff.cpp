#include "net/Backoff.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

namespace wick {

Backoff::Backoff(BackoffPolicy policy, Uniform uniform)
    : m_policy(policy)
    , m_uniform(std::move(uniform))
{
    m_policy.initialMs = std::max<TimeMs>(1, m_policy.initialMs);
    m_policy.maxMs = std::max(m_policy.initialMs, m_policy.maxMs);
    m_policy.multiplier = std::max(1.0, m_policy.multiplier);
    if (!m_uniform) {
        auto engine = std::make_shared<std::mt19937_64>(std::random_device {}());
        m_uniform = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
    }
    m_previousMs = m_policy.initialMs;
}

TimeMs Backoff::nextDelayMs()
{
    const double initial = double(m_policy.initialMs);
    const double cap = double(m_policy.maxMs);
    // Clamp the draw: an injected source may hand out 1.0 exactly.
    const double u = std::clamp(m_uniform(), 0.0, 1.0);
    double delay = initial;
    switch (m_policy.jitter) {
    case Jitter::None:
    case Jitter::Full: {
        const double ceiling = std::min(
            cap, initial * std::pow(m_policy.multiplier, double(std::min(m_attempts, 64))));
        delay = m_policy.jitter == Jitter::None ? ceiling : initial + u * (ceiling - initial);
        break;
    }
    case Jitter::Decorrelated: {
        const double upper = std::min(cap, double(m_previousMs) * 3.0);
        delay = initial + u * (std::max(upper, initial) - initial);
        break;
    }
    }
    ++m_attempts;
    m_previousMs = std::clamp(TimeMs(std::llround(delay)), m_policy.initialMs, m_policy.maxMs);
    return m_previousMs;
}

void Backoff::reset()
{
    m_attempts = 0;
    m_previousMs = m_policy.initialMs;
}

}  // namespace wick
