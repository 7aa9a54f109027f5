// app/cli/QuotesCommand: `wick-cli quotes`, the latest quote of every symbol
// in a file (YahooQuoteRun: batched, several requests in flight within the
// source's limit, 429s waited out, failures retried), as CSV; the unknown and
// failed symbols listed apart on stderr, never dropped. Runs on wick-cli's
// main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli quotes --source yahoo --symbols-file FILE [--out FILE.csv]
// [--rest-url URL] [--concurrency N] [--timeout S] [--set KEY=VALUE ...]`:
// symbol,ts,price,change_pct,volume,state; status 1 when a symbol failed.
int runQuotesCommand(const QStringList &arguments);

}  // namespace wick::cli
