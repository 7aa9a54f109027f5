// app/cli/CliSupport: what every wick-cli command prints and parses the same way
// -- one-line failures, progress notes, times, the cache path, --symbol and
// --timeframe. Free functions, on wick-cli's main thread.
#pragma once

#include <optional>

#include <QString>

#include "model/Timeframe.h"
#include "model/Types.h"

class QCommandLineParser;

namespace wick::cli {

// Prints "wick-cli <command>: <reason>" (or "wick-cli: <reason>" without a
// command) on one line to stderr; returns status.
int fail(const QString &command, const QString &reason, int status = 1);
// A line of progress or information on stderr.
void note(const QString &line);
// ISO-8601 ("2026-01-02T03:04:00Z"; no zone means UTC) or unix seconds.
std::optional<TimeMs> parseTime(const QString &text);

// The parser's help text with its first line replaced by `usage`
// ("Usage: wick-cli import ..."): Qt's own first line names no subcommand.
QString helpWithUsage(const QCommandLineParser &parser, const QString &usage);

// The cache file a command uses: --db's value, or the app's own cache.db.
QString cachePathOr(const QString &dbOption);

// What a command that reads or writes one series of the cache was given:
// --symbol SRC:CODE (source lowercased) and --timeframe TF.
struct SeriesArgs {
    QString source;
    QString code;
    Timeframe timeframe = Timeframe::M1;
};

// Reads --symbol and --timeframe; on a bad value prints why and sets *status to 2.
std::optional<SeriesArgs> parseSeriesArgs(
    const QString &command, const QString &symbol, const QString &timeframe, int *status);

}  // namespace wick::cli
