// core/storage/BarCsv: the bars CSV of wick-cli and the app's import/export
// (ts,open,high,low,close,volume): reading with a check of every row, writing
// that round-trips. Pure functions, run on the caller's thread (the storage
// thread in the app, the main thread in wick-cli).
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
// optional; ts in unix seconds, unix milliseconds or ISO-8601; any field may
// be quoted, RFC 4180, see CsvFields.h) and checks every
// row: positive finite prices, low <= min(open, close) <= max(open, close) <= high,
// non-negative finite volume, ts after the previous accepted row's.
BarCsvRead readBarsCsv(const QString &path);

// The header line of a bars CSV, without its line end.
inline constexpr char kBarsCsvHeader[] = "ts,open,high,low,close,volume";

// One row: ts in unix seconds (rounded down: -0.5 s is -1), values with 17
// significant digits (round-trips).
void appendBarCsv(QByteArray &csv, const Bar &bar);
// The header and every bar.
QByteArray barsCsv(std::span<const Bar> bars);

}  // namespace wick
