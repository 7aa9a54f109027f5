// core/feeds/yahoo: how Yahoo's limits and error shapes map onto core/net: a
// browser-like User-Agent (a bare client's is answered 429), a token bucket,
// 429 "Edge: Too Many Requests" waited out (Retry-After, else backoff) behind
// the circuit breaker, and {"chart"|"finance":{"error":{code,description}}}
// bodies as the request's error. Pure functions, any thread.
#pragma once

#include "net/RestClient.h"

namespace wick {

struct YahooFeedConfig;

RestPolicy yahooRestPolicy(const YahooFeedConfig &config);

// A chrome-like User-Agent, the default of sources/yahoo/userAgent.
QString yahooDefaultUserAgent();

}  // namespace wick
