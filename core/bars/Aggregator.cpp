#include "bars/Aggregator.h"

namespace wick {

Aggregator::Aggregator(const BarDays &days)
{
    for (std::size_t i = 0; i < m_levels.size(); ++i)
        m_levels[i].calendar = TimeframeCalendar(higherTimeframes()[i], days);
}

bool Aggregator::addMinute(const Bar &minute, std::vector<ClosedBar> &closed)
{
    if (minute.time <= m_lastMinute)
        return false;
    m_lastMinute = minute.time;
    for (Timeframe tf : higherTimeframes()) {
        Level &l = level(tf);
        if (l.hasBar && minute.time >= l.end) {
            closed.push_back({tf, l.bar});
            l.hasBar = false;
        }
        if (l.hasBar) {
            l.bar.merge(minute);
        } else {
            const Bucket bucket = l.calendar.bucketAt(minute.time);
            l.bar = minute;
            l.bar.time = bucket.start;
            l.end = bucket.end;
            l.hasBar = true;
        }
    }
    return true;
}

void Aggregator::closeDue(TimeMs now, std::vector<ClosedBar> &closed)
{
    for (Timeframe tf : higherTimeframes()) {
        Level &l = level(tf);
        if (l.hasBar && now >= l.end) {
            closed.push_back({tf, l.bar});
            l.hasBar = false;
        }
    }
}

std::optional<Bar> Aggregator::formingBar(Timeframe tf, const Bar *formingMinute) const
{
    if (tf == Timeframe::M1)
        return formingMinute ? std::optional<Bar>(*formingMinute) : std::nullopt;
    const Level &l = level(tf);
    if (l.hasBar) {
        if (formingMinute && formingMinute->time >= l.bar.time && formingMinute->time < l.end) {
            Bar live = l.bar;
            live.merge(*formingMinute);
            return live;
        }
        return l.bar;
    }
    if (!formingMinute)
        return std::nullopt;
    Bar live = *formingMinute;
    live.time = l.calendar.bucketAt(formingMinute->time).start;
    return live;
}

std::vector<Bar> Aggregator::aggregate(
    const std::vector<Bar> &minutes, Timeframe tf, const BarDays &days)
{
    std::vector<Bar> out;
    if (tf == Timeframe::M1)
        return minutes;
    TimeframeCalendar calendar(tf, days);
    Bucket bucket {1, 0};
    for (const Bar &minute : minutes) {
        if (!out.empty() && bucket.contains(minute.time)) {
            out.back().merge(minute);
            continue;
        }
        bucket = calendar.bucketAt(minute.time);
        Bar bar = minute;
        bar.time = bucket.start;
        out.push_back(bar);
    }
    return out;
}

}  // namespace wick
