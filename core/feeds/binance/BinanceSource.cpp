#include "feeds/binance/BinanceSource.h"

#include "feeds/SourceCatalog.h"

namespace wick {

std::optional<BinanceFeedConfig> binanceConfigFromSettings(
    const SourceSettings &settings, QString *error)
{
    BinanceFeedConfig config;
    const std::optional<QUrl> ws
        = urlSetting(settings, QStringLiteral("wsUrl"), "WICK_BINANCE_WS_URL", config.wsUrl, error);
    const std::optional<QUrl> rest = urlSetting(
        settings, QStringLiteral("restUrl"), "WICK_BINANCE_REST_URL", config.restUrl, error);
    if (!ws || !rest)
        return std::nullopt;
    config.wsUrl = *ws;
    config.restUrl = *rest;
    bool ok = true;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString problem;
    const std::optional<BackfillSetting> backfill = backfillSetting(settings, 3, 365, &problem);
    if (!backfill)
        return fail(problem);
    config.backfillWindowMs = backfill->windowMs;
    config.backfillFrom = backfill->from;
    config.klinesPageLimit
        = settings.value(QStringLiteral("klinesPageLimit"), config.klinesPageLimit).toInt(&ok);
    if (!ok || config.klinesPageLimit < 1 || config.klinesPageLimit > 1000)
        return fail(QStringLiteral("klinesPageLimit must be 1..1000"));
    config.heartbeatTimeoutMs
        = settings.value(QStringLiteral("heartbeatTimeoutMs"), qint64(config.heartbeatTimeoutMs))
              .toLongLong(&ok);
    if (!ok || config.heartbeatTimeoutMs < 100)
        return fail(QStringLiteral("heartbeatTimeoutMs must be at least 100"));
    config.restTimeoutMs
        = settings.value(QStringLiteral("restTimeoutMs"), qint64(config.restTimeoutMs))
              .toLongLong(&ok);
    if (!ok || config.restTimeoutMs < 100)
        return fail(QStringLiteral("restTimeoutMs must be at least 100"));
    config.symbols = settings.list(QStringLiteral("symbols"));
    return config;
}

std::unique_ptr<Feed> createBinanceSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)
{
    const std::optional<BinanceFeedConfig> config = binanceConfigFromSettings(settings, error);
    if (!config)
        return nullptr;
    return std::make_unique<BinanceFeed>(std::move(registry), *config);
}

}  // namespace wick
