// ui/chart: the time axis of a chart whose x coordinate is the bar index (so
// nights and weekends leave no gaps). Labels each index with its bar's open time
// in the exchange zone, at the coarsest boundaries that fit: years, months,
// weeks, days, then 12h .. 1m. It reads the bars' times from the chart (no copy
// of the history) and, zoomed out, looks at one bar per pixel column, so a
// label pass costs the axis' width, not the series' length. UI thread only.
#pragma once

#include <functional>
#include <limits>
#include <vector>

#include <QTimeZone>

#include <qcustomplot.h>

#include "model/Types.h"

namespace wick {

class BarTimeTicker : public QCPAxisTicker
{
public:
    // axis: where the labels are drawn, read for its pixel width.
    explicit BarTimeTicker(QCPAxis *axis);

    // Labels the bars in this zone, their wall times moved on by shiftMs (a
    // daily bar of a market whose day starts the evening before -- FX at 17:00
    // New York -- is labelled with its session date: BarDays::labelShiftMs).
    void reset(const QTimeZone &zone, TimeMs shiftMs = 0);
    // Where the bars are: how many, and the open time (UTC) of bar i.
    void setSource(std::function<std::size_t()> count, std::function<TimeMs(std::size_t)> openTime);
    std::size_t size() const { return m_count ? m_count() : 0; }
    // Bar index's open time in the chart's zone, in full ("Tue 03 Dec '24 14:35";
    // date only when !withTime), for the crosshair's time label; empty past the bars.
    QString barTimeText(std::size_t index, bool withTime) const;

    // Label spacing the ticker keeps, in pixels.
    static constexpr double kMinLabelSpacingPx = 70.0;

protected:
    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
        QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels) override;

private:
    // Boundary levels, finest first; a bar's weight is the coarsest boundary
    // between it and the bar before it.
    enum Level : int {
        Minute1,
        Minute5,
        Minute15,
        Minute30,
        Hour1,
        Hour3,
        Hour6,
        Hour12,
        Day,
        Week,
        Month,
        Quarter,
        Year,
        LevelCount
    };

    TimeMs toLocal(TimeMs utc) const;
    TimeMs localTime(std::size_t index) const { return toLocal(m_openTime(index)) + m_shiftMs; }
    // The coarsest boundary between two wall-clock times (a before b); -1: none.
    static int weightBetween(TimeMs a, TimeMs b);
    QString label(std::size_t index, int level) const;

    QCPAxis *m_axis;
    QTimeZone m_zone = QTimeZone::utc();
    bool m_zoneIsUtc = true;
    TimeMs m_shiftMs = 0;
    std::function<std::size_t()> m_count;
    std::function<TimeMs(std::size_t)> m_openTime;
    // The zone's offsets and the UTC intervals they hold for (DST changes twice a
    // year), sorted by start: labels jump around the history, the zone is slow.
    struct Offset {
        TimeMs from;
        TimeMs until;
        TimeMs offsetMs;
    };
    mutable std::vector<Offset> m_offsets;
    // The last answer: every pane's time axis asks for the same range, and so
    // does every replot that did not move the view (a live trade, a hover).
    struct Query {
        double lower = 0.0;
        double upper = 0.0;
        double widthPx = 0.0;
        TimeMs count = -1;
        TimeMs firstTime = 0;
        TimeMs lastTime = 0;
        friend bool operator==(const Query &, const Query &) = default;
    };
    Query m_lastQuery;
    QVector<double> m_lastTicks;
    QVector<QString> m_lastLabels;
};

}  // namespace wick
