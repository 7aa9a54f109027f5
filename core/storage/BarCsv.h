#pragma once

#include <optional>
#include <span>
#include <vector>

#include <QByteArray>
#include <QString>

#include "model/Bar.h"

namespace wick {

// One refused CSV row: its 1-based line number and why.
struct CsvRejection {
    qint64 line = 0;
    QString reason;
};

// A bars CSV file read and checked row by row.
struct BarCsvRead {
    std::vector<Bar> bars;  // the accepted rows, oldest first
    std::vector<CsvRejection> rejected;
    QString error;  // the file itself could not be read (empty when it could)
};

// ISO-8601 (no zone means UTC) to UTC milliseconds.
std::optional<TimeMs> parseIsoUtc(const QString &text);

// Reads the bars CSV format of wick-cli (header ts,open,high,low,close,volume,
// optional; ts in unix seconds, unix milliseconds or ISO-8601) and checks every
// row: positive finite prices, low <= min(open, close) <= max(open, close) <= high,
// non-negative finite volume, ts after the previous accepted row's.
BarCsvRead readBarsCsv(const QString &path);

// One row: ts in unix seconds, values with 17 significant digits (round-trips).
void appendBarCsv(QByteArray &csv, const Bar &bar);
// The header and every bar.
QByteArray barsCsv(std::span<const Bar> bars);

}  // namespace wick
