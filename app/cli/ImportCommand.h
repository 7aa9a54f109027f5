// app/cli/ImportCommand: `wick-cli import`, a checked CSV of bars into the
// cache through its own read-write connection. Runs on wick-cli's main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli import --db FILE --symbol SRC:CODE --timeframe TF --in BARS.csv`:
// validates every row of a ts,open,high,low,close,volume CSV and stores the
// accepted bars in the cache; rejected rows go to stderr with their line.
int runImportCommand(const QStringList &arguments);

}  // namespace wick::cli
