#include "model/BarSeries.h"

#include <algorithm>

namespace wick {

void BarSeriesWriter::append(const Bar &bar)
{
    if (!m_storage || m_count == m_storage->capacity)
        grow(m_count + 1);
    m_storage->bars[m_count] = bar;
    ++m_count;
}

void BarSeriesWriter::assign(const Bar *bars, std::size_t count)
{
    // Views of the old contents keep the old storage; start a fresh one.
    m_storage = std::make_shared<BarStorage>(std::max<std::size_t>(count + count / 4, 256));
    std::copy(bars, bars + count, m_storage->bars.get());
    m_count = count;
}

void BarSeriesWriter::clear()
{
    m_storage.reset();
    m_count = 0;
}

void BarSeriesWriter::grow(std::size_t minCapacity)
{
    const std::size_t capacity = std::max<std::size_t>({minCapacity, 256, m_count * 2});
    auto storage = std::make_shared<BarStorage>(capacity);
    if (m_storage)
        std::copy(m_storage->bars.get(), m_storage->bars.get() + m_count, storage->bars.get());
    m_storage = std::move(storage);
}

}  // namespace wick
