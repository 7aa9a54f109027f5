// core/feeds/yahoo: YahooSeries, what one YahooFeed knows of one symbol's bars:
// per history interval the newest closed bar sent and the forming bar last
// sent, and from the chart's meta the exchange zone and the current trading
// periods. It turns a chart answer into the closed bars not sent yet and the
// forming bar when it changed (daily and weekly bars moved to their exchange
// day), and says whether the market is open. A plain object on the feed's thread.
#pragma once

#include <optional>
#include <vector>

#include <QTimeZone>

#include "feeds/yahoo/YahooIntervals.h"
#include "feeds/yahoo/YahooMessages.h"

namespace wick {

class YahooSeries
{
public:
    struct Track {
        YahooInterval interval;
        TimeMs lastDelivered = -1;  // open time of the newest closed bar sent
        bool done = false;  // history fetched
        std::optional<Bar> forming;  // the last forming bar sent
    };

    // What a chart answer adds.
    struct Delivery {
        std::vector<Bar> closed;  // oldest first, each newer than what was sent
        std::optional<Bar> forming;  // the open bar, when it changed and its session is open
    };

    YahooSeries(const std::vector<YahooInterval> &intervals, BarDays days);

    std::vector<Track> &tracks() { return m_tracks; }
    const std::vector<Track> &tracks() const { return m_tracks; }
    bool historyDone() const;

    // Where track `i`'s history starts, and marks it not done: for 1m after
    // `held` (the cache's newest closed minute, -1: none), else after what was
    // sent, else `backfillFrom`, else `window` back from now. nullopt (and
    // done): no history wanted.
    std::optional<TimeMs> historyFrom(
        std::size_t i, TimeMs held, TimeMs backfillFrom, TimeMs window, TimeMs now);
    // A chart of track `i`: its meta's zone and periods are kept, its bars sorted
    // into closed (sent from now on) and forming (`extended`: as for isOpen).
    Delivery take(std::size_t i, const YahooChart &chart, TimeMs now, bool extended);
    // The finest track from its newest closed bar to now (a few bars back when none).
    YahooPage pollPage(TimeMs now) const;
    // In the regular session (or pre/post with `extended`); true while unknown.
    bool isOpen(TimeMs now, bool extended) const;

private:
    std::vector<Track> m_tracks;
    BarDays m_days;  // the symbol's (Symbol::barDays), in the zone Yahoo names
    std::optional<YahooTradingPeriod> m_pre;
    std::optional<YahooTradingPeriod> m_regular;
    std::optional<YahooTradingPeriod> m_post;
};

}  // namespace wick
