#include "watchlist/SourceTagDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include "watchlist/WatchlistModel.h"

namespace wick {

namespace {

constexpr int kTagPaddingX = 4;
constexpr int kTagMarginRight = 6;

QFont tagFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(std::max(6.5, base.pointSizeF() * 0.72));
    font.setWeight(QFont::Bold);
    font.setLetterSpacing(QFont::PercentageSpacing, 105);
    return font;
}

}  // namespace

void SourceTagDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString tag = index.data(WatchlistModel::SourceRole).toString().toUpper();
    if (tag.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QFont font = tagFont(option.font);
    const QFontMetrics metrics(font);
    const int tagWidth = metrics.horizontalAdvance(tag) + 2 * kTagPaddingX;

    // The code gets the cell minus the tag's room.
    QStyleOptionViewItem textOption = option;
    // The row's selection colour marks the current symbol; a focus frame on one cell is noise.
    textOption.state &= ~QStyle::State_HasFocus;
    textOption.rect.setRight(option.rect.right() - tagWidth - kTagMarginRight);
    QStyledItemDelegate::paint(painter, textOption, index);

    const int tagHeight = metrics.height();
    const QRect tagRect(option.rect.right() - kTagMarginRight - tagWidth + 1,
        option.rect.center().y() - tagHeight / 2, tagWidth, tagHeight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_tagColor, 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(tagRect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    painter->setFont(font);
    painter->drawText(tagRect, Qt::AlignCenter, tag);
    painter->restore();
}

int SourceTagDelegate::tagWidth(const QFont &font, const QString &tag)
{
    return tag.isEmpty() ? 0
                         : QFontMetrics(tagFont(font)).horizontalAdvance(tag) + 2 * kTagPaddingX
            + kTagMarginRight + 4;
}

int SourceTagDelegate::widthFor(const QFont &codeFont, const QString &code, const QString &tag)
{
    // QStyledItemDelegate's text margin: the focus frame's, each side, plus one.
    const int margin = QApplication::style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
    return QFontMetrics(codeFont).horizontalAdvance(code) + 2 * margin
        + tagWidth(codeFont, tag.toUpper());
}

QSize SourceTagDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString tag = index.data(WatchlistModel::SourceRole).toString().toUpper();
    size.rwidth() += tagWidth(option.font, tag);
    return size;
}

}  // namespace wick
