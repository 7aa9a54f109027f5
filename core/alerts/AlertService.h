// core/alerts/AlertService: the terminal's alerts -- the rules the user keeps
// (enabled or not, with their actions), the AlertEngine that evaluates them on
// the engine thread, the alert log, and their persistence through the cache
// writer (storage/AlertStore.h). Owned by MarketSession, on its thread (the
// UI thread, or main in wick-cli); every method is that thread's.
//
// Restart: restore() takes the rules, states and fires back from the cache
// before the feeds start. No rule reports a bar twice: a fire on a bar that
// is already in the log is dropped (the cache's UNIQUE (rule, bar) keeps the
// same promise on disk). A bar-close fire on a bar that ended before this run
// started, or more than kLateMs before it was evaluated (a feed's backfill),
// is "missed while offline": logged and reported by missedWhileOffline(),
// never by fired() (no pop-up). A live fire of a rule with a webhook is
// posted (AlertWebhook); the log line is written either way.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include "alerts/AlertEntry.h"
#include "storage/AlertStore.h"

class QThread;

namespace wick {

class AlertEngine;
class AlertWebhook;
class Clock;
class MarketEngine;
class StorageService;

class AlertService final : public QObject
{
    Q_OBJECT

public:
    // A bar-close fire evaluated this long after its bar ended was missed.
    static constexpr TimeMs kLateMs = 2 * kMinuteMs;
    // The log keeps this many fires in memory (the cache keeps every one) ...
    static constexpr std::size_t kLogLimit = 2000;
    // ... plus the older pages of this many that loadOlderFires() brought in.
    static constexpr int kLogPage = 500;

    // resolve: a symbol key to the engine's id (registering it); nullopt when
    // no source knows it. storage may be null (no cache).
    using Resolver = std::function<std::optional<SymbolId>(const QString &key)>;
    AlertService(MarketEngine *engine, QThread *engineThread, StorageService *storage,
        Resolver resolve, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    // shutdown() if it has not run.
    ~AlertService() override;

    // The rules, states and fires of an earlier run (before the feeds start).
    void restore(const StoredAlerts &stored);
    // The cache that loadOlderFires() reads (empty: none).
    void setCachePath(const QString &path) { m_cachePath = path; }
    // Pages in the kLogPage fires before the oldest of log() from the cache
    // (a read-only connection on the thread pool: this thread never waits for
    // the disk); logChanged once they are at the front of log(). False when a
    // page is on its way, an earlier page found the cache's oldest fire, or
    // there is no cache.
    bool loadOlderFires();
    bool hasOlderFires() const { return m_olderFires; }

    const std::vector<AlertEntry> &rules() const { return m_rules; }
    const AlertEntry *rule(const QString &id) const;
    const std::vector<AlertLogEntry> &log() const { return m_log; }
    // The symbol keys of every rule (the session streams them).
    QStringList symbolKeys() const;
    // An id no rule has ("a1", "a2", ...).
    QString newRuleId() const;

    // Adds a rule (a new id when it has none or a taken one); false and a
    // one-line reason when its symbol is unknown or its condition empty.
    bool addRule(AlertEntry entry, QString *error);
    // Replaces the rule of entry.rule.id (its state starts again).
    bool updateRule(const AlertEntry &entry, QString *error);
    bool removeRule(const QString &id);
    bool setEnabled(const QString &id, bool enabled);
    bool rearm(const QString &id);
    // Marks one fire of the log acknowledged (by rule and bar).
    bool acknowledge(const QString &ruleId, TimeMs barTime);

    // Data conditions: each symbol's quality score, then the rules made only
    // of data conditions are evaluated (the session calls it once a second).
    void checkDataConditions(const QHash<SymbolId, double> &scores);
    // Posts the live fires of rules with a webhook (this thread, asynchronous).
    AlertWebhook *webhook() const { return m_webhook; }
    // The engine-thread evaluator (for tests); null after shutdown().
    AlertEngine *engine() const { return m_alertEngine; }
    // Emits the fires still batched and deletes the evaluator on the engine
    // thread (blocking); the fires reach this thread queued.
    void shutdown();
    // Nothing more goes to the cache (it is closing).
    void detachStorage();

signals:
    // A rule was added, changed, removed, enabled or disabled.
    void rulesChanged();
    // Rules' states changed (fires, re-arm): rules() has them.
    void statesChanged();
    // Live fires, in order (the notifier's input); already in log().
    void fired(const std::vector<wick::AlertLogEntry> &entries);
    // Bar closes that happened while the app was not running; already in log().
    void missedWhileOffline(const std::vector<wick::AlertLogEntry> &entries);
    void logChanged();

private:
    void onFires(const std::vector<AlertFire> &fires);
    void onStates(const std::vector<AlertStateRecord> &states);
    // Puts an enabled rule on the engine (with its state), or takes it off.
    void attach(const AlertEntry &entry);
    void detach(const QString &id);
    void persist(AlertWrite write);
    void onOlderFires(const std::vector<AlertLogEntry> &page, const QString &error);
    AlertEntry *findRule(const QString &id);
    static QString firedKey(const QString &ruleId, TimeMs barTime);

    MarketEngine *m_engine;
    QThread *m_engineThread;
    StorageService *m_storage;
    Resolver m_resolve;
    std::shared_ptr<const Clock> m_clock;
    AlertEngine *m_alertEngine = nullptr;  // on the engine thread
    AlertWebhook *m_webhook = nullptr;
    std::vector<AlertEntry> m_rules;
    std::vector<AlertLogEntry> m_log;
    QSet<QString> m_fired;  // firedKey() of every fire logged
    QString m_cachePath;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);  // for the pool's answer
    std::size_t m_pagedIn = 0;  // fires loadOlderFires() added to the log
    bool m_loadingOlder = false;
    bool m_olderFires = true;  // the cache may hold fires older than the log's
};

}  // namespace wick

Q_DECLARE_METATYPE(std::vector<wick::AlertLogEntry>)
