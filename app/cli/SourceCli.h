// app/cli/SourceCli: what wick-cli's commands that talk to a source's REST API
// directly (quotes, search) share -- --source checked against the sources the
// command serves, and the source's settings from --set KEY=VALUE (as
// settings.ini's sources/SRC/KEY), under WICK_<SOURCE>_REST_URL, under
// --rest-url; for Yahoo the cookie and crumb requests go to the same base URL
// when it is overridden. On wick-cli's main thread.
#pragma once

#include <optional>

#include <QCommandLineOption>
#include <QStringList>

#include "feeds/SourceCatalog.h"
#include "feeds/yahoo/YahooFeed.h"

namespace wick::cli {

class CliOptions;

struct SourceCliOptions {
    // `served`: the sources the command speaks to ("yahoo", "binance").
    explicit SourceCliOptions(QStringList served);

    QStringList served;
    QCommandLineOption source;
    QCommandLineOption restUrl;
    QCommandLineOption set;

    void addTo(CliOptions &options) const;
    // The source's settings, or std::nullopt after the reason (options.status()
    // says the exit status).
    std::optional<SourceSettings> settings(CliOptions &options) const;
};

// Yahoo's config from its settings; std::nullopt after the reason (status 2).
std::optional<YahooFeedConfig> yahooCliConfig(CliOptions &options, const SourceSettings &settings);

}  // namespace wick::cli
