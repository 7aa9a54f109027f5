#include "chart/QualityOverlay.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QFontMetricsF>
#include <QPainterPath>

#include "chart/CandleDataAdapter.h"
#include "chart/QualityMarks.h"

namespace wick {

namespace {

constexpr double kMinBandPx = 6.0;
constexpr double kMarkSize = 8.0;  // the triangle's side
constexpr double kMarkOffset = 4.0;  // below the bucket's low
constexpr int kMaxTooltipLines = 6;

}  // namespace

QualityOverlay::QualityOverlay(QCustomPlot *plot, QCPAxisRect *rect, const QualityMarks *marks,
    const CandleDataAdapter *candles, bool price, const QString &layer)
    : QCPLayerable(plot, layer)
    , m_rect(rect)
    , m_marks(marks)
    , m_candles(candles)
    , m_price(price)
{ }

void QualityOverlay::setColors(
    const QColor &mark, const QColor &band, const QColor &text, const QColor &labelBackground)
{
    m_markColor = mark;
    m_bandColor = band;
    m_textColor = text;
    m_labelBackground = labelBackground;
}

void QualityOverlay::setSeries(Timeframe timeframe, const QTimeZone &zone)
{
    m_timeframe = timeframe;
    m_zone = zone;
    m_hits.clear();
    m_drawnMarks = 0;
}

QRect QualityOverlay::clipRect() const
{
    return m_rect->rect();
}

void QualityOverlay::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(false);
}

void QualityOverlay::draw(QCPPainter *painter)
{
    m_hits.clear();
    m_drawnMarks = 0;
    if (m_candles->size() == 0)
        return;
    drawGaps(painter);
    if (m_price)
        drawMarks(painter);
}

void QualityOverlay::drawGaps(QCPPainter *painter)
{
    const std::vector<QualityMarks::Gap> &gaps = m_marks->gaps();
    if (gaps.empty())
        return;
    const QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
    const QCPRange range = x->range();
    const QRect area = m_rect->rect();
    // Between two candles: the slot's empty part, at least a few pixels.
    const double slotPx = area.width() / std::max(range.size(), 1e-9);
    const double half = std::max(kMinBandPx, slotPx * 0.3) / 2.0;
    const auto centre
        = [&](std::size_t i) { return x->coordToPixel(static_cast<double>(gaps[i].before) + 0.5); };
    const auto firstGapLeftOf = [&](double px) {
        // Gaps whose centre (bar + 0.5) lies at or left of px.
        const double coord = x->pixelToCoord(px) - 0.5;
        if (coord < 0.0)
            return std::size_t(0);
        return m_marks->firstGapFrom(static_cast<std::size_t>(std::floor(coord)) + 1);
    };

    QColor fill = m_bandColor;
    fill.setAlphaF(0.16);
    QColor hatch = m_bandColor;
    hatch.setAlphaF(0.45);
    const QFontMetricsF metrics(m_font);
    double labelRight = -1e9;
    painter->setFont(m_font);

    std::size_t i = firstGapLeftOf(area.left() - half - 1.0);
    while (i < gaps.size()) {
        const double c = centre(i);
        if (c - half > area.right())
            break;
        double left = c - half;
        double right = c + half;
        std::size_t last = i;
        // Bands that would touch merge into one; jump over them by binary search.
        for (;;) {
            const std::size_t end = firstGapLeftOf(right + half + 2.0);
            if (end == 0 || end - 1 <= last)
                break;
            last = end - 1;
            right = centre(last) + half;
        }
        const QRectF band(QPointF(left, area.top()), QPointF(right, area.bottom()));
        painter->fillRect(band, fill);
        painter->fillRect(band, QBrush(hatch, Qt::BDiagPattern));
        m_hits.push_back(Hit {band, true, i, last});

        if (m_price) {
            QString label;
            if (last == i)
                label = tr("gap %1").arg(QualityMarks::durationText(
                    gaps[i].firstAfter - gaps[i].lastBefore - nominalDurationMs(m_timeframe)));
            else
                label = tr("%1 gaps").arg(last - i + 1);
            const double w = metrics.horizontalAdvance(label) + 8.0;
            const double h = metrics.height() + 2.0;
            // Centred under the band, pushed inside the pane at its edges.
            const double boxLeft = std::clamp((left + right - w) / 2.0, area.left() + 2.0,
                std::max(area.left() + 2.0, area.right() - w - 2.0));
            const QRectF box(boxLeft, area.bottom() - h - 3.0, w, h);
            if (box.left() > labelRight + 6.0 && box.right() <= area.right()) {
                painter->setPen(QPen(hatch));
                painter->setBrush(m_labelBackground);
                painter->drawRect(box);
                painter->setPen(m_textColor);
                painter->drawText(box, Qt::AlignCenter, label);
                labelRight = box.right();
            }
        }
        i = last + 1;
    }
}

