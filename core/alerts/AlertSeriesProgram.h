// core/alerts/AlertSeriesProgram: the compiled conditions of the alert rules
// of one series as one flat program -- every rule's steps (its condition's
// nodes in post-order: children before their parent, the root last, each
// operand a leaf of AlertSample's table or a constant, every parameter of the
// node inside its step) in one array, with the previous sample's values that
// crossings and enters/exits compare with kept in the step itself, and per
// rule the few facts a sample reads before it (trigger, idle, expiry,
// hysteresis) in a second array. So a forming-bar update of a series walks two
// contiguous blocks and never the rule, its condition tree or its state.
// AlertRuleRun evaluates one rule through a program of its own; AlertEngine
// keeps one per series (rule r of the program is its Series' run r). Owned by
// its evaluator, on its thread (the engine thread, a backtest's caller).
//
// What a step computes is AlertCondition.h's semantics, as AlertRuleRun.h
// describes the samples: a closed bar i (previous: bar i-1, read from the
// series) or the forming bar (previous: the last sample taken). What only
// closed bars give -- the K bars before of `moves`, the N volumes before of
// `volume_spike` -- is read once per closed-bar index and kept while the
// forming bar moves.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "alerts/AlertRule.h"
#include "alerts/AlertSample.h"
#include "alerts/AlertSeriesData.h"

namespace wick {

class AlertSeriesProgram
{
public:
    // A rule's condition at a sample: whether it holds, whether it has gone
    // back past its level by the hysteresis band, and the values a fire shows.
    struct Result {
        bool holds = false;
        bool rearmed = false;
        double left = std::numeric_limits<double>::quiet_NaN();
        double right = std::numeric_limits<double>::quiet_NaN();
    };

    // Appends a rule (specSlots[k]: the data slot of rule.condition.specs[k]);
    // returns its index. A rule without a condition has no steps.
    int add(const AlertRule &rule, const std::vector<int> &specSlots);
    // Removes rule r; the rules after it move down one and keep their samples.
    void remove(int r);
    int ruleCount() const { return int(m_rules.size()); }
    // The highest slot any rule reads, plus one.
    int slotCount() const { return m_slotCount; }

    bool hasSteps(int r) const { return rule(r).count > 0; }
    // The indicator slots rule r reads (AlertSample::slotBit).
    std::uint64_t slotMask(int r) const { return rule(r).slotMask; }
    // Whether forming-bar updates are samples of rule r (once, once-per-bar).
    bool readsForming(int r) const { return rule(r).readsForming; }
    // Not `once`, no hysteresis, no data condition: idle once it fired on a bar.
    bool idleable(int r) const { return rule(r).idleable; }
    // True when a forming-bar sample of bar barTime at `at` cannot change
    // anything for rule r (AlertRuleRun.h, Idle); firedBar is the bar its
    // state last fired on (setFiredBar).
    bool skipIfIdle(int r, TimeMs barTime, TimeMs at) const
    {
        const Rule &h = rule(r);
        return h.idleable && h.firedBar == barTime && (h.expiresAt == 0 || at < h.expiresAt);
    }
    // The rules a sample evaluates, in order, into `rules` (a closed bar
    // evaluates every rule; a forming-bar update of bar barTime at `at` those
    // that read forming bars and are not idle), and the slots they read
    // together: read them with one sample.need() before the rules, so that
    // the forming values are fetched in one go.
    std::uint64_t select(bool atClose, TimeMs barTime, TimeMs at, std::vector<int> &rules) const;
    // Tells the program the bar rule r's state last fired on (after an offer
    // to AlertRuleState, or a restore).
    void setFiredBar(int r, TimeMs barTime) { m_rules[std::size_t(r)].firedBar = barTime; }
    // True when offering `result` to rule r's AlertRuleState at `at` would
    // change nothing and fire nothing: it does not hold, the rule has no
    // hysteresis to re-arm and has not expired by `at` (AlertRuleState::offer).
    bool inert(int r, const Result &result, TimeMs at) const
    {
        const Rule &h = rule(r);
        return !result.holds && !h.hysteresis && (h.expiresAt == 0 || at < h.expiresAt);
    }

    // Starts fetching the program into the cache (a sample of a series
    // evaluated after others finds it evicted).
    void prefetch() const;
    // Evaluates rule r at the sample, whose slots of slotMask(r) are read
    // (sample.need()), and updates its previous values.
    Result evaluate(int r, const AlertSample &sample, const AlertDataStatus &status);
    // Forgets rule r's previous sample and what it kept of closed bars.
    void resetSamples(int r);
    void resetSamples();

private:
    // A step: what it computes, its operands, its parameters and its previous values.
    struct Step {
        AlertOp op = AlertOp::Greater;
        AlertOp compare = AlertOp::Less;  // quality
        bool sampled = false;  // previous values taken (false: none since the start or a reset)
        std::int32_t a = -1;  // And/Or: the children's steps, in the rule
        std::int32_t b = -1;
        std::int32_t history = -1;  // moves, volume_spike: in m_history
        // An operand is k * the leaf's value, or k itself (a number; NaN: a
        // slot that does not exist) when its leaf is < 0.
        std::int32_t left = -1;
        std::int32_t right = -1;
        double leftK = std::numeric_limits<double>::quiet_NaN();
        double rightK = std::numeric_limits<double>::quiet_NaN();
        double low = 0.0;  // enters/exits: the range; moves: low is the percent;
        double high = 0.0;  // volume_spike: low is the factor; quality: low is the threshold
        std::int64_t count = 0;  // moves: K bars; volume_spike: N bars; stale: the ms
        double prevA = std::numeric_limits<double>::quiet_NaN();
        double prevB = std::numeric_limits<double>::quiet_NaN();
    };
    // What a moves or volume_spike step keeps of closed bars, for the index `at`.
    struct History {
        std::size_t at = SIZE_MAX;  // SIZE_MAX: nothing kept
        std::vector<double> values;  // moves: the left operand at at-1, at-2, ...
        double sum = 0.0;  // volume_spike: the volumes of the N bars before `at`
    };
    struct Rule {
        std::uint32_t first = 0;  // its steps: m_steps[first, first + count)
        std::uint32_t count = 0;
        std::uint32_t firstHistory = 0;  // its histories: m_history[firstHistory, + histories)
        std::uint32_t histories = 0;
        std::uint64_t slotMask = 0;
        int slotCount = 0;  // the highest slot it reads, plus one
        TimeMs expiresAt = 0;
        TimeMs firedBar = std::numeric_limits<TimeMs>::min();
        double band = std::numeric_limits<double>::quiet_NaN();  // the hysteresis
        bool hysteresis = false;
        bool readsForming = false;
        bool idleable = false;  // not `once`, no hysteresis, no data condition
    };

    const Rule &rule(int r) const { return m_rules[std::size_t(r)]; }
    int compileNode(const AlertCondition &condition, int node, const std::vector<int> &specSlots,
        Rule &rule, std::vector<Step> &out);
    void compileOperand(const AlertOperand &operand, const std::vector<int> &specSlots, Rule &rule,
        std::int32_t &leaf, double &k);
    static double closedValue(std::int32_t leaf, double k, const AlertSample &s, std::size_t j);
    Result step(Step &st, const Rule &rule, const AlertSample &s, const AlertDataStatus &status);

    std::vector<Step> m_steps;
    std::vector<Rule> m_rules;
    std::vector<History> m_history;
    std::vector<Result> m_results;  // one sample's results, by step within a rule
    int m_slotCount = 0;
};

}  // namespace wick
