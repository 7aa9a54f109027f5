// core/indicators: momentum oscillators: RSI, WILLR, CCI, MFI (stochastics: Stochastic.h).
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeRsi(int period);
std::unique_ptr<Indicator> makeWillr(int period);
// O(period) per bar: the mean deviation has no running form (nor in TA-Lib).
std::unique_ptr<Indicator> makeCci(int period);
std::unique_ptr<Indicator> makeMfi(int period);

}  // namespace wick::ind
