#include "chart/RasterCanvas.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QImage>
#include <QPainter>

namespace wick {

namespace {

// floor(v) as an int, v clamped well outside any image first (a value far
// off the pane must not overflow the conversion).
int floorPx(double v)
{
    return static_cast<int>(std::floor(std::clamp(v, -1.0e6, 1.0e6)));
}

QImage *targetOf(QPainter *painter)
{
    QPaintDevice *device = painter ? painter->device() : nullptr;
    if (!device || device->devType() != QInternal::Image)
        return nullptr;
    auto *image = static_cast<QImage *>(device);
    if (image->format() != QImage::Format_RGB32
        && image->format() != QImage::Format_ARGB32_Premultiplied)
        return nullptr;
    // Writing through bits() must not detach the image from under the painter.
    if (!image->isDetached())
        return nullptr;
    const QTransform &t = painter->deviceTransform();
    if (t.type() > QTransform::TxScale || t.dx() != 0.0 || t.dy() != 0.0 || t.m11() != t.m22()
        || t.m11() <= 0.0)
        return nullptr;
    if (painter->testRenderHint(QPainter::Antialiasing)
        || painter->compositionMode() != QPainter::CompositionMode_SourceOver
        || painter->opacity() < 1.0)
        return nullptr;
    return image;
}

}  // namespace

RasterCanvas::RasterCanvas(QPainter *painter)
{
    QImage *image = targetOf(painter);
    if (!image)
        return;
    m_scale = painter->deviceTransform().m11();
    QRectF clip = QRectF(QPointF(0, 0), QSizeF(image->size()));
    if (painter->hasClipping()) {
        const QRectF logical = painter->clipBoundingRect();
        clip &= QRectF(logical.topLeft() * m_scale, logical.size() * m_scale);
    }
    m_left = static_cast<int>(std::ceil(clip.left()));
    m_top = static_cast<int>(std::ceil(clip.top()));
    m_right = static_cast<int>(std::floor(clip.right()));
    m_bottom = static_cast<int>(std::floor(clip.bottom()));
    m_bits = reinterpret_cast<std::uint32_t *>(image->bits());
    m_stride = image->bytesPerLine() / 4;
}

bool RasterCanvas::strokes(const QPen &pen) const
{
    if (!isValid() || pen.style() != Qt::SolidLine || pen.brush().style() != Qt::SolidPattern
        || !paints(pen.color()))
        return false;
    // A cosmetic pen is 1 device pixel; any other its width times the scale.
    return pen.isCosmetic() || pen.widthF() * m_scale <= 1.5;
}

void RasterCanvas::fillRect(const QRect &rect, const QColor &color) const
{
    const int left = std::max(m_left, static_cast<int>(std::lround(rect.left() * m_scale)));
    const int top = std::max(m_top, static_cast<int>(std::lround(rect.top() * m_scale)));
    const int right
        = std::min(m_right, static_cast<int>(std::lround((rect.left() + rect.width()) * m_scale)));
    const int bottom
        = std::min(m_bottom, static_cast<int>(std::lround((rect.top() + rect.height()) * m_scale)));
    const std::uint32_t pixel = color.rgba();
    for (int y = top; y < bottom; ++y) {
        std::uint32_t *row = m_bits + static_cast<qsizetype>(y) * m_stride;
        std::fill(row + left, row + std::max(left, right), pixel);
    }
}

void RasterCanvas::polyline(const QVector<QPointF> &points, const QColor &color) const
{
    if (m_left >= m_right || m_top >= m_bottom)
        return;
    m_color = color.rgba();
    for (qsizetype i = 1; i < points.size(); ++i) {
        const QPointF a = points.at(i - 1) * m_scale;
        const QPointF b = points.at(i) * m_scale;
        if (!std::isfinite(a.x()) || !std::isfinite(a.y()) || !std::isfinite(b.x())
            || !std::isfinite(b.y()))
            continue;
        segment(a.x(), a.y(), b.x(), b.y());
    }
}

namespace {

// Walks a polyline of increasing x column by column: the y at a column's
// centre, NaN where the line has a gap or does not reach.
class LineWalk
{
public:
    LineWalk(const QVector<QPointF> &points, double scale)
        : m_points(points)
        , m_scale(scale)
    { }

