// core/indicators: moving averages on a value stream (the bar's close, or
// another indicator's output): SMA, EMA, WMA, DEMA, TEMA, KAMA, and MACD built from EMAs.
// Periods are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeSma(int period);
std::unique_ptr<Indicator> makeEma(int period);
std::unique_ptr<Indicator> makeWma(int period);
std::unique_ptr<Indicator> makeDema(int period);
std::unique_ptr<Indicator> makeTema(int period);
std::unique_ptr<Indicator> makeKama(int period);
// Outputs macd, signal, hist; needs fast < slow.
std::unique_ptr<Indicator> makeMacd(int fast, int slow, int signal);

}  // namespace wick::ind
