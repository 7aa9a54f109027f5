#include "chart/LodPyramid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wick {

namespace {

// How often a build looks at its cancel flag, in buckets.
constexpr std::size_t kCancelCheckMask = 0xffff;

// A build leaves room to grow in every level, so the live path never moves a
// history-sized level on the UI thread (a quarter more: months of 1m bars).
template<class Bucket>
void reserveGrowth(std::vector<std::vector<Bucket>> &levels)
{
    for (std::vector<Bucket> &level : levels)
        level.reserve(level.size() + std::max<std::size_t>(level.size() / 4, 1024));
}

std::size_t bucketsAt(std::size_t count, int level)
{
    const std::size_t size = std::size_t(1) << level;
    return (count + size - 1) >> level;
}

// The level whose one bucket covers all count bars.
int topLevel(std::size_t count)
{
    int level = 0;
    while (bucketsAt(count, level) > 1)
        ++level;
    return level;
}

bool cancelled(const CancelFlag *cancel, std::uint64_t token, std::size_t j)
{
    return cancel && (j & kCancelCheckMask) == 0
        && cancel->load(std::memory_order_relaxed) != token;
}

}  // namespace

// ---- OhlcPyramid ----

OhlcPyramid::Bucket OhlcPyramid::fromBar(const Bar &bar)
{
    return Bucket {bar.open, bar.high, bar.low, bar.close, bar.volume};
}

OhlcPyramid::Bucket OhlcPyramid::merge(const Bucket &earlier, const Bucket &later)
{
    return Bucket {earlier.open, std::max(earlier.high, later.high),
        std::min(earlier.low, later.low), later.close, earlier.volume + later.volume};
}

bool OhlcPyramid::build(const BarSource &bars, const CancelFlag *cancel, std::uint64_t token)
{
    clear();
    if (!fill(bars, 0, cancel, token))
        return false;
    reserveGrowth(m_levels);
    return true;
}

void OhlcPyramid::update(const BarSource &bars, std::size_t firstChanged)
{
    fill(bars, firstChanged, nullptr, 0);
}

void OhlcPyramid::clear()
{
    m_levels.clear();
    m_count = 0;
}

bool OhlcPyramid::fill(
    const BarSource &bars, std::size_t firstChanged, const CancelFlag *cancel, std::uint64_t token)
{
    const std::size_t n = bars.size();
    m_count = n;
    if (n == 0) {
        m_levels.clear();
        return true;
    }
    const int top = topLevel(n);
    m_levels.resize(static_cast<std::size_t>(top));
    // The bucket holding the last bar changes when bars are cut, too.
    std::size_t from = std::min(firstChanged, n - 1);
    for (int k = 1; k <= top; ++k) {
        std::vector<Bucket> &level = m_levels[static_cast<std::size_t>(k - 1)];
        const std::size_t below = bucketsAt(n, k - 1);
        const std::size_t buckets = bucketsAt(n, k);
        from = std::min(from >> 1, level.size());
        level.resize(buckets);
        for (std::size_t j = from; j < buckets; ++j) {
            if (cancelled(cancel, token, j)) {
                clear();
                return false;
            }
            const std::size_t a = 2 * j;
            if (k == 1) {
                Bucket b = fromBar(bars[a]);
                if (a + 1 < below)
                    b = merge(b, fromBar(bars[a + 1]));
                level[j] = b;
            } else {
                const std::vector<Bucket> &lower = m_levels[static_cast<std::size_t>(k - 2)];
                level[j] = a + 1 < below ? merge(lower[a], lower[a + 1]) : lower[a];
            }
        }
    }
    return true;
}

std::size_t OhlcPyramid::bucketCount(int level) const
{
    if (level < 0 || level >= levelCount())
        return 0;
    return bucketsAt(m_count, level);
}

OhlcPyramid::Bucket OhlcPyramid::bucket(const BarSource &bars, int level, std::size_t index) const
{
    if (level == 0)
        return fromBar(bars[index]);
    return m_levels[static_cast<std::size_t>(level - 1)][index];
}

