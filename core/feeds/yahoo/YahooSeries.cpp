#include "feeds/yahoo/YahooSeries.h"

#include <algorithm>

namespace wick {

YahooSeries::YahooSeries(const std::vector<YahooInterval> &intervals, BarDays days)
    : m_days(std::move(days))
{
    for (const YahooInterval &interval : intervals)
        m_tracks.push_back(Track {interval, -1, false, std::nullopt});
}

bool YahooSeries::historyDone() const
{
    return std::all_of(m_tracks.begin(), m_tracks.end(), [](const Track &t) { return t.done; });
}

std::optional<TimeMs> YahooSeries::historyFrom(
    std::size_t i, TimeMs held, TimeMs backfillFrom, TimeMs window, TimeMs now)
{
    Track &t = m_tracks[i];
    t.done = false;
    std::optional<TimeMs> from;
    // The cache holds closed 1m bars: only that interval resumes after them.
    if (held >= 0 && t.interval.timeframe == Timeframe::M1) {
        t.lastDelivered = std::max(t.lastDelivered, held);
        from = t.lastDelivered + kMinuteMs;
    } else if (t.lastDelivered >= 0) {
        from = t.lastDelivered + 1;
    } else if (backfillFrom > 0) {
        from = backfillFrom;
    } else if (window > 0) {
        from = now - window;
    }
    if (!from)
        t.done = true;
    return from;
}

YahooSeries::Delivery YahooSeries::take(
    std::size_t i, const YahooChart &chart, TimeMs now, bool extended)
{
    const YahooChartMeta &meta = chart.meta;
    // The exchange zone Yahoo names, unless the days roll elsewhere (FX: the
    // 17:00 New York day, whatever zone Yahoo gives its currencies).
    if (!meta.exchangeTimezoneName.isEmpty() && m_days.rollMinute == 0) {
        const QTimeZone zone(meta.exchangeTimezoneName);
        if (zone.isValid())
            m_days.zone = zone;
    }
    if (meta.regular) {
        m_pre = meta.pre;
        m_regular = meta.regular;
        m_post = meta.post;
    }
    Track &t = m_tracks[i];
    const Timeframe tf = t.interval.timeframe;
    Delivery d;
    std::optional<Bar> forming;
    for (Bar bar : chart.bars) {
        // Daily and weekly bars carry the session's open: their bucket is the exchange day.
        const Bucket bucket = bucketAt(tf, bar.time, m_days);
        bar.time = bucket.start;
        if (bucket.end > now)
            forming = bar;
        else if (bar.time > t.lastDelivered
            && (d.closed.empty() || bar.time > d.closed.back().time))
            d.closed.push_back(bar);
    }
    if (!d.closed.empty())
        t.lastDelivered = d.closed.back().time;
    // The bar still open, while its session is: what the source has of it so far.
    if (forming && forming->time > t.lastDelivered && isOpen(now, extended)
        && forming != t.forming) {
        t.forming = forming;
        d.forming = forming;
    }
    return d;
}

YahooPage YahooSeries::pollPage(TimeMs now) const
{
    const Track &t = m_tracks.front();
    const TimeMs barMs = nominalDurationMs(t.interval.timeframe);
    const TimeMs from = t.lastDelivered >= 0 ? t.lastDelivered + barMs : now - 5 * barMs;
    return YahooPage {from, now, true};
}

bool YahooSeries::isOpen(TimeMs now, bool extended) const
{
    if (!m_regular)
        return true;  // not known yet: the next answer says
    if (m_regular->contains(now))
        return true;
    return extended && ((m_pre && m_pre->contains(now)) || (m_post && m_post->contains(now)));
}

}  // namespace wick
