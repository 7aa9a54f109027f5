// ui/watchlist: the watchlist panel -- a sortable table over WatchlistModel, a
// "+" menu of symbols not yet listed, a context menu and Delete to remove.
// Says which symbol the user picked; UI thread only.
#pragma once

#include <memory>

#include <QWidget>

#include "model/Types.h"
#include "theme/Theme.h"

class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace wick {

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
    // Wide enough for every column and a symbol with its source tag (the dock's default).
    int naturalWidth() const;
    QSortFilterProxyModel *proxy() const { return m_proxy; }

signals:
    void symbolActivated(wick::SymbolId id);
    // "Find symbol..." in the add menu: the window opens its symbol search.
    void searchRequested();

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
    bool m_selecting = false;
};

}  // namespace wick
