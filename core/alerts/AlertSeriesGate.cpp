// AlertSeriesProgram's gates (AlertSeriesProgram.h, "Gates"): a rule's range
// of forming closes within which a sample changes nothing, found by probes.
#include "alerts/AlertSeriesProgram.h"

#include <algorithm>
#include <cmath>

namespace wick {

namespace {

constexpr TimeMs kForever = FormingBounds::kForever;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// How far from the close the first probe of each side looks (a fraction of it).
constexpr double kReach = 0.01;
// How far an affine gate may reach (its differences are exact lines).
constexpr double kAffineReach = 0.1;
// The part of the way to a root a bound may go, at most.
constexpr double kTowardRoot = 0.98;
// A difference closer to 0 than this fraction of the values it compares
// (and the close), or than kFloor, does not count as a side: rounding could
// change it. (The floor covers outputs on a scale of their own, such as ROC
// or RSI, whose rounding does not shrink with a tiny price.)
constexpr double kMargin = 1e-9;
constexpr double kFloor = 1e-12;
// The most distances one rule's steps may give (moves: one per bar before).
constexpr int kMaxDistances = 64;

// How an operand follows the close: affine (a + b * close), and the sign of
// its rise (-1, 0, 1; kUnknownDirection when not known).
constexpr int kUnknownDirection = 2;
struct Shape {
    bool affine = false;
    int direction = kUnknownDirection;
    bool closeOnly = true;  // false: it may move while the close stays
};

int signOf(double k)
{
    return k > 0 ? 1 : (k < 0 ? -1 : 0);
}

// Whether a - b can change sign only once as the close moves.
bool monotoneDifference(const Shape &a, const Shape &b)
{
    if (a.affine && b.affine)
        return true;
    return a.direction != kUnknownDirection && b.direction != kUnknownDirection
        && a.direction * b.direction <= 0;
}

bool monotone(const Shape &a)
{
    return a.affine || a.direction != kUnknownDirection;
}

Shape shapeOf(std::int32_t leaf, double k, const AlertSeriesData &data)
{
    if (leaf < 0 || k == 0.0)
        return {true, 0};
    if (leaf < AlertSample::kFieldLeaves) {
        if (AlertField(leaf) == AlertField::Close)
            return {true, signOf(k)};
        return {
            true, 0};  // open, high and low while the bar's stay (Gate::range); volume is gateless
    }
    const int at = leaf - AlertSample::kFieldLeaves;
    switch (data.closeResponse(at / kMaxIndicatorOutputs, at % kMaxIndicatorOutputs)) {
    case CloseResponse::AffineIncreasing:
        return {true, signOf(k)};
    case CloseResponse::Affine:
        return {true, kUnknownDirection};
    case CloseResponse::Increasing:
        return {false, signOf(k)};
    case CloseResponse::Unknown:
        break;
    case CloseResponse::OtherFields:
        return {false, kUnknownDirection, false};
    }
    return {};
}

}  // namespace

struct AlertSeriesProgram::Distances {
    int count = 0;
    double value[kMaxDistances];
    double margin[kMaxDistances];

