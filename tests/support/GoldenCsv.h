// tests/support: the TA-Lib golden files (../shared/golden/README.md): CSV
// tables of doubles (an empty cell is NaN, "nan" too), the input bars, and
// all_functions.tsv. Test thread only.
#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "model/Bar.h"

namespace wick::test {

struct GoldenTable {
    QStringList header;
    std::vector<std::vector<double>> columns;  // NaN for an empty cell (or TA-Lib's "nan")
};

// The folder WICK_GOLDEN_DIR names, with a trailing slash.
QString goldenDir();
// An empty table if the file cannot be read.
GoldenTable readGoldenCsv(const QString &path);
// ts,open,high,low,close,volume rows as bars (ts in seconds).
std::vector<Bar> goldenBars(const GoldenTable &input);

// One row of all_functions.tsv.
struct GoldenFunctionColumn {
    QString column;  // "bbands.upperband"
    QString function;  // "BBANDS"
    QString group;  // "Overlap Studies"
    QStringList parameterNames;  // {"optInTimePeriod", ...}; empty for "-"
    std::vector<double> parameters;  // TA-Lib's defaults, in its order
    int lookback = 0;
    bool integer = false;  // "integer" type: -100, 0, 100 (200)
};
std::vector<GoldenFunctionColumn> readGoldenFunctions(const QString &path);

}  // namespace wick::test
