#include "GoldenCsv.h"

#include <cmath>
#include <cstdlib>

#include <QFile>

namespace wick::test {

QString goldenDir()
{
    return qEnvironmentVariable("WICK_GOLDEN_DIR") + QLatin1Char('/');
}

GoldenTable readGoldenCsv(const QString &path)
{
    GoldenTable t;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return t;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QList<QByteArray> cells = line.split(',');
        if (t.header.isEmpty()) {
            for (const QByteArray &c : cells)
                t.header << QString::fromLatin1(c);
            t.columns.resize(std::size_t(cells.size()));
            continue;
        }
        for (qsizetype i = 0; i < cells.size() && i < t.header.size(); ++i)
            t.columns[std::size_t(i)].push_back(
                cells[i].isEmpty() ? std::nan("") : std::strtod(cells[i].constData(), nullptr));
    }
    return t;
}

std::vector<Bar> goldenBars(const GoldenTable &t)
{
    std::vector<Bar> bars(t.columns.empty() ? 0 : t.columns.at(0).size());
    for (std::size_t i = 0; i < bars.size(); ++i) {
        bars[i].time = TimeMs(t.columns[0][i]) * 1000;
        bars[i].open = t.columns[1][i];
        bars[i].high = t.columns[2][i];
        bars[i].low = t.columns[3][i];
        bars[i].close = t.columns[4][i];
        bars[i].volume = t.columns[5][i];
    }
    return bars;
}

std::vector<GoldenFunctionColumn> readGoldenFunctions(const QString &path)
{
    std::vector<GoldenFunctionColumn> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    file.readLine();  // header
    while (!file.atEnd()) {
        const QStringList cells
            = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char('\t'));
        if (cells.size() < 7)
            continue;
        GoldenFunctionColumn row;
        row.column = cells[0];
        row.function = cells[1];
        row.group = cells[2];
        if (cells[3] != u"-") {
            for (const QString &pair : cells[3].split(QLatin1Char(','))) {
                row.parameterNames << pair.section(QLatin1Char('='), 0, 0);
                row.parameters.push_back(pair.section(QLatin1Char('='), 1).toDouble());
            }
        }
        row.lookback = cells[5].trimmed().toInt();
        row.integer = cells[6].trimmed() == u"integer";
        rows.push_back(row);
    }
    return rows;
}

}  // namespace wick::test