std::optional<OhlcPyramid::Range> OhlcPyramid::range(
    const BarSource &bars, std::size_t first, std::size_t last) const
{
    if (m_count == 0 || first >= m_count || first > last)
        return std::nullopt;
    last = std::min(last, m_count - 1);
    Range r {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    const auto take = [&](const Bucket &b) {
        r.low = std::min(r.low, b.low);
        r.high = std::max(r.high, b.high);
    };
    // Bottom-up segment-tree walk: whole buckets only, at most two per level.
    std::size_t lo = first;
    std::size_t hi = last + 1;
    for (int level = 0; lo < hi; ++level) {
        if (lo & 1)
            take(bucket(bars, level, lo++));
        if (hi & 1)
            take(bucket(bars, level, --hi));
        lo >>= 1;
        hi >>= 1;
    }
    return r;
}

// ---- ValuePyramid ----

ValuePyramid::Bucket ValuePyramid::fromValue(double value)
{
    if (std::isnan(value) || std::isinf(value))
        return Bucket {std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(), true};
    return Bucket {value, value, true};
}

ValuePyramid::Bucket ValuePyramid::merge(const Bucket &earlier, const Bucket &later)
{
    if (earlier.empty())
        return later;
    if (later.empty())
        return earlier;
    // Ties go to the earlier bucket: the first occurrence, as a scan would find it.
    const bool lowEarlier = earlier.low <= later.low;
    const bool highEarlier = earlier.high >= later.high;
    Bucket b {lowEarlier ? earlier.low : later.low, highEarlier ? earlier.high : later.high, true};
    if (lowEarlier == highEarlier)
        b.minFirst = lowEarlier ? earlier.minFirst : later.minFirst;
    else
        b.minFirst = lowEarlier;
    return b;
}

bool ValuePyramid::build(const ValueSource &values, const CancelFlag *cancel, std::uint64_t token)
{
    clear();
    if (!fill(values, 0, cancel, token))
        return false;
    reserveGrowth(m_levels);
    return true;
}

void ValuePyramid::update(const ValueSource &values, std::size_t firstChanged)
{
    fill(values, firstChanged, nullptr, 0);
}

void ValuePyramid::clear()
{
    m_levels.clear();
    m_count = 0;
}

int ValuePyramid::levelCount() const
{
    return topLevel(m_count) + 1;
}

bool ValuePyramid::fill(const ValueSource &values, std::size_t firstChanged,
    const CancelFlag *cancel, std::uint64_t token)
{
    const std::size_t n = values.size();
    m_count = n;
    const int top = topLevel(n);
    if (top < kFirstStoredLevel) {
        m_levels.clear();
        return true;
    }
    m_levels.resize(static_cast<std::size_t>(top - kFirstStoredLevel + 1));
    std::size_t from = std::min(firstChanged, n - 1);
    for (int k = kFirstStoredLevel; k <= top; ++k) {
        std::vector<Bucket> &level = m_levels[static_cast<std::size_t>(k - kFirstStoredLevel)];
        const std::size_t buckets = bucketsAt(n, k);
        from = std::min(from >> (k == kFirstStoredLevel ? kFirstStoredLevel : 1), level.size());
        level.resize(buckets);
        for (std::size_t j = from; j < buckets; ++j) {
            if (cancelled(cancel, token, j)) {
                clear();
                return false;
            }
            if (k == kFirstStoredLevel) {
                // From the values: the levels below are not kept.
                level[j] = mergeValues(values, j << k, (j + 1) << k);
            } else {
                const std::vector<Bucket> &lower
                    = m_levels[static_cast<std::size_t>(k - 1 - kFirstStoredLevel)];
                const std::size_t a = 2 * j;
                level[j] = a + 1 < lower.size() ? merge(lower[a], lower[a + 1]) : lower[a];
            }
        }
    }
    return true;
}

std::size_t ValuePyramid::bucketCount(int level) const
{
    if (level < 0 || level >= levelCount())
        return 0;
    return bucketsAt(m_count, level);
}

ValuePyramid::Bucket ValuePyramid::bucket(
    const ValueSource &values, int level, std::size_t index) const
{
    if (level >= kFirstStoredLevel && level - kFirstStoredLevel < static_cast<int>(m_levels.size())
        && index < m_levels[static_cast<std::size_t>(level - kFirstStoredLevel)].size())
        return m_levels[static_cast<std::size_t>(level - kFirstStoredLevel)][index];
    // Unstored level: merged from the values (at most 2^kFirstStoredLevel of them).
    return mergeValues(values, index << level, (index + 1) << level);
}

ValuePyramid::Bucket ValuePyramid::mergeValues(
    const ValueSource &values, std::size_t first, std::size_t end)
{
    end = std::min(end, values.size());
    Bucket b = fromValue(values[first]);
    for (std::size_t i = first + 1; i < end; ++i)
        b = merge(b, fromValue(values[i]));
    return b;
}

ValuePyramid::Bucket ValuePyramid::range(
    const ValueSource &values, std::size_t first, std::size_t last) const
{
    Bucket r = fromValue(std::numeric_limits<double>::quiet_NaN());
    if (m_count == 0 || first >= m_count || first > last)
        return r;
    last = std::min(last, m_count - 1);
    std::size_t lo = first;
    std::size_t hi = last + 1;
    // Order does not matter for low and high: merge in any order.
    for (int level = 0; lo < hi; ++level) {
        if (lo & 1)
            r = merge(r, bucket(values, level, lo++));
        if (hi & 1)
            r = merge(r, bucket(values, level, --hi));
        lo >>= 1;
        hi >>= 1;
    }
    return r;
}

}  // namespace wick
