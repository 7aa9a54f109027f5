// app/cli/AlertsCommand: `wick-cli alerts`, alert rules evaluated over history
// (a CSV of 1m bars, or of trades) with the fires written as CSV. Runs on
// wick-cli's main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli alerts (--in BARS.csv | --ticks TRADES.csv) --rule RULE [--rule ...]
// [--timeframe TF] [--trigger once|once-per-bar|once-per-bar-close]
// [--cooldown DURATION] --out FIRES.csv` (core/alerts/AlertCondition.h: RULE).
int runAlertsCommand(const QStringList &arguments);

}  // namespace wick::cli
