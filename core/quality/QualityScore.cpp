#include "quality/QualityScore.h"

#include <algorithm>

namespace wick {

QualityScore::QualityScore(int window)
    : m_checks(std::size_t(std::max(window, 1)), 0)
    , m_failed(std::size_t(std::max(window, 1)), 0)
{ }

void QualityScore::record(int checks, int failed)
{
    checks = std::clamp(checks, 0, 255);
    failed = std::clamp(failed, 0, checks);
    m_checkSum += checks - m_checks[m_next];
    m_failedSum += failed - m_failed[m_next];
    m_checks[m_next] = std::uint8_t(checks);
    m_failed[m_next] = std::uint8_t(failed);
    m_next = (m_next + 1) % m_checks.size();
    ++m_items;
}

double QualityScore::score() const
{
    if (m_checkSum == 0)
        return 1.0;
    return 1.0 - double(m_failedSum) / double(m_checkSum);
}

}  // namespace wick
