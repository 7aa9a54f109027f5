#include "alerts/AlertScan.h"

#include <unordered_map>

#include "alerts/AlertBacktest.h"
#include "bars/Aggregator.h"

namespace wick {

std::optional<ScanResult> scanBars(
    const QString &condition, std::span<const Bar> bars, QString *error)
{
    AlertRule rule;
    rule.id = QStringLiteral("scan");
    if (!rule.setText(condition, error))
        return std::nullopt;
    // Every bar it holds at fires: at a close, no cooldown, no limit, no band
    // (fire times are bar times, so the auto-pause -- 15 in 3 minutes -- never
    // comes near: at most three 1m bars fall in 3 minutes).
    rule.trigger = AlertTrigger::OncePerBarClose;
    AlertBacktest backtest;
    if (!backtest.addRule(rule, error))
        return std::nullopt;
    std::vector<AlertFire> fires;
    backtest.runBars(bars, fires);
    ScanResult result;
    if (bars.empty())
        return result;
    result.lastBar = bars.back().time;
    std::unordered_map<TimeMs, double> held;
    held.reserve(fires.size());
    for (const AlertFire &fire : fires)
        held.emplace(fire.barTime, fire.left);
    const auto last = held.find(result.lastBar);
    if (last == held.end())
        return result;
    result.holds = true;
    result.value = last->second;
    for (std::size_t i = bars.size(); i-- > 0;) {
        if (!held.contains(bars[i].time))
            break;
        result.since = bars[i].time;
        ++result.barsHeld;
    }
    return result;
}

std::vector<Bar> closedBarsOf(
    const std::vector<Bar> &minutes, Timeframe timeframe, const BarDays &days, TimeMs now)
{
    if (timeframe == Timeframe::M1)
        return minutes;
    std::vector<Bar> bars = Aggregator::aggregate(minutes, timeframe, days);
    if (!bars.empty() && bucketAt(timeframe, bars.back().time, days).end > now)
        bars.pop_back();
    return bars;
}

}  // namespace wick
