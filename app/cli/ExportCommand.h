// app/cli/ExportCommand: `wick-cli export`, cached bars as CSV through a
// read-only connection. Runs on wick-cli's main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli export --db FILE --symbol SRC:CODE --timeframe TF [--from T] [--to T]
// --out BARS.csv`: a symbol's cached bars as CSV in the format of `wick-cli demo`.
int runExportCommand(const QStringList &arguments);

}  // namespace wick::cli
