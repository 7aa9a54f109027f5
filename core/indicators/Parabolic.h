// core/indicators: Parabolic SAR (SAR) and its extended form (SAREXT), one core for both.
// Parameters are validated by the registry before these are called.
// Instances belong to the thread that feeds them (see Indicator.h).
#pragma once

#include <memory>

#include "indicators/Indicator.h"

namespace wick::ind {

std::unique_ptr<Indicator> makeSar(double acceleration, double maximum);

// TA_SAREXT's parameters, in its order.
struct SarExtParams {
    double startValue;  // 0: direction from row 1's -DM; > 0 long from it; < 0 short from |it|
    double offsetOnReverse;  // fraction added to (short) or taken from (long) the reversal SAR
    double initLong;
    double accelLong;
    double maxLong;
    double initShort;
    double accelShort;
    double maxShort;
};
// The SAR while long, its negative while short.
std::unique_ptr<Indicator> makeSarExt(const SarExtParams &params);

}  // namespace wick::ind
