// core/indicators: volatility: TRANGE, ATR, NATR, STDDEV, VAR, Bollinger and
// acceleration bands.
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
// TA_VAR (its nbdev parameter changes nothing in TA-Lib).
std::unique_ptr<Indicator> makeVar(int period);
// Outputs upperband, middleband, lowerband.
std::unique_ptr<Indicator> makeAccbands(int period);
// Outputs upper, middle, lower; the middle band is TA_MA(type, period).
std::unique_ptr<Indicator> makeBbands(
    int period, double up, double down, MaType type = MaType::Sma);

}  // namespace wick::ind
