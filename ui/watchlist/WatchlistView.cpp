#include "watchlist/WatchlistView.h"

#include <algorithm>
#include <iterator>

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "model/SymbolRegistry.h"
#include "watchlist/FeedStateDelegate.h"
#include "watchlist/SourceTagDelegate.h"
#include "watchlist/WatchlistModel.h"

namespace wick {

namespace {

constexpr int kColumnPaddingPx = 4;  // air beside a cell's widest usual value
constexpr int kHeaderPaddingPx = 5;  // QHeaderView::section's padding in setTheme()

}  // namespace

WatchlistView::WatchlistView(
    std::shared_ptr<SymbolRegistry> symbols, WatchlistModel *model, QWidget *parent)
    : QWidget(parent)
    , m_symbols(std::move(symbols))
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_addButton(new QToolButton(this))
    , m_tagDelegate(new SourceTagDelegate(this))
    , m_feedDelegate(new FeedStateDelegate(this))
{
    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("watchlistHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(8, 2, 4, 2);
    auto *title = new QLabel(tr("Watchlist"), header);
    title->setObjectName(QStringLiteral("watchlistTitle"));
    headerLayout->addWidget(title);
    headerLayout->addStretch(1);
    m_addButton->setText(QStringLiteral("+"));
    m_addButton->setToolTip(tr("Add symbol"));
    m_addButton->setAutoRaise(true);
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(m_addButton);
    connect(addMenu, &QMenu::aboutToShow, this, [this, addMenu] { fillAddMenu(addMenu); });
    m_addButton->setMenu(addMenu);
    headerLayout->addWidget(m_addButton);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(WatchlistModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(WatchlistModel::SymbolColumn, m_tagDelegate);
    m_table->setItemDelegateForColumn(WatchlistModel::FeedColumn, m_feedDelegate);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);  // the user's order until a header is clicked
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    // Fixed number columns: ResizeToContents would measure every row on every quote.
    columns->setSectionResizeMode(WatchlistModel::SymbolColumn, QHeaderView::Stretch);
    // Each as wide as its widest usual value (with the cell's text margins and
    // a little air) or its header (with the header's padding, kHeaderPaddingPx
    // each side as the style sheet sets it), so the watchlist leaves the chart the room.
    const QFontMetrics metrics(font());
    const int cellMargin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
    const auto fit = [&](const QString &value, const QString &header) {
        return std::max(metrics.horizontalAdvance(value) + 2 * cellMargin + kColumnPaddingPx,
            metrics.horizontalAdvance(header) + 2 * kHeaderPaddingPx + 2);
    };
    // Feed: a dot (its state in the tooltip) under a blank header.
    const int widths[] = {0, fit(QStringLiteral("999,999.99"), tr("Last")),
        fit(QStringLiteral("\u221299.99%"), tr("Chg %")), fit(QStringLiteral("999.9K"), tr("Vol")),
        FeedStateDelegate::dotSize(font()) + 2 * cellMargin + kColumnPaddingPx,
        fit(QStringLiteral("100.0 %"), tr("Quality"))};
    static_assert(std::size(widths) == WatchlistModel::ColumnCount);
    for (int c = WatchlistModel::LastColumn; c < WatchlistModel::ColumnCount; ++c) {
        columns->setSectionResizeMode(c, QHeaderView::Fixed);
        columns->resizeSection(c, widths[c]);
    }

    for (const QString &key : defaultHiddenColumns())
        m_table->setColumnHidden(WatchlistModel::columnOfKey(key), true);
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(
        columns, &QWidget::customContextMenuRequested, this, [this, columns](const QPoint &pos) {
            QMenu *menu = createHeaderMenu(this);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(columns->mapToGlobal(pos));
        });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_table, 1);

    auto *removeAction = new QAction(tr("Remove from watchlist"), m_table);
    removeAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(removeAction, &QAction::triggered, this, &WatchlistView::removeCurrent);
    m_table->addAction(removeAction);

    connect(m_table, &QWidget::customContextMenuRequested, this, &WatchlistView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (m_selecting || !current.isValid())
                return;
            const SymbolId id = currentSymbol();
            if (id != kInvalidSymbol)
                emit symbolActivated(id);
        });
}

SymbolId WatchlistView::currentSymbol() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return kInvalidSymbol;
    return m_model->symbolAt(m_proxy->mapToSource(current).row());
}

int WatchlistView::naturalWidth() const
{
    const QHeaderView *columns = m_table->horizontalHeader();
    int width = 0;
    for (int c = WatchlistModel::LastColumn; c < WatchlistModel::ColumnCount; ++c) {
        if (!columns->isSectionHidden(c))
            width += columns->sectionSize(c);
    }
    // The symbol: a usual code (bold, as the model draws it) and its source
    // tag; longer codes are elided.
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    width
        += SourceTagDelegate::widthFor(bold, QStringLiteral("BTCUSDT"), QStringLiteral("binance"));
    return width + m_table->frameWidth() * 2 + m_table->verticalScrollBar()->sizeHint().width();
}

