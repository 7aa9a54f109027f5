// core/feeds/yahoo: the state and detail text YahooFeed shows ("live,
// backfilling", "REST circuit open, retry in 30 s", "; rate-limited (429) for
// 12 s"), read from its RestClient at one moment. A pure function, called on
// the feed's thread.
#pragma once

#include <QString>

#include "feeds/Feed.h"

namespace wick {

class RestClient;

struct YahooFeedStatus {
    FeedState state = FeedState::Offline;
    QString detail;
};

// `answered`: a chart came back (the source is reachable); `backfilling`:
// history pages are still to come.
YahooFeedStatus yahooFeedStatus(
    const RestClient &rest, bool running, bool answered, bool backfilling, TimeMs now);

}  // namespace wick
