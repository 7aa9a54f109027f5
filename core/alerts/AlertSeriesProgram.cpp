#include "alerts/AlertSeriesProgram.h"

#include <algorithm>
#include <cmath>

namespace wick {

namespace {

constexpr double kNaNValue = std::numeric_limits<double>::quiet_NaN();

bool compare(AlertOp op, double a, double b)
{
    switch (op) {
    case AlertOp::Greater:
        return a > b;
    case AlertOp::Less:
        return a < b;
    case AlertOp::GreaterEqual:
        return a >= b;
    case AlertOp::LessEqual:
        return a <= b;
    default:
        return false;
    }
}

// Gone back past the level by the band: the opposite side, band away.
bool backPast(AlertOp op, double a, double b, double band)
{
    if (std::isnan(a) || std::isnan(b))
        return false;
    const double h = std::isnan(band) ? 0.0 : band;
    if (op == AlertOp::Greater || op == AlertOp::GreaterEqual)
        return a <= b - h;
    return a >= b + h;
}

}  // namespace

int AlertSeriesProgram::add(const AlertRule &rule, const std::vector<int> &specSlots)
{
    Rule h;
    h.first = std::uint32_t(m_steps.size());
    h.firstHistory = std::uint32_t(m_history.size());
    h.expiresAt = rule.expiresAt;
    h.band = rule.hysteresis;
    h.hysteresis = !std::isnan(rule.hysteresis);
    h.readsForming = rule.trigger != AlertTrigger::OncePerBarClose;
    h.idleable
        = rule.trigger != AlertTrigger::Once && !h.hysteresis && !rule.condition.usesDataStatus;
    h.gateless = rule.condition.usesDataStatus;
    std::vector<Step> steps;
    if (rule.condition.root >= 0)
        compileNode(rule.condition, rule.condition.root, specSlots, h, steps);
    for (Step &st : steps) {
        if (st.op == AlertOp::Moves || st.op == AlertOp::VolumeSpike) {
            st.history = std::int32_t(m_history.size());
            m_history.emplace_back();
            ++h.histories;
        }
    }
    h.count = std::uint32_t(steps.size());
    m_slotCount = std::max(m_slotCount, h.slotCount);
    m_steps.insert(m_steps.end(), steps.begin(), steps.end());
    m_rules.push_back(h);
    m_gates.emplace_back();
    m_results.resize(std::max(m_results.size(), steps.size()));
    dropGates();
    return int(m_rules.size()) - 1;
}

void AlertSeriesProgram::remove(int r)
{
    const Rule gone = rule(r);
    m_steps.erase(m_steps.begin() + gone.first, m_steps.begin() + gone.first + gone.count);
    m_history.erase(m_history.begin() + gone.firstHistory,
        m_history.begin() + gone.firstHistory + gone.histories);
    m_rules.erase(m_rules.begin() + r);
    m_gates.erase(m_gates.begin() + r);
    dropGates();
    for (std::size_t k = gone.first; k < m_steps.size(); ++k)
        if (m_steps[k].history >= 0)
            m_steps[k].history -= std::int32_t(gone.histories);
    for (std::size_t q = std::size_t(r); q < m_rules.size(); ++q) {
        m_rules[q].first -= gone.count;
        m_rules[q].firstHistory -= gone.histories;
    }
    m_slotCount = 0;
    for (const Rule &h : m_rules)
        m_slotCount = std::max(m_slotCount, h.slotCount);
}

int AlertSeriesProgram::compileNode(const AlertCondition &condition, int index,
    const std::vector<int> &specSlots, Rule &rule, std::vector<Step> &out)
{
    const AlertNode &n = condition.nodes[std::size_t(index)];
    Step st;
    st.op = n.op;
    switch (n.op) {
    case AlertOp::And:
    case AlertOp::Or:
        st.a = std::int32_t(compileNode(condition, n.a, specSlots, rule, out));
        st.b = std::int32_t(compileNode(condition, n.b, specSlots, rule, out));
        break;
    case AlertOp::Enters:
    case AlertOp::Exits:
        st.low = n.low;
        st.high = n.high;
        break;
    case AlertOp::Moves:
        st.low = n.percent;
        st.count = n.bars;
        break;
    case AlertOp::VolumeSpike:
        st.low = n.factor;
        st.count = n.bars;
        break;
    case AlertOp::Stale:
        st.count = n.staleMs;
        break;
    case AlertOp::Quality:
        st.compare = n.compare;
        st.low = n.threshold;
        break;
    default:
        break;
    }
    if (n.op != AlertOp::And && n.op != AlertOp::Or) {
        compileOperand(n.left, specSlots, rule, st.left, st.leftK);
        compileOperand(n.right, specSlots, rule, st.right, st.rightK);
    }
    out.push_back(st);
    return int(out.size()) - 1;
}

void AlertSeriesProgram::compileOperand(const AlertOperand &operand,
    const std::vector<int> &specSlots, Rule &rule, std::int32_t &leaf, double &k)
{
    leaf = -1;
    k = kNaNValue;
    switch (operand.kind) {
    case AlertOperand::Kind::Number:
        k = operand.scale * operand.number;
        break;
    case AlertOperand::Kind::Field:
        leaf = AlertSample::fieldLeaf(operand.field);
        k = operand.scale;
        rule.readsRange = rule.readsRange || operand.field == AlertField::Open
            || operand.field == AlertField::High || operand.field == AlertField::Low;
        rule.gateless = rule.gateless || operand.field == AlertField::Volume;
        break;
    case AlertOperand::Kind::Indicator: {
        const std::size_t spec = std::size_t(operand.spec);
        if (spec < specSlots.size() && specSlots[spec] >= 0 && operand.output >= 0
            && operand.output < kMaxIndicatorOutputs) {
            const int slot = specSlots[spec];
            leaf = AlertSample::indicatorLeaf(slot, operand.output);
            k = operand.scale;
            rule.slotMask |= AlertSample::slotBit(slot);
            rule.slotCount = std::max(rule.slotCount, slot + 1);
        }  // else a constant NaN: the slot does not exist
        break;
    }
    }
}

namespace {

template<class T>
void prefetchAll(const std::vector<T> &items)
{
    const char *at = reinterpret_cast<const char *>(items.data());
    const char *end = reinterpret_cast<const char *>(items.data() + items.size());
    for (; at < end; at += 64)
        __builtin_prefetch(at);
}

}  // namespace

void AlertSeriesProgram::prefetch() const
{
    prefetchAll(m_rules);
    prefetchAll(m_steps);
    prefetchAll(m_history);
}

std::uint64_t AlertSeriesProgram::select(
    bool atClose, TimeMs barTime, TimeMs at, std::vector<int> &rules, const Bar *forming)
{
    rules.resize(m_rules.size());
    std::size_t n = 0;
    std::size_t gated = 0;
    std::uint64_t mask = 0;
    const bool gates = forming && !atClose && m_gating;
    for (std::size_t r = 0; r < m_rules.size(); ++r) {
        const Rule &h = m_rules[r];
        if (atClose || (h.readsForming && !idleAt(h, barTime, at))) {
            if (gates) {
                Gate &g = m_gates[r];
                if (gateHolds(g, *forming, at)) {
                    ++gated;
                    continue;
                }
                g.generation = 0;  // it evaluates: its previous values move on
            }
            rules[n++] = int(r);
            mask |= h.slotMask;
        }
    }
    rules.resize(n);
    m_lastGated = gated;
    return mask;
}

void AlertSeriesProgram::resetSamples(int r)
{
    const Rule &h = rule(r);
    for (std::size_t k = h.first; k < h.first + h.count; ++k) {
        Step &st = m_steps[k];
        st.prevA = kNaNValue;
        st.prevB = kNaNValue;
        st.sampled = false;
    }
    std::fill(m_history.begin() + h.firstHistory, m_history.begin() + h.firstHistory + h.histories,
        History {});
    m_gates[std::size_t(r)].generation = 0;
    m_quiet.valid = false;
}

void AlertSeriesProgram::resetSamples()
{
    for (int r = 0; r < ruleCount(); ++r)
        resetSamples(r);
    dropGates();
}

// An operand's value at closed bar j < s.closedCount() (what the previous bar
// or the bars before give).
double AlertSeriesProgram::closedValue(
    std::int32_t leaf, double k, const AlertSample &s, std::size_t j)
{
    if (leaf < 0)
        return k;
    double v = kNaNValue;
    if (leaf < AlertSample::kFieldLeaves) {
        if (const Bar *bar = s.bar(j)) {
            switch (AlertField(leaf)) {
            case AlertField::Open:
                v = bar->open;
                break;
            case AlertField::High:
                v = bar->high;
                break;
            case AlertField::Low:
                v = bar->low;
                break;
            case AlertField::Close:
                v = bar->close;
                break;
            case AlertField::Volume:
                v = bar->volume;
                break;
            }
        }
    } else if (j < s.closedCount()) {
        const int at = leaf - AlertSample::kFieldLeaves;
        v = s.data().indicator(at / kMaxIndicatorOutputs, at % kMaxIndicatorOutputs, j);
    }
    return k * v;
}

AlertSeriesProgram::Result AlertSeriesProgram::evaluate(
    int r, const AlertSample &sample, const AlertDataStatus &status)
{
    const Rule &h = rule(r);
    Step *steps = m_steps.data() + h.first;
    if (h.count == 1)
        return step(steps[0], h, sample, status);
    Result *results = m_results.data();
    for (std::uint32_t k = 0; k < h.count; ++k)
        results[k] = step(steps[k], h, sample, status);
    return h.count > 0 ? results[h.count - 1] : Result {};
}

AlertSeriesProgram::Result AlertSeriesProgram::step(
    Step &st, const Rule &h, const AlertSample &s, const AlertDataStatus &status)
{
    const double *v = s.values();
    const std::size_t i = s.index();
    Result r;
    switch (st.op) {
    case AlertOp::Greater:
    case AlertOp::Less:
    case AlertOp::GreaterEqual:
    case AlertOp::LessEqual: {
        r.left = operandAt(st.left, st.leftK, v);
        r.right = operandAt(st.right, st.rightK, v);
        r.holds = !std::isnan(r.left) && !std::isnan(r.right) && compare(st.op, r.left, r.right);
        r.rearmed = backPast(st.op, r.left, r.right, h.band);
        return r;
    }
    case AlertOp::CrossesAbove:
    case AlertOp::CrossesBelow:
    case AlertOp::Crosses: {
        r.left = operandAt(st.left, st.leftK, v);
        r.right = operandAt(st.right, st.rightK, v);
        double beforeA = st.prevA;
        double beforeB = st.prevB;
        if (s.atClose() || !st.sampled) {
            beforeA = i > 0 ? closedValue(st.left, st.leftK, s, i - 1) : kNaNValue;
            beforeB = i > 0 ? closedValue(st.right, st.rightK, s, i - 1) : kNaNValue;
        }
        if (s.haveBar()) {
            st.prevA = r.left;
            st.prevB = r.right;
            st.sampled = true;
        }
        const bool defined = !std::isnan(r.left) && !std::isnan(r.right) && !std::isnan(beforeA)
            && !std::isnan(beforeB);
        const bool above = defined && r.left > r.right && beforeA <= beforeB;
        const bool below = defined && r.left < r.right && beforeA >= beforeB;
        r.holds = st.op == AlertOp::CrossesAbove ? above
            : st.op == AlertOp::CrossesBelow     ? below
                                                 : (above || below);
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Enters:
    case AlertOp::Exits: {
        r.left = operandAt(st.left, st.leftK, v);
        double before = st.prevA;
        if (s.atClose() || !st.sampled)
            before = i > 0 ? closedValue(st.left, st.leftK, s, i - 1) : kNaNValue;
        if (s.haveBar()) {
            st.prevA = r.left;
            st.prevB = kNaNValue;
            st.sampled = true;
        }
        if (!std::isnan(r.left) && !std::isnan(before)) {
            const bool inside = r.left >= st.low && r.left <= st.high;
            const bool wasInside = before >= st.low && before <= st.high;
            r.holds = st.op == AlertOp::Enters ? (inside && !wasInside) : (!inside && wasInside);
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Moves: {
        r.left = operandAt(st.left, st.leftK, v);
        if (!std::isnan(r.left)) {
            // The K values before i are closed bars: read once per i.
            History &past = m_history[std::size_t(st.history)];
            if (past.at != i) {
                const std::size_t count = std::min<std::size_t>(std::size_t(st.count), i);
                past.values.resize(count);
                for (std::size_t j = 1; j <= count; ++j)
                    past.values[j - 1] = closedValue(st.left, st.leftK, s, i - j);
                past.at = i;
            }
            for (const double then : past.values) {
                if (!std::isnan(then) && then != 0.0
                    && std::abs(r.left - then) >= std::abs(then) * st.low / 100.0) {
                    r.holds = true;
                    r.right = then;
                    break;
                }
            }
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::VolumeSpike: {
        r.left = v[AlertSample::fieldLeaf(AlertField::Volume)];
        if (!std::isnan(r.left) && i >= std::size_t(st.count)) {
            // The N volumes before i are closed bars: summed once per i.
            History &past = m_history[std::size_t(st.history)];
            if (past.at != i) {
                double sum = 0.0;
                for (std::size_t j = i - std::size_t(st.count); j < i; ++j)
                    sum += s.bar(j)->volume;
                past.sum = sum;
                past.at = i;
            }
            r.right = st.low * past.sum / double(st.count);
            r.holds = r.left > r.right;
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Stale: {
        if (status.lastData != 0) {
            const TimeMs quiet = status.now - status.lastData;
            r.left = double(quiet) / 1000.0;
            r.right = double(st.count) / 1000.0;
            r.holds = quiet >= st.count;
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Quality: {
        r.left = status.quality;
        r.right = st.low;
        r.holds = !std::isnan(r.left) && compare(st.compare, r.left, r.right);
        r.rearmed = backPast(st.compare, r.left, r.right, h.band);
        return r;
    }
    case AlertOp::And:
    case AlertOp::Or: {
        // Both sides were evaluated (each keeps its previous sample up to date).
        const Result &a = m_results[std::size_t(st.a)];
        const Result &b = m_results[std::size_t(st.b)];
        if (st.op == AlertOp::And) {
            r.holds = a.holds && b.holds;
            r.rearmed = a.rearmed || b.rearmed;
            r.left = a.left;
            r.right = a.right;
        } else {
            r.holds = a.holds || b.holds;
            r.rearmed = a.rearmed && b.rearmed;
            const Result &shown = a.holds || !b.holds ? a : b;
            r.left = shown.left;
            r.right = shown.right;
        }
        return r;
    }
    }
    return r;
}

}  // namespace wick