void QualityOverlay::drawMarks(QCPPainter *painter)
{
    const std::vector<QualityMarks::BarMark> &marks = m_marks->marks();
    if (marks.empty())
        return;
    const QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
    const QCPAxis *y = m_rect->axis(QCPAxis::atRight);
    const QCPRange range = x->range();
    const int level = std::max(0, m_candles->sliceLevel());
    const std::size_t buckets = m_candles->bucketCount(level);
    const double bucketBars = std::ldexp(1.0, level);
    const double firstBar = std::max(0.0, std::floor(range.lower - bucketBars));
    std::size_t i = m_marks->firstMarkFrom(static_cast<std::size_t>(firstBar));

    painter->setAntialiasing(true);
    painter->setFont(m_font);
    const QFontMetricsF metrics(m_font);
    while (i < marks.size()) {
        const std::size_t bucket = marks[i].bar >> level;
        const double key = CandleDataAdapter::bucketKey(level, bucket);
        if (key > range.upper + bucketBars || bucket >= buckets)
            break;
        int count = 0;
        std::size_t last = i;
        for (std::size_t j = i; j < marks.size() && (marks[j].bar >> level) == bucket; ++j) {
            count += marks[j].count;
            last = j;
        }
        const double px = x->coordToPixel(key);
        const double low = m_candles->candle(level, bucket).low;
        double top = y->coordToPixel(low) + kMarkOffset;
        top = std::min(top, m_rect->rect().bottom() - kMarkSize - 2.0);  // a wick off the pane
        QPainterPath triangle;
        triangle.moveTo(px, top);
        triangle.lineTo(px + kMarkSize / 2.0, top + kMarkSize);
        triangle.lineTo(px - kMarkSize / 2.0, top + kMarkSize);
        triangle.closeSubpath();
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_markColor);
        painter->drawPath(triangle);
        QRectF hit(px - kMarkSize, top - 2.0, 2.0 * kMarkSize, kMarkSize + 4.0);
        if (count > 1) {
            const QString text = QString::number(count);
            const QRectF box(px - 20.0, top + kMarkSize + 1.0, 40.0, metrics.height());
            painter->setPen(m_markColor);
            painter->drawText(box, Qt::AlignHCenter | Qt::AlignTop, text);
            hit = hit.united(QRectF(px - metrics.horizontalAdvance(text) / 2.0 - 2.0, box.top(),
                metrics.horizontalAdvance(text) + 4.0, metrics.height()));
        }
        m_hits.push_back(Hit {hit, false, i, last});
        ++m_drawnMarks;
        i = last + 1;
    }
    painter->setAntialiasing(false);
}

QString QualityOverlay::toolTipAt(const QPointF &pos) const
{
    // Marks over bands: they are drawn last.
    for (auto it = m_hits.rbegin(); it != m_hits.rend(); ++it) {
        if (!it->rect.contains(pos))
            continue;
        return it->gap ? gapText(it->first, it->last) : markText(it->first, it->last);
    }
    return QString();
}

QString QualityOverlay::timeText(TimeMs time, bool seconds) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(time, m_zone);
    return t.toString(seconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss ")
                              : QStringLiteral("yyyy-MM-dd HH:mm "))
        + t.timeZoneAbbreviation();
}

QString QualityOverlay::gapText(std::size_t first, std::size_t last) const
{
    const std::vector<QualityMarks::Gap> &gaps = m_marks->gaps();
    if (first >= gaps.size())
        return QString();
    last = std::min(last, gaps.size() - 1);
    const TimeMs bucket = nominalDurationMs(m_timeframe);
    if (first == last) {
        const QualityMarks::Gap &g = gaps[first];
        return tr("Gap of %1 in the data (not backfilled)\nno bars from %2 to %3")
            .arg(QualityMarks::durationText(g.firstAfter - g.lastBefore - bucket),
                timeText(g.lastBefore + bucket), timeText(g.firstAfter));
    }
    TimeMs missing = 0;
    for (std::size_t i = first; i <= last; ++i)
        missing += gaps[i].firstAfter - gaps[i].lastBefore - bucket;
    return tr("%1 gaps in the data (not backfilled), %2 missing in all\nbetween %3 "
              "and %4 \u2014 zoom in to see each")
        .arg(last - first + 1)
        .arg(QualityMarks::durationText(missing), timeText(gaps[first].lastBefore),
            timeText(gaps[last].firstAfter));
}

QString QualityOverlay::markText(std::size_t first, std::size_t last) const
{
    const std::vector<QualityMarks::BarMark> &marks = m_marks->marks();
    QStringList lines;
    int total = 0;
    for (std::size_t i = first; i <= last && i < marks.size(); ++i)
        total += marks[i].count;
    // Newest first.
    for (std::size_t i = std::min(last, marks.size() - 1) + 1; i-- > first;) {
        const std::vector<std::size_t> &records = marks[i].records;
        for (auto r = records.rbegin(); r != records.rend(); ++r) {
            if (lines.size() == kMaxTooltipLines)
                break;
            const QuarantineRecord &record = m_marks->record(*r);
            lines << timeText(record.time, true) + QStringLiteral("  ")
                    + QualityMarks::describe(record);
        }
        if (lines.size() == kMaxTooltipLines || i == 0)
            break;
    }
    if (total > lines.size())
        lines << QStringLiteral("\u2026 and %1 more").arg(total - lines.size());
    return lines.join(QLatin1Char('\n'));
}

}  // namespace wick
