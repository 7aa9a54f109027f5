#include "quality/QualityRule.h"

namespace wick {

QString qualityRuleName(QualityRule rule)
{
    switch (rule) {
    case QualityRule::NonFinitePrice:
        return QStringLiteral("non_finite_price");
    case QualityRule::NonPositivePrice:
        return QStringLiteral("non_positive_price");
    case QualityRule::NonFiniteVolume:
        return QStringLiteral("non_finite_volume");
    case QualityRule::NegativeVolume:
        return QStringLiteral("negative_volume");
    case QualityRule::BrokenOhlc:
        return QStringLiteral("broken_ohlc");
    case QualityRule::DuplicateTradeId:
        return QStringLiteral("duplicate_trade_id");
    case QualityRule::PriceSpike:
        return QStringLiteral("price_spike");
    case QualityRule::PriceJump:
        return QStringLiteral("price_jump");
    case QualityRule::VolumeSpike:
        return QStringLiteral("volume_spike");
    case QualityRule::FutureTimestamp:
        return QStringLiteral("future_timestamp");
    case QualityRule::StaleTimestamp:
        return QStringLiteral("stale_timestamp");
    case QualityRule::OutOfOrder:
        return QStringLiteral("out_of_order");
    case QualityRule::BarGap:
        return QStringLiteral("bar_gap");
    }
    return QStringLiteral("unknown");
}

std::optional<QualityRule> qualityRuleFromName(const QString &name)
{
    for (int rule = 0; rule < kQualityRuleCount; ++rule) {
        if (qualityRuleName(static_cast<QualityRule>(rule)) == name)
            return static_cast<QualityRule>(rule);
    }
    return std::nullopt;
}

bool isRejection(QualityRule rule)
{
    return rule <= QualityRule::DuplicateTradeId;
}

}  // namespace wick
