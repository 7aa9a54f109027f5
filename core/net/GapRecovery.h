// core/net: GapRecovery, the source-neutral part of "backfill what the outage
// left". Per symbol: from the bar after the newest closed bar held (a resume
// point, or the newest delivered) or from a backfill start, it asks the source
// for pages of closed bars until it has caught up with now, holds the live
// trades that arrive meanwhile, and gives them back in arrival order when the
// source releases them. An outage (abort) drops what was held; start() again on
// reconnect. A plain object on its feed's thread: no network, no timers.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/Bar.h"
#include "model/Tick.h"

namespace wick {

class Clock;

class GapRecovery
{
public:
    struct Callbacks {
        // Fetch closed bars of `symbol` starting at `from`; answer with onPage()
        // (or onPageFailed()) quoting the same `from`.
        std::function<void(SymbolId symbol, TimeMs from)> requestPage;
        // Closed bars after the resume point, oldest first, one call per page.
        std::function<void(SymbolId symbol, std::vector<Bar> bars)> deliver;
        // No more pages: the source calls release() when it is ready (at once,
        // or after a step of its own such as the forming bar).
        std::function<void(SymbolId symbol)> caughtUp;
    };

    enum class Phase : std::uint8_t { Idle, Fetching, CaughtUp };

    GapRecovery(TimeMs barMs, std::shared_ptr<const Clock> clock, Callbacks callbacks);

    // The newest closed bar already held (the cache): recovery starts after it.
    void setResumePoint(SymbolId symbol, TimeMs lastClosed);
    // (Re)starts recovery: pages from the bar after the newest closed one held,
    // else from `backfillFrom` (floored to a bar; < 0: none). With nothing to
    // fetch it is caught up at once. Held items are dropped.
    void start(SymbolId symbol, TimeMs backfillFrom);
    // A live item. True: held (recovering); false: the caller forwards it.
    bool hold(SymbolId symbol, const Tick &item);
    // A page of bars from `from` as the source has them (its forming bar and
    // bars before `from` are ignored). `fullPage`: the source may have more.
    void onPage(SymbolId symbol, TimeMs from, const std::vector<Bar> &bars, bool fullPage);
    // The page could not be had (the source gave up): caught up with what there is.
    void onPageFailed(SymbolId symbol, TimeMs from);
    // Caught up: ends recovery and hands back the held items, in arrival order.
    std::vector<Tick> release(SymbolId symbol);
    // A live closed bar arrived: it is the newest held (once caught up).
    void onClosedBar(SymbolId symbol, TimeMs time);
    // An outage: recovery stops and what was held is dropped.
    void abort(SymbolId symbol);
    void forget(SymbolId symbol);

    Phase phase(SymbolId symbol) const;
    bool isRecovering(SymbolId symbol) const { return phase(symbol) != Phase::Idle; }
    bool anyFetching() const;
    // The open time of the newest closed bar held or delivered (-1: none).
    TimeMs lastClosed(SymbolId symbol) const;
    std::size_t heldCount(SymbolId symbol) const;
    const std::vector<Tick> &held(SymbolId symbol) const;
    std::int64_t barsDelivered() const { return m_delivered; }

private:
    struct Track {
        Phase phase = Phase::Idle;
        TimeMs lastClosed = -1;
        TimeMs expectedFrom = -1;  // the page asked for
        TimeMs liveClosed = -1;  // newest live closed bar seen while fetching
        std::vector<Tick> held;
    };

    void reachedNow(SymbolId symbol, Track &track);
    TimeMs floorToBar(TimeMs time) const;

    TimeMs m_barMs;
    std::shared_ptr<const Clock> m_clock;
    Callbacks m_callbacks;
    std::unordered_map<SymbolId, Track> m_tracks;
    std::int64_t m_delivered = 0;
};

}  // namespace wick
