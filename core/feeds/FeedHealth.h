// core/feeds: FeedHealth, the one set of health counters every source reports
// (Feed::health(), readable from any thread; Feed::healthUpdated once a second).
// A plain value. Counters a source has no use for stay 0; `has*` says which
// parts exist, so the data-health view draws lanes only for those.
#pragma once

#include <cstdint>

#include <QMetaType>

#include "net/CircuitBreaker.h"

namespace wick {

struct FeedHealth {
    // Cumulative since the feed object was made.
    std::int64_t messagesReceived = 0;  // stream frames, or REST answers of a polling source
    std::int64_t tradesReceived = 0;
    std::int64_t barsReceived = 0;  // closed bars from the stream (klines) or a poll
    std::int64_t malformedMessages = 0;
    std::int64_t reconnects = 0;
    std::int64_t rateLimitWaits = 0;  // requests held back by a limiter, a budget or a Retry-After
    std::int64_t restRequests = 0;
    std::int64_t restFailures = 0;  // 5xx, network errors, timeouts
    std::int64_t backfilledBars = 0;
    std::int64_t backfilledTrades = 0;
    std::int64_t auxiliaryFailures = 0;  // optional endpoints that failed (degraded, not fatal)
    // Filled by the session's screen (FeedScreen), not by the feed.
    std::int64_t quarantined = 0;
    std::int64_t flagged = 0;
    // A weight or request budget: used in the current window of the limit.
    int usedWeight = 0;
    int weightLimit = 0;  // 0: the source has none
    // A daily request budget (Alpha Vantage's 25 a day); limit 0: none.
    int requestsToday = 0;
    int dailyRequestLimit = 0;
    CircuitState streamCircuit = CircuitState::Closed;
    CircuitState restCircuit = CircuitState::Closed;
    // False for a source with no connections to guard (the demo feed).
    bool hasCircuits = true;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::FeedHealth)
