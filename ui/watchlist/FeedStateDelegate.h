// ui/watchlist: draws the Feed cell as a coloured dot -- filled while the
// source is live, a ring otherwise (connecting, reconnecting, paused, offline,
// the symbol refused) -- in the colour the model gives the state, so the
// column needs a dot's width; the state in words is the cell's tooltip.
// UI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace wick {

class FeedStateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The dot's diameter in pixels for a font (half its line height, 6 to 10).
    static int dotSize(const QFont &font);
};

}  // namespace wick
