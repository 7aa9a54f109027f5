// ui/chart: ChartPlot, the chart's QCustomPlot with one opaque paint buffer.
// QCustomPlot clears its buffers to transparent on every replot, and its paint
// event fills the widget with the background and then alpha-blends each
// 1920x1080 buffer onto it: three full-frame passes, a third of a zoomed-out
// replot. Here the first buffer is filled with the chart's background instead
// (it stays an opaque RGB32 image; the buffers are images, so RasterCanvas
// can write into them), the widget paints opaquely and the buffer
// is copied, not blended. The background brush stays the chart's, for
// toPixmap() and exports, which draw without the buffers. A partial repaint
// copies the dirty rectangles, not their bounding box. The topmost buffered
// layer (the crosshair) is drawn by every replot into its buffer; between
// replots paintOverlay repaints only the region it changed, drawing the
// overlay straight onto the widget, so a mouse move costs the pixels it
// changes; after a replot only the overlay's drawn pixels are blended (not a
// transparent 1920x1080 buffer per paint). UI thread only.
#pragma once

#include <cstdint>
#include <functional>

#include <QColor>
#include <QRegion>

#include <qcustomplot.h>

namespace wick {

class ChartPlot : public QCustomPlot
{
public:
    explicit ChartPlot(QWidget *parent = nullptr);

    // The colour each replot starts from (the chart's background).
    void setFillColor(const QColor &color);
    const QColor &fillColor() const { return m_fill; }
    // The topmost buffered layer may be repainted in part (call once that
    // layer exists); false until a replot has set the buffers up.
    void enableOverlayBuffer();
    bool canPaintOverlay();
    // Repaints region of the widget, the overlay drawn by draw (clipped to the
    // region) until the next replot redraws the overlay's buffer.
    void paintOverlay(const QRegion &region, std::function<void(QCPPainter *)> draw);
    // What a replot drew into the overlay's buffer (its layer's item says so
    // as it draws): a paint blends those pixels only, nothing when it is
    // empty, and the next replot clears those only (all of the buffer after
    // a replot whose layer did not say).
    void setOverlayExtent(const QRegion &region);
    // Paint events finished so far (benchmarks time a move to the end of its paint).
    std::uint64_t paintCount() const { return m_paints; }

protected:
    // The buffers only: the first one is opaque, nothing needs filling under it.
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_fill = Qt::black;
    std::uint64_t m_paints = 0;
    // The overlay since the last replot (null: its buffer is current).
    std::function<void(QCPPainter *)> m_overlayDraw;
    QRegion m_overlayExtent;  // of the overlay's buffer
};

}  // namespace wick
