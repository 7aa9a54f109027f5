// core/indicators: buying against selling pressure: BOP (balance of power), IMI (intraday
// momentum), CMO (Chande momentum) and ULTOSC (ultimate oscillator).
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeBop();
// NaN where the window's bars all have open == close (0/0, as TA-Lib).
std::unique_ptr<Indicator> makeImi(int period);
std::unique_ptr<Indicator> makeCmo(int period);
std::unique_ptr<Indicator> makeUltOsc(int period1, int period2, int period3);

}  // namespace wick::ind
