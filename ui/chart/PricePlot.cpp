#include "chart/PricePlot.h"
#include "chart/PixelSnap.h"

#include <algorithm>

namespace wick {

namespace {

// The closes as a line about two pixels wide: three antialiased one-pixel
// polylines, the second and third shifted right and down. Qt's raster engine
// draws one-pixel (cosmetic) antialiased lines on a fast path; a wider
// antialiased pen goes through its stroker (a 2 px line over a zoomed-out
// 1080p pane: 39 ms against 1 ms like this).
void strokeThick(QCPPainter *painter, const QVector<QPointF> &points, const QColor &color)
{
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(color, 1.0));
    painter->setAntialiasing(true);
    const auto count = static_cast<int>(points.size());
    for (const QPointF shift : {QPointF(0.0, 0.0), QPointF(0.7, 0.0), QPointF(0.0, 0.7)}) {
        painter->translate(shift);
        painter->drawPolyline(points.constData(), count);
        painter->translate(-shift);
    }
}

}  // namespace

PricePlot::PricePlot(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : CandlePlot(keyAxis, valueAxis)
{ }

void PricePlot::setLineColors(const QColor &line, const QColor &areaFill)
{
    m_line = line;
    m_areaFill = areaFill;
}

double PricePlot::effectiveBaseLevel() const
{
    if (!std::isnan(m_baseLevel))
        return m_baseLevel;
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis)
        return 0.0;
    const QCPRange keys = keyAxis->range();
    const auto first = mDataContainer->findBegin(keys.lower, false);
    if (first != mDataContainer->constEnd() && first->key <= keys.upper)
        return first->close;
    const QCPRange range = valueAxis->range();
    if (valueAxis->scaleType() == QCPAxis::stLogarithmic && range.lower > 0.0)
        return std::sqrt(range.lower * range.upper);
    return range.center();
}

void PricePlot::draw(QCPPainter *painter)
{
    switch (m_type) {
    case ChartType::Candles:
    case ChartType::HeikinAshi:
        CandlePlot::draw(painter);
        return;
    case ChartType::HollowCandles:
        drawHollow(painter);
        return;
    case ChartType::OhlcBars:
        drawBars(painter);
        return;
    case ChartType::Line:
    case ChartType::Area:
    case ChartType::Baseline:
        drawCloses(painter);
        return;
    }
}

void PricePlot::drawHollow(QCPPainter *painter)
{
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || mDataContainer->isEmpty())
        return;
    QCPFinancialDataContainer::const_iterator begin;
    QCPFinancialDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    for (int side = 0; side < 2; ++side) {
        m_lines[side].clear();
        m_rects[side].clear();
    }
    for (auto it = begin; it != end; ++it) {
        const int side = it->close >= it->open ? 0 : 1;
        int left = 0;
        int right = 0;
        slotColumns(keyAxis, it->key, mWidth, left, right);
        // Either order: an inverted price axis puts the higher price lower.
        const int openRow = pixelRow(valueAxis, it->open);
        const int closeRow = pixelRow(valueAxis, it->close);
        const int top = std::min(openRow, closeRow);
        const int bottom = std::max(openRow, closeRow);
        const double x = (left + right) / 2 + 0.5;
        const double high = valueAxis->coordToPixel(it->high);
        const double low = valueAxis->coordToPixel(it->low);
        const QRect body(left, top, right - left + 1, bottom - top + 1);
        if (side == 0 && right - left >= 2) {
            // Hollow: the wick stops at the body's outline, which is drawn as four edges.
            const double bodyTop = body.top();
            const double bodyBottom = body.bottom() + 1;
            m_lines[0].append(QLineF(x, std::min(high, low), x, bodyTop));
            m_lines[0].append(QLineF(x, bodyBottom, x, std::max(high, low)));
            m_rects[0].append(QRect(body.left(), body.top(), body.width(), 1));
            m_rects[0].append(QRect(body.left(), body.bottom(), body.width(), 1));
            m_rects[0].append(QRect(body.left(), body.top(), 1, body.height()));
            m_rects[0].append(QRect(body.right(), body.top(), 1, body.height()));
        } else {
            // Too narrow to show a hole (or a down candle): a filled candle.
            m_lines[side].append(QLineF(x, high, x, low));
            m_rects[side].append(body);
        }
    }
    painter->setAntialiasing(false);
    painter->setBrush(Qt::NoBrush);
    for (int side = 0; side < 2; ++side) {
        const QPen &pen = side == 0 ? mPenPositive : mPenNegative;
        const QBrush &brush = side == 0 ? mBrushPositive : mBrushNegative;
        if (!m_lines[side].isEmpty()) {
            painter->setPen(QPen(pen.color(), 1));
            painter->drawLines(m_lines[side]);
        }
        for (const QRect &rect : std::as_const(m_rects[side]))
            painter->fillRect(rect, brush);
    }
}

