#include "storage/CsvFields.h"

#include <QIODevice>

namespace wick {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

enum class Scan { Done, Open, Malformed };

// Where a line leaves the record: inside a quoted field (the record goes on at
// the next line) or not. One pass per line, so a quote never closed costs one
// read of the rest of the file, not one per line.
enum class Quoting { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterClose };

Quoting quotingAfter(QByteArrayView line, Quoting state)
{
    for (const char c : line) {
        switch (state) {
        case Quoting::FieldStart:
            if (c == '"')
                state = Quoting::Quoted;
            else if (c != ',' && !isSpace(c))
                state = Quoting::Unquoted;
            break;
        case Quoting::Unquoted:
        case Quoting::AfterClose:
            if (c == ',')
                state = Quoting::FieldStart;
            break;
        case Quoting::Quoted:
            if (c == '"')
                state = Quoting::QuoteInQuoted;
            break;
        case Quoting::QuoteInQuoted:
            state = c == '"' ? Quoting::Quoted
                : c == ','   ? Quoting::FieldStart
                             : Quoting::AfterClose;
            break;
        }
    }
    return state;
}

Scan scanRecord(QByteArrayView text, CsvRecord *record)
{
    record->fields.clear();
    record->problem.clear();
    qsizetype at = 0;
    const qsizetype size = text.size();
    while (true) {
        qsizetype start = at;
        while (start < size && isSpace(text[start]))
            ++start;
        if (start < size && text[start] == '"') {
            QByteArray field;
            qsizetype i = start + 1;
            bool closed = false;
            while (i < size) {
                if (text[i] == '"') {
                    if (i + 1 < size && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                field += text[i];
                ++i;
            }
            if (!closed)
                return Scan::Open;
            while (i < size && isSpace(text[i]))
                ++i;
            if (i < size && text[i] != ',') {
                record->problem = QStringLiteral("text after the closing quote of field %1")
                                      .arg(record->fields.size() + 1);
                return Scan::Malformed;
            }
            record->fields.append(field);
            if (i == size)
                return Scan::Done;
            at = i + 1;
            continue;
        }
        const qsizetype comma = text.indexOf(',', at);
        const qsizetype end = comma < 0 ? size : comma;
        record->fields.append(text.sliced(at, end - at).toByteArray());
        if (comma < 0)
            return Scan::Done;
        at = comma + 1;
    }
}

}  // namespace

void appendCsvField(QByteArray &out, QByteArrayView field)
{
    bool quote = false;
    for (const char c : field) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

QByteArray csvRecord(const QList<QByteArray> &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        appendCsvField(out, fields[i]);
    }
    out += '\n';
    return out;
}

bool CsvRecord::blank() const
{
    return fields.size() == 1 && fields.first().trimmed().isEmpty() && problem.isEmpty();
}

CsvRecord splitCsvRecord(QByteArrayView text)
{
    CsvRecord record;
    if (scanRecord(text, &record) == Scan::Open)
        record.problem = QStringLiteral("a quoted field is not closed");
    return record;
}

bool readCsvRecord(QIODevice &device, qint64 *linesRead, CsvRecord *record)
{
    if (device.atEnd())
        return false;
    const qint64 first = *linesRead + 1;
    QByteArray text;
    Quoting state = Quoting::FieldStart;
    while (!device.atEnd()) {
        QByteArray line = device.readLine();
        ++*linesRead;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        text += line;
        state = quotingAfter(line, state);
        if (state != Quoting::Quoted)
            break;
        text += '\n';  // the line break belongs to the quoted field
    }
    if (state == Quoting::Quoted)
        text.chop(1);
    *record = splitCsvRecord(text);
    record->line = first;
    return true;
}

}  // namespace wick
