// core/indicators: trend direction from Wilder sums of +DM, -DM and TR: PLUS_DM, MINUS_DM,
// PLUS_DI, MINUS_DI, DX, ADX, ADXR (one set of sums for all).
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makePlusDi(int period);
std::unique_ptr<Indicator> makeMinusDi(int period);
std::unique_ptr<Indicator> makeAdx(int period);
std::unique_ptr<Indicator> makePlusDm(int period);
std::unique_ptr<Indicator> makeMinusDm(int period);
std::unique_ptr<Indicator> makeDx(int period);
std::unique_ptr<Indicator> makeAdxr(int period);

}  // namespace wick::ind
