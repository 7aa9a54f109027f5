// core/alerts/AlertCondition: the condition of an alert rule -- its grammar,
// the parser with one-line messages, and the parsed tree. A plain value (the
// rule text is what is stored; this is rebuilt from it), pure functions, any
// thread.
//
// Grammar (tokens are separated by spaces; '*' also separates):
//   condition  := term { "OR" term }              OR binds looser than AND
//   term       := simple { "AND" simple }
//   simple     := operand CMP operand              CMP: > < >= <=
//               | operand CROSS operand            CROSS: crosses_above crosses_below crosses
//               | operand ("enters"|"exits") NUMBER NUMBER          the range [low, high]
//               | operand "moves" NUMBER"%" "within" INT "bars"
//               | "volume_spike" NUMBER INT         volume > K * mean volume of the N bars before
//               | "stale" DURATION                  no data for that long ("stale 30 s", "stale
//               30s") | "quality" CMP NUMBER              the supplied quality score
//   operand    := [NUMBER "*"] atom
//   atom       := "open" | "high" | "low" | "close" | "volume" | NUMBER
//               | SPEC ["." OUTPUT]                 indicators/IndicatorRegistry.h's spec syntax
//   DURATION   := NUMBER ("s"|"m"|"h"|"d"), or NUMBER then a unit token
// Keywords are case-insensitive. An indicator with several outputs needs its
// OUTPUT ("MACD:12,26,9.signal"); a chained spec's inner output stays as the
// spec syntax has it ("EMA:5@MACD:12,26,9.hist"). The spec grammar has no
// volume input (SMA:20@volume does not parse), hence volume_spike.
//
// Semantics (AlertRuleRun.h evaluates them): values are read at a sample --
// a closed bar i, or the forming bar. A crossing at closed bar i means
// a[i] > b[i] and a[i-1] <= b[i-1] (above), a[i] < b[i] and a[i-1] >= b[i-1]
// (below), either for `crosses`; never when a side is NaN at i or i-1. At a
// forming sample "i-1" is the previous sample (the previous update of the
// forming bar, or the last close; the last closed bar when nothing was sampled
// since the start or a history reset). enters/exits: inside [low, high] now and
// not at the previous sample / the other way round. A comparison, moves,
// volume_spike, stale and quality hold at every sample where they are true.
#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "model/Types.h"

namespace wick {

enum class AlertField { Open, High, Low, Close, Volume };

struct AlertOperand {
    enum class Kind { Field, Number, Indicator };
    Kind kind = Kind::Number;
    AlertField field = AlertField::Close;
    double number = 0.0;
    int spec = -1;  // Indicator: index into AlertCondition::specs
    int output = 0;  // Indicator: which output of the spec's last stage
    double scale = 1.0;  // "3 * SMA:20"
    QString text;  // as written: "3 * MACD:12,26,9.signal"
};

enum class AlertOp {
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    CrossesAbove,
    CrossesBelow,
    Crosses,
    Enters,
    Exits,
    Moves,
    VolumeSpike,
    Stale,
    Quality,
    And,
    Or,
};

struct AlertNode {
    AlertOp op = AlertOp::Greater;
    AlertOperand left;  // comparisons, crossings, enters/exits, moves
    AlertOperand right;  // comparisons, crossings
    double low = 0.0;  // enters/exits
    double high = 0.0;
    double percent = 0.0;  // moves
    int bars = 0;  // moves: K; volume_spike: N
    double factor = 0.0;  // volume_spike: K
    TimeMs staleMs = 0;  // stale
    AlertOp compare = AlertOp::Less;  // quality's comparison
    double threshold = 0.0;  // quality
    int a = -1;  // And/Or: children (indexes into AlertCondition::nodes)
    int b = -1;
};

struct AlertCondition {
    std::vector<AlertNode> nodes;
    int root = -1;
    // The indicator specs the operands read, without their output suffix, once
    // each ("MACD:12,26,9", "SMA:9@RSI:14"): what the evaluator acquires.
    QStringList specs;
    bool usesDataStatus = false;  // has stale or quality
    bool usesBars = false;  // reads bars or indicators
};

// Parses a condition; nullopt and a one-line reason naming the token and its
// column (1-based) when the text is bad.
std::optional<AlertCondition> parseAlertCondition(const QString &text, QString *error);

// "90s", "5m", "2h", "1d" (also "90 s" split in two by the caller): milliseconds.
std::optional<TimeMs> parseAlertDuration(const QString &text);

}  // namespace wick
