#pragma once

#include <cstddef>
#include <memory>

#include "model/Bar.h"

namespace wick {

// Storage behind a series: a fixed-capacity array that only grows at its end.
// An element is never changed once a view covering it has been handed out.
struct BarStorage {
    explicit BarStorage(std::size_t capacity)
        : bars(std::make_unique<Bar[]>(capacity))
        , capacity(capacity)
    { }
    std::unique_ptr<Bar[]> bars;
    std::size_t capacity;
};

// A read-only view of a series' closed bars, oldest first: a shared pointer to
// the storage plus how many bars this view covers. Cheap to copy, safe to read
// from any thread while the writer keeps appending past its end.
class BarSeries
{
public:
    BarSeries() = default;
    BarSeries(std::shared_ptr<const BarStorage> storage, std::size_t count)
        : m_storage(std::move(storage))
        , m_count(count)
    { }

    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    const Bar &operator[](std::size_t i) const { return m_storage->bars[i]; }
    const Bar &front() const { return m_storage->bars[0]; }
    const Bar &back() const { return m_storage->bars[m_count - 1]; }
    const Bar *begin() const { return m_storage ? m_storage->bars.get() : nullptr; }
    const Bar *end() const { return begin() + m_count; }

private:
    std::shared_ptr<const BarStorage> m_storage;
    std::size_t m_count = 0;
};

// The single writer of a series (the engine thread). Appends in amortised O(1);
// when the storage is full it moves to a new one twice the size, leaving the
// old one to the views that still hold it.
class BarSeriesWriter
{
public:
    void append(const Bar &bar);
    void assign(const Bar *bars, std::size_t count);
    void clear();
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    const Bar &back() const { return m_storage->bars[m_count - 1]; }
    BarSeries view() const { return BarSeries(m_storage, m_count); }

private:
    void grow(std::size_t minCapacity);

    std::shared_ptr<BarStorage> m_storage;
    std::size_t m_count = 0;
};

}  // namespace wick
