// core/indicators: Aroon (AROON: aroondown, aroonup) and the Aroon oscillator (AROONOSC).
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeAroon(int period);
std::unique_ptr<Indicator> makeAroonOsc(int period);

}  // namespace wick::ind
