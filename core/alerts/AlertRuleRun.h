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
#pragma once

#include <optional>
#include <vector>

#include "alerts/AlertFire.h"
#include "alerts/AlertRule.h"
#include "alerts/AlertRuleState.h"
#include "alerts/AlertSeriesData.h"

namespace wick {

class AlertRuleRun
{
public:
    // specSlots[k]: the data slot that holds rule.condition.specs[k].
    AlertRuleRun(AlertRule rule, std::vector<int> specSlots);

    // Evaluates at sample i (closed bar, or the forming bar when i ==
    // data.closedCount()); `at` is the fire time the gates use. The fire when
    // the rule fires.
    std::optional<AlertFire> evaluate(
        const AlertSeriesData &data, std::size_t i, const AlertDataStatus &status, TimeMs at);
    // Evaluates only the data conditions (stale, quality) when no bar moved:
    // bar operands read nothing (NaN). barTime: the bucket the fire counts for.
    std::optional<AlertFire> evaluateStatus(
        const AlertDataStatus &status, TimeMs barTime, TimeMs at);
    // Forgets the previous sample (the series was replaced).
    void resetSamples();

    const AlertRule &rule() const { return m_rule; }
    AlertRuleState &state() { return m_state; }
    const AlertRuleState &state() const { return m_state; }
    // Whether forming-bar updates are samples (once, once-per-bar).
    bool readsForming() const { return m_rule.trigger != AlertTrigger::OncePerBarClose; }
    const std::vector<int> &specSlots() const { return m_slots; }

private:
    struct Result {
        bool holds = false;
        bool rearmed = false;
        double left = std::numeric_limits<double>::quiet_NaN();
        double right = std::numeric_limits<double>::quiet_NaN();
    };
    struct Previous {
        double a = std::numeric_limits<double>::quiet_NaN();
        double b = std::numeric_limits<double>::quiet_NaN();
        bool sampled = false;  // false: none since the start or a reset
    };
    struct Sample;

    Result node(int index, const Sample &s);
    double value(const AlertOperand &operand, const Sample &s, std::size_t i) const;
    std::optional<AlertFire> offer(const Result &r, TimeMs barTime, TimeMs at, bool intrabar);

    AlertRule m_rule;
    AlertRuleState m_state;
    std::vector<int> m_slots;
    std::vector<Previous> m_previous;  // per node: the last sample's values
};

}  // namespace wick
