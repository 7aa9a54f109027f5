// ui/chart: the price axis' ticker. Linear: QCustomPlot's nice steps. Log:
// ticks at nice numbers whose step follows the price (a step of about the
// same pixel distance everywhere), so a narrow range such as 60,000-70,000
// gets 61,000, 62,000 ... where powers of ten (QCPAxisTickerLog) give none,
// and a wide one gets 1, 2, 5, 10, 20 ...; ticks never touch zero. Percent:
// the axis stays in prices, the ticks sit at nice percentages from a base
// price (the first visible bar's close) and read "+2.5%". Leaves out the
// labels the last-price tag would cover, so the axis never shows two numbers
// on top of each other. Owned by the price axis, on the UI thread.
#pragma once

#include <cmath>
#include <limits>

#include <qcustomplot.h>

#include "chart/ChartStyle.h"

namespace wick {

class PriceAxisTicker : public QCPAxisTicker
{
public:
    // axis: the price axis, read to turn prices into pixels.
    explicit PriceAxisTicker(QCPAxis *axis);

    // The price the tag sits at; NaN when there is no tag.
    void setTagPrice(double price) { m_tagPrice = price; }
    void setMode(ScaleMode mode) { m_mode = mode; }
    ScaleMode mode() const { return m_mode; }
    // Percent mode's 0%: a price above zero.
    void setPercentBase(double price) { m_percentBase = price; }
    double percentBase() const { return m_percentBase; }

    // The axis' padding beyond its labels (more when the tag is wider than them).
    static constexpr int kAxisPadding = 8;

    // The log mode's ticks in [lower, upper] (both above zero), about `target` of them.
    static QVector<double> logTicks(double lower, double upper, int target);

protected:
    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
        QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels) override;

private:
    void generatePercent(const QCPRange &range, const QLocale &locale, QVector<double> &ticks,
        QVector<QString> *tickLabels);

    QCPAxis *m_axis;
    double m_tagPrice = std::numeric_limits<double>::quiet_NaN();
    ScaleMode m_mode = ScaleMode::Linear;
    double m_percentBase = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace wick
