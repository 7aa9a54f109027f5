#include "storage/AlertStore.h"

#include <cmath>

#include <spdlog/spdlog.h>

#include "storage/Database.h"

namespace wick {

namespace {

void bindTime(Statement &s, int index, TimeMs time)
{
    if (time == AlertRuleState::kNever)
        s.bindNull(index);
    else
        s.bind(index, time);
}

void bindValue(Statement &s, int index, double value)
{
    if (std::isnan(value))
        s.bindNull(index);
    else
        s.bind(index, value);
}

// One row of alert_fires as the queries below select it.
AlertLogEntry fireAt(Statement &row)
{
    AlertLogEntry entry;
    entry.id = row.int64(0);
    AlertFire &f = entry.fire;
    f.ruleId = row.text(1);
    f.symbol = row.text(2);
    f.timeframe = Timeframe(row.int64(3));
    f.barTime = row.int64(4);
    f.fireTime = row.int64(5);
    f.left = row.isNull(6) ? std::nan("") : row.real(6);
    f.right = row.isNull(7) ? std::nan("") : row.real(7);
    f.close = row.isNull(8) ? std::nan("") : row.real(8);
    f.intrabar = row.int64(9) != 0;
    entry.missed = row.int64(10) != 0;
    entry.acknowledged = row.int64(11) != 0;
    entry.condition = row.text(12);
    return entry;
}

}  // namespace

int AlertStore::apply(const AlertWrite &write)
{
    int added = 0;
    Transaction transaction(m_db);
    if (!write.rules.empty()) {
        Query upsert = m_db.query(
            "INSERT INTO alert_rules (id, position, enabled, rule, actions) VALUES (?1, "
            "coalesce((SELECT position FROM alert_rules WHERE id = ?1), "
            "(SELECT coalesce(max(position) + 1, 0) FROM alert_rules)), ?2, ?3, ?4) "
            "ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, rule = excluded.rule, "
            "actions = excluded.actions");
        for (const AlertEntry &entry : write.rules) {
            upsert->bind(1, entry.rule.id);
            upsert->bind(2, entry.enabled ? 1 : 0);
            upsert->bind(3, entry.rule.toJson());
            upsert->bind(4, entry.actions.toJson());
            upsert->run();
            upsert->reset();
        }
    }
    if (!write.removed.isEmpty()) {
        Query remove = m_db.query("DELETE FROM alert_rules WHERE id = ?1");
        for (const QString &id : write.removed) {
            remove->bind(1, id);
            remove->run();
            remove->reset();
        }
    }
    if (!write.states.empty()) {
        Query save = m_db.query(
            "INSERT OR REPLACE INTO alert_state (rule_id, armed, level_armed, paused, "
            "pause_reason, expired, fire_count, last_fire, last_fired_bar) SELECT ?1, ?2, ?3, ?4, "
            "?5, ?6, ?7, ?8, ?9 WHERE EXISTS (SELECT 1 FROM alert_rules WHERE id = ?1)");
        for (const AlertStateRecord &state : write.states) {
            save->bind(1, state.ruleId);
            save->bind(2, state.armed ? 1 : 0);
            save->bind(3, state.levelArmed ? 1 : 0);
            save->bind(4, state.paused ? 1 : 0);
            save->bind(5, state.pauseReason);
            save->bind(6, state.expired ? 1 : 0);
            save->bind(7, state.fireCount);
            bindTime(*save, 8, state.lastFire);
            bindTime(*save, 9, state.lastFiredBar);
            save->run();
            save->reset();
        }
    }
    if (!write.fires.empty()) {
        Query insert = m_db.query(
            "INSERT OR IGNORE INTO alert_fires (rule_id, symbol, timeframe, bar_time, fire_time, "
            "left_value, right_value, close_value, intrabar, missed, acknowledged, condition) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        for (const AlertLogEntry &entry : write.fires) {
            const AlertFire &f = entry.fire;
            insert->bind(1, f.ruleId);
            insert->bind(2, f.symbol);
            insert->bind(3, int(f.timeframe));
            insert->bind(4, f.barTime);
            insert->bind(5, f.fireTime);
            bindValue(*insert, 6, f.left);
            bindValue(*insert, 7, f.right);
            bindValue(*insert, 8, f.close);
            insert->bind(9, f.intrabar ? 1 : 0);
            insert->bind(10, entry.missed ? 1 : 0);
            insert->bind(11, entry.acknowledged ? 1 : 0);
            insert->bind(12, entry.condition);
            insert->run();
            insert->reset();
            added += m_db.scalarInt("SELECT changes()") > 0 ? 1 : 0;
        }
    }
    if (!write.acknowledged.empty()) {
        Query ack = m_db.query(
            "UPDATE alert_fires SET acknowledged = 1 WHERE rule_id = ?1 AND bar_time = ?2");
        for (const auto &[rule, barTime] : write.acknowledged) {
            ack->bind(1, rule);
            ack->bind(2, barTime);
            ack->run();
            ack->reset();
        }
    }
    transaction.commit();
    return added;
}

StoredAlerts AlertStore::load(int fireLimit)
{
    StoredAlerts stored;
    {
        Query select = m_db.query(
            "SELECT r.id, r.enabled, r.rule, r.actions, s.armed, s.level_armed, s.paused, "
            "s.pause_reason, s.expired, s.fire_count, s.last_fire, s.last_fired_bar, "
            "s.rule_id IS NOT NULL FROM alert_rules r LEFT JOIN alert_state s ON s.rule_id = r.id "
            "ORDER BY r.position, r.id");
        while (select->step()) {
            const QString id = select->text(0);
            QString error;
            std::optional<AlertRule> rule = AlertRule::fromJson(select->bytes(2), &error);
            if (!rule) {
                stored.errors << QStringLiteral("alert rule %1: %2").arg(id, error);
                spdlog::warn(
                    "alerts: rule {} not restored: {}", id.toStdString(), error.toStdString());
                continue;
            }
            AlertEntry entry;
            entry.rule = std::move(*rule);
            entry.rule.id = id;
            entry.enabled = select->int64(1) != 0;
            if (auto actions = AlertActions::fromJson(select->bytes(3), &error))
                entry.actions = *actions;
            entry.state.ruleId = id;
            if (select->int64(12) != 0) {
                AlertStateRecord &s = entry.state;
                s.armed = select->int64(4) != 0;
                s.levelArmed = select->int64(5) != 0;
                s.paused = select->int64(6) != 0;
                s.pauseReason = select->text(7);
                s.expired = select->int64(8) != 0;
                s.fireCount = int(select->int64(9));
                s.lastFire = select->isNull(10) ? AlertRuleState::kNever : select->int64(10);
                s.lastFiredBar = select->isNull(11) ? AlertRuleState::kNever : select->int64(11);
            }
            stored.rules.push_back(std::move(entry));
        }
    }
    Query fires = m_db.query(
        "SELECT id, rule_id, symbol, timeframe, bar_time, fire_time, left_value, right_value, "
        "close_value, intrabar, missed, acknowledged, condition FROM (SELECT * FROM alert_fires "
        "ORDER BY "
        "fire_time DESC, id DESC LIMIT ?1) ORDER BY fire_time, id");
    fires->bind(1, fireLimit);
    while (fires->step())
        stored.fires.push_back(fireAt(*fires));
    return stored;
}

std::vector<AlertLogEntry> AlertStore::firesBefore(TimeMs fireTime, std::int64_t id, int limit)
{
    Query fires = m_db.query(
        "SELECT id, rule_id, symbol, timeframe, bar_time, fire_time, left_value, right_value, "
        "close_value, intrabar, missed, acknowledged, condition FROM (SELECT * FROM alert_fires "
        "WHERE fire_time < ?1 OR (fire_time = ?1 AND id < ?2) ORDER BY fire_time DESC, id DESC "
        "LIMIT ?3) ORDER BY fire_time, id");
    fires->bind(1, fireTime);
    fires->bind(2, id);
    fires->bind(3, limit);
    std::vector<AlertLogEntry> page;
    while (fires->step())
        page.push_back(fireAt(*fires));
    return page;
}

}  // namespace wick
