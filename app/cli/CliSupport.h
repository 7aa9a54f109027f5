#pragma once

#include <optional>

#include <QString>

#include "model/Types.h"

namespace wick::cli {

// Prints "wick-cli <command>: <reason>" (or "wick-cli: <reason>" without a
// command) on one line to stderr; returns status.
int fail(const QString &command, const QString &reason, int status = 1);
// A line of progress or information on stderr.
void note(const QString &line);
// ISO-8601 ("2026-01-02T03:04:00Z"; no zone means UTC) or unix seconds.
std::optional<TimeMs> parseTime(const QString &text);

}  // namespace wick::cli
