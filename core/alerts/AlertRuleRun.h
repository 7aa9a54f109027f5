// core/alerts/AlertRuleRun: one rule being evaluated on one series -- its
// condition read at each sample (AlertCondition.h says what each node means),
// the previous sample's values that crossings and enters/exits compare with,
// and the gates of AlertRuleState. Owned by its evaluator (AlertEngine on the
// engine thread, AlertBacktest on the caller's).
//
// A sample is a closed bar i (atClose: "previous" is bar i-1, read from the
// series) or the forming bar (previous is the last sample taken, forming or
// closed; the last closed bar when there was none since the start or a
// reset). Every sample updates the previous values, fire or not.
//
// The condition is compiled once, at construction, into a one-rule
// AlertSeriesProgram (which holds the previous sample and what it keeps of
// closed bars); AlertEngine evaluates the rules of a series through one
// program for all of them and offers the results to each rule here (offer()).
//
// Idle: once a rule without hysteresis, data conditions or a pending expiry
// has fired on a bar (once-per-bar), the forming bar's later updates can
// neither fire it nor change anything that a later sample reads (the bar's
// close evaluates it from the series again), so the evaluator skips them:
// skipIfIdle().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "alerts/AlertFire.h"
#include "alerts/AlertRule.h"
#include "alerts/AlertRuleState.h"
#include "alerts/AlertSample.h"
#include "alerts/AlertSeriesData.h"
#include "alerts/AlertSeriesProgram.h"

namespace wick {

class AlertRuleRun
{
public:
    // specSlots[k]: the data slot that holds rule.condition.specs[k].
    AlertRuleRun(AlertRule rule, std::vector<int> specSlots);

    // Evaluates at a sample whose slots of slotMask() are read (sample.need());
    // `at` is the fire time the gates use. The fire when the rule fires.
    std::optional<AlertFire> evaluate(
        AlertSample &sample, const AlertDataStatus &status, TimeMs at);
    // The same at sample i of data (closed bar, or the forming bar when i ==
    // data.closedCount()), through a sample of its own.
    std::optional<AlertFire> evaluate(
        const AlertSeriesData &data, std::size_t i, const AlertDataStatus &status, TimeMs at);
    // True, and the sample is to be skipped, when a forming-bar sample of bar
    // barTime at `at` cannot change anything (see Idle above).
    bool skipIfIdle(TimeMs barTime, TimeMs at) const
    {
        return m_program.idleable(0) && m_state.lastFiredBar() == barTime
            && (m_rule.expiresAt == 0 || at < m_rule.expiresAt);
    }
    // The indicator slots the rule reads (AlertSample::slotBit).
    std::uint64_t slotMask() const { return m_program.slotMask(0); }
    // Evaluates only the data conditions (stale, quality) when no bar moved:
    // bar operands read nothing (NaN). barTime: the bucket the fire counts for.
    std::optional<AlertFire> evaluateStatus(
        const AlertDataStatus &status, TimeMs barTime, TimeMs at);
    // Offers a result of the rule's condition at `bar` (its time is the bar
    // the fire counts for) to the gates of its state: the fire when it fires.
    std::optional<AlertFire> offer(
        const AlertSeriesProgram::Result &result, const Bar &bar, TimeMs at, bool intrabar);
    // Forgets the previous sample and what it kept of closed bars (the series
    // was replaced, or the rule's state restored).
    void resetSamples();

    const AlertRule &rule() const { return m_rule; }
    AlertRuleState &state() { return m_state; }
    const AlertRuleState &state() const { return m_state; }
    // Whether forming-bar updates are samples (once, once-per-bar).
    bool readsForming() const { return m_rule.trigger != AlertTrigger::OncePerBarClose; }
    const std::vector<int> &specSlots() const { return m_slots; }

private:
    std::optional<AlertFire> fire(
        const AlertSeriesProgram::Result &r, TimeMs barTime, TimeMs at, bool intrabar);

    AlertSeriesProgram m_program;  // this rule alone: rule 0
    AlertRuleState m_state;
    AlertRule m_rule;
    std::vector<int> m_slots;
};

}  // namespace wick
