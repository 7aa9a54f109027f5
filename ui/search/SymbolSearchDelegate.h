// ui/search: paints one result line of the symbol search -- a check for a
// watched symbol, the code, the name, the detail and the source as a small tag
// (simulated sources in the demo colour) -- and message lines in muted italics.
// On the UI thread, like its view.
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

#include "theme/Theme.h"

namespace wick {

class SymbolSearchDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setTheme(const Theme &theme) { m_theme = theme; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    Theme m_theme = Theme::dark();
};

}  // namespace wick
