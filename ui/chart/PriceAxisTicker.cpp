#include "chart/PriceAxisTicker.h"

#include <QFontMetrics>

namespace wick {

PriceAxisTicker::PriceAxisTicker(QCPAxis *axis)
    : m_axis(axis)
{ }

void PriceAxisTicker::generate(const QCPRange &range, const QLocale &locale, QChar formatChar,
    int precision, QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels)
{
    QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
    if (!tickLabels || std::isnan(m_tagPrice) || !m_axis || !m_axis->axisRect())
        return;
    const double rectHeight = m_axis->axisRect()->height();
    if (rectHeight <= 0.0 || range.size() <= 0.0)
        return;
    const double pxPerUnit = rectHeight / range.size();
    // The tag is one text line plus its padding tall.
    const double clearance = QFontMetrics(m_axis->tickLabelFont()).height() + 4.0;
    for (int i = 0; i < ticks.size() && i < tickLabels->size(); ++i) {
        if (std::abs(ticks[i] - m_tagPrice) * pxPerUnit < clearance)
            (*tickLabels)[i].clear();
    }
}

}  // namespace wick
