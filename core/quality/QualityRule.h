// core/quality: validation of ticks and bars before they reach the bar builder.
// Two outcomes kept apart: impossible data is rejected (quarantined with the
// rule and the raw value), suspicious but possible data is kept and flagged.
// Per-symbol state in plain objects on each feed's thread, where the feed's
// data is screened before it is handed to the engine.
#pragma once

#include <cstdint>
#include <optional>

#include <QString>

namespace wick {

enum class QualityRule : std::uint8_t {
    // Rejections: the value cannot be a real print.
    NonFinitePrice,
    NonPositivePrice,
    NonFiniteVolume,
    NegativeVolume,
    BrokenOhlc,
    DuplicateTradeId,
    // Flags: possible, but worth a look; the data is kept.
    PriceSpike,  // z-score of the return against a rolling window
    PriceJump,  // percentage move within a horizon (or within one bar)
    VolumeSpike,  // size against the rolling average
    FutureTimestamp,  // beyond the allowed clock skew
    StaleTimestamp,  // a live tick older than the staleness limit
    OutOfOrder,  // older than the symbol's newest tick or bar
    BarGap,  // missing bars between two bars while the market was open
};

inline constexpr int kQualityRuleCount = int(QualityRule::BarGap) + 1;

// Stable snake_case name, used in quarantine records and logs ("duplicate_trade_id").
QString qualityRuleName(QualityRule rule);
// The rule of a stable name (as stored in the cache); nullopt for an unknown one.
std::optional<QualityRule> qualityRuleFromName(const QString &name);
bool isRejection(QualityRule rule);

}  // namespace wick
