// core/indicators: MACD's relatives: MACDFIX (MACD 12/26 with TA-Lib's fixed 0.15 and 0.075
// factors), and the two-average differences over any MA type.
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"
#include "indicators/MaType.h"

namespace wick::ind {

// Outputs macd, signal, hist.
std::unique_ptr<Indicator> makeMacdFix(int signal);
// Outputs macd, signal, hist; fast > slow swaps the two (and their types), as TA-Lib.
std::unique_ptr<Indicator> makeMacdExt(
    int fast, int slow, int signal, MaType fastType, MaType slowType, MaType signalType);
// fast MA - slow MA, and that in percent of the slow MA (fast > slow: swapped, as TA-Lib).
std::unique_ptr<Indicator> makeApo(int fast, int slow, MaType type);
std::unique_ptr<Indicator> makePpo(int fast, int slow, MaType type);

}  // namespace wick::ind
