// core/quality/ValidationConfig: the validator's thresholds per asset class.
// Plain values, copied into a Validator on its feed's thread.
#pragma once

#include "model/Symbol.h"
#include "model/Types.h"

namespace wick {

// Thresholds of the validator for one asset class. Rejections have no
// thresholds (impossible is impossible); every flag rule does.
struct ValidationConfig {
    // Price spike: |z| of a tick's log return against the last `returnWindow`
    // returns, once `minReturns` are in. The rolling sigma is floored at
    // `minReturnSigma` so a quiet, one-tick market does not make every move a spike.
    int returnWindow = 200;
    int minReturns = 50;
    double spikeZ = 12.0;
    double minReturnSigma = 5e-5;
    // Price jump: a move of more than `jumpFraction` from the highest or lowest
    // price within `jumpHorizonMs` (ticks), or within one bar / from the previous
    // close (bars).
    double jumpFraction = 0.10;
    TimeMs jumpHorizonMs = 60'000;
    // Volume spike: a trade larger than `volumeSpikeFactor` x the rolling mean of
    // the last `volumeWindow` sizes; a bar's volume against its own window.
    int volumeWindow = 200;
    int minVolumes = 50;
    double volumeSpikeFactor = 50.0;
    double barVolumeSpikeFactor = 25.0;
    // Time: later than now + skew is in the future; older than now - stale is
    // stale (0: off, e.g. for history replays); older than the symbol's newest
    // tick by more than the tolerance is out of order.
    TimeMs futureSkewMs = 5'000;
    TimeMs staleAfterMs = 60'000;
    TimeMs lateToleranceMs = 0;
    // Duplicate trade ids are looked for among the last `tradeIdMemory` ids.
    int tradeIdMemory = 10'000;
    // The quality score covers the last `scoreWindow` validated ticks and bars.
    int scoreWindow = 1000;

    static ValidationConfig forAssetClass(AssetClass assetClass);
};

}  // namespace wick
