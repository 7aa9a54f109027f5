// app/cli/IndicatorsCommand: `wick-cli indicators`, indicators over a CSV of
// bars written as CSV. Runs on wick-cli's main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli indicators --in BARS.csv --out OUT.csv --ind SPEC [--ind SPEC ...]`:
// computes indicators over a CSV of bars (see core/indicators/IndicatorRegistry.h
// for the SPEC syntax) and writes ts plus one column per output.
int runIndicatorsCommand(const QStringList &arguments);

}  // namespace wick::cli
