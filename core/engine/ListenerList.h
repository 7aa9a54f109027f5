// core/engine: ListenerList, the BarListeners of one symbol in MarketEngine
// (engine thread), each with its timeframe and its FormingHold, in the order
// added. The first entry lives inside the list (inside the symbol's state,
// next to the minute bar a trade updates), the others on the heap: the usual
// symbol has one listener, and the engine reads its hold at every trade.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/FormingHold.h"

namespace wick {

class BarListener;

struct ListenerEntry {
    BarListener *listener = nullptr;
    std::size_t tf = 0;  // its timeframe's index (kAllTimeframes)
    FormingHold hold;  // runs 0: none
};

class ListenerList
{
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    ListenerEntry &operator[](std::size_t k) { return k == 0 ? m_first : m_more[k - 1]; }
    const ListenerEntry &operator[](std::size_t k) const
    {
        return k == 0 ? m_first : m_more[k - 1];
    }
    // The index of `listener` on timeframe tf; size() when it is not listed.
    std::size_t find(const BarListener *listener, std::size_t tf) const
    {
        for (std::size_t k = 0; k < m_size; ++k)
            if ((*this)[k].listener == listener && (*this)[k].tf == tf)
                return k;
        return m_size;
    }
    bool hasTimeframe(std::size_t tf) const
    {
        for (std::size_t k = 0; k < m_size; ++k)
            if ((*this)[k].tf == tf)
                return true;
        return false;
    }
    void add(const ListenerEntry &entry)
    {
        if (m_size == 0)
            m_first = entry;
        else
            m_more.push_back(entry);
        ++m_size;
    }
    // Removes entry k; those after it move down one.
    void erase(std::size_t k)
    {
        if (k == 0 && !m_more.empty()) {
            m_first = m_more.front();
            m_more.erase(m_more.begin());
        } else if (k > 0) {
            m_more.erase(m_more.begin() + std::ptrdiff_t(k - 1));
        } else {
            m_first = {};
        }
        --m_size;
    }

private:
    ListenerEntry m_first;
    std::vector<ListenerEntry> m_more;
    std::size_t m_size = 0;
};

}  // namespace wick
