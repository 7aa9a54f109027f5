#include "health/FeedHealthSample.h"

#include <algorithm>

#include "feeds/binance/BinanceFeed.h"
#include "net/CircuitBreaker.h"

namespace wick {

int circuitLevel(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed:
        return kCircuitClosed;
    case CircuitState::HalfOpen:
        return kCircuitHalfOpen;
    case CircuitState::Open:
        return kCircuitOpen;
    }
    return kCircuitClosed;
}

FeedHealthSample fromBinanceHealth(const BinanceFeedHealth &previous,
    const BinanceFeedHealth &current, qint64 elapsedMs, qint64 nowMs)
{
    FeedHealthSample sample;
    sample.source = QStringLiteral("binance");
    sample.timeMs = nowMs;
    const std::int64_t frames = current.framesReceived - previous.framesReceived;
    if (elapsedMs > 0 && frames > 0)
        sample.messagesPerSecond = static_cast<double>(frames) * 1000.0 / elapsedMs;
    sample.reconnects = current.reconnects;
    sample.rateLimitWaits = current.rateLimitWaits;
    sample.restFailures = current.restFailures;
    sample.quarantined = current.quarantined;
    sample.flagged = current.flagged;
    sample.usedWeight = current.usedWeight;
    sample.weightLimit = current.weightLimit;
    sample.streamCircuit = circuitLevel(current.streamCircuit);
    sample.restCircuit = circuitLevel(current.restCircuit);
    return sample;
}

}  // namespace wick
