// ui/chart: the time axis of a chart whose x coordinate is the bar index (so
// nights and weekends leave no gaps). Labels each index with its bar's open time
// in the exchange zone, at the coarsest boundaries that fit: years, months,
// weeks, days, then 12h .. 1m. UI thread only.
#pragma once

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

    // Forgets every bar and labels the next ones in this zone.
    void reset(const QTimeZone &zone);
    void append(TimeMs openTimeUtc);
    // Keeps the first count bars (the forming bar is replaced by truncate + append).
    void truncate(std::size_t count);
    std::size_t size() const { return m_localTimes.size(); }

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

    TimeMs toLocal(TimeMs utc);
    int weightAt(std::size_t index) const;
    QString label(std::size_t index, int level) const;

    QCPAxis *m_axis;
    QTimeZone m_zone = QTimeZone::utc();
    bool m_zoneIsUtc = true;
    // Wall-clock milliseconds in the exchange zone, one per bar.
    std::vector<TimeMs> m_localTimes;
    // The zone's offset and the UTC interval it holds for (DST changes twice a year).
    TimeMs m_offsetMs = 0;
    TimeMs m_offsetFrom = std::numeric_limits<TimeMs>::max();
    TimeMs m_offsetUntil = std::numeric_limits<TimeMs>::min();
};

}  // namespace wick
