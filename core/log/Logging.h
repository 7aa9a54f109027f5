// core/log: process-wide logging through spdlog -- a rotating file in the app's
// data directory plus the console. Qt's own messages (qDebug, qWarning, ...) are
// routed into the same log. Never log secrets. The sinks are thread-safe (_mt):
// any thread logs; initLogging() runs on the main thread at start-up.
#pragma once

#include <QString>

namespace wick {

struct LoggingOptions {
    QString directory;  // where wick.log rotates; empty: console only
    QString fileName = QStringLiteral("wick.log");
    bool console = true;
    bool verbose = false;  // debug level instead of info
};

// Sets up the default logger; safe to call again (the last call wins).
// Returns false (and logs to the console why) when the file cannot be opened.
bool initLogging(const LoggingOptions &options);

}  // namespace wick
