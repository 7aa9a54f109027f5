// core/indicators: a series' bars as columns (structure of arrays), the input
// that batch loops read without the 56-byte Bar stride: an OHLC function reads
// 32 bytes a bar from four columns instead of a whole Bar each. A view of
// arrays someone else owns (BarColumnBuffer below owns a copy); read on any
// thread, owned by the thread that fills it.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

#include "indicators/IndicatorFields.h"
#include "model/Bar.h"

namespace wick {

// n rows of a series, one pointer per field; every pointer is set.
struct BarColumns {
    const TimeMs *time = nullptr;
    const double *open = nullptr;
    const double *high = nullptr;
    const double *low = nullptr;
    const double *close = nullptr;
    const double *volume = nullptr;

    // The rows from `offset` on.
    BarColumns from(std::size_t offset) const
    {
        return {time + offset, open + offset, high + offset, low + offset, close + offset,
            volume + offset};
    }
};

// Rows of BarColumns read as Bars, for a batch loop written over `const Bar *`
// (rows[i] and rows + k work as on a pointer; i may be negative). A row holds
// the fields F reads, and the time when Time: a loop sees the same values as
// on the Bars it stands for. The Bar is a value the compiler keeps in
// registers, so a row costs the loads of those fields only.
template<BarFields F, bool Time = false>
class ColumnRows
{
public:
    explicit ColumnRows(const BarColumns &columns, std::ptrdiff_t at = 0)
        : m_c(columns)
        , m_at(at)
    { }

    Bar operator[](std::ptrdiff_t i) const
    {
        const std::ptrdiff_t j = m_at + i;
        Bar b;
        if constexpr (Time)
            b.time = m_c.time[j];
        if constexpr (readsOpen(F))
            b.open = m_c.open[j];
        if constexpr (readsHighLow(F)) {
            b.high = m_c.high[j];
            b.low = m_c.low[j];
        }
        if constexpr (readsClose(F))
            b.close = m_c.close[j];
        if constexpr (readsVolume(F))
            b.volume = m_c.volume[j];
        return b;
    }

    ColumnRows operator+(std::ptrdiff_t k) const { return ColumnRows(m_c, m_at + k); }
    // The columns from row 0 of these rows on.
    BarColumns columns() const { return m_c.from(std::size_t(m_at)); }

private:
    BarColumns m_c;
    std::ptrdiff_t m_at;
};

template<class Rows>
struct IsColumnRows : std::false_type { };
template<BarFields F, bool Time>
struct IsColumnRows<ColumnRows<F, Time>> : std::true_type { };

// Owns the columns of a series' first n bars (the engine's, the CLI's): one
// pass over the Bars, then every indicator reads the columns. fillCloses()
// fills the close alone, for runs that read nothing else (valueInput()): the
// other columns are then empty and their pointers null.
class BarColumnBuffer
{
public:
    template<class Bars>
    void fill(const Bars &bars, std::size_t n)
    {
        resize(n, n);
        for (std::size_t i = 0; i < n; ++i) {
            const Bar &b = bars[i];
            m_time[i] = b.time;
            m_open[i] = b.open;
            m_high[i] = b.high;
            m_low[i] = b.low;
            m_close[i] = b.close;
            m_volume[i] = b.volume;
        }
    }
    template<class Bars>
    void fillCloses(const Bars &bars, std::size_t n)
    {
        resize(0, n);
        for (std::size_t i = 0; i < n; ++i)
            m_close[i] = bars[i].close;
    }
    std::size_t size() const { return m_close.size(); }
    // Every column is filled (fill(), not fillCloses()).
    bool allFields() const { return m_open.size() == m_close.size(); }
    BarColumns columns() const
    {
        return {m_time.data(), m_open.data(), m_high.data(), m_low.data(), m_close.data(),
            m_volume.data()};
    }

private:
    void resize(std::size_t others, std::size_t closes)
    {
        m_time.resize(others);
        m_open.resize(others);
        m_high.resize(others);
        m_low.resize(others);
        m_close.resize(closes);
        m_volume.resize(others);
    }

    std::vector<TimeMs> m_time;
    std::vector<double> m_open;
    std::vector<double> m_high;
    std::vector<double> m_low;
    std::vector<double> m_close;
    std::vector<double> m_volume;
};

}  // namespace wick
