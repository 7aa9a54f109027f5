// ui/chart: RasterCanvas, the chart's pixels written straight into its image
// buffer. Qt's raster engine strokes each segment of a zoomed-out indicator's
// min/max zigzag through its cosmetic stroker and a span blend per pixel, and
// fills each bar through a call of some 200 instructions: together most of a
// replot. Here an opaque rectangle or a 1 px line costs a store per pixel.
// Valid only where the result is what QPainter would draw: an image target
// (ChartPlot's buffers), no transform but the device pixel ratio's scale, no
// antialiasing, source-over at full opacity, opaque colours; otherwise the
// caller draws through QPainter (exports to a pixmap, PDF, a translucent
// colour). UI thread (the painter's thread), for the duration of one draw.
#pragma once

#include <cstdint>

#include <QColor>
#include <QPen>
#include <QPointF>
#include <QRect>
#include <QVector>

class QPainter;

namespace wick {

class RasterCanvas
{
public:
    // The painter's image inside its clip, or an invalid canvas.
    explicit RasterCanvas(QPainter *painter);

    bool isValid() const { return m_bits != nullptr; }
    // Whether fills in color and lines drawn with pen are drawn here.
    static bool paints(const QColor &color) { return color.isValid() && color.alpha() == 255; }
    bool strokes(const QPen &pen) const;

    // A rectangle in widget pixels, as QPainter::fillRect(QRect) fills it.
    void fillRect(const QRect &rect, const QColor &color) const;
    // The 1 px polyline through points (widget pixels; a point that is not
    // finite breaks the line), as an aliased QPainter::drawPolyline draws it.
    void polyline(const QVector<QPointF> &points, const QColor &color) const;
    // The area between two polylines of increasing x (widget pixels; a point
    // that is not finite leaves a gap), as an aliased polygon fill covers it:
    // each pixel whose centre lies between them.
    void fillBetween(
        const QVector<QPointF> &a, const QVector<QPointF> &b, const QColor &color) const;

private:
    void column(int x, int from, int to) const;
    void segment(double x0, double y0, double x1, double y1) const;

    std::uint32_t *m_bits = nullptr;
    qsizetype m_stride = 0;  // in pixels
    double m_scale = 1.0;  // device pixels per widget pixel
    int m_left = 0;  // the clip, in device pixels, right and bottom exclusive
    int m_top = 0;
    int m_right = 0;
    int m_bottom = 0;
    mutable std::uint32_t m_color = 0;
};

}  // namespace wick
