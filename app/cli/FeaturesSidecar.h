// app/cli/FeaturesSidecar: the JSON file `wick-cli features` writes beside its
// CSV (FEATURES.csv.json): the feature-set version, every column with its
// definition, the symbol and calendar market_open followed, where the bars
// came from and how many there were -- so a model can check what it was
// trained on while the CSV stays plain for Python's csv module. Built on
// wick-cli's main thread.
#pragma once

#include <cstddef>
#include <optional>

#include <QByteArray>
#include <QString>

#include "model/Symbol.h"

namespace wick::cli {

struct FeaturesRun {
    QString symbolKey;  // --symbol as given (source:CODE), empty when none
    std::optional<Symbol> calendar;  // the symbol's catalogue entry, when known
    QString inputFile;  // --in, or empty when the bars came from the cache
    QString cacheFile;  // the cache read (with timeframe), or empty
    QString timeframe;  // "1m", only with cacheFile
    std::size_t bars = 0;
};

// Why market_open is what it is, one line ("empty: no --symbol given").
QString marketOpenNote(const FeaturesRun &run);
// The sidecar's bytes (indented JSON, UTF-8).
QByteArray featuresSidecar(const FeaturesRun &run);

}  // namespace wick::cli
