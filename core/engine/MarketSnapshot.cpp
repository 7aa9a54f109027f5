#include "engine/MarketSnapshot.h"

#include <limits>

#include "indicators/IndicatorRegistry.h"

namespace wick {

QString indicatorRunKey(const QString &spec)
{
    const std::optional<IndicatorSpec> parsed = parseIndicatorSpec(spec, nullptr);
    return parsed ? parsed->label() : spec.trimmed();
}

const IndicatorSnapshot *SeriesSnapshot::findIndicator(const QString &key) const
{
    for (const IndicatorSnapshot &indicator : indicators) {
        if (indicator.key == key)
            return &indicator;
    }
    return nullptr;
}

double Quote::changePercent() const
{
    if (!(previousClose > 0.0))
        return std::numeric_limits<double>::quiet_NaN();
    return (last - previousClose) / previousClose * 100.0;
}

}  // namespace wick
