// core/alerts/AlertScan: one condition over many symbols' closed bars -- the
// scanner's evaluation (wick-cli scan, the app's scanner window). Whether the
// condition holds at the newest closed bar, the value it reads there (its
// left operand) and since when it has held (the first bar of the run of bars
// it has held at without a break). Evaluated by AlertBacktest, the alerts'
// own path, so a scan and an alert agree bar for bar. Pure functions, any thread.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include <QString>
#include <QTimeZone>

#include "alerts/AlertRule.h"
#include "model/Bar.h"

namespace wick {

struct ScanResult {
    QString symbol;
    bool holds = false;  // at the newest closed bar
    double value = std::nan("");  // the left operand there
    TimeMs since = 0;  // open time of the first bar of the run it holds over (holds only)
    TimeMs lastBar = 0;  // open time of the newest closed bar
    int barsHeld = 0;  // bars in that run
};

// The condition (its text; the rule's other settings are ignored) over bars,
// oldest first. nullopt and a one-line reason when it cannot be evaluated.
std::optional<ScanResult> scanBars(
    const QString &condition, std::span<const Bar> bars, QString *error);

// Closed 1m bars rolled up into timeframe on those days (Symbol::barDays); a last bucket that has
// not ended by `now` is left out (it is still forming).
std::vector<Bar> closedBarsOf(
    const std::vector<Bar> &minutes, Timeframe timeframe, const BarDays &days, TimeMs now);

}  // namespace wick
