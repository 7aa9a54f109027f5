#include "watchlist/FeedStateDelegate.h"

#include <algorithm>

#include <QApplication>
#include <QPainter>

#include "watchlist/WatchlistModel.h"

namespace wick {

int FeedStateDelegate::dotSize(const QFont &font)
{
    return std::clamp(QFontMetrics(font).height() / 2, 6, 10);
}

void FeedStateDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The row's background and selection as for any cell, without the text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.state &= ~QStyle::State_HasFocus;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QVariant tone = index.data(Qt::ForegroundRole);
    const QColor color
        = tone.canConvert<QColor>() ? tone.value<QColor>() : option.palette.text().color();
    const bool live = index.data(WatchlistModel::FeedLiveRole).toBool();
    const double size = dotSize(option.font);
    const QRectF dot(option.rect.center().x() - size / 2.0 + 0.5,
        option.rect.center().y() - size / 2.0 + 0.5, size, size);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (live) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawEllipse(dot);
    } else {
        painter->setPen(QPen(color, 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(dot.adjusted(0.75, 0.75, -0.75, -0.75));
    }
    painter->restore();
}

QSize FeedStateDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(dotSize(option.font) + 12);
    return size;
}

}  // namespace wick
