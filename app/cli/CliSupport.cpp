#include "CliSupport.h"

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

#include "storage/BarCsv.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

namespace wick::cli {

int fail(const QString &command, const QString &reason, int status)
{
    const QString line = command.isEmpty()
        ? QStringLiteral("wick-cli: %1\n").arg(reason)
        : QStringLiteral("wick-cli %1: %2\n").arg(command, reason);
    std::fputs(line.toLocal8Bit().constData(), stderr);
    return status;
}

void note(const QString &line)
{
    std::fputs((line + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

std::optional<TimeMs> parseTime(const QString &text)
{
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < -62135596800LL || seconds > 253402300799LL)  // years 1 .. 9999
            return std::nullopt;
        return seconds * 1000;
    }
    return parseIsoUtc(text);
}

QString cachePathOr(const QString &dbOption)
{
    if (!dbOption.isEmpty())
        return dbOption;
    // Database::defaultPath() follows QStandardPaths, which needs the app's names.
    QCoreApplication::setOrganizationName(QStringLiteral("Wick"));
    QCoreApplication::setApplicationName(QStringLiteral("Wick"));
    return Database::defaultPath();
}

QString helpWithUsage(const QCommandLineParser &parser, const QString &usage)
{
    QString help = parser.helpText();
    help.replace(0, help.indexOf(QLatin1Char('\n')), usage);
    return help;
}

std::optional<SeriesArgs> parseSeriesArgs(
    const QString &command, const QString &symbol, const QString &timeframe, int *status)
{
    const auto key = SymbolStore::splitKey(symbol);
    if (!key) {
        *status = fail(
            command, QStringLiteral("--symbol must be source:CODE, not '%1'").arg(symbol), 2);
        return std::nullopt;
    }
    const auto tf = parseTimeframe(timeframe);
    if (!tf) {
        *status = fail(command,
            QStringLiteral("--timeframe must be one of 1m 5m 15m 30m 1h 4h 1d 1w, not '%1'")
                .arg(timeframe),
            2);
        return std::nullopt;
    }
    return SeriesArgs {key->first, key->second, *tf};
}

}  // namespace wick::cli
