// core/indicators: the close against the close n bars ago: MOM, ROC, ROCP, ROCR, ROCR100, and
// TRIX (ROC of a triple EMA).
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeMom(int period);
std::unique_ptr<Indicator> makeRoc(int period);
std::unique_ptr<Indicator> makeRocp(int period);
std::unique_ptr<Indicator> makeRocr(int period);
std::unique_ptr<Indicator> makeRocr100(int period);
std::unique_ptr<Indicator> makeTrix(int period);

}  // namespace wick::ind
