#include "chart/PriceAxisTicker.h"

#include <algorithm>

#include <QFontMetrics>

namespace wick {

namespace {

// The nice step (1, 2, 2.5 or 5 times a power of ten) nearest to raw (by ratio).
double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double mantissa = raw / magnitude;
    double best = 1.0;
    for (double nice : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (std::abs(std::log(mantissa / nice)) < std::abs(std::log(mantissa / best)))
            best = nice;
    }
    return best * magnitude;
}

// Digits after the decimal point that show every multiple of step exactly.
int decimalsFor(double step)
{
    int decimals = 0;
    while (decimals < 10 && std::abs(std::round(step) - step) > step * 1e-9) {
        step *= 10.0;
        ++decimals;
    }
    return decimals;
}

}  // namespace

PriceAxisTicker::PriceAxisTicker(QCPAxis *axis)
    : m_axis(axis)
{ }

QVector<double> PriceAxisTicker::logTicks(double lower, double upper, int target)
{
    QVector<double> ticks;
    if (!(lower > 0.0) || !(upper > lower) || target < 2)
        return ticks;
    // The price ratio between neighbouring ticks that spaces `target` ticks evenly.
    const double ratio = std::pow(upper / lower, 1.0 / target) - 1.0;
    double value = lower;
    while (ticks.size() < 4 * target) {
        const double step = niceStep(std::max(value * ratio, upper * 1e-12));
        double next = std::ceil(value / step - 1e-9) * step;
        if (next < value * (1.0 - 1e-12))
            next += step;
        if (next > upper * (1.0 + 1e-12))
            break;
        if (ticks.isEmpty() || next > ticks.back() * (1.0 + 1e-12))
            ticks.append(next);
        value = next + step * 0.5;
    }
    return ticks;
}

void PriceAxisTicker::generate(const QCPRange &range, const QLocale &locale, QChar formatChar,
    int precision, QVector<double> &ticks, QVector<double> *subTicks, QVector<QString> *tickLabels)
{
    if (m_mode == ScaleMode::Log && range.lower > 0.0) {
        ticks = logTicks(range.lower, range.upper, std::max(2, tickCount()));
        if (subTicks)
            subTicks->clear();
        if (tickLabels) {
            // The price's digits, as in linear mode, or more for a finer step.
            int decimals = precision;
            for (int i = 1; i < ticks.size(); ++i)
                decimals = std::max(decimals, std::min(decimalsFor(ticks[i] - ticks[i - 1]), 10));
            tickLabels->clear();
            for (double tick : std::as_const(ticks))
                tickLabels->append(locale.toString(tick, 'f', decimals));
        }
    } else if (m_mode == ScaleMode::Percent && m_percentBase > 0.0) {
        generatePercent(range, locale, ticks, tickLabels);
        if (subTicks)
            subTicks->clear();
    } else {
        QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
    }
    if (!tickLabels || std::isnan(m_tagPrice) || !m_axis || !m_axis->axisRect())
        return;
    // The axis is as wide as its widest label; the tag (a price, padded) may be
    // wider than percent labels: the axis makes room for it.
    const QFontMetrics metrics(m_axis->tickLabelFont());
    int widest = 0;
    for (const QString &label : std::as_const(*tickLabels))
        widest = std::max(widest, metrics.horizontalAdvance(label));
    const int tag = metrics.horizontalAdvance(locale.toString(m_tagPrice, 'f', precision));
    m_axis->setPadding(kAxisPadding + std::max(0, tag - widest));
    if (m_axis->axisRect()->height() <= 0 || range.size() <= 0.0)
        return;
    // The tag is one text line plus its padding tall.
    const double clearance = QFontMetrics(m_axis->tickLabelFont()).height() + 4.0;
    const double tagPixel = m_axis->coordToPixel(m_tagPrice);
    for (int i = 0; i < ticks.size() && i < tickLabels->size(); ++i) {
        if (std::abs(m_axis->coordToPixel(ticks[i]) - tagPixel) < clearance)
            (*tickLabels)[i].clear();
    }
}

void PriceAxisTicker::generatePercent(
    const QCPRange &range, const QLocale &locale, QVector<double> &ticks, QVector<QString> *labels)
{
    ticks.clear();
    if (labels)
        labels->clear();
    const double low = (range.lower / m_percentBase - 1.0) * 100.0;
    const double high = (range.upper / m_percentBase - 1.0) * 100.0;
    if (!(high > low))
        return;
    const double step = getTickStep(QCPRange(low, high));
    if (!(step > 0.0))
        return;
    const int decimals = decimalsFor(step);
    for (double p = std::ceil(low / step - 1e-9) * step; p <= high + step * 1e-9; p += step) {
        const double percent = std::abs(p) < step * 1e-6 ? 0.0 : p;
        ticks.append(m_percentBase * (1.0 + percent / 100.0));
        if (labels) {
            const QString sign = percent > 0.0 ? QStringLiteral("+")
                : percent < 0.0                ? QStringLiteral("\u2212")
                                               : QString();
            labels->append(
                sign + locale.toString(std::abs(percent), 'f', decimals) + QLatin1Char('%'));
        }
    }
}

}  // namespace wick
