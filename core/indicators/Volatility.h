// core/indicators: volatility: TRANGE, ATR, NATR, STDDEV and Bollinger Bands.
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"
#include "indicators/MaType.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeTrange();
std::unique_ptr<Indicator> makeAtr(int period);
std::unique_ptr<Indicator> makeNatr(int period);
std::unique_ptr<Indicator> makeStddev(int period, double deviations);
// Outputs upper, middle, lower; the middle band is TA_MA(type, period) (type
// not MAMA, see maTypeProblem()).
std::unique_ptr<Indicator> makeBbands(
    int period, double up, double down, MaType type = MaType::Sma);

}  // namespace wick::ind
