// ui/chart: the price axis' ticker. Leaves out the labels the last-price tag
// would cover, so the axis never shows two numbers on top of each other.
#pragma once

#include <cmath>
#include <limits>

#include <qcustomplot.h>

namespace wick {

class PriceAxisTicker : public QCPAxisTicker
{
public:
    // axis: the price axis, read to turn prices into pixels.
    explicit PriceAxisTicker(QCPAxis *axis);

    // The price the tag sits at; NaN when there is no tag.
    void setTagPrice(double price) { m_tagPrice = price; }

protected:
    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
        QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels) override;

private:
    QCPAxis *m_axis;
    double m_tagPrice = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace wick
