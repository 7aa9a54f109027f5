#include "health/FeedHealthSample.h"

#include <algorithm>

#include "net/CircuitBreaker.h"
#include "session/FeedHost.h"

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

FeedHealthSample fromFeedHealth(const FeedHealthReading &reading, const QString &stateText)
{
    const FeedHealth &health = reading.health;
    FeedHealthSample sample;
    sample.source = reading.source;
    sample.timeMs = reading.timeMs;
    sample.messagesPerSecond = reading.messagesPerSecond;
    sample.reconnects = health.reconnects;
    sample.rateLimitWaits = health.rateLimitWaits;
    sample.restFailures = health.restFailures;
    sample.quarantined = health.quarantined;
    sample.flagged = health.flagged;
    sample.usedWeight = health.usedWeight;
    sample.weightLimit = health.weightLimit;
    sample.requestsToday = health.requestsToday;
    sample.dailyRequestLimit = health.dailyRequestLimit;
    sample.streamCircuit = circuitLevel(health.streamCircuit);
    sample.restCircuit = circuitLevel(health.restCircuit);
    sample.hasCircuits = health.hasCircuits;
    sample.state = stateText;
    return sample;
}

}  // namespace wick
