#include "chart/PatternMarks.h"

#include <algorithm>
#include <cmath>

#include <QFontMetricsF>
#include <QLocale>
#include <QPainterPath>

#include "chart/CandleDataAdapter.h"

namespace wick {

namespace {

constexpr double kMaxSize = 9.0;  // the triangle's side, zoomed in
constexpr double kMinSize = 6.0;
constexpr double kOffset = 4.0;  // from the bucket's low or high
constexpr double kQualitySlot = 14.0;  // a quality mark's triangle and its gap
constexpr int kMaxTooltipPatterns = 8;

}  // namespace

PatternMarks::PatternMarks(QCustomPlot *plot, QCPAxisRect *price, const CandleDataAdapter *candles,
    Sources sources, const QString &layer)
    : QCPLayerable(plot, layer)
    , m_price(price)
    , m_candles(candles)
    , m_sources(std::move(sources))
{ }

void PatternMarks::setColors(const QColor &bullish, const QColor &bearish, const QColor &text)
{
    m_bullish = bullish;
    m_bearish = bearish;
    m_text = text;
}

QRect PatternMarks::clipRect() const
{
    return m_price->rect();
}

void PatternMarks::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(false);
}

PatternMarks::Hit PatternMarks::hitOf(
    const IndicatorPanes::MarkSeries &series, int level, std::size_t bucket) const
{
    const ValueSource &values = *series.values;
    if (level == 0) {
        if (bucket >= values.size())
            return {};
        const double v = values[bucket];
        return {v > 0.0 ? 1 : (v < 0.0 ? -1 : 0), v};
    }
    if (!series.lod || bucket >= series.lod->bucketCount(level))
        return {};  // its levels still build: no marks up there yet
    const ValuePyramid::Bucket b = series.lod->bucket(values, level, bucket);
    if (b.empty())
        return {};
    const bool up = b.high > 0.0;
    const bool down = b.low < 0.0;
    return {up && down ? 2 : (up ? 1 : (down ? -1 : 0)), up ? b.high : b.low};
}

void PatternMarks::draw(QCPPainter *painter)
{
    m_drawn.clear();
    if (m_candles->size() == 0 || !m_sources.series)
        return;
    const std::vector<IndicatorPanes::MarkSeries> series = m_sources.series();
    if (series.empty())
        return;
    const QCPAxis *x = m_price->axis(QCPAxis::atBottom);
    const QCPAxis *y = m_price->axis(QCPAxis::atRight);
    const QCPRange range = x->range();
    const int level = std::max(0, m_candles->sliceLevel());
    const std::size_t buckets = m_candles->bucketCount(level);
    const double bucketBars = std::ldexp(1.0, level);
    if (buckets == 0 || range.upper < 0.0)
        return;
    const auto bucketAt = [&](double bar) {
        const double b = std::floor(std::max(0.0, bar) / bucketBars);
        return static_cast<std::size_t>(std::min(b, static_cast<double>(buckets - 1)));
    };
    const std::size_t first = bucketAt(range.lower - bucketBars);
    const std::size_t last = bucketAt(range.upper + bucketBars);
    const double slotPx = m_price->rect().width() * bucketBars / std::max(range.size(), 1e-9);

    painter->setAntialiasing(true);
    painter->setFont(m_font);
    for (std::size_t j = first; j <= last; ++j) {
        int up = 0;
        int down = 0;
        for (const IndicatorPanes::MarkSeries &s : series) {
            const Hit hit = hitOf(s, level, j);
            up += hit.direction == 1 || hit.direction == 2;
            down += hit.direction == -1 || hit.direction == 2;
        }
        if (up == 0 && down == 0)
            continue;
        // Beside the candle drawn (a Heikin-Ashi one when the chart shows them).
        const OhlcPyramid::Bucket candle
            = m_candles->drawnCandle(level, j).value_or(m_candles->candle(level, j));
        const double px = x->coordToPixel(CandleDataAdapter::bucketKey(level, j));
        // Screen bottom and top of the candle (the axis may be inverted).
        const double lowPx = std::max(y->coordToPixel(candle.low), y->coordToPixel(candle.high));
        const double highPx = std::min(y->coordToPixel(candle.low), y->coordToPixel(candle.high));
        const double size = std::clamp(slotPx * 0.7, kMinSize, kMaxSize);
        if (up > 0) {
            double top = lowPx + kOffset;
            if (m_sources.qualityMarked && m_sources.qualityMarked(level, j))
                top += kQualitySlot;
            top = std::min(top, m_price->rect().bottom() - size - 2.0);
            const QRectF rect = drawTriangle(painter, px, top, true, size);
            m_drawn.push_back({j, level, true, up, rect});
        }
        if (down > 0) {
            const double bottom = std::max(highPx - kOffset, m_price->rect().top() + size + 2.0);
            const QRectF rect = drawTriangle(painter, px, bottom, false, size);
            m_drawn.push_back({j, level, false, down, rect});
        }
    }
    // Counts where several patterns share a mark, once there is room for them.
    if (slotPx >= 14.0) {
        const QFontMetricsF metrics(m_font);
        painter->setPen(m_text);
        for (Drawn &d : m_drawn) {
            if (d.count < 2)
                continue;
            const QString text = QString::number(d.count);
            const double h = metrics.height();
            const QRectF box(d.rect.center().x() - 20.0,
                d.bullish ? d.rect.bottom() + 1.0 : d.rect.top() - 1.0 - h, 40.0, h);
            painter->drawText(box, Qt::AlignHCenter | Qt::AlignVCenter, text);
            const double w = metrics.horizontalAdvance(text) + 4.0;
            d.rect = d.rect.united(QRectF(box.center().x() - w / 2.0, box.top(), w, h));
        }
    }
    painter->setAntialiasing(false);
}

