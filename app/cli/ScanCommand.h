// app/cli/ScanCommand: `wick-cli scan`, one alert condition over many cached
// symbols (the app's scanner over the cache): the symbols it holds at on
// their newest closed bar, with the value and since when. Runs on wick-cli's
// main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli scan [--db FILE] --condition COND [--timeframe TF] [--symbol SRC:CODE ...]
// [--bars N] [--all]`: CSV on stdout, symbol,holds,value,since,bars_held,last_bar.
int runScanCommand(const QStringList &arguments);

}  // namespace wick::cli
