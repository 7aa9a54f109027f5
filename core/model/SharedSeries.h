// core/model/SharedSeries: append-only series storage with cheap read-only
// views. One writer (the engine thread) appends; views are read on any thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>

namespace wick {

// Storage behind a series: a fixed-capacity array that only grows at its end.
// An element is never changed once a view covering it has been handed out.
template<class T>
struct SeriesStorage {
    explicit SeriesStorage(std::size_t capacity)
        : items(std::make_unique<T[]>(capacity))
        , capacity(capacity)
    { }
    std::unique_ptr<T[]> items;
    std::size_t capacity;
};

// A read-only view of a series, oldest first: a shared pointer to the storage
// plus how many items this view covers. Cheap to copy, safe to read from any
// thread while the single writer keeps appending past its end.
template<class T>
class SharedSeries
{
public:
    SharedSeries() = default;
    SharedSeries(std::shared_ptr<const SeriesStorage<T>> storage, std::size_t count)
        : m_storage(std::move(storage))
        , m_count(count)
    { }

    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    const T &operator[](std::size_t i) const { return m_storage->items[i]; }
    const T &front() const { return m_storage->items[0]; }
    const T &back() const { return m_storage->items[m_count - 1]; }
    const T *begin() const { return m_storage ? m_storage->items.get() : nullptr; }
    const T *end() const { return begin() + m_count; }

private:
    std::shared_ptr<const SeriesStorage<T>> m_storage;
    std::size_t m_count = 0;
};

// The single writer of a series (the engine thread). Appends in amortised O(1);
// when the storage is full it moves to a new one twice the size, leaving the
// old one to the views that still hold it.
template<class T>
class SharedSeriesWriter
{
public:
    void append(const T &item)
    {
        if (!m_storage || m_count == m_storage->capacity)
            grow(m_count + 1);
        m_storage->items[m_count] = item;
        ++m_count;
    }

    // Replaces the contents; views of the old contents keep the old storage.
    void assign(const T *items, std::size_t count)
    {
        m_storage
            = std::make_shared<SeriesStorage<T>>(std::max<std::size_t>(count + count / 4, 256));
        std::copy(items, items + count, m_storage->items.get());
        m_count = count;
    }

    void clear()
    {
        m_storage.reset();
        m_count = 0;
    }

    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    const T &back() const { return m_storage->items[m_count - 1]; }
    SharedSeries<T> view() const { return SharedSeries<T>(m_storage, m_count); }

private:
    void grow(std::size_t minCapacity)
    {
        const std::size_t capacity = std::max<std::size_t>({minCapacity, 256, m_count * 2});
        auto storage = std::make_shared<SeriesStorage<T>>(capacity);
        if (m_storage)
            std::copy(
                m_storage->items.get(), m_storage->items.get() + m_count, storage->items.get());
        m_storage = std::move(storage);
    }

    std::shared_ptr<SeriesStorage<T>> m_storage;
    std::size_t m_count = 0;
};

}  // namespace wick
