#include "YahooCli.h"

#include <QUrl>

#include "CliOptions.h"
#include "feeds/SourceCatalog.h"
#include "feeds/yahoo/YahooSource.h"

namespace wick::cli {

void YahooCliOptions::addTo(CliOptions &options) const
{
    options.add({source, restUrl, set});
}

std::optional<YahooFeedConfig> YahooCliOptions::config(CliOptions &options) const
{
    const std::optional<QString> name = options.required(source);
    if (!name)
        return std::nullopt;
    if (name->toLower() != QLatin1String("yahoo")) {
        const QString known = SourceCatalog::instance().names().join(QStringLiteral(", "));
        options.fail(SourceCatalog::instance().contains(name->toLower())
                ? QStringLiteral("--source %1: only yahoo is supported (sources: %2)")
                      .arg(*name, known)
                : QStringLiteral("--source must be yahoo (sources: %1), not '%2'")
                      .arg(known, *name),
            2);
        return std::nullopt;
    }
    SourceSettings settings {QStringLiteral("yahoo"), true, {}, {}};
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
    QString error;
    std::optional<YahooFeedConfig> config = yahooConfigFromSettings(settings, &error);
    if (!config)
        options.fail(error, 2);
    return config;
}

}  // namespace wick::cli
