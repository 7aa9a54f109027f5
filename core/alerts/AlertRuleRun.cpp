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
    double indicator(int, int, std::size_t) const override { return kNaNValue; }
    double formingIndicator(int, int) const override { return kNaNValue; }

private:
    Bar m_bar;
};

}  // namespace

struct AlertRuleRun::Sample {
    const AlertSeriesData &data;
    const AlertDataStatus &status;
    std::size_t i;
    bool atClose;
    bool haveBar;  // i is a closed bar or the forming bar
    // Read once per evaluation: data.closedCount(), data.closedBars(), data.forming().
    std::size_t n;
    const Bar *bars;
    const Bar *forming;

    // Bar j (closed, or the forming bar at j == n); null when there is none.
    const Bar *bar(std::size_t j) const
    {
        if (j < n)
            return bars ? bars + j : &data.closedBar(j);
        return j == n ? forming : nullptr;
    }
};

AlertRuleRun::AlertRuleRun(AlertRule rule, std::vector<int> specSlots)
    : m_rule(std::move(rule))
    , m_slots(std::move(specSlots))
    , m_previous(m_rule.condition.nodes.size())
{ }

void AlertRuleRun::resetSamples()
{
    std::fill(m_previous.begin(), m_previous.end(), Previous {});
}

double AlertRuleRun::value(const AlertOperand &operand, const Sample &s, std::size_t i) const
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
        const int slot = m_slots[std::size_t(operand.spec)];
        if (i < s.n)
            v = s.data.indicator(slot, operand.output, i);
        else if (i == s.n && s.forming)
            v = s.data.formingIndicator(slot, operand.output);
        break;
    }
    }
    return operand.scale * v;
}

AlertRuleRun::Result AlertRuleRun::node(int index, const Sample &s)
{
    const AlertNode &n = m_rule.condition.nodes[std::size_t(index)];
    Previous &prev = m_previous[std::size_t(index)];
    Result r;
    switch (n.op) {
    case AlertOp::Greater:
    case AlertOp::Less:
    case AlertOp::GreaterEqual:
    case AlertOp::LessEqual: {
        r.left = value(n.left, s, s.i);
        r.right = value(n.right, s, s.i);
        r.holds = !std::isnan(r.left) && !std::isnan(r.right) && compare(n.op, r.left, r.right);
        r.rearmed = backPast(n.op, r.left, r.right, m_rule.hysteresis);
        return r;
    }
    case AlertOp::CrossesAbove:
    case AlertOp::CrossesBelow:
    case AlertOp::Crosses: {
        r.left = value(n.left, s, s.i);
        r.right = value(n.right, s, s.i);
        Previous before = prev;
        if (s.atClose || !prev.sampled) {
            before = s.i > 0
                ? Previous {value(n.left, s, s.i - 1), value(n.right, s, s.i - 1), true}
                : Previous {};
        }
        if (s.haveBar)
            prev = Previous {r.left, r.right, true};
        const bool defined = !std::isnan(r.left) && !std::isnan(r.right) && !std::isnan(before.a)
            && !std::isnan(before.b);
        const bool above = defined && r.left > r.right && before.a <= before.b;
        const bool below = defined && r.left < r.right && before.a >= before.b;
        r.holds = n.op == AlertOp::CrossesAbove ? above
            : n.op == AlertOp::CrossesBelow     ? below
                                                : (above || below);
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Enters:
    case AlertOp::Exits: {
        r.left = value(n.left, s, s.i);
        double before = prev.a;
        if (s.atClose || !prev.sampled)
            before = s.i > 0 ? value(n.left, s, s.i - 1) : kNaNValue;
        if (s.haveBar)
            prev = Previous {r.left, kNaNValue, true};
        if (!std::isnan(r.left) && !std::isnan(before)) {
            const bool inside = r.left >= n.low && r.left <= n.high;
            const bool wasInside = before >= n.low && before <= n.high;
            r.holds = n.op == AlertOp::Enters ? (inside && !wasInside) : (!inside && wasInside);
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Moves: {
        r.left = value(n.left, s, s.i);
        if (!std::isnan(r.left)) {
            const std::size_t k = std::min<std::size_t>(std::size_t(n.bars), s.i);
            for (std::size_t j = 1; j <= k && !r.holds; ++j) {
                const double then = value(n.left, s, s.i - j);
                if (!std::isnan(then) && then != 0.0
                    && std::abs(r.left - then) >= std::abs(then) * n.percent / 100.0) {
                    r.holds = true;
                    r.right = then;
                }
            }
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::VolumeSpike: {
        const Bar *now = s.bar(s.i);
        r.left = now ? now->volume : kNaNValue;
        if (!std::isnan(r.left) && s.i >= std::size_t(n.bars)) {
            double sum = 0.0;
            for (std::size_t j = s.i - std::size_t(n.bars); j < s.i; ++j)
                sum += s.bar(j)->volume;
            r.right = n.factor * sum / double(n.bars);
            r.holds = r.left > r.right;
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Stale: {
        if (s.status.lastData != 0) {
            const TimeMs quiet = s.status.now - s.status.lastData;
            r.left = double(quiet) / 1000.0;
            r.right = double(n.staleMs) / 1000.0;
            r.holds = quiet >= n.staleMs;
        }
        r.rearmed = !r.holds;
        return r;
    }
    case AlertOp::Quality: {
        r.left = s.status.quality;
        r.right = n.threshold;
        r.holds = !std::isnan(r.left) && compare(n.compare, r.left, r.right);
        r.rearmed = backPast(n.compare, r.left, r.right, m_rule.hysteresis);
        return r;
    }
    case AlertOp::And:
    case AlertOp::Or: {
        // Both sides always: each keeps its previous sample up to date.
        const Result a = node(n.a, s);
        const Result b = node(n.b, s);
        if (n.op == AlertOp::And) {
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
    const AlertSeriesData &data, std::size_t i, const AlertDataStatus &status, TimeMs at)
{
    const std::size_t n = data.closedCount();
    const bool atClose = i < n;
    const Bar *forming = data.forming();
    const bool haveBar = atClose || (i == n && forming);
    const Sample s {data, status, i, atClose, haveBar, n, data.closedBars(), forming};
    const Result r = node(m_rule.condition.root, s);
    if (!haveBar)
        return std::nullopt;
    const Bar &bar = *s.bar(i);
    std::optional<AlertFire> fire = offer(r, bar.time, at, !atClose);
    if (fire)
        fire->close = bar.close;
    return fire;
}

std::optional<AlertFire> AlertRuleRun::evaluateStatus(
    const AlertDataStatus &status, TimeMs barTime, TimeMs at)
{
    static const NoBars kNoBars;
    const Sample s {kNoBars, status, 0, false, false, 0, nullptr, nullptr};
    const Result r = node(m_rule.condition.root, s);
    return offer(r, barTime, at, true);
}

}  // namespace wick
