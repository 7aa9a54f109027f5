#include "model/Clock.h"

#include <cmath>

#include <QDateTime>

namespace wick {

TimeMs SystemClock::now() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

SimulatedClock::SimulatedClock(TimeMs start, double speed)
    : m_start(start)
    , m_speed(speed > 0.0 ? speed : 1.0)
{
    m_elapsed.start();
}

TimeMs SimulatedClock::now() const
{
    return m_start
        + static_cast<TimeMs>(std::llround(static_cast<double>(m_elapsed.elapsed()) * m_speed));
}

}  // namespace wick
