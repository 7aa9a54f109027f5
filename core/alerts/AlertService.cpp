#include "alerts/AlertService.h"

#include <algorithm>

#include <limits>

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <spdlog/spdlog.h>

#include "alerts/AlertEngine.h"
#include "alerts/AlertWebhook.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "session/CoreMetaTypes.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/StorageService.h"

namespace wick {

AlertService::AlertService(MarketEngine *engine, QThread *engineThread, StorageService *storage,
    Resolver resolve, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_engineThread(engineThread)
    , m_storage(storage)
    , m_resolve(std::move(resolve))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
{
    registerCoreMetaTypes();
    m_webhook = new AlertWebhook(WebhookPolicy {}, this);
    m_alertEngine = new AlertEngine(m_engine, m_clock);
    if (m_engineThread)
        m_alertEngine->moveToThread(m_engineThread);
    connect(m_alertEngine, &AlertEngine::firesReady, this, &AlertService::onFires);
    connect(m_alertEngine, &AlertEngine::statesChanged, this, &AlertService::onStates);
}

AlertService::~AlertService()
{
    *m_alive = false;
    shutdown();
}

void AlertService::shutdown()
{
    if (!m_alertEngine)
        return;
    AlertEngine *engine = m_alertEngine;
    m_alertEngine = nullptr;
    // Fires still batched leave first (queued here, logged and written before
    // the cache closes).
    if (engine->thread() == QThread::currentThread()) {
        engine->flushFires();
        delete engine;
    } else {
        QMetaObject::invokeMethod(
            engine,
            [engine] {
                engine->flushFires();
                delete engine;
            },
            Qt::BlockingQueuedConnection);
    }
}

void AlertService::detachStorage()
{
    m_storage = nullptr;
}

QString AlertService::firedKey(const QString &ruleId, TimeMs barTime)
{
    return ruleId + QLatin1Char('@') + QString::number(barTime);
}

AlertEntry *AlertService::findRule(const QString &id)
{
    const auto it = std::find_if(
        m_rules.begin(), m_rules.end(), [&](const AlertEntry &e) { return e.rule.id == id; });
    return it == m_rules.end() ? nullptr : &*it;
}

const AlertEntry *AlertService::rule(const QString &id) const
{
    return const_cast<AlertService *>(this)->findRule(id);
}

QStringList AlertService::symbolKeys() const
{
    QStringList keys;
    for (const AlertEntry &entry : m_rules)
        if (!keys.contains(entry.rule.symbol))
            keys.append(entry.rule.symbol);
    return keys;
}

QString AlertService::newRuleId() const
{
    for (int n = int(m_rules.size()) + 1;; ++n) {
        const QString id = QStringLiteral("a%1").arg(n);
        if (!rule(id))
            return id;
    }
}

void AlertService::restore(const StoredAlerts &stored)
{
    for (const AlertLogEntry &entry : stored.fires) {
        m_fired.insert(firedKey(entry.fire.ruleId, entry.fire.barTime));
        m_log.push_back(entry);
    }
    // The cache gave its newest kLogLimit: fewer, and it has no older ones.
    m_olderFires = stored.fires.size() >= kLogLimit;
    for (const AlertEntry &entry : stored.rules) {
        if (findRule(entry.rule.id))
            continue;
        m_rules.push_back(entry);
        attach(entry);
    }
    spdlog::info("alerts: restored {} rule(s) and {} fire(s) from the cache", stored.rules.size(),
        stored.fires.size());
    emit rulesChanged();
    emit logChanged();
}

void AlertService::attach(const AlertEntry &entry)
{
    if (!entry.enabled || !m_alertEngine)
        return;
    const std::optional<SymbolId> symbol = m_resolve ? m_resolve(entry.rule.symbol) : std::nullopt;
    if (!symbol) {
        spdlog::warn("alerts: rule {} waits: no running source has {}", entry.rule.id.toStdString(),
            entry.rule.symbol.toStdString());
        return;
    }
    QMetaObject::invokeMethod(m_alertEngine,
        [engine = m_alertEngine, rule = entry.rule, state = entry.state, id = *symbol] {
            QString error;
            if (!engine->addRule(rule, id, &error)) {
                spdlog::warn("alerts: {}", error.toStdString());
                return;
            }
            engine->restoreRuleState(rule.id, state);
        });
}

void AlertService::detach(const QString &id)
{
    if (m_alertEngine)
        QMetaObject::invokeMethod(
            m_alertEngine, [engine = m_alertEngine, id] { engine->removeRule(id); });
}

bool AlertService::addRule(AlertEntry entry, QString *error)
{
    if (entry.rule.condition.root < 0) {
        *error = QStringLiteral("the rule has no condition");
        return false;
    }
    if (m_resolve && !m_resolve(entry.rule.symbol)) {
        *error = QStringLiteral("no running source has the symbol %1").arg(entry.rule.symbol);
        return false;
    }
    if (entry.rule.id.isEmpty() || findRule(entry.rule.id))
        entry.rule.id = newRuleId();
    entry.state = AlertStateRecord {};
    entry.state.ruleId = entry.rule.id;
    m_rules.push_back(entry);
    attach(entry);
    AlertWrite write;
    write.rules.push_back(entry);
    write.states.push_back(entry.state);
    persist(std::move(write));
    spdlog::info("alerts: rule {} added: {} on {} {}", entry.rule.id.toStdString(),
        entry.rule.text.toStdString(), entry.rule.symbol.toStdString(),
        timeframeName(entry.rule.timeframe).toStdString());
    emit rulesChanged();
    return true;
}

bool AlertService::updateRule(const AlertEntry &entry, QString *error)
{
    AlertEntry *existing = findRule(entry.rule.id);
    if (!existing) {
        *error = QStringLiteral("no rule %1").arg(entry.rule.id);
        return false;
    }
    if (entry.rule.condition.root < 0) {
        *error = QStringLiteral("the rule has no condition");
        return false;
    }
    if (m_resolve && !m_resolve(entry.rule.symbol)) {
        *error = QStringLiteral("no running source has the symbol %1").arg(entry.rule.symbol);
        return false;
    }
    detach(entry.rule.id);
    *existing = entry;
    existing->state = AlertStateRecord {};
    existing->state.ruleId = entry.rule.id;
    attach(*existing);
    AlertWrite write;
    write.rules.push_back(*existing);
    write.states.push_back(existing->state);
    persist(std::move(write));
    emit rulesChanged();
    return true;
}

bool AlertService::removeRule(const QString &id)
{
    const auto it = std::find_if(
        m_rules.begin(), m_rules.end(), [&](const AlertEntry &e) { return e.rule.id == id; });
    if (it == m_rules.end())
        return false;
    if (it->enabled)
        detach(id);
    m_rules.erase(it);
    AlertWrite write;
    write.removed << id;
    persist(std::move(write));
    emit rulesChanged();
    return true;
}

bool AlertService::setEnabled(const QString &id, bool enabled)
{
    AlertEntry *entry = findRule(id);
    if (!entry)
        return false;
    if (entry->enabled == enabled)
        return true;
    entry->enabled = enabled;
    if (enabled)
        attach(*entry);
    else
        detach(id);
    AlertWrite write;
    write.rules.push_back(*entry);
    persist(std::move(write));
    emit rulesChanged();
    return true;
}

bool AlertService::rearm(const QString &id)
{
    AlertEntry *entry = findRule(id);
    if (!entry)
        return false;
    AlertRuleState state;
    state.restore(entry->state);
    state.rearm();
    entry->state = state.record(id);
    if (m_alertEngine)
        QMetaObject::invokeMethod(
            m_alertEngine, [engine = m_alertEngine, id] { engine->rearmRule(id); });
    AlertWrite write;
    write.states.push_back(entry->state);
    persist(std::move(write));
    emit statesChanged();
    return true;
}

bool AlertService::acknowledge(const QString &ruleId, TimeMs barTime)
{
    for (AlertLogEntry &entry : m_log) {
        if (entry.fire.ruleId != ruleId || entry.fire.barTime != barTime || entry.acknowledged)
            continue;
        entry.acknowledged = true;
        AlertWrite write;
        write.acknowledged.emplace_back(ruleId, barTime);
        persist(std::move(write));
        emit logChanged();
        return true;
    }
    return false;
}

void AlertService::checkDataConditions(const QHash<SymbolId, double> &scores)
{
    if (!m_alertEngine)
        return;
    QMetaObject::invokeMethod(m_alertEngine, [engine = m_alertEngine, scores] {
        for (auto it = scores.cbegin(); it != scores.cend(); ++it)
            engine->setQuality(it.key(), it.value());
        engine->checkDataConditions();
    });
}

void AlertService::onFires(const std::vector<AlertFire> &fires)
{
    std::vector<AlertLogEntry> live;
    std::vector<AlertLogEntry> missed;
    AlertWrite write;
    for (const AlertFire &fire : fires) {
        const QString key = firedKey(fire.ruleId, fire.barTime);
        if (m_fired.contains(key))
            continue;  // this bar was reported already (before a restart, or a second backfill)
        m_fired.insert(key);
        AlertLogEntry entry;
        entry.fire = fire;
        const AlertEntry *rule = findRule(fire.ruleId);
        entry.condition = rule ? rule->rule.text : QString();
        const TimeMs barEnd = fire.barTime + nominalDurationMs(fire.timeframe);
        entry.missed
            = !fire.intrabar && (barEnd <= fire.clockStart || fire.fireTime - barEnd > kLateMs);
        spdlog::info("alerts: {} {} on {} {} at bar {} ({} vs {}){}", fire.ruleId.toStdString(),
            entry.condition.toStdString(), fire.symbol.toStdString(),
            timeframeName(fire.timeframe).toStdString(), fire.barTime, fire.left, fire.right,
            entry.missed ? ", missed while offline" : "");
        (entry.missed ? missed : live).push_back(entry);
        write.fires.push_back(entry);
        m_log.push_back(std::move(entry));
    }
    if (write.fires.empty())
        return;
    if (m_log.size() > kLogLimit + m_pagedIn) {
        const std::size_t drop = m_log.size() - kLogLimit - m_pagedIn;
        m_log.erase(m_log.begin(), m_log.begin() + std::ptrdiff_t(drop));
        m_olderFires = true;  // what went is in the cache
    }
    persist(std::move(write));
    emit logChanged();
    if (!missed.empty())
        emit missedWhileOffline(missed);
    for (const AlertLogEntry &entry : live) {
        const AlertEntry *rule = findRule(entry.fire.ruleId);
        if (rule && !rule->actions.webhookUrl.isEmpty())
            m_webhook->send(QUrl(rule->actions.webhookUrl), rule->actions.webhookTemplate, entry);
    }
    if (!live.empty())
        emit fired(live);
}

bool AlertService::loadOlderFires()
{
    if (m_cachePath.isEmpty() || m_loadingOlder || !m_olderFires)
        return false;
    m_loadingOlder = true;
    // Before the oldest entry; a live one has no row id yet (its fire time
    // bounds the page, and the page's copy of it is dropped below).
    TimeMs fireTime = std::numeric_limits<TimeMs>::max();
    std::int64_t id = std::numeric_limits<std::int64_t>::max();
    if (!m_log.empty()) {
        fireTime = m_log.front().fire.fireTime;
        if (m_log.front().id > 0)
            id = m_log.front().id;
    }
    QThreadPool::globalInstance()->start(
        [alive = m_alive, self = QPointer<AlertService>(this), path = m_cachePath, fireTime, id] {
            std::vector<AlertLogEntry> page;
            QString error;
            try {
                auto db = Database::open(path, OpenOptions {OpenMode::ReadOnly, false});
                page = AlertStore(*db).firesBefore(fireTime, id, kLogPage);
            } catch (const StorageError &e) {
                error = e.text();
            }
            QMetaObject::invokeMethod(
                QCoreApplication::instance(), [alive, self, page = std::move(page), error] {
                    if (*alive && self)
                        self->onOlderFires(page, error);
                });
        });
    return true;
}

void AlertService::onOlderFires(const std::vector<AlertLogEntry> &page, const QString &error)
{
    m_loadingOlder = false;
    if (!error.isEmpty()) {
        spdlog::warn("alerts: older fires not read from {}: {}", m_cachePath.toStdString(),
            error.toStdString());
        return;
    }
    if (page.size() < std::size_t(kLogPage))
        m_olderFires = false;  // the cache's oldest fire is in
    // The entries at the boundary's fire time that the log has already.
    QSet<QString> boundary;
    for (const AlertLogEntry &entry : m_log) {
        if (entry.fire.fireTime != m_log.front().fire.fireTime)
            break;
        boundary.insert(firedKey(entry.fire.ruleId, entry.fire.barTime));
    }
    std::vector<AlertLogEntry> older;
    older.reserve(page.size());
    for (const AlertLogEntry &entry : page) {
        const QString key = firedKey(entry.fire.ruleId, entry.fire.barTime);
        if (boundary.contains(key))
            continue;
        m_fired.insert(key);
        older.push_back(entry);
    }
    spdlog::info("alerts: {} older fire(s) paged in from the cache{}", older.size(),
        m_olderFires ? "" : " (its oldest)");
    if (older.empty())
        return;
    m_pagedIn += older.size();
    m_log.insert(m_log.begin(), older.begin(), older.end());
    emit logChanged();
}

void AlertService::onStates(const std::vector<AlertStateRecord> &states)
{
    AlertWrite write;
    for (const AlertStateRecord &state : states) {
        if (AlertEntry *entry = findRule(state.ruleId)) {
            entry->state = state;
            write.states.push_back(state);
        }
    }
    if (write.states.empty())
        return;
    persist(std::move(write));
    emit statesChanged();
}

void AlertService::persist(AlertWrite write)
{
    if (!m_storage)
        return;
    QMetaObject::invokeMethod(m_storage,
        [storage = m_storage, write = std::move(write)] { storage->writeAlerts(write); });
}

}  // namespace wick