void PricePlot::drawBars(QCPPainter *painter)
{
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || mDataContainer->isEmpty())
        return;
    QCPFinancialDataContainer::const_iterator begin;
    QCPFinancialDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    for (int side = 0; side < 2; ++side)
        m_lines[side].clear();
    for (auto it = begin; it != end; ++it) {
        const int side = it->close >= it->open ? 0 : 1;
        int left = 0;
        int right = 0;
        slotColumns(keyAxis, it->key, mWidth, left, right);
        const double x = (left + right) / 2 + 0.5;
        QVector<QLineF> &lines = m_lines[side];
        lines.append(
            QLineF(x, valueAxis->coordToPixel(it->high), x, valueAxis->coordToPixel(it->low)));
        if (right - left >= 2) {
            const double open = pixelRow(valueAxis, it->open) + 0.5;
            const double close = pixelRow(valueAxis, it->close) + 0.5;
            lines.append(QLineF(left, open, x, open));
            lines.append(QLineF(x, close, right + 1, close));
        }
    }
    painter->setAntialiasing(false);
    for (int side = 0; side < 2; ++side) {
        if (m_lines[side].isEmpty())
            continue;
        const QPen &pen = side == 0 ? mPenPositive : mPenNegative;
        painter->setPen(QPen(pen.color(), 1));
        painter->drawLines(m_lines[side]);
    }
}

void PricePlot::collectCloses()
{
    m_points.clear();
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    QCPFinancialDataContainer::const_iterator begin;
    QCPFinancialDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    // One bucket beyond each edge, so the line runs off the pane instead of stopping short.
    if (begin != mDataContainer->constBegin())
        --begin;
    if (end != mDataContainer->constEnd())
        ++end;
    m_points.reserve(static_cast<int>(end - begin));
    for (auto it = begin; it != end; ++it)
        m_points.append(
            QPointF(keyAxis->coordToPixel(it->key), valueAxis->coordToPixel(it->close)));
}

void PricePlot::drawCloses(QCPPainter *painter)
{
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || mDataContainer->isEmpty())
        return;
    collectCloses();
    if (m_points.isEmpty())
        return;
    const QRect area = clipRect();
    // Fills without antialiasing (the line on top covers their edge): an
    // antialiased translucent fill of the pane costs five times as much.
    painter->setAntialiasing(false);
    if (m_type == ChartType::Area) {
        QPolygonF fill(m_points);
        fill.append(QPointF(m_points.back().x(), area.bottom() + 1));
        fill.append(QPointF(m_points.front().x(), area.bottom() + 1));
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_areaFill);
        painter->drawPolygon(fill);
        strokeThick(painter, m_points, m_line);
        return;
    }
    if (m_type == ChartType::Baseline) {
        const double base = valueAxis->coordToPixel(effectiveBaseLevel());
        QPolygonF fill(m_points);
        fill.append(QPointF(m_points.back().x(), base));
        fill.append(QPointF(m_points.front().x(), base));
        // Above the level in the up colour, below it in the down colour (a
        // reversed axis puts higher prices lower: the pixel halves swap).
        const bool reversed = valueAxis->rangeReversed();
        const double split = std::clamp(base, double(area.top()), area.bottom() + 1.0);
        const QRectF top(area.left(), area.top(), area.width(), split - area.top());
        const QRectF bottom(area.left(), split, area.width(), area.bottom() + 1 - split);
        for (int side = 0; side < 2; ++side) {
            const QColor tone = side == 0 ? mPenPositive.color() : mPenNegative.color();
            QColor translucent = tone;
            translucent.setAlpha(56);
            painter->save();
            painter->setClipRect((side == 0) != reversed ? top : bottom, Qt::IntersectClip);
            painter->setAntialiasing(false);
            painter->setPen(Qt::NoPen);
            painter->setBrush(translucent);
            painter->drawPolygon(fill);
            strokeThick(painter, m_points, tone);
            painter->restore();
        }
        painter->setAntialiasing(false);
        painter->setPen(QPen(QColor(128, 128, 128, 160), 1, Qt::DashLine));
        painter->drawLine(QLineF(area.left(), base, area.right() + 1, base));
        return;
    }
    strokeThick(painter, m_points, m_line);
}

}  // namespace wick
