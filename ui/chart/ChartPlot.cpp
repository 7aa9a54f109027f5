#include "chart/ChartPlot.h"

namespace wick {

namespace {

// The chart's buffers: a pixmap whose parts can be copied to the widget.
class ChartPaintBuffer : public QCPPaintBufferPixmap
{
public:
    using QCPPaintBufferPixmap::QCPPaintBufferPixmap;

    // The buffer's pixels in rect (widget pixels) onto the widget.
    void drawRect(QCPPainter *painter, const QRect &rect) const
    {
        const QRectF source(
            QPointF(rect.topLeft()) * mDevicePixelRatio, QSizeF(rect.size()) * mDevicePixelRatio);
        painter->drawPixmap(QRectF(rect), mBuffer, source);
    }
};

// A pixmap buffer that clears to an opaque colour: it never gets an alpha
// channel, so drawing into it and copying it to the widget take the fast paths.
class OpaquePaintBuffer : public ChartPaintBuffer
{
public:
    OpaquePaintBuffer(const QSize &size, double devicePixelRatio, const QColor *fill)
        : ChartPaintBuffer(size, devicePixelRatio)
        , m_fill(fill)
    {
        OpaquePaintBuffer::reallocateBuffer();
    }

    void clear(const QColor &) override { mBuffer.fill(*m_fill); }

protected:
    void reallocateBuffer() override
    {
        setInvalidated();
        QImage image(mSize * mDevicePixelRatio, QImage::Format_RGB32);
        image.fill(*m_fill);
        mBuffer = QPixmap::fromImage(std::move(image));
        mBuffer.setDevicePixelRatio(mDevicePixelRatio);
    }

private:
    const QColor *m_fill;
};

// The overlay layer's buffer: transparent, cleared in part for a partial repaint.
class OverlayPaintBuffer : public ChartPaintBuffer
{
public:
    using ChartPaintBuffer::ChartPaintBuffer;

    void clearRegion(const QRegion &region)
    {
        QPainter painter(&mBuffer);
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        for (const QRect &rect : region)
            painter.fillRect(
                QRectF(rect.topLeft() * mDevicePixelRatio, QSizeF(rect.size()) * mDevicePixelRatio),
                Qt::transparent);
    }
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
        m_overlayContent = QRegion(rect());
        m_overlayDraw = nullptr;
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

bool ChartPlot::canPaintOverlay()
{
    return mPaintBuffers.size() >= 2 && !hasInvalidatedPaintBuffers()
        && dynamic_cast<OverlayPaintBuffer *>(mPaintBuffers.last().data()) != nullptr;
}

void ChartPlot::paintOverlay(
    const QRegion &region, const QRegion &content, const std::function<void(QCPPainter *)> &draw)
{
    m_overlayContent = content;
    m_overlayDraw = draw;
    auto *buffer = static_cast<OverlayPaintBuffer *>(mPaintBuffers.last().data());
    buffer->clearRegion(region);
    if (QCPPainter *painter = buffer->startPainting()) {
        if (painter->isActive()) {
            painter->setClipRegion(region);
            draw(painter);
        }
        delete painter;
    }
    buffer->donePainting();
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
        const auto *chartBuffer = dynamic_cast<const ChartPaintBuffer *>(buffer.data());
        if (!chartBuffer || region.rectCount() <= 1) {
            buffer->draw(&painter);
            continue;
        }
        const bool overlay = buffer == mPaintBuffers.last() && mPaintBuffers.size() > 1;
        if (overlay && m_overlayDraw) {
            // Drawn straight onto the widget (the same strokes as in the
            // buffer): cheaper than blending the buffer's thin rectangles.
            painter.setAntialiasing(false);
            m_overlayDraw(&painter);
            continue;
        }
        // The overlay holds pixels only where it last drew: elsewhere it is transparent.
        for (const QRect &rect : overlay ? region.intersected(m_overlayContent) : region)
            chartBuffer->drawRect(&painter, rect);
    }
    ++m_paints;
}

}  // namespace wick
