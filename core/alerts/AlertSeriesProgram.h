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
//
// Gates (setGating(), AlertSeriesGate.cpp; AlertEngine turns them on): after
// a forming-bar sample in which rule r changed nothing (inert), r's gate is
// the range of forming closes [lo, hi] (and the forming volume's ceiling for
// volume_spike) within which every step of r keeps the outcome it had: each
// comparison the same side, each crossing's before and after the same. Probes
// find it: the rule's steps evaluated at a hypothetical close (the indicators
// peeked at that bar); each side's bound is checked where it ends, or, when
// every compared difference is affine in the close, follows from one probe.
// That is exact wherever each compared difference is monotone in the close:
// affine or rising indicators (Indicator::closeResponse), numbers, and the
// bar's open, high and low while they stay as they were (one update may bring
// several trades, a late trade may move the open, a source may replace the
// bar), with a margin of 1e-9 of the values' size plus 1e-12; elsewhere the
// gate is the close itself. Until the bar, its closed count or the series'
// runs change, or the rule's expiry, a forming sample inside the gate is not
// evaluated: skipping it changes nothing, since a crossing compares sides that
// stay as they were. A rule that reads the forming volume otherwise, an
// indicator that reads more than the close, or a data condition has no gate.
// Where every rule of the series is gated or idle, AlertEngine hands the
// gates' common bounds (quietBounds()) to the engine as a FormingHold, which
// then skips the updates inside them without calling AlertEngine at all.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "alerts/AlertRule.h"
#include "alerts/AlertSample.h"
#include "alerts/AlertSeriesData.h"
#include "engine/FormingHold.h"

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
    bool skipIfIdle(int r, TimeMs barTime, TimeMs at) const { return idleAt(rule(r), barTime, at); }
    // The rules a sample evaluates, in order, into `rules` (a closed bar
    // evaluates every rule; a forming-bar update of bar barTime at `at` those
    // that read forming bars, are not idle and, with gating, whose gate does
    // not hold `forming`), and the slots they read together: read them with
    // one sample.need() before the rules, so that the forming values are
    // fetched in one go. A rule selected under gating loses its gate.
    std::uint64_t select(bool atClose, TimeMs barTime, TimeMs at, std::vector<int> &rules,
        const Bar *forming = nullptr);
    // Rules select() left out last time because their gate held.
    std::size_t lastGated() const { return m_lastGated; }

    // Gates (above). What a gate holds under: the forming bar's time, the
    // closed bars' count and the series' runs (SeriesView::runsVersion; 0:
    // unknown, no gate).
    struct GateKey {
        TimeMs bar = 0;
        std::size_t closed = 0;
        std::uint64_t runs = 0;
        bool operator==(const GateKey &) const = default;
    };
    void setGating(bool on);
    bool gating() const { return m_gating; }
    // Starts a forming sample under `key`: gates made under another key go.
    // False when gates cannot hold (gating off, runs unknown).
    bool beginGates(const GateKey &key);
    // Forgets every gate (a closed bar, a reset, a rule restored).
    void dropGates();
    // True when no rule would evaluate a forming sample of `forming` under
    // `key` at `at`: each is bar-close only, idle, or gated (summariseGates()).
    bool quiet(const GateKey &key, const Bar &forming, TimeMs at) const
    {
        // (Reads only m_quiet and m_gateKey, the program's first lines.)
        return m_quiet.valid && key == m_gateKey && m_quiet.holds(forming, at);
    }
    // The bounds quiet() holds within under `key` into `out`; false when
    // quiet() holds nowhere (no gates summarised under it).
    bool quietBounds(const GateKey &key, FormingBounds &out) const
    {
        if (!m_quiet.valid || !(key == m_gateKey))
            return false;
        out = m_quiet;
        return true;
    }
    // Scratch for openGate(), reused sample after sample: the probe a step
    // above the close is shared by the rules of one sample (each adds the
    // slots it reads); start() it before the sample's rules.
    struct GateProbes {
        void start() { reachBegun = false; }
        AlertSample reach;
        AlertSample other;
        Bar reachBar;
        bool reachBegun = false;
    };
    // After forming sample s in which rule r was inert: finds r's gate by
    // probing (`data` is the sample's data).
    void openGate(int r, const AlertSample &s, GateProbes &probes, const AlertSeriesData &data);
    // After a forming sample at `at` of bar barTime: what quiet() needs.
    void summariseGates(TimeMs barTime, TimeMs at);
    // The rules quiet() answered for (ruleCount() without reading the rules).
    std::size_t quietRules() const { return m_quiet.rules; }
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
        bool readsRange = false;  // reads the bar's open, high or low
        bool gateless = false;  // reads the volume (not as volume_spike) or a data condition
    };

    // Where a forming sample may fall and change nothing (engine/FormingHold.h).
    using Bounds = FormingBounds;
    // A rule's gate: valid while `generation` is m_gateGeneration.
    struct Gate : Bounds {
        std::uint32_t generation = 0;
    };
    // The gates of every rule together, for quiet().
    struct Quiet : Bounds {
        bool valid = false;
        std::uint32_t rules = 0;  // ruleCount() when made
    };
    // A step's signed distances from where its outcome changes, at values v.
    struct Distances;
    // None: no gate; Exact: the close itself; Range: probed bounds; Affine:
    // every distance affine in the close, bounds from one probe.
    enum class Gating : std::uint8_t { None, Exact, Range, Affine };

    const Rule &rule(int r) const { return m_rules[std::size_t(r)]; }
    bool gateHolds(const Gate &g, const Bar &forming, TimeMs at) const
    {
        return g.generation == m_gateGeneration && g.holds(forming, at);
    }
    // Idle (AlertRuleRun.h): fired on bar barTime already, not expired by `at`.
    static bool idleAt(const Rule &h, TimeMs barTime, TimeMs at)
    {
        return h.idleable && h.firedBar == barTime && (h.expiresAt == 0 || at < h.expiresAt);
    }
    // An operand's value in a table of leaves: k * v[leaf], or k itself (leaf < 0).
    static double operandAt(std::int32_t leaf, double k, const double *v)
    {
        return leaf < 0 ? k : k * v[leaf];
    }
    Gating gatingOf(const Rule &h, const AlertSeriesData &data) const;
    bool distances(const Rule &h, const double *v, Distances &out) const;
    const double *reachValues(
        const Rule &h, const AlertSample &s, GateProbes &probes, const AlertSeriesData &data) const;
    double gateBound(const Rule &h, const AlertSample &s, GateProbes &probes,
        const AlertSeriesData &data, const Distances &at0, double direction) const;
    void affineBounds(
        const Distances &at0, const Distances &reach, double c0, double step, Gate &g) const;
    double volumeCeiling(const Rule &h, std::size_t i) const;
    std::uint64_t maskedSteps(const Rule &h) const;
    int compileNode(const AlertCondition &condition, int node, const std::vector<int> &specSlots,
        Rule &rule, std::vector<Step> &out);
    void compileOperand(const AlertOperand &operand, const std::vector<int> &specSlots, Rule &rule,
        std::int32_t &leaf, double &k);
    static double closedValue(std::int32_t leaf, double k, const AlertSample &s, std::size_t j);
    Result step(Step &st, const Rule &rule, const AlertSample &s, const AlertDataStatus &status);

    // First what quiet() reads.
    Quiet m_quiet;
    GateKey m_gateKey;
    bool m_gating = false;
    std::vector<Step> m_steps;
    std::vector<Rule> m_rules;
    std::vector<History> m_history;
    std::vector<Result> m_results;  // one sample's results, by step within a rule
    int m_slotCount = 0;
    std::vector<Gate> m_gates;  // by rule
    std::uint32_t m_gateGeneration = 1;
    std::uint64_t m_gateMasked = 0;  // openGate(): the rule's steps distances() leaves out
    std::size_t m_lastGated = 0;
};

}  // namespace wick
