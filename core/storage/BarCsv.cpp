#include "storage/BarCsv.h"

#include <cmath>

#include <QDateTime>
#include <QFile>

#include "storage/CsvFields.h"

namespace wick {

namespace {

// A whole number of at least 1e11 is milliseconds (1e11 s is in the year 5138,
// 1e11 ms in 1973); below that it is seconds.
constexpr qint64 kMillisecondsFrom = 100'000'000'000LL;

std::optional<TimeMs> parseTimestamp(const QByteArray &field)
{
    bool whole = false;
    const qint64 number = field.toLongLong(&whole);
    if (whole) {
        if (std::llabs(number) >= kMillisecondsFrom)
            return number;
        return number * 1000;
    }
    return parseIsoUtc(QString::fromLatin1(field));
}

// The reason a row is refused, or an empty string.
QString rowProblem(const QList<QByteArray> &fields, Bar &bar, std::optional<TimeMs> previous)
{
    if (fields.size() != 6)
        return QStringLiteral("expected 6 fields (ts,open,high,low,close,volume), found %1")
            .arg(fields.size());
    const auto time = parseTimestamp(fields[0].trimmed());
    if (!time)
        return QStringLiteral("ts '%1' is not unix seconds, unix milliseconds or ISO-8601")
            .arg(QString::fromLatin1(fields[0].trimmed()));
    static const char *const names[] = {"open", "high", "low", "close", "volume"};
    double values[5];
    for (int i = 0; i < 5; ++i) {
        bool ok = false;
        values[i] = fields[i + 1].trimmed().toDouble(&ok);
        if (!ok)
            return QStringLiteral("%1 '%2' is not a number")
                .arg(QLatin1String(names[i]), QString::fromLatin1(fields[i + 1].trimmed()));
        if (!std::isfinite(values[i]))
            return QStringLiteral("%1 is not finite").arg(QLatin1String(names[i]));
    }
    const auto [open, high, low, close, volume] = values;
    for (int i = 0; i < 4; ++i) {
        if (!(values[i] > 0.0))
            return QStringLiteral("%1 %2 is not positive")
                .arg(QLatin1String(names[i]))
                .arg(values[i], 0, 'g', 17);
    }
    if (volume < 0.0)
        return QStringLiteral("volume %1 is negative").arg(volume, 0, 'g', 17);
    if (low > std::min(open, close))
        return QStringLiteral("low %1 is above min(open, close) %2")
            .arg(low, 0, 'g', 17)
            .arg(std::min(open, close), 0, 'g', 17);
    if (high < std::max(open, close))
        return QStringLiteral("high %1 is below max(open, close) %2")
            .arg(high, 0, 'g', 17)
            .arg(std::max(open, close), 0, 'g', 17);
    if (previous && *time <= *previous)
        return QStringLiteral("ts %1 is not after the previous accepted row's %2")
            .arg(QString::fromLatin1(fields[0].trimmed()))
            .arg(*previous % 1000 == 0 ? *previous / 1000 : *previous);
    bar = Bar {*time, open, high, low, close, volume, 0};
    return {};
}

bool isHeader(const QList<QByteArray> &fields)
{
    QByteArray names;
    for (const QByteArray &field : fields)
        names += field.trimmed().toLower() + ',';
    return names == "ts,open,high,low,close,volume," || names == "time,open,high,low,close,volume,";
}

}  // namespace

std::optional<TimeMs> parseIsoUtc(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch();
}

BarCsvRead readBarsCsv(const QString &path)
{
    BarCsvRead read;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        read.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return read;
    }
    std::optional<TimeMs> previous;
    qint64 linesRead = 0;
    CsvRecord record;
    while (readCsvRecord(file, &linesRead, &record)) {
        if (record.blank())
            continue;
        if (record.line == 1 && record.problem.isEmpty() && isHeader(record.fields))
            continue;
        Bar bar;
        const QString problem
            = record.problem.isEmpty() ? rowProblem(record.fields, bar, previous) : record.problem;
        if (!problem.isEmpty()) {
            read.rejected.push_back(CsvRejection {record.line, problem});
            continue;
        }
        previous = bar.time;
        read.bars.push_back(bar);
    }
    if (file.error() != QFileDevice::NoError)
        read.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    return read;
}

void appendBarCsv(QByteArray &csv, const Bar &bar)
{
    const TimeMs seconds = bar.time >= 0 ? bar.time / 1000 : -((-bar.time + 999) / 1000);
    csv += QByteArray::number(seconds);
    for (double value : {bar.open, bar.high, bar.low, bar.close, bar.volume}) {
        csv += ',';
        csv += QByteArray::number(value, 'g', 17);
    }
    csv += '\n';
}

QByteArray barsCsv(std::span<const Bar> bars)
{
    QByteArray csv = QByteArray(kBarsCsvHeader) + '\n';
    csv.reserve(qsizetype(bars.size()) * 100 + csv.size());
    for (const Bar &bar : bars)
        appendBarCsv(csv, bar);
    return csv;
}

}  // namespace wick
