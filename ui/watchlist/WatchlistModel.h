// ui/watchlist: the watchlist's table -- which symbols the user follows, in
// order, with their last quote. Fed the engine's quotes from each snapshot;
// UI thread only.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

#include "engine/MarketSnapshot.h"
#include "model/Symbol.h"
#include "theme/Theme.h"

class QTimer;

namespace wick {

class SymbolRegistry;

class WatchlistModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SymbolColumn, LastColumn, ChangeColumn, VolumeColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,  // numbers as numbers, for QSortFilterProxyModel
        SymbolIdRole,
        SymbolKeyRole,
        SourceRole,  // "demo", "binance": drawn as a tag next to the code
    };

    explicit WatchlistModel(std::shared_ptr<SymbolRegistry> symbols, QObject *parent = nullptr);
    ~WatchlistModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the list with these "source:CODE" keys. Keys the registry does not
    // know (a source not running now) are kept for symbolKeys(), not shown.
    void setSymbolKeys(const QStringList &keys);
    QStringList symbolKeys() const;
    bool addSymbol(SymbolId id);
    bool removeSymbol(SymbolId id);
    bool contains(SymbolId id) const { return m_rowOf.contains(id); }
    SymbolId symbolAt(int row) const;
    int rowOf(SymbolId id) const { return m_rowOf.value(id, -1); }
    // The latest quote seen for a symbol, listed or not.
    std::optional<Quote> quote(SymbolId id) const;

    // Folds in a snapshot's quotes (one dataChanged for the rows touched).
    void applyQuotes(const std::vector<Quote> &quotes);
    void setTheme(const Theme &theme);

    // How long Last keeps the colour of its move after a change.
    static constexpr int kFlashMs = 600;

private:
    struct Row {
        SymbolId id = kInvalidSymbol;
        Symbol symbol;
        int decimals = 2;
        qint64 flashUntil = 0;  // m_clock time
        int flashDirection = 0;  // +1 up, -1 down
    };

    void rebuildIndex();
    void expireFlashes();
    QString toolTip(const Row &row) const;
    const Quote *quoteOf(SymbolId id) const;

    std::shared_ptr<SymbolRegistry> m_symbols;
    std::vector<Row> m_rows;
    QHash<SymbolId, int> m_rowOf;
    // The latest quote of every symbol, listed or not, so an added symbol shows at once.
    QHash<SymbolId, Quote> m_quotes;
    QStringList m_unresolvedKeys;
    Theme m_theme;
    QElapsedTimer m_clock;
    QTimer *m_flashTimer;
};

}  // namespace wick
