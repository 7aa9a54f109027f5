#include "SourceCli.h"

#include <QUrl>

#include "CliOptions.h"
#include "feeds/yahoo/YahooSource.h"

namespace wick::cli {

SourceCliOptions::SourceCliOptions(QStringList servedSources)
    : served(std::move(servedSources))
    , source(QStringLiteral("source"), QStringLiteral("The source: %1.").arg(served.join(u", ")),
          QStringLiteral("SRC"))
    , restUrl(QStringLiteral("rest-url"),
          QStringLiteral("REST base URL (default: restUrl from --set, then "
                         "WICK_<SOURCE>_REST_URL, then the source's own)."),
          QStringLiteral("URL"))
    , set(QStringLiteral("set"),
          QStringLiteral("A setting of the source, as settings.ini's sources/SRC/KEY would give "
                         "it (repeatable): --set quoteBatch=50 --set requestsPerSecond=4."),
          QStringLiteral("KEY=VALUE"))
{ }

void SourceCliOptions::addTo(CliOptions &options) const
{
    options.add({source, restUrl, set});
}

std::optional<SourceSettings> SourceCliOptions::settings(CliOptions &options) const
{
    const std::optional<QString> given = options.required(source);
    if (!given)
        return std::nullopt;
    const QString name = given->toLower();
    if (!served.contains(name)) {
        const QString known = SourceCatalog::instance().names().join(QStringLiteral(", "));
        options.fail(SourceCatalog::instance().contains(name)
                ? QStringLiteral("--source %1: only %2 can do this (sources: %3)")
                      .arg(*given, served.join(QStringLiteral(", ")), known)
                : QStringLiteral("--source must be %1 (sources: %2), not '%3'")
                      .arg(served.join(QStringLiteral(" or ")), known, *given),
            2);
        return std::nullopt;
    }
    SourceSettings settings {name, true, {}, {}};
    for (const QString &item : options.values(set)) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            options.fail(QStringLiteral("--set needs KEY=VALUE, not '%1'").arg(item), 2);
            return std::nullopt;
        }
        settings.values.insert(item.left(equals).trimmed(), item.mid(equals + 1).trimmed());
    }
    if (options.isSet(restUrl)) {
        const QUrl parsed(options.value(restUrl), QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty()) {
            options.fail(
                QStringLiteral("--rest-url: not a URL: '%1'").arg(options.value(restUrl)), 2);
            return std::nullopt;
        }
        settings.overrides.insert(QStringLiteral("restUrl"), parsed.toString());
    }
    return settings;
}

std::optional<YahooFeedConfig> yahooCliConfig(CliOptions &options, const SourceSettings &settings)
{
    QString error;
    std::optional<YahooFeedConfig> config = yahooConfigFromSettings(settings, &error);
    if (!config)
        options.fail(error, 2);
    return config;
}

}  // namespace wick::cli
