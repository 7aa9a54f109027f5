// ui/watchlist: draws the symbol cell with its source as a small tag ("DEMO"),
// so simulated data never reads as a real quote. UI thread only.
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace wick {

class SourceTagDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setTagColor(const QColor &color) { m_tagColor = color; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The width a symbol cell needs for this code (in codeFont) and source tag:
    // the code with the item's text margins, the tag and its margins.
    static int widthFor(const QFont &codeFont, const QString &code, const QString &tag);

private:
    static int tagWidth(const QFont &font, const QString &tag);

    QColor m_tagColor = QColor(0xf5, 0x9e, 0x0b);
};

}  // namespace wick