QRectF PatternMarks::drawTriangle(QCPPainter *painter, double px, double edge, bool up, double size)
{
    // edge: the tip's y (an up triangle points at the low above it, a down one
    // at the high below it).
    const double s = size;
    const double base = up ? edge + s : edge - s;
    QPainterPath triangle;
    triangle.moveTo(px, edge);
    triangle.lineTo(px + s / 2.0, base);
    triangle.lineTo(px - s / 2.0, base);
    triangle.closeSubpath();
    painter->setPen(Qt::NoPen);
    painter->setBrush(up ? m_bullish : m_bearish);
    painter->drawPath(triangle);
    return QRectF(px - s / 2.0 - 2.0, std::min(edge, base) - 2.0, s + 4.0, s + 4.0);
}

QString PatternMarks::toolTipAt(const QPointF &pos) const
{
    const auto it = std::find_if(
        m_drawn.begin(), m_drawn.end(), [&](const Drawn &d) { return d.rect.contains(pos); });
    if (it == m_drawn.end() || !m_sources.series)
        return QString();
    const std::size_t firstBar = it->bucket << it->level;
    const std::size_t bars = std::size_t(1) << it->level;
    QStringList lines;
    int listed = 0;
    int more = 0;
    for (const IndicatorPanes::MarkSeries &s : m_sources.series()) {
        const Hit hit = hitOf(s, it->level, it->bucket);
        const bool matches
            = hit.direction == 2 || (it->bullish ? hit.direction == 1 : hit.direction == -1);
        if (!matches)
            continue;
        if (listed == kMaxTooltipPatterns) {
            ++more;
            continue;
        }
        ++listed;
        const QString value = it->level == 0 ? QLocale().toString(qint64(hit.value)) : QString();
        lines << (value.isEmpty() ? tr("%1 (%2)").arg(s.title, s.label)
                                  : tr("%1 (%2) %3").arg(s.title, s.label, value));
    }
    if (lines.isEmpty())
        return QString();
    if (more > 0)
        lines << tr("and %n more", nullptr, more);
    const QString head = it->bullish ? tr("Bullish pattern") : tr("Bearish pattern");
    QString when = m_sources.barTime ? m_sources.barTime(firstBar) : QString();
    if (bars > 1 && !when.isEmpty())
        when = tr("%1 bars from %2 \u2014 zoom in to see each").arg(bars).arg(when);
    return head + (when.isEmpty() ? QString() : QStringLiteral(" \u00b7 ") + when)
        + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
}

}  // namespace wick
