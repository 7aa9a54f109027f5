// core/indicators: stochastics: STOCH (slowk, slowd), STOCHF (fastk, fastd) and STOCHRSI
// (fastk, fastd over RSI), each smoothing by any of TA-Lib's moving-average types.
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"
#include "indicators/MaType.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeStoch(int fastK, int slowK, int slowD,
    MaType slowKType = MaType::Sma, MaType slowDType = MaType::Sma);
std::unique_ptr<Indicator> makeStochF(int fastK, int fastD, MaType fastDType = MaType::Sma);
std::unique_ptr<Indicator> makeStochRsi(
    int period, int fastK, int fastD, MaType fastDType = MaType::Sma);

}  // namespace wick::ind
