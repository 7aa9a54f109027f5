// ui/chart: ChartLegendText, text drawn once into small pixmaps (sprites) for
// the chart's legends and crosshair labels. A crosshair move changes a few
// numbers a frame; drawing a string lays it out (shaping, line breaking) and
// blends each glyph's alpha map, about half of a move's paint. A sprite is
// copied with one blend, and the values under the mouse come back as it moves
// to and fro. Keyed by text, font slot (the owner's fonts: it clears the cache
// when a font changes), colours and device pixel ratio; bounded. UI thread only.
#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPixmap>
#include <QRect>
#include <QString>

class QPainter;

namespace wick {

class ChartLegendText
{
public:
    // The text as drawText(rect, Qt::AlignCenter) draws it in a rect of its
    // advance and the font's height, on background (invalid: transparent).
    const QPixmap &sprite(const QString &text, int fontSlot, const QFont &font, const QColor &color,
        const QColor &background, qreal devicePixelRatio);
    // Draws the sprite centred in box.
    void draw(QPainter *painter, const QRect &box, const QString &text, int fontSlot,
        const QFont &font, const QColor &color, const QColor &background = QColor());
    void clear() { m_sprites.clear(); }

    static constexpr qsizetype kMaxSprites = 1024;

private:
    struct Key {
        QString text;
        int fontSlot = 0;
        QRgb color = 0;
        QRgb background = 0;
        qreal devicePixelRatio = 1.0;
        friend bool operator==(const Key &, const Key &) = default;
    };
    friend size_t qHash(const Key &key, size_t seed);

    QHash<Key, QPixmap> m_sprites;
};

}  // namespace wick
