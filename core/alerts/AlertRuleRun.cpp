#include "alerts/AlertRuleRun.h"

namespace wick {

namespace {

// An empty series for evaluateStatus().
class NoBars final : public AlertSeriesData
{
public:
    std::size_t closedCount() const override { return 0; }
    const Bar &closedBar(std::size_t) const override { return m_bar; }
    const Bar *forming() const override { return nullptr; }
    int outputCount(int) const override { return 0; }
    double indicator(int, int, std::size_t) const override { return kNaN; }
    double formingIndicator(int, int) const override { return kNaN; }

private:
    Bar m_bar;
};

}  // namespace

AlertRuleRun::AlertRuleRun(AlertRule rule, std::vector<int> specSlots)
    : m_rule(std::move(rule))
    , m_slots(std::move(specSlots))
{
    m_program.add(m_rule, m_slots);
}

void AlertRuleRun::resetSamples()
{
    m_program.resetSamples();
}

std::optional<AlertFire> AlertRuleRun::fire(
    const AlertSeriesProgram::Result &r, TimeMs barTime, TimeMs at, bool intrabar)
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

std::optional<AlertFire> AlertRuleRun::offer(
    const AlertSeriesProgram::Result &result, const Bar &bar, TimeMs at, bool intrabar)
{
    std::optional<AlertFire> fired = fire(result, bar.time, at, intrabar);
    if (fired)
        fired->close = bar.close;
    return fired;
}

std::optional<AlertFire> AlertRuleRun::evaluate(
    AlertSample &sample, const AlertDataStatus &status, TimeMs at)
{
    if (!m_program.hasSteps(0))
        return std::nullopt;
    const AlertSeriesProgram::Result result = m_program.evaluate(0, sample, status);
    if (!sample.haveBar())
        return std::nullopt;
    return offer(result, *sample.bar(sample.index()), at, !sample.atClose());
}

std::optional<AlertFire> AlertRuleRun::evaluate(
    const AlertSeriesData &data, std::size_t i, const AlertDataStatus &status, TimeMs at)
{
    AlertSample sample;
    sample.begin(data, i, m_program.slotCount());
    sample.need(slotMask());
    return evaluate(sample, status, at);
}

std::optional<AlertFire> AlertRuleRun::evaluateStatus(
    const AlertDataStatus &status, TimeMs barTime, TimeMs at)
{
    static const NoBars kNoBars;
    AlertSample sample;
    sample.begin(kNoBars, 0, m_program.slotCount());
    sample.need(slotMask());
    if (!m_program.hasSteps(0))
        return std::nullopt;
    return fire(m_program.evaluate(0, sample, status), barTime, at, true);
}

}  // namespace wick
