#include "feeds/alpaca/AlpacaSource.h"

#include "feeds/SourceCatalog.h"

namespace wick {

std::optional<AlpacaFeedConfig> alpacaConfigFromSettings(
    const SourceSettings &settings, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("sources/alpaca: ") + why;
        return std::nullopt;
    };
    for (const char *key : {"apiKey", "apiSecret"}) {
        if (settings.values.contains(QLatin1String(key)))
            return fail(QStringLiteral("%1 is not a setting: keys live in the OS keychain or "
                                       "WICK_ALPACA_API_KEY / WICK_ALPACA_API_SECRET")
                            .arg(QLatin1String(key)));
    }
    AlpacaFeedConfig config;
    config.credentials.key = settings.overrides.value(QStringLiteral("apiKey")).toString();
    config.credentials.secret = settings.overrides.value(QStringLiteral("apiSecret")).toString();
    if (config.credentials.key.isEmpty()) {
        config.credentials.key = qEnvironmentVariable("WICK_ALPACA_API_KEY").trimmed();
        config.credentials.secret = qEnvironmentVariable("WICK_ALPACA_API_SECRET").trimmed();
    }
    const std::optional<QUrl> ws
        = urlSetting(settings, QStringLiteral("wsUrl"), "WICK_ALPACA_WS_URL", config.wsUrl, error);
    if (!ws)
        return std::nullopt;
    config.wsUrl = *ws;
    const std::optional<QUrl> rest = urlSetting(
        settings, QStringLiteral("restUrl"), "WICK_ALPACA_REST_URL", config.restUrl, error);
    if (!rest)
        return std::nullopt;
    config.restUrl = *rest;
    config.dataFeed = settings.value(QStringLiteral("dataFeed"), config.dataFeed).toString();
    if (config.dataFeed != QLatin1String("iex") && config.dataFeed != QLatin1String("sip"))
        return fail(QStringLiteral("dataFeed must be iex or sip"));
    config.symbols = settings.list(QStringLiteral("symbols"));
    config.pauseWhileClosed = settings.value(QStringLiteral("pauseWhileClosed"), true).toBool();
    bool ok = true;
    QString problem;
    const std::optional<BackfillSetting> backfill = backfillSetting(settings, 1, 3650, &problem);
    if (!backfill)
        return fail(problem);
    config.backfillWindowMs = backfill->windowMs;
    config.backfillFrom = backfill->from;
    config.requestsPerSecond
        = settings.value(QStringLiteral("requestsPerSecond"), config.requestsPerSecond)
              .toDouble(&ok);
    if (!ok || config.requestsPerSecond <= 0.0 || config.requestsPerSecond > 100.0)
        return fail(QStringLiteral("requestsPerSecond must be above 0 and at most 100"));
    config.restTimeoutMs
        = settings.value(QStringLiteral("restTimeoutMs"), qint64(config.restTimeoutMs))
              .toLongLong(&ok);
    if (!ok || config.restTimeoutMs < 100)
        return fail(QStringLiteral("restTimeoutMs must be at least 100 ms"));
    return config;
}

std::unique_ptr<Feed> createAlpacaSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)
{
    const std::optional<AlpacaFeedConfig> config = alpacaConfigFromSettings(settings, error);
    if (!config)
        return nullptr;
    return std::make_unique<AlpacaFeed>(std::move(registry), *config);
}

}  // namespace wick
