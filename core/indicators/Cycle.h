// core/indicators: Ehlers' Hilbert transform indicators (HT_DCPERIOD,
// HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDMODE, HT_TRENDLINE) and MAMA, all on
// one HilbertCore (HilbertCore.h), on a value stream (the close or another
// indicator's output). Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeHtDcPeriod();
std::unique_ptr<Indicator> makeHtDcPhase();
// Outputs inphase, quadrature.
std::unique_ptr<Indicator> makeHtPhasor();
// Outputs sine, leadsine.
std::unique_ptr<Indicator> makeHtSine();
std::unique_ptr<Indicator> makeHtTrendMode();
std::unique_ptr<Indicator> makeHtTrendline();
// Outputs mama, fama; limits in [0.01, 0.99].
std::unique_ptr<Indicator> makeMama(double fastLimit, double slowLimit);

}  // namespace wick::ind
