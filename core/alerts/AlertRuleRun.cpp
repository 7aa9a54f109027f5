#include "alerts/AlertRuleRun.h"

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

double field(const Bar &bar, AlertField f)
{
    switch (f) {
    case AlertField::Open:
        return bar.open;
    case AlertField::High:
        return bar.high;
    case AlertField::Low:
        return bar.low;
    case AlertField::Close:
        return bar.close;
    case AlertField::Volume:
        break;
    }
    return bar.volume;
}

// An empty series for evaluateStatus().
class NoBars final : public AlertSeriesData
{
public:
    std::size_t closedCount() const override { return 0; }
    const Bar &closedBar(std::size_t) const override { return m_bar; }
    const Bar *forming() const override { return nullptr; }
    int outputCount(int) const override { return 0; }
    double indicator(int, int, std::size_t) const override { return kNaNValue; }
    double formingIndicator(int, int) const override { return kNaNValue; }

private:
    Bar m_bar;
};

}  // namespace

AlertRuleRun::AlertRuleRun(AlertRule rule, std::vector<int> specSlots)
    : m_rule(std::move(rule))
    , m_slots(std::move(specSlots))
{
    compile();
}

void AlertRuleRun::compile()
{
    m_slotMask = 0;
    m_slotCount = 0;
    std::vector<Node> nodes;
    if (m_rule.condition.root >= 0)
        compileNode(m_rule.condition.root, nodes);
    m_count = nodes.size();
    m_spill.clear();
    if (m_count <= kInlineNodes)
        std::copy(nodes.begin(), nodes.end(), m_inline.begin());
    else
        m_spill = std::move(nodes);
    bool keepsHistory = false;
    for (std::size_t k = 0; k < m_count; ++k) {
        const AlertOp op = nodeAt(k).step.op;
        keepsHistory = keepsHistory || op == AlertOp::Moves || op == AlertOp::VolumeSpike;
    }
    m_history.assign(keepsHistory ? m_count : 0, History {});
    m_idleable = m_rule.trigger != AlertTrigger::Once && std::isnan(m_rule.hysteresis)
        && !m_rule.condition.usesDataStatus;
}

int AlertRuleRun::compileNode(int index, std::vector<Node> &out)
{
    const AlertNode &n = m_rule.condition.nodes[std::size_t(index)];
    Node node;
    node.step.op = n.op;
    node.step.node = index;
    if (n.op == AlertOp::And || n.op == AlertOp::Or) {
        node.step.a = compileNode(n.a, out);
        node.step.b = compileNode(n.b, out);
    } else {
        node.step.left = compileOperand(n.left);
        node.step.right = compileOperand(n.right);
    }
    out.push_back(node);
    return int(out.size()) - 1;
}

AlertRuleRun::Operand AlertRuleRun::compileOperand(const AlertOperand &operand)
{
    Operand o;
    switch (operand.kind) {
    case AlertOperand::Kind::Number:
        o.k = operand.scale * operand.number;
        break;
    case AlertOperand::Kind::Field:
        o.leaf = AlertSample::fieldLeaf(operand.field);
        o.k = operand.scale;
        break;
    case AlertOperand::Kind::Indicator: {
        const std::size_t spec = std::size_t(operand.spec);
        if (spec < m_slots.size() && m_slots[spec] >= 0 && operand.output >= 0
            && operand.output < kMaxIndicatorOutputs) {
            const int slot = m_slots[spec];
            o.leaf = AlertSample::indicatorLeaf(slot, operand.output);
            o.k = operand.scale;
            m_slotMask |= AlertSample::slotBit(slot);
            m_slotCount = std::max(m_slotCount, slot + 1);
        }  // else a constant NaN: the slot does not exist
        break;
    }
    }
    return o;
}

void AlertRuleRun::resetSamples()
{
    for (std::size_t k = 0; k < m_count; ++k)
        nodeAt(k).previous = Previous {};
    std::fill(m_history.begin(), m_history.end(), History {});
}

