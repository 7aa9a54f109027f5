// core/indicators: moving averages on a value stream (the bar's close, or
// another indicator's output): SMA, EMA, WMA, DEMA, TEMA, KAMA, TRIMA, T3, MA
// (any MaType) and MACD built from EMAs.
// Periods are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"
#include "indicators/MaType.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeSma(int period);
std::unique_ptr<Indicator> makeEma(int period);
std::unique_ptr<Indicator> makeWma(int period);
std::unique_ptr<Indicator> makeDema(int period);
std::unique_ptr<Indicator> makeTema(int period);
std::unique_ptr<Indicator> makeKama(int period);
std::unique_ptr<Indicator> makeTrima(int period);
// vfactor in [0, 1] (TA-Lib's default 0.7).
std::unique_ptr<Indicator> makeT3(int period, double vfactor);
// TA_MA: the moving average of that type (not MAMA, see maTypeProblem()).
std::unique_ptr<Indicator> makeMa(int period, MaType type);
// Outputs macd, signal, hist; needs fast < slow.
std::unique_ptr<Indicator> makeMacd(int fast, int slow, int signal);
// MACD with the fast and slow EMAs' smoothing factors given instead of
// 2/(n+1) (MACDFIX's 0.15 and 0.075); the periods still place the seeds.
std::unique_ptr<Indicator> makeMacdWithFactors(
    int fast, int slow, int signal, double fastK, double slowK);

}  // namespace wick::ind
