// core/storage/CsvFields: the one place that knows CSV quoting (RFC 4180) for
// every CSV Wick writes or reads (BarCsv, wick-cli indicators and export). Pure
// functions over bytes: usable on any thread, no state.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

class QIODevice;

namespace wick {

// Appends field to out: as it is, or enclosed in double quotes with inner
// quotes doubled when it holds a comma, a double quote, CR or LF.
void appendCsvField(QByteArray &out, QByteArrayView field);
// The fields joined by commas, each quoted as appendCsvField does, and '\n'.
QByteArray csvRecord(const QList<QByteArray> &fields);

// One record read back: its fields with quotes removed ("" -> "), unquoted
// fields as they are (callers trim), and the 1-based line it starts on.
struct CsvRecord {
    QList<QByteArray> fields;
    qint64 line = 0;
    // Why the quoting is malformed (text after a closing quote, a quote never
    // closed); empty when it is not. The fields are then unusable.
    QString problem;
    // Only whitespace on the line(s): no fields.
    bool blank() const;
};

// Splits text, one whole record without its line end (a quoted field may hold
// line breaks), into fields. Spaces and tabs around a quoted field are ignored;
// a quote inside an unquoted field is an ordinary character.
CsvRecord splitCsvRecord(QByteArrayView text);

// Reads the next record from device: one line (LF or CRLF), or more when a
// quoted field holds a line break. *linesRead counts the lines consumed so far
// (start at 0); record.line is the first of them. False at the end of device.
bool readCsvRecord(QIODevice &device, qint64 *linesRead, CsvRecord *record);

}  // namespace wick
