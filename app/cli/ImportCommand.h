#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli import --db FILE --symbol SRC:CODE --timeframe TF --in BARS.csv`:
// validates every row of a ts,open,high,low,close,volume CSV and stores the
// accepted bars in the cache; rejected rows go to stderr with their line.
int runImportCommand(const QStringList &arguments);

}  // namespace wick::cli
