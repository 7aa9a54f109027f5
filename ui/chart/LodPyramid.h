// ui/chart: the chart's level of detail. Level k merges 2^k bars (bucket j of
// level k covers bars [j * 2^k, (j + 1) * 2^k)), each level built from the one
// below, as lightweight-charts' data-conflater does. OhlcPyramid keeps the
// candles (first open, max high, min low, last close, summed volume);
// ValuePyramid keeps an indicator output's min and max per bucket in time order.
// Both answer the exact low/high of any bar range in O(log n) (the levels are a
// segment tree), so autoscale never scans the history.
//
// A pyramid is a plain value: the chart builds it for a new series on its LOD
// worker thread (build(), history-sized) and hands it to the UI thread, which
// from then on only calls update() for the forming bar and appended bars:
// O(levels + changed bars). Sources are views of the engine's shared series,
// safe to read from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/BarSeries.h"

namespace wick {

// The bars of a series as the chart has them: closed bars plus the forming one.
struct BarSource {
    BarSeries closed;
    std::optional<Bar> forming;

    std::size_t size() const { return closed.size() + (forming ? 1 : 0); }
    const Bar &operator[](std::size_t i) const { return i < closed.size() ? closed[i] : *forming; }
};

// One indicator output aligned with the bars: closed rows plus the forming one.
struct ValueSource {
    ValueSeries closed;
    std::optional<double> forming;

    std::size_t size() const { return closed.size() + (forming ? 1 : 0); }
    double operator[](std::size_t i) const { return i < closed.size() ? closed[i] : *forming; }
};

// Says whether a build should stop early: a newer one replaced it.
using CancelFlag = std::atomic<std::uint64_t>;

class OhlcPyramid
{
public:
    struct Bucket {
        double open;
        double high;
        double low;
        double close;
        double volume;
    };

    // Rebuilds every level over all of bars (history-sized: the worker's job).
    // Returns false, leaving the pyramid empty, once *cancel no longer equals token.
    bool build(const BarSource &bars, const CancelFlag *cancel = nullptr, std::uint64_t token = 0);
    // Makes the levels cover bars.size() bars, of which those from firstChanged
    // on are new or changed (a forming bar updated, bars appended or cut):
    // O(levels + changed) -- the live path.
    void update(const BarSource &bars, std::size_t firstChanged);
    void clear();

    std::size_t count() const { return m_count; }  // bars covered
    // Levels including level 0 (the bars themselves); the top level has one bucket.
    int levelCount() const { return static_cast<int>(m_levels.size()) + 1; }
    std::size_t bucketCount(int level) const;
    Bucket bucket(const BarSource &bars, int level, std::size_t index) const;

    struct Range {
        double low;
        double high;
    };
    // Exact lowest low and highest high of bars [first, last], O(log n).
    std::optional<Range> range(const BarSource &bars, std::size_t first, std::size_t last) const;

    static Bucket fromBar(const Bar &bar);
    static Bucket merge(const Bucket &earlier, const Bucket &later);

private:
    bool fill(const BarSource &bars, std::size_t firstChanged, const CancelFlag *cancel,
        std::uint64_t token);

    std::vector<std::vector<Bucket>> m_levels;  // m_levels[k - 1] is level k
    std::size_t m_count = 0;
};

class ValuePyramid
{
public:
    // Levels 1 and 2 are merged from the values on the fly (at most four each):
    // storing them would double the memory for nothing the chart needs often.
    static constexpr int kFirstStoredLevel = 3;

    // Min and max of a bucket's defined values (NaN rows skipped); empty when it
    // has none (low > high). minFirst: the min comes before the max in time.
    struct Bucket {
        double low;
        double high;
        bool minFirst;
        bool empty() const { return !(low <= high); }
    };

    bool build(
        const ValueSource &values, const CancelFlag *cancel = nullptr, std::uint64_t token = 0);
    void update(const ValueSource &values, std::size_t firstChanged);
    void clear();

    std::size_t count() const { return m_count; }
    int levelCount() const;
    std::size_t bucketCount(int level) const;
    Bucket bucket(const ValueSource &values, int level, std::size_t index) const;
    // Exact min and max of rows [first, last]; empty when all are NaN.
    Bucket range(const ValueSource &values, std::size_t first, std::size_t last) const;

    static Bucket fromValue(double value);
    static Bucket merge(const Bucket &earlier, const Bucket &later);

private:
    bool fill(const ValueSource &values, std::size_t firstChanged, const CancelFlag *cancel,
        std::uint64_t token);
    static Bucket mergeValues(const ValueSource &values, std::size_t first, std::size_t end);

    // m_levels[k - kFirstStoredLevel] is level k.
    std::vector<std::vector<Bucket>> m_levels;
    std::size_t m_count = 0;
};

}  // namespace wick
