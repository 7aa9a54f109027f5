#include "feeds/SourceCatalog.h"

#include "feeds/Feed.h"
#include "feeds/alpaca/AlpacaSource.h"
#include "feeds/alphavantage/AlphaVantageSource.h"
#include "feeds/binance/BinanceSource.h"
#include "feeds/demo/DemoSource.h"
#include "feeds/yahoo/YahooSource.h"

namespace wick {

QVariant SourceSettings::value(
    const QString &key, const QVariant &fallback, const char *environment) const
{
    if (overrides.contains(key))
        return overrides.value(key);
    if (environment) {
        const QByteArray text = qgetenv(environment);
        if (!text.isEmpty())
            return QString::fromUtf8(text);
    }
    return values.value(key, fallback);
}

std::vector<SourceSettings> readSourceSettings(QSettings &ini)
{
    QStringList names {QStringLiteral("demo"), QStringLiteral("binance")};
    ini.beginGroup(QStringLiteral("sources"));
    for (const QString &name : ini.childGroups()) {
        if (!names.contains(name.toLower()))
            names.append(name.toLower());
    }
    ini.endGroup();
    std::vector<SourceSettings> sources;
    for (const QString &name : std::as_const(names)) {
        SourceSettings source {name, true, {}, {}};
        ini.beginGroup(QStringLiteral("sources/") + name);
        for (const QString &key : ini.childKeys()) {
            if (key == QLatin1String("enabled"))
                source.enabled = ini.value(key).toBool();
            else
                source.values.insert(key, ini.value(key));
        }
        ini.endGroup();
        if (name == QLatin1String("binance")) {
            const QString legacy = QStringLiteral("binance/");
            for (const QString &key : {QStringLiteral("wsUrl"), QStringLiteral("restUrl"),
                     QStringLiteral("backfillDays")}) {
                if (!source.values.contains(key) && ini.contains(legacy + key))
                    source.values.insert(key, ini.value(legacy + key));
            }
            if (!ini.contains(QStringLiteral("sources/binance/enabled"))
                && ini.contains(legacy + QStringLiteral("enabled")))
                source.enabled = ini.value(legacy + QStringLiteral("enabled")).toBool();
        }
        sources.push_back(std::move(source));
    }
    return sources;
}

QStringList SourceSettings::list(const QString &key) const
{
    const QVariant v = value(key);
    if (v.typeId() == QMetaType::QStringList)
        return v.toStringList();
    QStringList items;
    for (const QString &item : v.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
        items.append(item.trimmed());
    return items;
}

std::optional<QUrl> urlSetting(const SourceSettings &settings, const QString &key,
    const char *environment, const QUrl &fallback, QString *error)
{
    const QVariant value = settings.value(key, {}, environment);
    if (!value.isValid() || value.toString().isEmpty())
        return fallback;
    const QUrl url(value.toString(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        if (error)
            *error = QStringLiteral("%1 is not a URL: '%2'").arg(key, value.toString());
        return std::nullopt;
    }
    return url;
}

std::optional<BackfillSetting> backfillSetting(
    const SourceSettings &settings, int defaultDays, int maxDays, QString *problem)
{
    auto refuse = [&](const QString &why) {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    bool ok = true;
    const int days = settings.value(QStringLiteral("backfillDays"), defaultDays).toInt(&ok);
    if (!ok || days < 0 || days > maxDays)
        return refuse(QStringLiteral("backfillDays must be 0..%1").arg(maxDays));
    BackfillSetting b;
    b.windowMs
        = settings.value(QStringLiteral("backfillWindowMs"), qint64(days) * kDayMs).toLongLong(&ok);
    if (!ok || b.windowMs < 0)
        return refuse(QStringLiteral("backfillWindowMs must be milliseconds"));
    b.from = settings.value(QStringLiteral("backfillFrom"), 0).toLongLong(&ok);
    if (!ok || b.from < 0)
        return refuse(QStringLiteral("backfillFrom must be milliseconds since 1970"));
    return b;
}

SourceCatalog::SourceCatalog()
{
    m_factories.emplace(QStringLiteral("demo"), &createDemoSource);
    m_factories.emplace(QStringLiteral("binance"), &createBinanceSource);
    m_factories.emplace(QStringLiteral("yahoo"), &createYahooSource);
    m_factories.emplace(QStringLiteral("alphavantage"), &createAlphaVantageSource);
    m_factories.emplace(QStringLiteral("alpaca"), &createAlpacaSource);
}

SourceCatalog &SourceCatalog::instance()
{
    static SourceCatalog catalog;
    return catalog;
}

void SourceCatalog::add(const QString &name, FeedFactory factory)
{
    std::lock_guard lock(m_mutex);
    m_factories[name.toLower()] = std::move(factory);
}

void SourceCatalog::remove(const QString &name)
{
    std::lock_guard lock(m_mutex);
    m_factories.erase(name.toLower());
}

bool SourceCatalog::contains(const QString &name) const
{
    std::lock_guard lock(m_mutex);
    return m_factories.count(name.toLower()) > 0;
}

QStringList SourceCatalog::names() const
{
    std::lock_guard lock(m_mutex);
    QStringList names;
    for (const auto &entry : m_factories)
        names.append(entry.first);
    return names;
}

std::unique_ptr<Feed> SourceCatalog::create(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error) const
{
    FeedFactory factory;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_factories.find(settings.name.toLower());
        if (it == m_factories.end()) {
            QStringList known;
            for (const auto &entry : m_factories)
                known.append(entry.first);
            if (error)
                *error = QStringLiteral("unknown source '%1' (known: %2)")
                             .arg(settings.name, known.join(QStringLiteral(", ")));
            return nullptr;
        }
        factory = it->second;
    }
    QString why;
    std::unique_ptr<Feed> feed = factory(settings, std::move(registry), &why);
    if (!feed && error)
        *error = QStringLiteral("source '%1': %2").arg(settings.name, why);
    return feed;
}

}  // namespace wick
