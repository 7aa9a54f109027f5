#include "alerts/AlertRuleState.h"

#include <cmath>

namespace wick {

bool AlertRuleState::offer(
    const AlertRule &rule, bool holds, bool rearmed, TimeMs barTime, TimeMs at)
{
    const bool hysteresis = !std::isnan(rule.hysteresis);
    if (hysteresis && !m_levelArmed && rearmed)
        m_levelArmed = true;
    if (m_paused || !m_armed || m_expired)
        return false;
    if (rule.expiresAt != 0 && at >= rule.expiresAt) {
        m_expired = true;
        return false;
    }
    if (!holds)
        return false;
    if (hysteresis && !m_levelArmed)
        return false;
    if (rule.trigger != AlertTrigger::Once && m_lastFiredBar == barTime)
        return false;
    // A last fire after `at` holds no cooldown: see AlertRuleState.h (older builds' states).
    if (rule.cooldownMs > 0 && m_lastFire != kNever && m_lastFire <= at
        && at - m_lastFire < rule.cooldownMs)
        return false;

    ++m_fireCount;
    m_lastFire = at;
    m_lastFiredBar = barTime;
    if (hysteresis)
        m_levelArmed = false;
    if (rule.trigger == AlertTrigger::Once)
        m_armed = false;
    if (rule.maxFires > 0 && m_fireCount >= rule.maxFires)
        m_armed = false;
    m_recentFires.push_back(at);
    while (!m_recentFires.empty() && m_recentFires.front() <= at - kPauseWindowMs)
        m_recentFires.pop_front();
    if (int(m_recentFires.size()) > kPauseFires) {
        m_paused = true;
        m_pauseReason
            = QStringLiteral("paused: fired %1 times within 3 minutes").arg(m_recentFires.size());
        m_recentFires.clear();
    }
    return true;
}

void AlertRuleState::rearm()
{
    m_armed = true;
    m_paused = false;
    m_pauseReason.clear();
    m_levelArmed = true;
    m_fireCount = 0;
}

AlertStateRecord AlertRuleState::record(const QString &ruleId) const
{
    AlertStateRecord r;
    r.ruleId = ruleId;
    r.pauseReason = m_pauseReason;
    r.lastFire = m_lastFire;
    r.lastFiredBar = m_lastFiredBar;
    r.fireCount = m_fireCount;
    r.armed = m_armed;
    r.levelArmed = m_levelArmed;
    r.paused = m_paused;
    r.expired = m_expired;
    return r;
}

void AlertRuleState::restore(const AlertStateRecord &record)
{
    m_pauseReason = record.pauseReason;
    m_lastFire = record.lastFire;
    m_lastFiredBar = record.lastFiredBar;
    m_fireCount = record.fireCount;
    m_armed = record.armed;
    m_levelArmed = record.levelArmed;
    m_paused = record.paused;
    m_expired = record.expired;
    m_recentFires.clear();
}

}  // namespace wick
