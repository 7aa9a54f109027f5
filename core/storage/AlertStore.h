// core/storage/AlertStore: the alert tables of the cache (schema version 6) --
// alert_rules, alert_state and alert_fires. A view over one Database, on that
// connection's thread (the storage thread writes, the reader reads at start).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <QStringList>

#include "alerts/AlertEntry.h"

namespace wick {

class Database;

// Everything the alerts left in the cache: rules in their order, with their
// state, and the newest fires (oldest first).
struct StoredAlerts {
    std::vector<AlertEntry> rules;
    std::vector<AlertLogEntry> fires;
    QStringList errors;  // rules that could not be read back (bad JSON), one line each
};

// One write of the alert service: applied in one transaction, in this order.
struct AlertWrite {
    std::vector<AlertEntry> rules;  // inserted or replaced (rule, actions, enabled, position)
    QStringList removed;  // rule ids
    std::vector<AlertStateRecord> states;
    std::vector<AlertLogEntry> fires;  // a rule's second fire on one bar is ignored
    std::vector<std::pair<QString, TimeMs>> acknowledged;  // fires by (rule id, bar time)
};

class AlertStore
{
public:
    explicit AlertStore(Database &db)
        : m_db(db)
    { }

    // Returns how many of the fires were new (the rest were there already).
    int apply(const AlertWrite &write);
    // The rules and the newest fireLimit fires.
    StoredAlerts load(int fireLimit = 2000);
    // The page of the log before (fireTime, id), in the log's order (fire
    // time, then row id): the newest `limit` fires older than that, oldest first.
    std::vector<AlertLogEntry> firesBefore(TimeMs fireTime, std::int64_t id, int limit);

private:
    Database &m_db;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::AlertWrite)
