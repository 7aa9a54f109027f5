#include "feeds/alphavantage/AlphaVantageSource.h"

#include <tuple>

#include "feeds/SourceCatalog.h"
#include "feeds/alphavantage/AlphaVantageParser.h"

namespace wick {

std::optional<AlphaVantageFeedConfig> alphaVantageConfigFromSettings(
    const SourceSettings &settings, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("sources/alphavantage: ") + why;
        return std::nullopt;
    };
    AlphaVantageFeedConfig config;
    if (settings.values.contains(QStringLiteral("apiKey")))
        return fail(QStringLiteral("apiKey is not a setting: keys live in the OS keychain "
                                   "or WICK_ALPHAVANTAGE_API_KEY"));
    config.apiKey = settings.overrides.value(QStringLiteral("apiKey")).toString();
    if (config.apiKey.isEmpty())
        config.apiKey = qEnvironmentVariable("WICK_ALPHAVANTAGE_API_KEY").trimmed();
    const std::optional<QUrl> base
        = urlSetting(settings, QStringLiteral("baseUrl"), nullptr, config.restUrl, error);
    if (!base)
        return std::nullopt;
    const std::optional<QUrl> rest = urlSetting(
        settings, QStringLiteral("restUrl"), "WICK_ALPHAVANTAGE_REST_URL", *base, error);
    if (!rest)
        return std::nullopt;
    config.restUrl = *rest;
    config.symbols = settings.list(QStringLiteral("symbols"));
    if (settings.value(QStringLiteral("intervals")).isValid()) {
        config.intervals = settings.list(QStringLiteral("intervals"));
        for (const QString &name : std::as_const(config.intervals)) {
            if (!alphaVantageTimeframe(name))
                return fail(QStringLiteral("intervals: '%1' is not one of 1min, 5min, 15min, "
                                           "30min, 60min, daily")
                                .arg(name));
        }
    }
    config.fullHistory = settings.value(QStringLiteral("fullHistory"), false).toBool();
    config.extendedHours = settings.value(QStringLiteral("extendedHours"), false).toBool();
    bool ok = true;
    for (auto [key, slot, least] :
        {std::tuple {"pollIntervalMs", &config.pollIntervalMs, TimeMs(0)},
            std::tuple {"restTimeoutMs", &config.restTimeoutMs, TimeMs(100)}}) {
        *slot = settings.value(QString::fromLatin1(key), qint64(*slot)).toLongLong(&ok);
        if (!ok || *slot < least)
            return fail(
                QStringLiteral("%1 must be at least %2 ms").arg(QLatin1String(key)).arg(least));
    }
    for (auto [key, slot] : {std::pair {"requestsPerDay", &config.requestsPerDay},
             std::pair {"requestsPerMinute", &config.requestsPerMinute}}) {
        *slot = settings.value(QString::fromLatin1(key), *slot).toInt(&ok);
        if (!ok || *slot < 1 || *slot > 100'000)
            return fail(QStringLiteral("%1 must be 1..100000").arg(QLatin1String(key)));
    }
    return config;
}

std::unique_ptr<Feed> createAlphaVantageSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)
{
    const std::optional<AlphaVantageFeedConfig> config
        = alphaVantageConfigFromSettings(settings, error);
    if (!config)
        return nullptr;
    return std::make_unique<AlphaVantageFeed>(std::move(registry), *config);
}

}  // namespace wick
