#include "alerts/AlertBacktest.h"

#include "bars/BarBuilder.h"
#include "engine/MarketSnapshot.h"
#include "indicators/IndicatorRegistry.h"

namespace wick {

struct AlertBacktest::Slot {
    QString key;  // indicatorRunKey(): equal specs share one slot
    std::unique_ptr<Indicator> indicator;
    std::vector<std::vector<double>> closed;  // per output, aligned with m_bars
    double forming[kMaxIndicatorOutputs];
};

AlertBacktest::AlertBacktest() = default;
AlertBacktest::~AlertBacktest() = default;

bool AlertBacktest::addRule(const AlertRule &rule, QString *error)
{
    std::vector<int> specSlots;
    for (const QString &text : rule.condition.specs) {
        const QString key = indicatorRunKey(text);
        int found = -1;
        for (std::size_t k = 0; k < m_slots.size(); ++k)
            if (m_slots[k]->key == key)
                found = int(k);
        if (found < 0) {
            const auto spec = parseIndicatorSpec(text, error);
            if (!spec)
                return false;
            auto slot = std::make_unique<Slot>();
            slot->key = key;
            slot->indicator = createIndicator(*spec, error);
            if (!slot->indicator)
                return false;
            slot->closed.resize(std::size_t(slot->indicator->outputCount()));
            m_slots.push_back(std::move(slot));
            m_specs << text;
            found = int(m_slots.size()) - 1;
        }
        specSlots.push_back(found);
    }
    m_rules.emplace_back(rule, std::move(specSlots));
    return true;
}

int AlertBacktest::outputCount(int slot) const
{
    return int(m_slots[std::size_t(slot)]->closed.size());
}

double AlertBacktest::indicator(int slot, int output, std::size_t i) const
{
    return m_slots[std::size_t(slot)]->closed[std::size_t(output)][i];
}

double AlertBacktest::formingIndicator(int slot, int output) const
{
    return m_hasForming ? m_slots[std::size_t(slot)]->forming[output] : kNaN;
}

void AlertBacktest::formingIndicators(int slot, double *out) const
{
    for (int o = 0; o < outputCount(slot); ++o)
        out[o] = formingIndicator(slot, o);
}

void AlertBacktest::evaluate(std::size_t i, TimeMs at, std::vector<AlertFire> &fires)
{
    m_sample.begin(*this, i, int(m_slots.size()));
    const bool atClose = i < m_bars.size();
    const TimeMs barTime = m_sample.bar(i)->time;
    for (AlertRuleRun &run : m_rules) {
        if (!atClose && (!run.readsForming() || run.skipIfIdle(barTime, at)))
            continue;
        m_sample.need(run.slotMask());
        if (auto fire = run.evaluate(m_sample, m_status, at))
            fires.push_back(std::move(*fire));
    }
}

void AlertBacktest::closeBar(
    const Bar &bar, std::vector<AlertFire> &fires, std::optional<TimeMs> at)
{
    m_hasForming = false;
    m_bars.push_back(bar);
    double row[kMaxIndicatorOutputs];
    for (auto &slot : m_slots) {
        slot->indicator->update(bar, row);
        for (std::size_t k = 0; k < slot->closed.size(); ++k)
            slot->closed[k].push_back(row[k]);
    }
    evaluate(m_bars.size() - 1, at.value_or(bar.time), fires);
}

void AlertBacktest::updateForming(
    const Bar &bar, std::vector<AlertFire> &fires, std::optional<TimeMs> at)
{
    m_forming = bar;
    m_hasForming = true;
    for (auto &slot : m_slots)
        slot->indicator->peek(bar, slot->forming);
    evaluate(m_bars.size(), at.value_or(bar.time), fires);
}

void AlertBacktest::runBars(std::span<const Bar> bars, std::vector<AlertFire> &fires)
{
    for (const Bar &bar : bars)
        closeBar(bar, fires);
}

void AlertBacktest::runTicks(
    std::span<const Tick> ticks, Timeframe timeframe, std::vector<AlertFire> &fires)
{
    BarBuilder builder {TimeframeCalendar(timeframe)};
    std::vector<Bar> closed;
    for (const Tick &tick : ticks) {
        closed.clear();
        if (builder.addTick(tick.time, tick.price, tick.size, closed) == TickOutcome::Late)
            continue;
        for (const Bar &bar : closed)
            closeBar(bar, fires);
        updateForming(builder.formingBar(), fires);
    }
}

}  // namespace wick
