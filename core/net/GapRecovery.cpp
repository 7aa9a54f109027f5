#include "net/GapRecovery.h"

#include <algorithm>

#include "model/Clock.h"

namespace wick {

GapRecovery::GapRecovery(TimeMs barMs, std::shared_ptr<const Clock> clock, Callbacks callbacks)
    : m_barMs(std::max<TimeMs>(barMs, 1))
    , m_clock(std::move(clock))
    , m_callbacks(std::move(callbacks))
{ }

TimeMs GapRecovery::floorToBar(TimeMs time) const
{
    const TimeMs r = time % m_barMs;
    return r < 0 ? time - r - m_barMs : time - r;
}

void GapRecovery::setResumePoint(SymbolId symbol, TimeMs lastClosed)
{
    Track &t = m_tracks[symbol];
    t.lastClosed = std::max(t.lastClosed, lastClosed);
}

void GapRecovery::start(SymbolId symbol, TimeMs backfillFrom)
{
    Track &t = m_tracks[symbol];
    t.held.clear();
    t.liveClosed = -1;
    TimeMs from = -1;
    if (t.lastClosed >= 0)
        from = t.lastClosed + m_barMs;
    else if (backfillFrom >= 0)
        from = floorToBar(backfillFrom);
    if (from >= 0 && from + m_barMs <= m_clock->now()) {
        t.phase = Phase::Fetching;
        t.expectedFrom = from;
        if (m_callbacks.requestPage)
            m_callbacks.requestPage(symbol, from);
        return;
    }
    reachedNow(symbol, t);
}

void GapRecovery::reachedNow(SymbolId symbol, Track &track)
{
    track.lastClosed = std::max(track.lastClosed, track.liveClosed);
    track.liveClosed = -1;
    track.phase = Phase::CaughtUp;
    track.expectedFrom = -1;
    if (m_callbacks.caughtUp)
        m_callbacks.caughtUp(symbol);
}

bool GapRecovery::hold(SymbolId symbol, const Tick &item)
{
    const auto it = m_tracks.find(symbol);
    if (it == m_tracks.end() || it->second.phase == Phase::Idle)
        return false;
    it->second.held.push_back(item);
    return true;
}

void GapRecovery::onPage(SymbolId symbol, TimeMs from, const std::vector<Bar> &bars, bool fullPage)
{
    const auto it = m_tracks.find(symbol);
    if (it == m_tracks.end() || it->second.phase != Phase::Fetching
        || it->second.expectedFrom != from)
        return;  // stale: an outage restarted it meanwhile
    Track &t = it->second;
    const TimeMs now = m_clock->now();
    std::vector<Bar> closed;
    for (const Bar &bar : bars) {
        // Sources include the bar still forming; only closed bars are history.
        if (bar.time >= from && bar.time + m_barMs <= now)
            closed.push_back(bar);
    }
    const TimeMs next = closed.empty() ? 0 : closed.back().time + m_barMs;
    if (!closed.empty()) {
        t.lastClosed = std::max(t.lastClosed, closed.back().time);
        m_delivered += std::int64_t(closed.size());
        if (m_callbacks.deliver)
            m_callbacks.deliver(symbol, std::move(closed));
    }
    // The callback may have aborted or forgotten the symbol.
    const auto again = m_tracks.find(symbol);
    if (again == m_tracks.end() || again->second.phase != Phase::Fetching)
        return;
    if (fullPage && next > from && next + m_barMs <= now) {
        again->second.expectedFrom = next;
        if (m_callbacks.requestPage)
            m_callbacks.requestPage(symbol, next);
        return;
    }
    reachedNow(symbol, again->second);
}

void GapRecovery::onPageFailed(SymbolId symbol, TimeMs from)
{
    const auto it = m_tracks.find(symbol);
    if (it == m_tracks.end() || it->second.phase != Phase::Fetching
        || it->second.expectedFrom != from)
        return;
    reachedNow(symbol, it->second);
}

std::vector<Tick> GapRecovery::release(SymbolId symbol)
{
    const auto it = m_tracks.find(symbol);
    if (it == m_tracks.end())
        return {};
    std::vector<Tick> out;
    out.swap(it->second.held);
    it->second.phase = Phase::Idle;
    it->second.expectedFrom = -1;
    return out;
}

void GapRecovery::onClosedBar(SymbolId symbol, TimeMs time)
{
    Track &t = m_tracks[symbol];
    // While pages are still coming, a live bar does not move the resume point:
    // an outage now must restart from the last bar fetched, not skip the gap.
    if (t.phase == Phase::Fetching)
        t.liveClosed = std::max(t.liveClosed, time);
    else
        t.lastClosed = std::max(t.lastClosed, time);
}

void GapRecovery::abort(SymbolId symbol)
{
    const auto it = m_tracks.find(symbol);
    if (it == m_tracks.end())
        return;
    it->second.phase = Phase::Idle;
    it->second.expectedFrom = -1;
    it->second.liveClosed = -1;
    it->second.held.clear();
}

void GapRecovery::forget(SymbolId symbol)
{
    m_tracks.erase(symbol);
}

GapRecovery::Phase GapRecovery::phase(SymbolId symbol) const
{
    const auto it = m_tracks.find(symbol);
    return it == m_tracks.end() ? Phase::Idle : it->second.phase;
}

bool GapRecovery::anyFetching() const
{
    return std::any_of(m_tracks.begin(), m_tracks.end(),
        [](const auto &entry) { return entry.second.phase == Phase::Fetching; });
}

TimeMs GapRecovery::lastClosed(SymbolId symbol) const
{
    const auto it = m_tracks.find(symbol);
    return it == m_tracks.end() ? -1 : it->second.lastClosed;
}

std::size_t GapRecovery::heldCount(SymbolId symbol) const
{
    const auto it = m_tracks.find(symbol);
    return it == m_tracks.end() ? 0 : it->second.held.size();
}

const std::vector<Tick> &GapRecovery::held(SymbolId symbol) const
{
    static const std::vector<Tick> none;
    const auto it = m_tracks.find(symbol);
    return it == m_tracks.end() ? none : it->second.held;
}

}  // namespace wick
