// app/cli/FeaturesCommand: `wick-cli features`, the ML feature set of
// core/features over a CSV of bars or a cached series, written as CSV plus a
// JSON sidecar. Runs on wick-cli's main thread.
#pragma once

#include <QStringList>

namespace wick::cli {

// `wick-cli features (--in BARS.csv [--symbol SRC:CODE] | [--db FILE] --symbol
// SRC:CODE --timeframe TF) --out FEATURES.csv`: writes ts plus one column per
// feature (core/features/FeatureSet.h) and FEATURES.csv.json (FeaturesSidecar.h).
// `--version` prints the feature-set version and its columns.
int runFeaturesCommand(const QStringList &arguments);

}  // namespace wick::cli