QStringList WatchlistView::hiddenColumns() const
{
    QStringList keys;
    for (int c = WatchlistModel::LastColumn; c < WatchlistModel::ColumnCount; ++c) {
        if (m_table->isColumnHidden(c))
            keys.append(WatchlistModel::columnKey(c));
    }
    return keys;
}

QStringList WatchlistView::defaultHiddenColumns()
{
    return {WatchlistModel::columnKey(WatchlistModel::VolumeColumn),
        WatchlistModel::columnKey(WatchlistModel::QualityColumn)};
}

void WatchlistView::setHiddenColumns(const QStringList &keys)
{
    for (int c = WatchlistModel::LastColumn; c < WatchlistModel::ColumnCount; ++c)
        setColumnHidden(c, keys.contains(WatchlistModel::columnKey(c)));
}

void WatchlistView::setColumnHidden(int column, bool hidden)
{
    // The symbol is what a row is: it always shows.
    if (column <= WatchlistModel::SymbolColumn || column >= WatchlistModel::ColumnCount
        || m_table->isColumnHidden(column) == hidden)
        return;
    m_table->setColumnHidden(column, hidden);
    emit columnsChanged();
}

QMenu *WatchlistView::createHeaderMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    for (int c = WatchlistModel::LastColumn; c < WatchlistModel::ColumnCount; ++c) {
        QAction *action = menu->addAction(WatchlistModel::columnName(c));
        action->setObjectName(WatchlistModel::columnKey(c));
        action->setCheckable(true);
        action->setChecked(!m_table->isColumnHidden(c));
        connect(action, &QAction::toggled, this, [this, c](bool on) { setColumnHidden(c, !on); });
    }
    return menu;
}

void WatchlistView::selectSymbol(SymbolId id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index == m_table->currentIndex())
        return;
    m_selecting = true;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    m_selecting = false;
}

void WatchlistView::fillAddMenu(QMenu *menu)
{
    menu->clear();
    QAction *find = menu->addAction(tr("Find symbol\u2026"), this, &WatchlistView::searchRequested);
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    menu->addSeparator();
    std::vector<Symbol> all = m_symbols->all();
    std::stable_sort(
        all.begin(), all.end(), [](const Symbol &a, const Symbol &b) { return a.key() < b.key(); });
    for (const Symbol &symbol : all) {
        const std::optional<SymbolId> id = m_symbols->find(symbol.key());
        if (!id || m_model->contains(*id))
            continue;
        const SymbolId symbolId = *id;
        QAction *action
            = menu->addAction(QStringLiteral("%1   %2  [%3]")
                                  .arg(symbol.code, symbol.displayName, symbol.source.toUpper()));
        connect(action, &QAction::triggered, this, [this, symbolId] {
            if (m_model->addSymbol(symbolId)) {
                selectSymbol(symbolId);
                emit symbolActivated(symbolId);
            }
        });
    }
    if (menu->actions().size() == 2)
        menu->addAction(tr("Every symbol is already listed"))->setEnabled(false);
}

void WatchlistView::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    QMenu *add = menu.addMenu(tr("Add symbol"));
    fillAddMenu(add);
    const QModelIndex at = m_table->indexAt(pos);
    if (at.isValid()) {
        const SymbolId id = m_model->symbolAt(m_proxy->mapToSource(at).row());
        const QString code = m_symbols->symbol(id).code;
        menu.addAction(tr("Add alert for %1\u2026").arg(code), this, [this, id] {
            const std::optional<Quote> quote = m_model->quote(id);
            emit alertRequested(id, quote ? quote->last : 0.0);
        });
        menu.addAction(tr("Remove %1").arg(code), this, [this, id] { m_model->removeSymbol(id); });
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void WatchlistView::removeCurrent()
{
    const SymbolId id = currentSymbol();
    if (id != kInvalidSymbol)
        m_model->removeSymbol(id);
}

void WatchlistView::setTheme(const Theme &theme)
{
    m_tagDelegate->setTagColor(theme.demoBadge);
    setStyleSheet(
        QStringLiteral("QWidget#watchlistHeader { background: %1; border-bottom: 1px solid %2; }"
                       "QLabel#watchlistTitle { color: %3; font-weight: 600; }"
                       "QToolButton { color: %3; font-weight: 600; font-size: 14px; border: none;"
                       " padding: 0px 6px; }"
                       "QToolButton::menu-indicator { image: none; width: 0px; }"
                       "QToolButton:hover { background: %2; }"
                       "QTableView { background: %4; color: %3; border: none;"
                       " selection-background-color: %5; selection-color: %3; }"
                       "QHeaderView::section { background: %4; color: %6; border: none;"
                       " border-bottom: 1px solid %2; padding: 3px 5px; }")
            .arg(theme.window.name(), theme.border.name(), theme.text.name(), theme.base.name(),
                theme.highlight.name(), theme.mutedText.name()));
    m_table->viewport()->update();
}

}  // namespace wick
