// core/indicators: MACD's relatives: MACDFIX (MACD 12/26 with TA-Lib's fixed 0.15 and 0.075
// factors), and the two-average differences over any MA type.
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

// Outputs macd, signal, hist.
std::unique_ptr<Indicator> makeMacdFix(int signal);

}  // namespace wick::ind
