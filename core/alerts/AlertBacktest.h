// core/alerts/AlertBacktest: the pure evaluation path -- rules over one
// series given bar by bar (closed bars, forming-bar updates), with bars and
// indicator instances of its own, computed by the same indicator code as the
// engine's runs (createIndicator; update() at a close, peek() on the forming
// bar: batch == streaming is the indicators' guarantee). For wick-cli alerts
// and tests. Single-threaded: its caller's thread.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include <QString>
#include <QStringList>

#include "alerts/AlertRuleRun.h"
#include "alerts/AlertSeriesData.h"
#include "indicators/Indicator.h"
#include "model/Tick.h"

namespace wick {

class AlertBacktest final : public AlertSeriesData
{
public:
    AlertBacktest();
    ~AlertBacktest();

    // Adds a rule (evaluated on the bars this is given, whatever rule.timeframe
    // says); false and a one-line reason when an indicator cannot be made.
    // Before the first bar only.
    bool addRule(const AlertRule &rule, QString *error);

    // A bar closed: appended, indicators stepped, every rule evaluated at it.
    // `at` is the fire time the gates use (the bar's open time when empty).
    void closeBar(const Bar &bar, std::vector<AlertFire> &fires, std::optional<TimeMs> at = {});
    // The forming bar changed: rules that read forming bars are evaluated.
    void updateForming(
        const Bar &bar, std::vector<AlertFire> &fires, std::optional<TimeMs> at = {});
    // The data conditions' input for the samples that follow.
    void setStatus(const AlertDataStatus &status) { m_status = status; }

    // Every rule over closed bars, oldest first (fire time: the bar's open time).
    void runBars(std::span<const Bar> bars, std::vector<AlertFire> &fires);
    // Every rule over trades (in time order): they build bars of `timeframe`
    // (UTC buckets); each trade is a forming-bar update, each bucket's end a
    // close. The last forming bar stays open.
    void runTicks(std::span<const Tick> ticks, Timeframe timeframe, std::vector<AlertFire> &fires);

    std::vector<AlertRuleRun> &rules() { return m_rules; }
    const QStringList &specs() const { return m_specs; }

    // AlertSeriesData
    std::size_t closedCount() const override { return m_bars.size(); }
    const Bar &closedBar(std::size_t i) const override { return m_bars[i]; }
    const Bar *forming() const override { return m_hasForming ? &m_forming : nullptr; }
    int outputCount(int slot) const override;
    double indicator(int slot, int output, std::size_t i) const override;
    double formingIndicator(int slot, int output) const override;
    void formingIndicators(int slot, double *out) const override;

private:
    struct Slot;

    // Evaluates the rules at sample i (closed, or the forming bar at i == closedCount()).
    void evaluate(std::size_t i, TimeMs at, std::vector<AlertFire> &fires);

    std::vector<AlertRuleRun> m_rules;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QStringList m_specs;  // per slot, as the first rule spelled it
    std::vector<Bar> m_bars;
    Bar m_forming;
    bool m_hasForming = false;
    AlertDataStatus m_status;
    AlertSample m_sample;
};

}  // namespace wick
