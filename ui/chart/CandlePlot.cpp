#include "chart/CandlePlot.h"
#include "chart/PixelSnap.h"
#include "chart/RasterCanvas.h"

#include <algorithm>
#include <cmath>

namespace wick {

CandlePlot::CandlePlot(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPFinancial(keyAxis, valueAxis)
{ }

void CandlePlot::draw(QCPPainter *painter)
{
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || mDataContainer->isEmpty())
        return;
    QCPFinancialDataContainer::const_iterator begin;
    QCPFinancialDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    for (int side = 0; side < 2; ++side) {
        m_wicks[side].clear();
        m_bodies[side].clear();
    }
    for (auto it = begin; it != end; ++it) {
        const int side = it->close >= it->open ? 0 : 1;
        int left = 0;
        int right = 0;
        slotColumns(keyAxis, it->key, mWidth, left, right);
        // Open and close rows in either order (an inverted price axis puts the higher one lower).
        const int openRow = pixelRow(valueAxis, it->open);
        const int closeRow = pixelRow(valueAxis, it->close);
        const int top = std::min(openRow, closeRow);
        const int bottom = std::max(openRow, closeRow);
        const double x = (left + right) / 2 + 0.5;  // the middle pixel column's centre
        m_wicks[side].append(
            QLineF(x, valueAxis->coordToPixel(it->high), x, valueAxis->coordToPixel(it->low)));
        m_bodies[side].append(QRect(left, top, right - left + 1, bottom - top + 1));
    }
    painter->setAntialiasing(false);
    painter->setBrush(Qt::NoBrush);
    const RasterCanvas canvas(painter);
    for (int side = 0; side < 2; ++side) {
        const QColor &wick = (side == 0 ? mPenPositive : mPenNegative).color();
        const QBrush &brush = side == 0 ? mBrushPositive : mBrushNegative;
        if (!canvas.isValid() || !RasterCanvas::paints(wick) || brush.style() != Qt::SolidPattern
            || !RasterCanvas::paints(brush.color()))
            continue;
        for (const QLineF &line : std::as_const(m_wicks[side]))
            canvas.polyline({line.p1(), line.p2()}, wick);
        for (const QRect &body : std::as_const(m_bodies[side]))
            canvas.fillRect(body, brush.color());
        m_wicks[side].clear();
        m_bodies[side].clear();
    }
    for (int side = 0; side < 2; ++side) {
        const QPen &pen = side == 0 ? mPenPositive : mPenNegative;
        const QBrush &brush = side == 0 ? mBrushPositive : mBrushNegative;
        if (!m_wicks[side].isEmpty()) {
            painter->setPen(QPen(pen.color(), 1));
            painter->drawLines(m_wicks[side]);
        }
        for (const QRect &body : std::as_const(m_bodies[side]))
            painter->fillRect(body, brush);
    }
}

SolidBars::SolidBars(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPBars(keyAxis, valueAxis)
{ }

void SolidBars::draw(QCPPainter *painter)
{
    const QCPAxis *keyAxis = mKeyAxis.data();
    const QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || mDataContainer->isEmpty())
        return;
    QCPBarsDataContainer::const_iterator begin;
    QCPBarsDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    m_rects.clear();
    const int base = pixelRow(valueAxis, mBaseValue);
    for (auto it = begin; it != end; ++it) {
        int left = 0;
        int right = 0;
        slotColumns(keyAxis, it->key, mWidth, left, right);
        const int tip = pixelRow(valueAxis, it->value);
        const int top = std::min(tip, base);
        const int bottom = std::max(tip, base);
        if (bottom == top && it->value == mBaseValue)
            continue;
        m_rects.append(QRect(left, top, right - left + 1, std::max(1, bottom - top)));
    }
    painter->setAntialiasing(false);
    const RasterCanvas canvas(painter);
    if (canvas.isValid() && mBrush.style() == Qt::SolidPattern
        && RasterCanvas::paints(mBrush.color())) {
        for (const QRect &rect : std::as_const(m_rects))
            canvas.fillRect(rect, mBrush.color());
        return;
    }
    for (const QRect &rect : std::as_const(m_rects))
        painter->fillRect(rect, mBrush);
}

}  // namespace wick
