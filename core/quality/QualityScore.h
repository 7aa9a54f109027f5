// core/quality/QualityScore: a symbol's share of passed checks over a rolling
// window of validated items. Owned by the Validator, on that validator's thread.
#pragma once

#include <cstdint>
#include <vector>

namespace wick {

// A symbol's quality score: the share of checks passed over the last `window`
// validated items (ticks or bars), 1.0 before anything was checked.
class QualityScore
{
public:
    explicit QualityScore(int window = 1000);

    // One validated item: how many checks ran and how many of them failed.
    void record(int checks, int failed);
    double score() const;
    std::int64_t items() const { return m_items; }
    int window() const { return int(m_checks.size()); }

private:
    std::vector<std::uint8_t> m_checks;  // ring buffers, one slot per item
    std::vector<std::uint8_t> m_failed;
    std::size_t m_next = 0;
    std::int64_t m_items = 0;
    std::int64_t m_checkSum = 0;
    std::int64_t m_failedSum = 0;
};

}  // namespace wick
