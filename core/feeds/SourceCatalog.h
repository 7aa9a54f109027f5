// core/feeds: SourceCatalog, the sources the terminal can run, by name. Each
// source folder supplies one factory that makes its Feed from its settings
// (`sources/<name>/<key>` in settings.ini, or what a test or wick-cli passes),
// so a new source adds a factory here and nothing to the session, app/ or ui/.
// Tests and plugins add their own at run time with add(). Any thread; the
// factories run on the thread that builds the session.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

#include "model/Types.h"

namespace wick {

class Feed;
class SymbolRegistry;

// One source as the settings describe it.
struct SourceSettings {
    QString name;  // "demo", "binance": also the source its symbols carry
    bool enabled = true;
    QVariantMap values;  // settings.ini: the keys under sources/<name>/, without the prefix
    QVariantMap overrides;  // the command line's (or a test's): they win over everything

    // overrides, else `environment` when set and non-empty, else values, else fallback.
    QVariant value(
        const QString &key, const QVariant &fallback = {}, const char *environment = nullptr)
        const;  // value() as a list: a string list as it is, a string split at commas (trimmed).
    QStringList list(const QString &key) const;
};

// A URL setting of a source: value(key, {}, environment) when set, else
// `fallback`; nullopt with *error set when it is not an absolute URL with a host.
std::optional<QUrl> urlSetting(const SourceSettings &settings, const QString &key,
    const char *environment, const QUrl &fallback, QString *error);

// The history a REST source fetches at start: from backfillFrom (ms since
// 1970; 0: none given), else over backfillWindowMs back from now, whose
// default is backfillDays (defaultDays, at most maxDays) days. nullopt with
// *problem set ("backfillDays must be 0..365") when a value is refused.
struct BackfillSetting {
    TimeMs from = 0;
    TimeMs windowMs = 0;
};
std::optional<BackfillSetting> backfillSetting(
    const SourceSettings &settings, int defaultDays, int maxDays, QString *problem);

// Builds a source's feed; on bad settings returns null and says why in *error.
using FeedFactory = std::function<std::unique_ptr<Feed>(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)>;

// The sources settings.ini lists (groups sources/<name>/, each with `enabled`
// and its own keys), plus the built-in ones it does not mention (demo, then
// binance), enabled. The keys of the first release (binance/enabled, wsUrl,
// restUrl, backfillDays) are read when sources/binance/ lacks them.
std::vector<SourceSettings> readSourceSettings(QSettings &ini);

class SourceCatalog
{
public:
    // The built-in sources (demo, binance) plus whatever was added.
    static SourceCatalog &instance();

    void add(const QString &name, FeedFactory factory);
    void remove(const QString &name);
    bool contains(const QString &name) const;
    QStringList names() const;
    // Null with *error set when the name is unknown or its settings are refused.
    std::unique_ptr<Feed> create(const SourceSettings &settings,
        std::shared_ptr<SymbolRegistry> registry, QString *error) const;

private:
    SourceCatalog();

    mutable std::mutex m_mutex;
    std::map<QString, FeedFactory> m_factories;
};

}  // namespace wick
