#include "chart/ChartLegendText.h"

#include <cmath>

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>

namespace wick {

size_t qHash(const ChartLegendText::Key &key, size_t seed)
{
    return qHashMulti(
        seed, key.text, key.fontSlot, key.color, key.background, key.devicePixelRatio);
}

const QPixmap &ChartLegendText::sprite(const QString &text, int fontSlot, const QFont &font,
    const QColor &color, const QColor &background, qreal devicePixelRatio)
{
    Key key {text, fontSlot, color.rgba(), background.isValid() ? background.rgba() : 0,
        devicePixelRatio};
    if (auto it = m_sprites.constFind(key); it != m_sprites.constEnd())
        return *it;
    if (m_sprites.size() >= kMaxSprites)
        m_sprites.clear();
    const QFontMetricsF metrics(font);
    const QSizeF size(std::ceil(metrics.horizontalAdvance(text)), std::ceil(metrics.height()));
    QPixmap pixmap((size * devicePixelRatio).toSize());
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(background.isValid() ? background : QColor(Qt::transparent));
    {
        QPainter painter(&pixmap);
        painter.setFont(font);
        painter.setPen(color);
        painter.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter, text);
    }
    return *m_sprites.insert(std::move(key), std::move(pixmap));
}

void ChartLegendText::draw(QPainter *painter, const QRect &box, const QString &text, int fontSlot,
    const QFont &font, const QColor &color, const QColor &background)
{
    if (text.isEmpty())
        return;
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QPixmap &pixmap = sprite(text, fontSlot, font, color, background, ratio);
    const QSize size = (QSizeF(pixmap.size()) / pixmap.devicePixelRatio()).toSize();
    painter->drawPixmap(QPoint(box.x() + (box.width() - size.width()) / 2,
                            box.y() + (box.height() - size.height()) / 2),
        pixmap);
}

}  // namespace wick
