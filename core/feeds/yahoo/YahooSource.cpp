#include "feeds/yahoo/YahooSource.h"

#include <tuple>

#include "feeds/SourceCatalog.h"
#include "feeds/yahoo/YahooIntervals.h"

namespace wick {

std::optional<YahooFeedConfig> yahooConfigFromSettings(
    const SourceSettings &settings, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("sources/yahoo: ") + why;
        return std::nullopt;
    };
    YahooFeedConfig config;
    const std::optional<QUrl> base
        = urlSetting(settings, QStringLiteral("baseUrl"), nullptr, config.restUrl, error);
    if (!base)
        return std::nullopt;
    const std::optional<QUrl> rest
        = urlSetting(settings, QStringLiteral("restUrl"), "WICK_YAHOO_REST_URL", *base, error);
    if (!rest)
        return std::nullopt;
    const bool ownHost = *rest != config.restUrl;
    config.restUrl = *rest;
    // Tests and mirrors answer the cookie visit on the same host.
    const std::optional<QUrl> cookie = urlSetting(settings, QStringLiteral("cookieUrl"), nullptr,
        ownHost ? config.restUrl : config.cookieUrl, error);
    if (!cookie)
        return std::nullopt;
    config.cookieUrl = *cookie;
    config.userAgent = settings.value(QStringLiteral("userAgent")).toString().trimmed();
    config.symbols = settings.list(QStringLiteral("symbols"));
    if (settings.value(QStringLiteral("intervals")).isValid()) {
        config.intervals = settings.list(QStringLiteral("intervals"));
        for (const QString &name : std::as_const(config.intervals)) {
            if (!yahooInterval(name))
                return fail(QStringLiteral("intervals: '%1' is not one of 1m, 5m, 15m, 30m, "
                                           "1h, 1d, 1wk")
                                .arg(name));
        }
    }
    bool ok = true;
    QString problem;
    const std::optional<BackfillSetting> backfill = backfillSetting(settings, 5, 3650, &problem);
    if (!backfill)
        return fail(problem);
    config.backfillWindowMs = backfill->windowMs;
    config.backfillFrom = backfill->from;
    config.includePrePost = settings.value(QStringLiteral("includePrePost"), false).toBool();
    for (auto [key, slot, least] :
        {std::tuple {"pollIntervalMs", &config.pollIntervalMs, TimeMs(1000)},
            std::tuple {"closedPollIntervalMs", &config.closedPollIntervalMs, TimeMs(1000)},
            std::tuple {"quoteIntervalMs", &config.quoteIntervalMs, TimeMs(0)},
            std::tuple {"restTimeoutMs", &config.restTimeoutMs, TimeMs(100)}}) {
        *slot = settings.value(QString::fromLatin1(key), qint64(*slot)).toLongLong(&ok);
        if (!ok || *slot < least)
            return fail(
                QStringLiteral("%1 must be at least %2 ms").arg(QLatin1String(key)).arg(least));
    }
    config.quoteBatch = settings.value(QStringLiteral("quoteBatch"), config.quoteBatch).toInt(&ok);
    if (!ok || config.quoteBatch < 1 || config.quoteBatch > 500)
        return fail(QStringLiteral("quoteBatch must be 1..500"));
    config.requestsPerSecond
        = settings.value(QStringLiteral("requestsPerSecond"), config.requestsPerSecond)
              .toDouble(&ok);
    if (!ok || config.requestsPerSecond <= 0.0 || config.requestsPerSecond > 100.0)
        return fail(QStringLiteral("requestsPerSecond must be above 0 and at most 100"));
    config.searchQueries = settings.list(QStringLiteral("searchQueries"));
    return config;
}

std::unique_ptr<Feed> createYahooSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)
{
    const std::optional<YahooFeedConfig> config = yahooConfigFromSettings(settings, error);
    if (!config)
        return nullptr;
    return std::make_unique<YahooFeed>(std::move(registry), *config);
}

}  // namespace wick
