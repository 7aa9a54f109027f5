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
// The condition is compiled once, at construction: its nodes in post-order
// (children before their parent, the root last), each operand resolved to a
// leaf of AlertSample's table or to a constant, so a sample is one loop over
// a few steps. What only closed bars give -- the values at i-1 of a first
// sample, the K bars before of `moves`, the N volumes before of
// `volume_spike` -- is read from the series once per closed-bar index and
// kept while the forming bar moves.
//
// Idle: once a rule without hysteresis, data conditions or a pending expiry
// has fired on a bar (once-per-bar), the forming bar's later updates can
// neither fire it nor change anything that a later sample reads (the bar's
// close evaluates it from the series again), so the evaluator skips them:
// skipIfIdle().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "alerts/AlertFire.h"
#include "alerts/AlertRule.h"
#include "alerts/AlertRuleState.h"
#include "alerts/AlertSample.h"
#include "alerts/AlertSeriesData.h"

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
        return m_idleable && m_state.lastFiredBar() == barTime
            && (m_rule.expiresAt == 0 || at < m_rule.expiresAt);
    }
    // The indicator slots the rule reads (AlertSample::slotBit).
    std::uint64_t slotMask() const { return m_slotMask; }
    // Evaluates only the data conditions (stale, quality) when no bar moved:
    // bar operands read nothing (NaN). barTime: the bucket the fire counts for.
    std::optional<AlertFire> evaluateStatus(
        const AlertDataStatus &status, TimeMs barTime, TimeMs at);
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
    // An operand at the current sample: k * the leaf's value, or k itself (a
    // number; NaN: a slot that does not exist) when leaf < 0.
    struct Operand {
        int leaf = -1;
        double k = std::numeric_limits<double>::quiet_NaN();
    };
    // What a step keeps of closed bars, for the closed-bar index `at`.
    struct History {
        std::size_t at = SIZE_MAX;  // SIZE_MAX: nothing kept
        std::vector<double> values;  // moves: the left operand at at-1, at-2, ...
        double sum = 0.0;  // volume_spike: the volumes of the N bars before `at`
    };
    struct Step {
        AlertOp op = AlertOp::Greater;
        int node = -1;  // in m_rule.condition.nodes
        int a = -1;  // And/Or: the children's steps
        int b = -1;
        Operand left;
        Operand right;
    };

    // A step with what it keeps from sample to sample and this sample's result.
    struct Node {
        Step step;
        Previous previous;  // the last sample's values
        Result result;
    };
    // Rules of up to three nodes (`a AND b`) keep them inside the object, so
    // the rules of a series, evaluated in order, are read as one stride.
    static constexpr std::size_t kInlineNodes = 3;

    void compile();
    int compileNode(int node, std::vector<Node> &out);
    Operand compileOperand(const AlertOperand &operand);
    static double current(const Operand &o, const double *v)
    {
        return o.leaf < 0 ? o.k : o.k * v[o.leaf];
    }
    Node &nodeAt(std::size_t k) { return m_count <= kInlineNodes ? m_inline[k] : m_spill[k]; }
    double value(const AlertOperand &operand, const AlertSample &s, std::size_t i) const;
    Result step(std::size_t k, const AlertSample &s, const AlertDataStatus &status);
    std::optional<AlertFire> offer(const Result &r, TimeMs barTime, TimeMs at, bool intrabar);

    // What a sample reads first, then the state its gates read, then the rest.
    std::size_t m_count = 0;  // nodes, post-order: children first, the root last
    std::uint64_t m_slotMask = 0;
    int m_slotCount = 0;  // the highest slot read, plus one
    bool m_idleable = false;  // not `once`, no hysteresis, no data condition
    std::array<Node, kInlineNodes> m_inline;  // the nodes, when m_count <= kInlineNodes
    AlertRuleState m_state;
    AlertRule m_rule;
    std::vector<Node> m_spill;  // the nodes, when there are more
    std::vector<History> m_history;  // per node, for moves and volume_spike; else empty
    std::vector<int> m_slots;
};

}  // namespace wick
