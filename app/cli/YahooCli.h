// app/cli/YahooCli: what wick-cli's Yahoo commands (quotes, search) share --
// --source checked against the sources these commands serve, and the source's
// config from --set KEY=VALUE (as settings.ini's sources/yahoo/KEY), then
// WICK_YAHOO_REST_URL, then --rest-url (the cookie and crumb requests go to
// the same base URL when it is overridden). On wick-cli's main thread.
#pragma once

#include <optional>

#include <QCommandLineOption>

#include "feeds/yahoo/YahooFeed.h"

namespace wick::cli {

class CliOptions;

struct YahooCliOptions {
    QCommandLineOption source {QStringLiteral("source"),
        QStringLiteral("The source: yahoo (the only one with these endpoints so far)."),
        QStringLiteral("SRC")};
    QCommandLineOption restUrl {QStringLiteral("rest-url"),
        QStringLiteral("REST base URL (default: sources/yahoo/restUrl from --set, then "
                       "WICK_YAHOO_REST_URL, then Yahoo's query2 host)."),
        QStringLiteral("URL")};
    QCommandLineOption set {QStringLiteral("set"),
        QStringLiteral("A setting of the source, as settings.ini's sources/yahoo/KEY would give "
                       "it (repeatable): --set quoteBatch=50 --set requestsPerSecond=4."),
        QStringLiteral("KEY=VALUE")};

    void addTo(CliOptions &options) const;
    // The config, or std::nullopt after the reason (options.status() says the exit status).
    std::optional<YahooFeedConfig> config(CliOptions &options) const;
};

}  // namespace wick::cli
