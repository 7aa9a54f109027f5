#include "feeds/demo/DemoSource.h"

#include <QDateTime>

#include "feeds/SourceCatalog.h"

namespace wick {

std::optional<DemoFeedConfig> demoConfigFromSettings(const SourceSettings &settings, QString *error)
{
    DemoFeedConfig config;
    bool ok = true;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    config.seed = settings.value(QStringLiteral("seed"), 42).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("seed must be a whole number"));
    config.start = settings.value(QStringLiteral("start"), 0).toLongLong(&ok);
    if (!ok || config.start < 0)
        return fail(QStringLiteral("start must be milliseconds since 1970"));
    if (config.start == 0)
        config.start = minuteFloor(QDateTime::currentMSecsSinceEpoch());
    config.historyDays = settings.value(QStringLiteral("historyDays"), 30).toInt(&ok);
    if (!ok || config.historyDays < 0 || config.historyDays > 3650)
        return fail(QStringLiteral("historyDays must be 0..3650"));
    config.speed = settings.value(QStringLiteral("speed"), 1.0).toDouble(&ok);
    if (!ok || !(config.speed > 0.0))
        return fail(QStringLiteral("speed must be above 0"));
    config.rate = settings.value(QStringLiteral("rate"), 1.0).toDouble(&ok);
    if (!ok || !(config.rate > 0.0))
        return fail(QStringLiteral("rate must be above 0"));
    config.timerIntervalMs = settings.value(QStringLiteral("timerIntervalMs"), 50).toInt(&ok);
    if (!ok || config.timerIntervalMs < 1)
        return fail(QStringLiteral("timerIntervalMs must be at least 1"));
    config.closeGraceMs = settings.value(QStringLiteral("closeGraceMs"), -1).toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("closeGraceMs must be milliseconds"));
    config.symbols = settings.list(QStringLiteral("symbols"));
    return config;
}

std::unique_ptr<Feed> createDemoSource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)
{
    const std::optional<DemoFeedConfig> config = demoConfigFromSettings(settings, error);
    if (!config)
        return nullptr;
    return std::make_unique<DemoFeed>(std::move(registry), *config);
}

}  // namespace wick
