#include "quality/ValidationConfig.h"

namespace wick {

ValidationConfig ValidationConfig::forAssetClass(AssetClass assetClass)
{
    ValidationConfig c;
    switch (assetClass) {
    case AssetClass::Crypto:
        break;  // the defaults: 24/7, volatile, heavy-tailed sizes
    case AssetClass::Equity:
        // US limit-up/limit-down bands are 5-10 % over 5 minutes.
        c.jumpFraction = 0.08;
        c.minReturnSigma = 3e-5;
        break;
    case AssetClass::Index:
        c.jumpFraction = 0.04;
        c.minReturnSigma = 2e-5;
        c.volumeSpikeFactor = 100.0;
        break;
    case AssetClass::Forex:
        c.jumpFraction = 0.03;
        c.minReturnSigma = 1e-5;
        c.volumeSpikeFactor = 100.0;
        break;
    case AssetClass::Future:
        c.jumpFraction = 0.06;
        c.minReturnSigma = 2e-5;
        break;
    }
    return c;
}

}  // namespace wick
