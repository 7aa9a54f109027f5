// ui/watchlist: the watchlist panel -- a sortable table over WatchlistModel, a
// "+" menu of symbols not yet listed, a context menu and Delete to remove, and
// a header menu to hide and show columns (the app keeps which are hidden).
// Narrow by default (about 300 px), so the chart has the room: fixed number
// columns, the feed state as a dot, long codes elided. Says which symbol the
// user picked; UI thread only.
#pragma once

#include <memory>

#include <QStringList>
#include <QWidget>

#include "model/Types.h"
#include "theme/Theme.h"

class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace wick {

class FeedStateDelegate;
class SourceTagDelegate;
class SymbolRegistry;
class WatchlistModel;

class WatchlistView : public QWidget
{
    Q_OBJECT

public:
    WatchlistView(
        std::shared_ptr<SymbolRegistry> symbols, WatchlistModel *model, QWidget *parent = nullptr);

    // Makes a symbol's row current without announcing it again.
    void selectSymbol(SymbolId id);
    void setTheme(const Theme &theme);
    QTableView *table() const { return m_table; }
    // Wide enough for the columns shown and a symbol with its source tag (the dock's default).
    int naturalWidth() const;
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    // The columns the trader hid, by WatchlistModel::columnKey ("volume",
    // "quality"); unknown keys and the symbol column are ignored. Until the
    // trader chooses, defaultHiddenColumns() are hidden: the day's volume and
    // the quality score (the data-health window has it too) make the panel a
    // third wider, and the feed's dot already says whether a row is live.
    QStringList hiddenColumns() const;
    void setHiddenColumns(const QStringList &keys);
    static QStringList defaultHiddenColumns();
    void setColumnHidden(int column, bool hidden);
    // The header's menu: a checkable entry per column but the symbol (the caller owns it).
    QMenu *createHeaderMenu(QWidget *parent);

signals:
    void symbolActivated(wick::SymbolId id);
    // "Find symbol..." in the add menu: the window opens its symbol search.
    void searchRequested();
    // A column was hidden or shown.
    void columnsChanged();
    // The row menu's "Add alert for <code>": the symbol and its last price (0 when none yet).
    void alertRequested(wick::SymbolId id, double last);

private:
    void fillAddMenu(QMenu *menu);
    void showContextMenu(const QPoint &pos);
    void removeCurrent();
    SymbolId currentSymbol() const;

    std::shared_ptr<SymbolRegistry> m_symbols;
    WatchlistModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QToolButton *m_addButton;
    SourceTagDelegate *m_tagDelegate;
    FeedStateDelegate *m_feedDelegate;
    bool m_selecting = false;
};

}  // namespace wick
