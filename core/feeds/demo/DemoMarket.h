// core/feeds/demo: DemoMarket, every demo instrument's simulated path from one
// seed; owned by whoever drives it (DemoFeed on its thread, wick-cli demo on main).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "feeds/demo/DemoInstrument.h"
#include "model/Bar.h"
#include "model/Tick.h"

namespace wick {

class DemoSymbolProcess;

// Where an earlier run's path of one symbol ended: its last closed (cached) 1m
// bar. A market resumed from it continues after that minute from that close.
struct DemoResumePoint {
    TimeMs lastBarTime = 0;  // open time of the last closed 1m bar
    double lastClose = 0.0;
    friend bool operator==(const DemoResumePoint &, const DemoResumePoint &) = default;
};

// The demo market: one DemoSymbolProcess per instrument, all started at the same
// origin (the UTC midnight at or before start - historyDays) so that history
// and live ticks are one path. Pure and single-threaded; DemoFeed drives it on
// the feed thread, wick-cli directly. Same seed, start, history length, rate
// and instruments give identical bars and ticks.
class DemoMarket
{
public:
    // ids[i] stamps the ticks of instruments[i] (kInvalidSymbol when ids is short).
    // resume[i], when set, continues instruments[i] after an earlier run's last
    // bar: its history starts at the later of that bar's next minute and the
    // origin, from that bar's close, on a stream seeded by the seed and that
    // minute (so the same cache and seed resume the same way).
    DemoMarket(std::uint64_t seed, TimeMs start, int historyDays, double rate,
        std::vector<DemoInstrument> instruments, const std::vector<SymbolId> &ids = {},
        const std::vector<std::optional<DemoResumePoint>> &resume = {});
    ~DemoMarket();
    DemoMarket(const DemoMarket &) = delete;
    DemoMarket &operator=(const DemoMarket &) = delete;

    // Where the path starts: UTC midnight at or before start - historyDays.
    static TimeMs originFor(TimeMs start, int historyDays);

    TimeMs origin() const { return m_origin; }
    // The end of history and the start of live ticks (rounded down to the minute).
    TimeMs start() const { return m_start; }
    std::size_t size() const { return m_processes.size(); }
    const DemoInstrument &instrument(std::size_t index) const;
    DemoSymbolProcess &process(std::size_t index) { return *m_processes[index]; }

    // Where instrument index's path starts: origin(), or after its resume point.
    TimeMs pathStart(std::size_t index) const { return m_pathStarts[index]; }

    // Closed 1m bars of one symbol over [pathStart, start), oldest first. Only the
    // first call per symbol returns bars; later ones return none. Calls for
    // different symbols may run on different threads at the same time.
    std::vector<Bar> history(std::size_t index);
    // Every trade after the previous call up to and including `time`, symbol by
    // symbol, each in time order. A symbol whose history was not taken skips it.
    void ticksThrough(TimeMs time, std::vector<Tick> &out);

private:
    TimeMs m_origin;
    TimeMs m_start;
    std::vector<std::unique_ptr<DemoSymbolProcess>> m_processes;
    std::vector<TimeMs> m_pathStarts;
    std::vector<std::uint8_t> m_historyTaken;  // not vector<bool>: written per symbol concurrently
};

}  // namespace wick
