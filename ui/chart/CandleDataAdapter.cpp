#include "chart/CandleDataAdapter.h"

#include <algorithm>

namespace wick {

CandleDataAdapter::CandleDataAdapter(QCPFinancial *candles, QCPBars *upVolume, QCPBars *downVolume)
    : m_candles(candles)
    , m_upVolume(upVolume)
    , m_downVolume(downVolume)
{ }

CandleDataAdapter::Change CandleDataAdapter::apply(const SeriesSnapshot &series)
{
    Change change;
    change.reloaded
        = !m_loaded || series.generation != m_generation || series.closed.size() < m_closed.size();
    // The old forming bar (if any) sits at index m_closed.size(): it is either
    // closed now or still forming, so everything from there on is rewritten.
    change.firstChanged = change.reloaded ? 0 : m_closed.size();
    m_closed = series.closed;
    m_forming = series.forming;
    m_generation = series.generation;
    m_loaded = true;
    write(change.firstChanged);
    return change;
}

void CandleDataAdapter::clear()
{
    m_closed = BarSeries();
    m_forming.reset();
    m_generation = 0;
    m_loaded = false;
    m_candles->data()->clear();
    m_upVolume->data()->clear();
    m_downVolume->data()->clear();
}

void CandleDataAdapter::write(std::size_t from)
{
    const std::size_t count = size();
    m_candleScratch.clear();
    m_upScratch.clear();
    m_downScratch.clear();
    m_candleScratch.reserve(static_cast<int>(count - from));
    for (std::size_t i = from; i < count; ++i) {
        const Bar &b = bar(i);
        const auto key = static_cast<double>(i);
        m_candleScratch.append(QCPFinancialData(key, b.open, b.high, b.low, b.close));
        (b.close >= b.open ? m_upScratch : m_downScratch).append(QCPBarsData(key, b.volume));
    }
    if (from == 0) {
        m_candles->data()->set(m_candleScratch, true);
        m_upVolume->data()->set(m_upScratch, true);
        m_downVolume->data()->set(m_downScratch, true);
        return;
    }
    // Keys are indices: drop the rewritten tail, then append (both O(tail)).
    const double cut = static_cast<double>(from) - 0.5;
    m_candles->data()->removeAfter(cut);
    m_upVolume->data()->removeAfter(cut);
    m_downVolume->data()->removeAfter(cut);
    m_candles->data()->add(m_candleScratch, true);
    m_upVolume->data()->add(m_upScratch, true);
    m_downVolume->data()->add(m_downScratch, true);
}

std::optional<CandleDataAdapter::PriceRange> CandleDataAdapter::rangeOf(
    std::size_t first, std::size_t last) const
{
    const std::size_t count = size();
    if (count == 0 || first >= count)
        return std::nullopt;
    last = std::min(last, count - 1);
    PriceRange range {bar(first).low, bar(first).high, bar(first).volume};
    for (std::size_t i = first + 1; i <= last; ++i) {
        const Bar &b = bar(i);
        range.low = std::min(range.low, b.low);
        range.high = std::max(range.high, b.high);
        range.maxVolume = std::max(range.maxVolume, b.volume);
    }
    return range;
}

}  // namespace wick
