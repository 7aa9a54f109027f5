// app/cli/SearchCommand: `wick-cli search`, the symbols a source offers for a
// query -- Yahoo's search endpoint, or the codes Binance's exchangeInfo lists
// that match -- as CSV with the keys the other commands take (yahoo:AAPL,
// binance:BTCUSDT). Runs on wick-cli's main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli search --source yahoo|binance QUERY [--rest-url URL] [--limit N]
// [--set KEY=VALUE ...]`: key,name,type,exchange on stdout.
int runSearchCommand(const QStringList &arguments);

}  // namespace wick::cli
