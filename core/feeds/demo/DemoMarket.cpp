#include "feeds/demo/DemoMarket.h"

#include <algorithm>

#include "feeds/demo/DemoSymbolProcess.h"

namespace wick {

namespace {

TimeMs floorTo(TimeMs t, TimeMs unit)
{
    TimeMs q = t / unit;
    if (t % unit < 0)
        --q;
    return q * unit;
}

}  // namespace

DemoMarket::DemoMarket(std::uint64_t seed, TimeMs start, int historyDays, double rate,
    std::vector<DemoInstrument> instruments, const std::vector<SymbolId> &ids,
    const std::vector<std::optional<DemoResumePoint>> &resume)
    : m_origin(originFor(start, historyDays))
    , m_start(floorTo(start, kMinuteMs))
{
    m_processes.reserve(instruments.size());
    for (std::size_t i = 0; i < instruments.size(); ++i) {
        const SymbolId id = i < ids.size() ? ids[i] : kInvalidSymbol;
        const std::optional<DemoResumePoint> point = i < resume.size() ? resume[i] : std::nullopt;
        if (point && point->lastClose > 0.0) {
            const TimeMs after = floorTo(point->lastBarTime, kMinuteMs) + kMinuteMs;
            const TimeMs pathStart = std::max(after, m_origin);
            // splitmix64's increment: neighbouring minutes get unrelated streams.
            const std::uint64_t resumedSeed = seed
                ^ (static_cast<std::uint64_t>(pathStart / kMinuteMs) * 0x9E3779B97F4A7C15ULL);
            m_pathStarts.push_back(pathStart);
            m_processes.push_back(std::make_unique<DemoSymbolProcess>(
                std::move(instruments[i]), resumedSeed, pathStart, rate, id, point->lastClose));
        } else {
            m_pathStarts.push_back(m_origin);
            m_processes.push_back(std::make_unique<DemoSymbolProcess>(
                std::move(instruments[i]), seed, m_origin, rate, id));
        }
    }
    m_historyTaken.assign(m_processes.size(), 0);
}

DemoMarket::~DemoMarket() = default;

TimeMs DemoMarket::originFor(TimeMs start, int historyDays)
{
    const TimeMs days = historyDays > 0 ? historyDays : 0;
    return floorTo(floorTo(start, kMinuteMs) - days * kDayMs, kDayMs);
}

const DemoInstrument &DemoMarket::instrument(std::size_t index) const
{
    return m_processes[index]->instrument();
}

std::vector<Bar> DemoMarket::history(std::size_t index)
{
    if (m_historyTaken[index])
        return {};
    m_historyTaken[index] = 1;
    return m_processes[index]->barsUntil(m_start);
}

void DemoMarket::ticksThrough(TimeMs time, std::vector<Tick> &out)
{
    for (std::size_t i = 0; i < m_processes.size(); ++i) {
        if (!m_historyTaken[i]) {
            m_historyTaken[i] = 1;
            m_processes[i]->skipUntil(m_start);
        }
        m_processes[i]->ticksThrough(time, out);
    }
}

}  // namespace wick
