#include "engine/MarketSnapshot.h"

#include <limits>

namespace wick {

double Quote::changePercent() const
{
    if (!(previousClose > 0.0))
        return std::numeric_limits<double>::quiet_NaN();
    return (last - previousClose) / previousClose * 100.0;
}

}  // namespace wick
