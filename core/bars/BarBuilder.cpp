#include "bars/BarBuilder.h"

#include <algorithm>

namespace wick {

BarBuilder::BarBuilder(TimeframeCalendar calendar)
    : m_calendar(std::move(calendar))
{ }

TickOutcome BarBuilder::addTick(TimeMs time, double price, double size, std::vector<Bar> &closed)
{
    if (m_hasForming) {
        if (time >= m_forming.time && time < m_formingEnd) {
            if (price > m_forming.high)
                m_forming.high = price;
            if (price < m_forming.low)
                m_forming.low = price;
            if (time >= m_lastTradeTime) {
                m_forming.close = price;
                m_lastTradeTime = time;
            } else if (time < m_firstTradeTime) {
                m_forming.open = price;
                m_firstTradeTime = time;
            }
            m_forming.volume += size;
            ++m_forming.tradeCount;
            return TickOutcome::Updated;
        }
        if (time < m_forming.time) {
            ++m_lateTicks;
            return TickOutcome::Late;
        }
        closeForming(closed);
    } else if (time < m_closedUntil) {
        ++m_lateTicks;
        return TickOutcome::Late;
    }
    const Bucket bucket = m_calendar.bucketAt(time);
    m_forming = Bar::fromTrade(bucket.start, price, size);
    m_formingEnd = bucket.end;
    m_firstTradeTime = time;
    m_lastTradeTime = time;
    m_hasForming = true;
    return TickOutcome::Opened;
}

bool BarBuilder::closeDue(TimeMs now, std::vector<Bar> &closed)
{
    if (!m_hasForming || now < m_formingEnd)
        return false;
    closeForming(closed);
    return true;
}

TickOutcome BarBuilder::mergeFormingBar(const Bar &bar, std::vector<Bar> &closed)
{
    const Bucket bucket = m_calendar.bucketAt(bar.time);
    const bool sameBucket = m_hasForming && bucket.start == m_forming.time;
    if (!sameBucket) {
        if ((m_hasForming && bucket.start < m_forming.time)
            || (!m_hasForming && bucket.start < m_closedUntil)) {
            ++m_lateFormingBars;
            return TickOutcome::Late;
        }
        if (m_hasForming)
            closeForming(closed);
    }
    m_forming = bar;
    m_forming.time = bucket.start;
    m_formingEnd = bucket.end;
    // The bar stands for every trade of the bucket so far: a later trade sets
    // the close, none sets the open.
    m_firstTradeTime = bucket.start;
    m_lastTradeTime = bucket.start;
    m_hasForming = true;
    return sameBucket ? TickOutcome::Updated : TickOutcome::Opened;
}

void BarBuilder::setClosedUntil(TimeMs time)
{
    if (time > m_closedUntil)
        m_closedUntil = time;
}

void BarBuilder::closeForming(std::vector<Bar> &closed)
{
    closed.push_back(m_forming);
    m_closedUntil = std::max(m_closedUntil, m_formingEnd);
    m_hasForming = false;
}

}  // namespace wick
