#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "feeds/demo/DemoInstrument.h"
#include "model/Bar.h"
#include "model/Tick.h"

namespace wick {

class DemoSymbolProcess;

// The demo market: one DemoSymbolProcess per instrument, all started at the same
// origin (the UTC midnight at or before start - historyDays) so that history
// and live ticks are one path. Pure and single-threaded; DemoFeed drives it on
// the feed thread, wick-cli directly. Same seed, start, history length, rate
// and instruments give identical bars and ticks.
class DemoMarket
{
public:
    // ids[i] stamps the ticks of instruments[i] (kInvalidSymbol when ids is short).
    DemoMarket(std::uint64_t seed, TimeMs start, int historyDays, double rate,
        std::vector<DemoInstrument> instruments, const std::vector<SymbolId> &ids = {});
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

    // Closed 1m bars of one symbol over [origin, start), oldest first. Only the
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
    std::vector<std::uint8_t> m_historyTaken;  // not vector<bool>: written per symbol concurrently
};

}  // namespace wick
