// core/alerts/AlertRuleState: the live state of one rule -- armed, fires so
// far, last fire, the bar it last fired on, hysteresis, auto-pause and
// expiry -- and the gates a holding condition passes before it fires
// (AlertRule.h lists them in order). A plain value (what the cache will keep
// per rule); owned by whoever evaluates the rule (the engine thread, or a
// backtest's caller).
//
// Fire times are the clock of the series' source (AlertEngine.h): a demo's or
// a replay's simulated time, else the wall clock. States saved by builds
// before that kept wall-clock fire times; restored on a source whose clock is
// behind the wall clock, such a lastFire lies in the clock's future. The
// cooldown counts only from a last fire at or before the evaluation time, so
// that state never silences a rule (and a clock set back does not either);
// the next fire replaces it with a time of the right clock. The one-fire-per-
// bar gate compares bar open times (the data's time), which no build changed.
#pragma once

#include <deque>
#include <limits>

#include <QString>

#include "alerts/AlertRule.h"

namespace wick {

// A rule's state as the cache keeps it (table alert_state) and as it crosses
// threads: what restore() takes back after a restart.
struct AlertStateRecord {
    QString ruleId;
    QString pauseReason;
    TimeMs lastFire = std::numeric_limits<TimeMs>::min();  // kNever: none
    TimeMs lastFiredBar = std::numeric_limits<TimeMs>::min();
    int fireCount = 0;
    bool armed = true;
    bool levelArmed = true;
    bool paused = false;
    bool expired = false;
    friend bool operator==(const AlertStateRecord &, const AlertStateRecord &) = default;
};

class AlertRuleState
{
public:
    static constexpr int kPauseFires = 15;  // more than this many ...
    static constexpr TimeMs kPauseWindowMs = 3 * kMinuteMs;  // ... within this long pauses
    static constexpr TimeMs kNever = std::numeric_limits<TimeMs>::min();

    // One evaluation: whether the condition holds, whether it has gone back
    // past its level by the band (hysteresis), the bar and the time. True when
    // the rule fires.
    bool offer(const AlertRule &rule, bool holds, bool rearmed, TimeMs barTime, TimeMs at);
    // Arms a rule again after `once`, max fires or a pause; the fire count starts again.
    void rearm();

    bool armed() const { return m_armed; }
    bool paused() const { return m_paused; }
    bool expired() const { return m_expired; }
    const QString &pauseReason() const { return m_pauseReason; }
    int fireCount() const { return m_fireCount; }
    TimeMs lastFireTime() const { return m_lastFire; }
    TimeMs lastFiredBar() const { return m_lastFiredBar; }
    bool levelArmed() const { return m_levelArmed; }

    // The state as a record (ruleId set by the caller), and back: a restored
    // rule keeps its fire count, last fired bar and pause across a restart.
    AlertStateRecord record(const QString &ruleId) const;
    void restore(const AlertStateRecord &record);

private:
    // What every sample's gates read first; what only a fire touches after.
    TimeMs m_lastFire = kNever;
    TimeMs m_lastFiredBar = kNever;
    int m_fireCount = 0;
    bool m_armed = true;
    bool m_levelArmed = true;
    bool m_paused = false;
    bool m_expired = false;
    QString m_pauseReason;
    std::deque<TimeMs> m_recentFires;  // within kPauseWindowMs of the newest
};

}  // namespace wick