    bool add(double distance, double size)
    {
        if (count == kMaxDistances || std::isnan(distance))
            return false;
        value[count] = distance;
        margin[count] = kMargin * size + kFloor;
        ++count;
        return true;
    }
    // Distance j is on the side `from` has it, farther than its margin.
    bool keeps(const Distances &from, int j) const
    {
        return std::abs(value[j]) > margin[j] && (value[j] > 0) == (from.value[j] > 0);
    }
};

void AlertSeriesProgram::setGating(bool on)
{
    m_gating = on;
    dropGates();
}

bool AlertSeriesProgram::beginGates(const GateKey &key)
{
    if (!m_gating || key.runs == 0) {
        // This sample evaluates every rule without gates: none may outlive it.
        dropGates();
        return false;
    }
    if (!(key == m_gateKey)) {
        m_gateKey = key;
        dropGates();
    }
    return true;
}

void AlertSeriesProgram::dropGates()
{
    if (++m_gateGeneration == 0)
        m_gateGeneration = 1;
    m_quiet.valid = false;
}

AlertSeriesProgram::Gating AlertSeriesProgram::gatingOf(
    const Rule &h, const AlertSeriesData &data) const
{
    if (h.gateless || h.hysteresis)
        return Gating::None;
    Gating gating = Gating::Range;
    bool affine = true;
    for (std::uint32_t k = h.first; k < h.first + h.count; ++k) {
        const Step &st = m_steps[k];
        const Shape left = shapeOf(st.left, st.leftK, data);
        const Shape right = shapeOf(st.right, st.rightK, data);
        if (!left.closeOnly || !right.closeOnly)
            return Gating::None;
        switch (st.op) {
        case AlertOp::Stale:
        case AlertOp::Quality:
            return Gating::None;
        case AlertOp::Enters:
        case AlertOp::Exits:
        case AlertOp::Moves:
            if (!monotone(left))
                gating = Gating::Exact;
            affine = affine && left.affine && st.op != AlertOp::Moves;
            break;
        case AlertOp::VolumeSpike:
        case AlertOp::And:
        case AlertOp::Or:
            break;
        default:
            if (!monotoneDifference(left, right))
                gating = Gating::Exact;
            affine = affine && left.affine && right.affine;
            break;
        }
    }
    return gating == Gating::Range && affine ? Gating::Affine : gating;
}

// Every distance of the rule's steps at values v: false when one is undefined.
bool AlertSeriesProgram::distances(const Rule &h, const double *v, Distances &out) const
{
    out.count = 0;
    const double close = std::abs(v[AlertSample::fieldLeaf(AlertField::Close)]);
    for (std::uint32_t k = h.first; k < h.first + h.count; ++k) {
        if (k - h.first < 64 && (m_gateMasked & (std::uint64_t(1) << (k - h.first))))
            continue;
        const Step &st = m_steps[k];
        const double a = operandAt(st.left, st.leftK, v);
        switch (st.op) {
        case AlertOp::Enters:
        case AlertOp::Exits:
            if (!out.add(a - st.low, std::abs(a) + std::abs(st.low) + close)
                || !out.add(a - st.high, std::abs(a) + std::abs(st.high) + close))
                return false;
            break;
        case AlertOp::Moves: {
            if (std::isnan(a))
                return false;
            for (const double then : m_history[std::size_t(st.history)].values) {
                if (std::isnan(then) || then == 0.0)
                    continue;  // never holds against this bar
                const double reach = std::abs(then) * st.low / 100.0;
                if (!out.add(reach - std::abs(a - then), std::abs(a) + std::abs(then) + close))
                    return false;
            }
            break;
        }
        case AlertOp::VolumeSpike:
        case AlertOp::And:
        case AlertOp::Or:
            break;
        default: {
            const double b = operandAt(st.right, st.rightK, v);
            if (!out.add(a - b, std::abs(a) + std::abs(b) + close))
                return false;
            break;
        }
        }
    }
    return true;
}

// How far the close can go in `direction` (+1 up, -1 down) with every
// distance on its side: the first probe kReach away, then where the probe's
// distances say the nearest sign change is (the exact root of an affine
// one, less 2 %), then half of that; the close itself when none holds.
double AlertSeriesProgram::gateBound(const Rule &h, const AlertSample &s, GateProbes &probes,
    const AlertSeriesData &data, const Distances &at0, double direction) const
{
    const Bar &forming = *s.forming();
    const double c0 = forming.close;
    double end = c0 + direction * std::abs(c0) * kReach;
    Bar bar = forming;
    Distances there;
    for (int attempt = 0; attempt < 3 && end != c0; ++attempt) {
        const double *v = nullptr;
        if (attempt == 0 && direction > 0) {
            v = reachValues(h, s, probes, data);
        } else {
            bar.close = end;
            probes.other.beginProbe(data, bar, s.slotCount());
            probes.other.need(h.slotMask);
            v = probes.other.values();
        }
        if (!distances(h, v, there) || there.count != at0.count)
            return c0;
        double fraction = 1.0;
        bool holds = true;
        for (int j = 0; j < there.count; ++j) {
            if (there.keeps(at0, j))
                continue;
            holds = false;
            const double change = at0.value[j] - there.value[j];
            const bool crossed = (there.value[j] > 0) != (at0.value[j] > 0);
            fraction = std::min(fraction, crossed && change != 0.0 ? at0.value[j] / change : 0.5);
        }
        if (holds)
            return end;
        fraction *= attempt == 0 ? kTowardRoot : 0.5;
        end = c0 + fraction * (end - c0);
    }
    return c0;
}

// The sample a step of kReach above the close, with rule h's slots read.
const double *AlertSeriesProgram::reachValues(
    const Rule &h, const AlertSample &s, GateProbes &probes, const AlertSeriesData &data) const
{
    if (!probes.reachBegun) {
        probes.reachBar = *s.forming();
        probes.reachBar.close = s.forming()->close + std::abs(s.forming()->close) * kReach;
        probes.reach.beginProbe(data, probes.reachBar, s.slotCount());
        probes.reachBegun = true;
    }
    probes.reach.need(h.slotMask);
    return probes.reach.values();
}

// Bounds of a gate whose distances are exact lines in the close (at0 at c0,
// `reach` at c0 + step): each root from the two, the bound kTowardRoot of the
// way there and never where a distance is within twice its margin of 0 (the
// rounding of a line is far below it, and its slope from two points of it
// is exact enough wherever a root is within kAffineReach).
void AlertSeriesProgram::affineBounds(
    const Distances &at0, const Distances &reach, double c0, double step, Gate &g) const
{
    g.hi = c0 + std::abs(c0) * kAffineReach;
    g.lo = c0 - std::abs(c0) * kAffineReach;
    for (int j = 0; j < at0.count; ++j) {
        const double slope = (reach.value[j] - at0.value[j]) / step;
        if (!(slope != 0.0))
            continue;  // flat (distances() refused NaN; an infinite slope gives a root of 0)
        const double root = -at0.value[j] / slope;  // from c0
        const double toward
            = std::min(kTowardRoot, 1.0 - 2.0 * at0.margin[j] / std::abs(at0.value[j]));
        if (!(toward > 0.0) || !std::isfinite(root)) {
            g.lo = g.hi = c0;
            return;
        }
        if (root > 0)
            g.hi = std::min(g.hi, c0 + toward * root);
        else
            g.lo = std::max(g.lo, c0 + toward * root);
    }
}

// The steps whose outcome cannot matter while the others keep theirs: a
// level comparison (no previous values of its own) under an AND whose other
// side is false. m_results holds the rule's sample (evaluate() just ran).
std::uint64_t AlertSeriesProgram::maskedSteps(const Rule &h) const
{
    if (h.count > 64 || h.count < 3)
        return 0;
    const auto level = [&](std::int32_t k) {
        switch (m_steps[h.first + std::uint32_t(k)].op) {
        case AlertOp::Greater:
        case AlertOp::Less:
        case AlertOp::GreaterEqual:
        case AlertOp::LessEqual:
            return true;
        default:
            return false;
        }
    };
    std::uint64_t masked = 0;
    for (std::uint32_t k = 0; k < h.count; ++k) {
        const Step &st = m_steps[h.first + k];
        if (st.op != AlertOp::And || m_results[k].holds)
            continue;
        if (!m_results[std::size_t(st.a)].holds && level(st.b))
            masked |= std::uint64_t(1) << st.b;
        else if (!m_results[std::size_t(st.b)].holds && level(st.a))
            masked |= std::uint64_t(1) << st.a;
    }
    return masked;
}

double AlertSeriesProgram::volumeCeiling(const Rule &h, std::size_t i) const
{
    double ceiling = kInfinity;
    for (std::uint32_t k = h.first; k < h.first + h.count; ++k) {
        const Step &st = m_steps[k];
        if (st.op != AlertOp::VolumeSpike || i < std::size_t(st.count))
            continue;  // too few bars before: it never holds on this one
        const History &past = m_history[std::size_t(st.history)];
        // Exactly the right side the step compares the volume with.
        ceiling
            = std::min(ceiling, past.at == i ? st.low * past.sum / double(st.count) : -kInfinity);
    }
    return ceiling;
}

void AlertSeriesProgram::openGate(
    int r, const AlertSample &s, GateProbes &probes, const AlertSeriesData &data)
{
    Gate &g = m_gates[std::size_t(r)];
    g.generation = 0;
    const Rule &h = rule(r);
    const Bar *forming = s.forming();
    if (!m_gating || !forming || s.atClose())
        return;
    const Gating gating = gatingOf(h, data);
    if (gating == Gating::None)
        return;
    g.until = h.expiresAt == 0 ? kForever : h.expiresAt;
    g.volume = volumeCeiling(h, s.index());
    g.lo = forming->close;
    g.hi = forming->close;
    m_gateMasked = maskedSteps(h);
    Distances at0;
    const double c0 = forming->close;
    if (gating != Gating::Exact && distances(h, s.values(), at0) && c0 != 0.0) {
        bool clear = true;
        for (int j = 0; j < at0.count; ++j)
            clear = clear && at0.keeps(at0, j);
        Distances reach;
        if (clear && gating == Gating::Affine) {
            if (distances(h, reachValues(h, s, probes, data), reach) && reach.count == at0.count)
                affineBounds(at0, reach, c0, probes.reachBar.close - c0, g);
        } else if (clear) {
            g.hi = gateBound(h, s, probes, data, at0, 1.0);
            g.lo = gateBound(h, s, probes, data, at0, -1.0);
        }
    }
    // The probes kept the bar's open, high and low: so must the samples skipped.
    g.range = h.readsRange;
    g.open = forming->open;
    g.high = forming->high;
    g.low = forming->low;
    g.generation = m_gateGeneration;
}

void AlertSeriesProgram::summariseGates(TimeMs barTime, TimeMs at)
{
    Quiet q;
    q.valid = m_gating;
    q.rules = std::uint32_t(m_rules.size());
    q.lo = -kInfinity;
    q.hi = kInfinity;
    q.volume = kInfinity;
    q.until = kForever;
    for (std::size_t r = 0; r < m_rules.size() && q.valid; ++r) {
        const Rule &h = m_rules[r];
        if (!h.readsForming)
            continue;
        if (idleAt(h, barTime, at)) {
            if (h.expiresAt != 0)
                q.until = std::min(q.until, h.expiresAt);
            continue;
        }
        const Gate &g = m_gates[r];
        if (g.generation != m_gateGeneration || !(at < g.until)) {
            q.valid = false;
            break;
        }
        q.narrow(g);
    }
    m_quiet = q;
}

}  // namespace wick
