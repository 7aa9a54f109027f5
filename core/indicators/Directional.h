// core/indicators: trend direction: PLUS_DI, MINUS_DI, ADX (Wilder sums) and Parabolic SAR.
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makePlusDi(int period);
std::unique_ptr<Indicator> makeMinusDi(int period);
std::unique_ptr<Indicator> makeAdx(int period);
std::unique_ptr<Indicator> makeSar(double acceleration, double maximum);

}  // namespace wick::ind
