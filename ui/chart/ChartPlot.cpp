#include "chart/ChartPlot.h"

namespace wick {

namespace {

// A pixmap buffer that clears to an opaque colour: it never gets an alpha
// channel, so drawing into it and copying it to the widget take the fast paths.
class OpaquePaintBuffer : public QCPPaintBufferPixmap
{
public:
    OpaquePaintBuffer(const QSize &size, double devicePixelRatio, const QColor *fill)
        : QCPPaintBufferPixmap(size, devicePixelRatio)
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
class OverlayPaintBuffer : public QCPPaintBufferPixmap
{
public:
    using QCPPaintBufferPixmap::QCPPaintBufferPixmap;

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

void ChartPlot::paintOverlay(const QRegion &region, const std::function<void(QCPPainter *)> &draw)
{
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

void ChartPlot::paintEvent(QPaintEvent *)
{
    QCPPainter painter(this);
    if (!painter.isActive())
        return;
    for (const QSharedPointer<QCPAbstractPaintBuffer> &buffer : std::as_const(mPaintBuffers))
        buffer->draw(&painter);
    ++m_paints;
}

}  // namespace wick