    double at(double x)
    {
        while (m_next < m_points.size() && m_points.at(m_next).x() * m_scale < x)
            ++m_next;
        if (m_next == 0 || m_next >= m_points.size())
            return std::numeric_limits<double>::quiet_NaN();
        const QPointF a = m_points.at(m_next - 1) * m_scale;
        const QPointF b = m_points.at(m_next) * m_scale;
        if (!std::isfinite(a.y()) || !std::isfinite(b.y()))
            return std::numeric_limits<double>::quiet_NaN();
        const double dx = b.x() - a.x();
        return dx > 0.0 ? a.y() + (x - a.x()) * (b.y() - a.y()) / dx : b.y();
    }

private:
    const QVector<QPointF> &m_points;
    double m_scale;
    qsizetype m_next = 0;
};

}  // namespace

void RasterCanvas::fillBetween(
    const QVector<QPointF> &a, const QVector<QPointF> &b, const QColor &color) const
{
    if (a.isEmpty() || b.isEmpty())
        return;
    const double lo = std::max(a.front().x(), b.front().x()) * m_scale;
    const double hi = std::min(a.back().x(), b.back().x()) * m_scale;
    const int from = std::max(m_left, static_cast<int>(std::ceil(lo - 0.5)));
    const int to = std::min(m_right - 1, static_cast<int>(std::floor(hi - 0.5)));
    m_color = color.rgba();
    LineWalk walkA(a, m_scale);
    LineWalk walkB(b, m_scale);
    for (int x = from; x <= to; ++x) {
        const double ya = walkA.at(x + 0.5);
        const double yb = walkB.at(x + 0.5);
        if (std::isnan(ya) || std::isnan(yb))
            continue;
        // The rows whose centres lie in [min, max).
        const int top
            = static_cast<int>(std::ceil(std::clamp(std::min(ya, yb), -1.0e6, 1.0e6) - 0.5));
        const int bottom
            = static_cast<int>(std::ceil(std::clamp(std::max(ya, yb), -1.0e6, 1.0e6) - 0.5)) - 1;
        if (top <= bottom)
            column(x, top, bottom);
    }
}

// Rows from..to (inclusive, either order) of column x, clipped.
void RasterCanvas::column(int x, int from, int to) const
{
    if (from > to)
        std::swap(from, to);
    from = std::max(from, m_top);
    to = std::min(to, m_bottom - 1);
    if (from > to)
        return;
    std::uint32_t *p = m_bits + static_cast<qsizetype>(from) * m_stride + x;
    for (int y = from; y <= to; ++y, p += m_stride)
        *p = m_color;
}

// One segment in device pixels, as an aliased 1 px line: a shallow segment
// (at most one row per column) lights the row under each column's centre,
// Bresenham's choice; a steep one the rows it passes in each column, a column
// boundary's row going to the later column, so each row is lit once.
void RasterCanvas::segment(double x0, double y0, double x1, double y1) const
{
    if (x0 > x1) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    if (x1 < m_left || x0 >= m_right)
        return;
    if ((y0 < m_top && y1 < m_top) || (y0 >= m_bottom && y1 >= m_bottom))
        return;
    const int first = floorPx(x0);
    const int last = floorPx(x1);
    if (first == last) {
        column(first, floorPx(y0), floorPx(y1));
        return;
    }
    const int from = std::max(first, m_left);
    const int to = std::min(last, m_right - 1);
    const double slope = (y1 - y0) / (x1 - x0);
    if (std::abs(slope) <= 1.0) {
        for (int x = from; x <= to; ++x) {
            const double at = std::clamp(x + 0.5, x0, x1);
            const int row = floorPx(y0 + (at - x0) * slope);
            if (row >= m_top && row < m_bottom)
                m_bits[static_cast<qsizetype>(row) * m_stride + x] = m_color;
        }
        return;
    }
    for (int x = from; x <= to; ++x) {
        const double xa = std::max(x0, static_cast<double>(x));
        const double xb = std::min(x1, static_cast<double>(x) + 1.0);
        const int ra = floorPx(y0 + (xa - x0) * slope);
        const int rb = floorPx(y0 + (xb - x0) * slope);
        if (x == last || ra == rb)
            column(x, ra, rb);
        else
            column(x, ra, rb > ra ? rb - 1 : rb + 1);
    }
}

}  // namespace wick