double AlertRuleRun::value(const AlertOperand &operand, const AlertSample &s, std::size_t i) const
{
    double v = kNaNValue;
    switch (operand.kind) {
    case AlertOperand::Kind::Number:
        return operand.scale * operand.number;
    case AlertOperand::Kind::Field:
        if (const Bar *bar = s.bar(i))
            v = field(*bar, operand.field);
        break;
    case AlertOperand::Kind::Indicator: {
        const std::size_t spec = std::size_t(operand.spec);
        if (spec >= m_slots.size())
            break;
        const int slot = m_slots[spec];
        if (i < s.closedCount())
            v = s.data().indicator(slot, operand.output, i);
        else if (i == s.closedCount() && s.forming())
            v = s.data().formingIndicator(slot, operand.output);
        break;
    }
    }
    return operand.scale * v;
}

AlertRuleRun::Result AlertRuleRun::step(
    std::size_t k, const AlertSample &s, const AlertDataStatus &status)
{
    Node &node = nodeAt(k);
    const Step &st = node.step;
    const double *v = s.values();
    const std::size_t i = s.index();
    Result r;
    switch (st.op) {
    case AlertOp::Greater:
    case AlertOp::Less:
    case AlertOp::GreaterEqual:
    case AlertOp::LessEqual: {
        r.left = current(st.left, v);
        r.right = current(st.right, v);
        r.holds = !std::isnan(r.left) && !std::isnan(r.right) && compare(st.op, r.left, r.right);
        r.rearmed = backPast(st.op, r.left, r.right, m_rule.hysteresis);
        return r;
    }
    case AlertOp::CrossesAbove:
    case AlertOp::CrossesBelow:
    case AlertOp::Crosses: {
        Previous &prev = node.previous;
        r.left = current(st.left, v);
        r.right = current(st.right, v);
        Previous before = prev;
        if (s.atClose() || !prev.sampled) {
            const AlertNode &n = m_rule.condition.nodes[std::size_t(st.node)];
            before = i > 0 ? Previous {value(n.left, s, i - 1), value(n.right, s, i - 1), true}
                           : Previous {};
        }
        if (s.haveBar())
            prev = Previous {r.left, r.right, true};
        const bool defined = !std::isnan(r.left) && !std::isnan(r.right) && !std::isnan(before.a)
            && !std::isnan(before.b);
        const bool above = defined && r.left > r.right && before.a <= before.b;
        const bool below = defined && r.left < r.right && before.a >= before.b;
        r.holds = st.op == AlertOp::CrossesAbove ? above
            : st.op == AlertOp::CrossesBelow     ? below
                                                 : (above || below);
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Enters:
    case AlertOp::Exits: {
        const AlertNode &n = m_rule.condition.nodes[std::size_t(st.node)];
        Previous &prev = node.previous;
        r.left = current(st.left, v);
        double before = prev.a;
        if (s.atClose() || !prev.sampled)
            before = i > 0 ? value(n.left, s, i - 1) : kNaNValue;
        if (s.haveBar())
            prev = Previous {r.left, kNaNValue, true};
        if (!std::isnan(r.left) && !std::isnan(before)) {
            const bool inside = r.left >= n.low && r.left <= n.high;
            const bool wasInside = before >= n.low && before <= n.high;
            r.holds = st.op == AlertOp::Enters ? (inside && !wasInside) : (!inside && wasInside);
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Moves: {
        const AlertNode &n = m_rule.condition.nodes[std::size_t(st.node)];
        r.left = current(st.left, v);
        if (!std::isnan(r.left)) {
            // The K values before i are closed bars: read once per i.
            History &h = m_history[k];
            if (h.at != i) {
                const std::size_t count = std::min<std::size_t>(std::size_t(n.bars), i);
                h.values.resize(count);
                for (std::size_t j = 1; j <= count; ++j)
                    h.values[j - 1] = value(n.left, s, i - j);
                h.at = i;
            }
            for (const double then : h.values) {
                if (!std::isnan(then) && then != 0.0
                    && std::abs(r.left - then) >= std::abs(then) * n.percent / 100.0) {
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
        const AlertNode &n = m_rule.condition.nodes[std::size_t(st.node)];
        r.left = v[AlertSample::fieldLeaf(AlertField::Volume)];
        if (!std::isnan(r.left) && i >= std::size_t(n.bars)) {
            // The N volumes before i are closed bars: summed once per i.
            History &h = m_history[k];
            if (h.at != i) {
                double sum = 0.0;
                for (std::size_t j = i - std::size_t(n.bars); j < i; ++j)
                    sum += s.bar(j)->volume;
                h.sum = sum;
                h.at = i;
            }
            r.right = n.factor * h.sum / double(n.bars);
            r.holds = r.left > r.right;
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Stale: {
        const AlertNode &n = m_rule.condition.nodes[std::size_t(st.node)];
        if (status.lastData != 0) {
            const TimeMs quiet = status.now - status.lastData;
            r.left = double(quiet) / 1000.0;
            r.right = double(n.staleMs) / 1000.0;
            r.holds = quiet >= n.staleMs;
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Quality: {
        const AlertNode &n = m_rule.condition.nodes[std::size_t(st.node)];
        r.left = status.quality;
        r.right = n.threshold;
        r.holds = !std::isnan(r.left) && compare(n.compare, r.left, r.right);
        r.rearmed = backPast(n.compare, r.left, r.right, m_rule.hysteresis);
        return r;
    }
    case AlertOp::And:
    case AlertOp::Or: {
        // Both sides were evaluated (each keeps its previous sample up to date).
        const Result &a = nodeAt(std::size_t(st.a)).result;
        const Result &b = nodeAt(std::size_t(st.b)).result;
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

std::optional<AlertFire> AlertRuleRun::offer(
    const Result &r, TimeMs barTime, TimeMs at, bool intrabar)
{
    if (!m_state.offer(m_rule, r.holds, r.rearmed, barTime, at))
        return std::nullopt;
    AlertFire fire;
    fire.ruleId = m_rule.id;
    fire.symbol = m_rule.symbol;
    fire.timeframe = m_rule.timeframe;
    fire.barTime = barTime;
    fire.fireTime = at;
    fire.left = r.left;
    fire.right = r.right;
    fire.intrabar = intrabar;
    return fire;
}

std::optional<AlertFire> AlertRuleRun::evaluate(
    AlertSample &sample, const AlertDataStatus &status, TimeMs at)
{
    if (m_count == 0)
        return std::nullopt;
    for (std::size_t k = 0; k < m_count; ++k)
        nodeAt(k).result = step(k, sample, status);
    if (!sample.haveBar())
        return std::nullopt;
    const Bar &bar = *sample.bar(sample.index());
    std::optional<AlertFire> fire
        = offer(nodeAt(m_count - 1).result, bar.time, at, !sample.atClose());
    if (fire)
        fire->close = bar.close;
    return fire;
}

std::optional<AlertFire> AlertRuleRun::evaluate(
    const AlertSeriesData &data, std::size_t i, const AlertDataStatus &status, TimeMs at)
{
    AlertSample sample;
    sample.begin(data, i, m_slotCount);
    sample.need(m_slotMask);
    return evaluate(sample, status, at);
}

std::optional<AlertFire> AlertRuleRun::evaluateStatus(
    const AlertDataStatus &status, TimeMs barTime, TimeMs at)
{
    static const NoBars kNoBars;
    AlertSample sample;
    sample.begin(kNoBars, 0, m_slotCount);
    sample.need(m_slotMask);
    if (m_count == 0)
        return std::nullopt;
    for (std::size_t k = 0; k < m_count; ++k)
        nodeAt(k).result = step(k, sample, status);
    return offer(nodeAt(m_count - 1).result, barTime, at, true);
}

}  // namespace wick
