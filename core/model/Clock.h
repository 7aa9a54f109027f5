// core/model/Clock: the time a feed lives in (wall clock, simulated demo time,
// manual test time). A clock is owned by its feed; now() is safe from any thread.
#pragma once

#include <atomic>

#include "model/Types.h"

namespace wick {

// The time a feed lives in. Real sources use the wall clock; the demo feed runs
// a simulated clock at a speed multiplier; tests drive a manual one.
// now() may be called from any thread.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual TimeMs now() const = 0;
};

class SystemClock final : public Clock
{
public:
    TimeMs now() const override;
};

// Stands at `start` until start() is called, then runs `speed` times faster
// than the wall clock (the demo market's time: it begins when its live stream
// does, not while its history is still being generated).
class SimulatedClock final : public Clock
{
public:
    SimulatedClock(TimeMs start, double speed);
    TimeMs now() const override;
    double speed() const { return m_speed; }
    // Starts the clock running (once; later calls do nothing). Any thread.
    void start();
    bool isRunning() const { return m_startedNs.load(std::memory_order_acquire) != 0; }

private:
    TimeMs m_start;
    double m_speed;
    std::atomic<std::int64_t> m_startedNs {0};  // steady-clock time of start(), 0 = stopped
};

// Moves only when told to.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(TimeMs start = 0)
        : m_now(start)
    { }
    TimeMs now() const override { return m_now.load(std::memory_order_acquire); }
    void set(TimeMs time) { m_now.store(time, std::memory_order_release); }
    void advance(TimeMs delta) { m_now.fetch_add(delta, std::memory_order_acq_rel); }

private:
    std::atomic<TimeMs> m_now;
};

}  // namespace wick
