// core/alerts/AlertRule: one alert rule as a plain value -- its text, symbol,
// timeframe, trigger, cooldown, expiry, maximum fires and hysteresis band --
// stored as JSON text (toJson/fromJson: what the cache and the editor's
// import/export keep). Any thread.
//
// Trigger: Once fires once, then the rule stays disarmed until rearm();
// OncePerBar is evaluated on every update of the forming bar and at every
// close, and fires at most once per bar of the rule's timeframe; OncePerBarClose
// is evaluated only when a bar closes (a cross that reverts before the close
// never fires). Gates, in this order (AlertRuleState::offer): paused, disarmed
// (once, max fires), expired (fire time >= expiresAt), the condition, the
// hysteresis band, one fire per bar, the cooldown (no fire within cooldownMs of
// the last fire). Hysteresis (band >= 0; NaN: off): after a fire the rule
// re-arms only once the condition has gone back past its level by the band
// (`a > b` re-arms at a <= b - band, `a < b` at a >= b + band, quality the
// same; other conditions re-arm when false; AND re-arms when either side
// does, OR when both do). Auto-pause: the fire that makes more than 15 within
// 3 minutes is reported, then the rule pauses with the reason kept.
#pragma once

#include <cmath>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "alerts/AlertCondition.h"
#include "model/Timeframe.h"
#include "model/Types.h"

namespace wick {

enum class AlertTrigger { Once, OncePerBar, OncePerBarClose };

QString alertTriggerName(AlertTrigger trigger);  // "once", "once-per-bar", "once-per-bar-close"
std::optional<AlertTrigger> parseAlertTrigger(const QString &name);

struct AlertRule {
    QString id;  // unique among the rules of one evaluator
    QString text;  // the condition as the user wrote it (what is stored)
    QString symbol;  // "binance:BTCUSDT"
    Timeframe timeframe = Timeframe::M1;
    AlertTrigger trigger = AlertTrigger::OncePerBarClose;
    TimeMs cooldownMs = 0;  // 0: none
    TimeMs expiresAt = 0;  // 0: never
    int maxFires = 0;  // 0: no limit
    double hysteresis = std::nan("");  // NaN: off
    AlertCondition condition;  // parsed from text

    // Parses text into condition; false and a one-line reason when it is bad.
    bool setText(const QString &conditionText, QString *error);

    // One JSON object: {"id", "text", "symbol", "timeframe": "1m", "trigger":
    // "once-per-bar-close", "cooldownMs", "expiresAt", "maxFires", "hysteresis":
    // number or null}; compact, keys sorted.
    QByteArray toJson() const;
    // The rule back (its text parsed); nullopt and a one-line reason naming the
    // key when the JSON or a value is bad. Keys left out take their defaults.
    static std::optional<AlertRule> fromJson(QByteArrayView json, QString *error);
};

}  // namespace wick
