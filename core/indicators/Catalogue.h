// core/indicators: how a family file lists its catalogue entries. Each family
// (Averages.cpp, Oscillators.cpp, ...) defines one `xxxEntries()` function that
// returns its IndicatorInfo rows, cores and entries side by side; Catalogue.cpp
// joins them in the order below. Constant data: built once, read from any thread.
//
// Adding a family: write its cores and a `std::vector<IndicatorInfo> fooEntries()`
// in its .cpp, declare it here and append it in Catalogue.cpp. An entry's
// factory gets complete parameters (defaults filled in, ranges and its check()
// passed), so it only converts them: [](Params p, const Context &) { return
// makeFoo(int(p[0])); }.
#pragma once

#include <span>
#include <vector>

#include "indicators/IndicatorRegistry.h"

namespace wick::ind {

using Params = std::span<const double>;
using Context = IndicatorContext;

constexpr double kMaxPeriod = 100000;  // TA-Lib's upper bound

// An integer period from min to kMaxPeriod, named "period".
IndicatorParam period(double def, double min = 2);
// A named integer parameter from min to kMaxPeriod.
IndicatorParam named(const char16_t *name, double def, double min = 1);
// A named real parameter in [min, max].
IndicatorParam real(const char16_t *name, double def, double min, double max);
// A moving-average type parameter (TA-Lib's optInMAType, MaType.h: 0 = SMA
// ... 8 = T3, default SMA, left out of labels at its default), listed after
// every other parameter. An entry that has one refuses what maTypeProblem()
// refuses (its check).
IndicatorParam maTypeParam(const char16_t *name);
// The one output of a single-output indicator.
QStringList oneOutput();
// "14", "0.02": parameters in messages and labels.
QString formatParam(double v);

// The families, in catalogue order.
std::vector<IndicatorInfo> averageEntries();  // Averages.cpp
std::vector<IndicatorInfo> volatilityEntries();  // Volatility.cpp
std::vector<IndicatorInfo> directionalEntries();  // Directional.cpp
std::vector<IndicatorInfo> oscillatorEntries();  // Oscillators.cpp
std::vector<IndicatorInfo> volumeEntries();  // Volume.cpp
std::vector<IndicatorInfo> priceTransformEntries();  // PriceTransform.cpp
std::vector<IndicatorInfo> statisticEntries();  // Statistics.cpp
std::vector<IndicatorInfo> parabolicEntries();  // Parabolic.cpp
std::vector<IndicatorInfo> aroonEntries();  // Aroon.cpp
std::vector<IndicatorInfo> rateOfChangeEntries();  // RateOfChange.cpp
std::vector<IndicatorInfo> pressureEntries();  // Pressure.cpp
std::vector<IndicatorInfo> macdFamilyEntries();  // MacdFamily.cpp
std::vector<IndicatorInfo> stochasticEntries();  // Stochastic.cpp
std::vector<IndicatorInfo> dojiEntries();  // patterns/Doji.cpp
std::vector<IndicatorInfo> twoCandleEntries();  // patterns/TwoCandle.cpp
std::vector<IndicatorInfo> starEntries();  // patterns/Stars.cpp
std::vector<IndicatorInfo> soldierEntries();  // patterns/Soldiers.cpp
std::vector<IndicatorInfo> shadowEntries();  // patterns/Shadows.cpp
std::vector<IndicatorInfo> breakawayEntries();  // patterns/Breakaway.cpp
std::vector<IndicatorInfo> cycleEntries();  // Cycle.cpp
std::vector<IndicatorInfo> lineShapeEntries();  // patterns/LineShapes.cpp
std::vector<IndicatorInfo> candlePairEntries();  // patterns/CandlePairs.cpp
std::vector<IndicatorInfo> candleTrioEntries();  // patterns/CandleTrios.cpp
std::vector<IndicatorInfo> fiveCandleEntries();  // patterns/FiveCandles.cpp
std::vector<IndicatorInfo> hikkakeEntries();  // patterns/Hikkake.cpp

}  // namespace wick::ind
