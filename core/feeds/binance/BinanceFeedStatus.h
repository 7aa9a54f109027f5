// core/feeds/binance: the state and detail text BinanceFeed shows ("reconnecting
// in 4 s", "REST circuit open, retry in 30 s", "live, backfilling"), read from
// its stream pool and RestClient at one moment. A pure function, called on the
// feed's thread (it reads the pool and the client).
#pragma once

#include <QString>

#include "feeds/Feed.h"

namespace wick {

class BinanceStreamPool;
class RestClient;

struct BinanceFeedStatus {
    FeedState state = FeedState::Offline;
    QString detail;
};

// `listingLoaded`: exchangeInfo has answered; `backfilling`: a history page is on its way.
BinanceFeedStatus binanceFeedStatus(const BinanceStreamPool &pool, const RestClient &rest,
    bool running, bool listingLoaded, bool backfilling, TimeMs now);

}  // namespace wick
