// core/alerts/AlertEntry: what the terminal keeps per rule beyond its
// condition -- whether it is enabled, its actions (sound, webhook) and its
// last known state -- and one line of the alert log. Plain values, any thread:
// AlertService hands them to the UI, AlertStore keeps them in the cache.
#pragma once

#include <cstdint>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "alerts/AlertFire.h"
#include "alerts/AlertRule.h"
#include "alerts/AlertRuleState.h"

namespace wick {

// What a fire does besides the log line and the notification.
struct AlertActions {
    bool sound = false;
    QString webhookUrl;  // empty: none
    // The webhook's body; {{symbol}} {{close}} {{time}} {{rule}} are replaced.
    QString webhookTemplate;

    // {"sound": bool, "webhookUrl": "...", "webhookTemplate": "..."}, compact.
    QByteArray toJson() const;
    // Keys left out take their defaults; nullopt and a reason when it is not an object.
    static std::optional<AlertActions> fromJson(QByteArrayView json, QString *error);
    friend bool operator==(const AlertActions &, const AlertActions &) = default;
};

struct AlertEntry {
    AlertRule rule;
    AlertActions actions;
    bool enabled = true;
    AlertStateRecord state;  // the last the engine reported (ruleId = rule.id)
};

// One fire as the log lists it.
struct AlertLogEntry {
    std::int64_t id = 0;  // the cache's row id (0 until stored)
    AlertFire fire;
    QString condition;  // the rule's text when it fired
    bool missed = false;  // the bar closed while the app was not running
    bool acknowledged = false;
};

}  // namespace wick
