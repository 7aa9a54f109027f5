#include "search/SymbolSearchDelegate.h"

#include <algorithm>

#include <QPainter>

#include "search/SymbolSearchModel.h"

namespace wick {

namespace {

constexpr int kPadX = 10;
constexpr int kCheckWidth = 18;
constexpr int kCodeMinWidth = 112;
constexpr int kGap = 10;
constexpr int kTagPadX = 5;
constexpr int kDetailMaxWidth = 150;

QFont tagFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(std::max(6.5, base.pointSizeF() * 0.72));
    font.setWeight(QFont::Bold);
    font.setLetterSpacing(QFont::PercentageSpacing, 105);
    return font;
}

}  // namespace

void SymbolSearchDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(r, m_theme.highlight);

    if (index.data(SymbolSearchModel::MessageRole).toBool()) {
        QFont font = option.font;
        font.setItalic(true);
        painter->setFont(font);
        painter->setPen(m_theme.mutedText);
        painter->drawText(r.adjusted(kPadX + kCheckWidth, 0, -kPadX, 0),
            Qt::AlignVCenter | Qt::AlignLeft,
            option.fontMetrics.elidedText(
                index.data().toString(), Qt::ElideRight, r.width() - 2 * kPadX - kCheckWidth));
        painter->restore();
        return;
    }

    const QString code = index.data(SymbolSearchModel::CodeRole).toString();
    const QString name = index.data(SymbolSearchModel::NameRole).toString();
    const QString detail = index.data(SymbolSearchModel::DetailRole).toString();
    const QString tag = index.data(SymbolSearchModel::SourceRole).toString().toUpper();
    const bool simulated = index.data(SymbolSearchModel::SimulatedRole).toBool();
    const bool watched = index.data(SymbolSearchModel::WatchedRole).toBool();

    int x = r.left() + kPadX;
    if (watched) {
        painter->setPen(m_theme.up);
        painter->setFont(option.font);
        painter->drawText(
            QRect(x, r.top(), kCheckWidth, r.height()), Qt::AlignCenter, QStringLiteral("\u2713"));
    }
    x += kCheckWidth;

    // Right side first: the tag, then the detail to its left.
    const QFont small = tagFont(option.font);
    const QFontMetrics smallMetrics(small);
    const int tagWidth = smallMetrics.horizontalAdvance(tag) + 2 * kTagPadX;
    const int tagHeight = smallMetrics.height() + 2;
    const QRect tagRect(
        r.right() - kPadX - tagWidth + 1, r.center().y() - tagHeight / 2 + 1, tagWidth, tagHeight);
    const QColor tagColor = simulated ? m_theme.demoBadge : m_theme.mutedText;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(tagColor, 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(tagRect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    painter->setFont(small);
    painter->drawText(tagRect, Qt::AlignCenter, tag);

    const QFontMetrics metrics = option.fontMetrics;
    const QString detailText = metrics.elidedText(detail, Qt::ElideRight, kDetailMaxWidth);
    const int detailWidth = metrics.horizontalAdvance(detailText);
    const int detailRight = tagRect.left() - kGap;
    painter->setFont(option.font);
    painter->setPen(simulated ? m_theme.demoBadge : m_theme.mutedText);
    painter->drawText(QRect(detailRight - detailWidth, r.top(), detailWidth, r.height()),
        Qt::AlignVCenter | Qt::AlignRight, detailText);

    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const int codeWidth = std::max(kCodeMinWidth, boldMetrics.horizontalAdvance(code) + kGap);
    painter->setFont(bold);
    painter->setPen(m_theme.text);
    painter->drawText(
        QRect(x, r.top(), codeWidth, r.height()), Qt::AlignVCenter | Qt::AlignLeft, code);
    x += codeWidth;

    const int nameWidth = detailRight - detailWidth - kGap - x;
    if (nameWidth > 20) {
        painter->setFont(option.font);
        painter->setPen(m_theme.mutedText);
        painter->drawText(QRect(x, r.top(), nameWidth, r.height()),
            Qt::AlignVCenter | Qt::AlignLeft, metrics.elidedText(name, Qt::ElideRight, nameWidth));
    }
    painter->restore();
}

QSize SymbolSearchDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index);
    return QSize(400, option.fontMetrics.height() + 12);
}

}  // namespace wick
