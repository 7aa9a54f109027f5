// app/cli/DemoCommand: `wick-cli demo`, the demo feed's bars as CSV. Runs on
// wick-cli's main thread, no event loop.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli demo --symbols N --minutes M --out FILE.csv [--seed S] [--start T]`:
// the demo feed's closed 1m bars of the first N demo symbols over the M minutes
// before the start, as CSV (one file per symbol when N > 1).
int runDemoCommand(const QStringList &arguments);

}  // namespace wick::cli
