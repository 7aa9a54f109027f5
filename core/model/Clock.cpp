#include "model/Clock.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <QDateTime>

namespace wick {

TimeMs SystemClock::now() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

namespace {

std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

SimulatedClock::SimulatedClock(TimeMs start, double speed)
    : m_start(start)
    , m_speed(speed > 0.0 ? speed : 1.0)
{ }

void SimulatedClock::start()
{
    std::int64_t expected = 0;
    m_startedNs.compare_exchange_strong(expected, std::max<std::int64_t>(steadyNs(), 1));
}

TimeMs SimulatedClock::now() const
{
    const std::int64_t started = m_startedNs.load(std::memory_order_acquire);
    if (started == 0)
        return m_start;
    const double elapsedMs = static_cast<double>(steadyNs() - started) / 1e6;
    return m_start + static_cast<TimeMs>(std::llround(elapsedMs * m_speed));
}

}  // namespace wick
