#include "chart/HeikinAshi.h"

#include <algorithm>
#include <vector>

namespace wick {

Bar heikinAshiBar(const Bar &bar, const Bar *previous)
{
    Bar ha = bar;
    ha.close = (bar.open + bar.high + bar.low + bar.close) / 4.0;
    ha.open = previous ? (previous->open + previous->close) / 2.0 : (bar.open + bar.close) / 2.0;
    ha.high = std::max({bar.high, ha.open, ha.close});
    ha.low = std::min({bar.low, ha.open, ha.close});
    return ha;
}

bool HeikinAshiBars::build(const BarSource &real, const CancelFlag *cancel, std::uint64_t token)
{
    clear();
    constexpr std::size_t kCheckEvery = 65536;
    const std::size_t closed = real.closed.size();
    for (std::size_t from = 0; from < closed; from += kCheckEvery) {
        if (cancel && cancel->load(std::memory_order_relaxed) != token) {
            clear();
            return false;
        }
        const std::size_t end = std::min(closed, from + kCheckEvery);
        for (std::size_t i = from; i < end; ++i)
            m_closed.append(heikinAshiBar(real.closed[i], i == 0 ? nullptr : &m_closed.back()));
    }
    m_source = BarSource {m_closed.view(), std::nullopt};
    if (real.forming)
        m_source.forming = heikinAshiBar(*real.forming, closed == 0 ? nullptr : &m_closed.back());
    if (!m_pyramid.build(m_source, cancel, token)) {
        clear();
        return false;
    }
    return true;
}

void HeikinAshiBars::extendClosed(const BarSource &real, std::size_t from)
{
    const std::size_t closed = real.closed.size();
    if (from < m_closed.size()) {
        // Closed bars changed under us (not within one generation): keep the
        // prefix that still holds.
        std::vector<Bar> kept(m_closed.view().begin(), m_closed.view().begin() + from);
        m_closed.assign(kept.data(), kept.size());
    }
    for (std::size_t i = m_closed.size(); i < closed; ++i)
        m_closed.append(heikinAshiBar(real.closed[i], i == 0 ? nullptr : &m_closed.back()));
}

void HeikinAshiBars::update(const BarSource &real, std::size_t firstChanged)
{
    const std::size_t from = std::min({firstChanged, m_source.size(), real.size()});
    extendClosed(real, std::min(from, real.closed.size()));
    m_source = BarSource {m_closed.view(), std::nullopt};
    if (real.forming) {
        m_source.forming
            = heikinAshiBar(*real.forming, m_closed.size() == 0 ? nullptr : &m_closed.back());
    }
    m_pyramid.update(m_source, from);
}

void HeikinAshiBars::clear()
{
    m_closed.clear();
    m_source = BarSource();
    m_pyramid.clear();
}

}  // namespace wick
