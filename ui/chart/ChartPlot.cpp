#include "chart/ChartPlot.h"

#include <optional>

#include <QPainter>

namespace wick {

namespace {

// The chart's buffers: an image (on the raster engine what a pixmap is
// underneath), so a plottable may write its pixels straight into it
// (RasterCanvas), and whose parts can be copied to the widget.
class ChartPaintBuffer : public QCPAbstractPaintBuffer
{
public:
    ChartPaintBuffer(const QSize &size, double devicePixelRatio, QImage::Format format)
        : QCPAbstractPaintBuffer(size, devicePixelRatio)
        , m_format(format)
    {
        ChartPaintBuffer::reallocateBuffer();
    }

    QCPPainter *startPainting() override { return new QCPPainter(&m_image); }
    void draw(QCPPainter *painter) const override
    {
        if (painter && painter->isActive())
            painter->drawImage(0, 0, m_image);
    }
    void clear(const QColor &color) override { m_image.fill(color); }

    // The buffer's pixels in rect (widget pixels) onto the widget. Clipped to
    // the rectangle: with the paint event's many-rectangle clip the raster
    // engine fills through its span clipper instead of blitting.
    void drawRect(QCPPainter *painter, const QRect &rect) const
    {
        painter->setClipRect(rect);
        const QRectF source(
            QPointF(rect.topLeft()) * mDevicePixelRatio, QSizeF(rect.size()) * mDevicePixelRatio);
        painter->drawImage(QRectF(rect), m_image, source);
    }

protected:
    void reallocateBuffer() override
    {
        setInvalidated();
        m_image = QImage(mSize * mDevicePixelRatio, m_format);
        m_image.setDevicePixelRatio(mDevicePixelRatio);
        m_image.fill(Qt::transparent);
    }

    QImage m_image;

private:
    QImage::Format m_format;
};

// The overlay's buffer (ARGB32 premultiplied, transparent but where the
// overlay's layer drew). A replot clears only what the last one drew there,
// when its layer said what that was (ChartPlot::setOverlayExtent): a thin
// crosshair, not 8 MB of transparent pixels a replot.
class OverlayPaintBuffer : public ChartPaintBuffer
{
public:
    OverlayPaintBuffer(const QSize &size, double devicePixelRatio)
        : ChartPaintBuffer(size, devicePixelRatio, QImage::Format_ARGB32_Premultiplied)
    { }

    void clear(const QColor &color) override
    {
        if (color.alpha() != 0 || !m_drawn) {
            m_image.fill(color);
        } else {
            QPainter painter(&m_image);
            painter.setCompositionMode(QPainter::CompositionMode_Source);
            for (const QRect &rect : std::as_const(*m_drawn))
                painter.fillRect(rect, Qt::transparent);
        }
        m_drawn.reset();  // until the layer draws and says where
    }
    // What the layer drew since the last clear (widget pixels).
    void setDrawn(const QRegion &region) { m_drawn = region; }

protected:
    void reallocateBuffer() override
    {
        ChartPaintBuffer::reallocateBuffer();
        m_drawn = QRegion();
    }

private:
    std::optional<QRegion> m_drawn;
};

// A buffer that clears to an opaque colour: it never gets an alpha channel
// (RGB32), so drawing into it and copying it to the widget take the fast paths.
class OpaquePaintBuffer : public ChartPaintBuffer
{
public:
    OpaquePaintBuffer(const QSize &size, double devicePixelRatio, const QColor *fill)
        : ChartPaintBuffer(size, devicePixelRatio, QImage::Format_RGB32)
        , m_fill(fill)
    {
        m_image.fill(*m_fill);
    }

    void clear(const QColor &) override { m_image.fill(*m_fill); }

protected:
    void reallocateBuffer() override
    {
        ChartPaintBuffer::reallocateBuffer();
        m_image.fill(*m_fill);
    }

private:
    const QColor *m_fill;
};

}  // namespace

ChartPlot::ChartPlot(QWidget *parent)
    : QCustomPlot(parent)
{
    // The first buffer takes every layer that is not lmBuffered (the chart has none).
    mPaintBuffers.clear();
    mPaintBuffers.append(QSharedPointer<QCPAbstractPaintBuffer>(
        new OpaquePaintBuffer(viewport().size(), bufferDevicePixelRatio(), &m_fill)));
    // The buffer paints every pixel: no fill under it, no blending.
    setAttribute(Qt::WA_OpaquePaintEvent);
    // A replot may draw anything on the overlay layer.
    connect(this, &QCustomPlot::beforeReplot, this, [this] {
        m_overlayDraw = nullptr;
        m_overlayExtent = QRegion();
    });
}

void ChartPlot::setFillColor(const QColor &color)
{
    m_fill = color.toRgb();
    m_fill.setAlpha(255);
    setBackground(QBrush(m_fill));
}

void ChartPlot::enableOverlayBuffer()
{
    auto buffer = QSharedPointer<QCPAbstractPaintBuffer>(
        new OverlayPaintBuffer(viewport().size(), bufferDevicePixelRatio()));
    if (mPaintBuffers.size() < 2)
        mPaintBuffers.append(buffer);
    else
        mPaintBuffers.last() = buffer;
}

void ChartPlot::setOverlayExtent(const QRegion &region)
{
    m_overlayExtent = region;
    if (mPaintBuffers.size() < 2)
        return;
    if (auto *overlay = dynamic_cast<OverlayPaintBuffer *>(mPaintBuffers.last().data()))
        overlay->setDrawn(region);
}

bool ChartPlot::canPaintOverlay()
{
    return mPaintBuffers.size() >= 2 && !hasInvalidatedPaintBuffers();
}

void ChartPlot::paintOverlay(const QRegion &region, std::function<void(QCPPainter *)> draw)
{
    m_overlayDraw = std::move(draw);
    update(region);
}

void ChartPlot::paintEvent(QPaintEvent *event)
{
    QCPPainter painter(this);
    if (!painter.isActive())
        return;
    // A crosshair move repaints a few thin rectangles: copy those, not every
    // pixel of their bounding box (what one clipped blit of a buffer costs).
    const QRegion &region = event->region();
    for (const QSharedPointer<QCPAbstractPaintBuffer> &buffer : std::as_const(mPaintBuffers)) {
        if (m_overlayDraw && mPaintBuffers.size() > 1 && buffer == mPaintBuffers.last()) {
            // The overlay as it is now, straight onto the widget: its buffer
            // holds the last replot's, and blending thin strips costs more.
            painter.setAntialiasing(false);
            m_overlayDraw(&painter);
            continue;
        }
        const auto *chartBuffer = dynamic_cast<const ChartPaintBuffer *>(buffer.data());
        if (chartBuffer && mPaintBuffers.size() > 1 && buffer == mPaintBuffers.last()) {
            // The overlay's buffer is transparent but where its layer drew.
            for (const QRect &rect : region.intersected(m_overlayExtent))
                chartBuffer->drawRect(&painter, rect);
            painter.setClipping(false);
            continue;
        }
        if (!chartBuffer || region.rectCount() <= 1) {
            buffer->draw(&painter);
            continue;
        }
        for (const QRect &rect : region)
            chartBuffer->drawRect(&painter, rect);
        painter.setClipping(false);  // back to the event's region
    }
    ++m_paints;
}

}  // namespace wick
