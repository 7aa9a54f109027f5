// ui/watchlist: the watchlist's table -- which symbols the user follows, in
// order, with their last quote, and how far their data can be trusted: the
// state of the feed each symbol comes from (or the symbol's own error) and its
// quality score. Fed the engine's quotes from each snapshot and the feeds'
// states and scores by the app; UI thread only.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

#include "engine/MarketSnapshot.h"
#include "feeds/Feed.h"
#include "model/Symbol.h"
#include "theme/Theme.h"

class QTimer;

namespace wick {

class SymbolRegistry;

class WatchlistModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SymbolColumn,
        LastColumn,
        ChangeColumn,
        VolumeColumn,
        // The source's state ("Live", "Reconnecting") or the symbol's error; the
        // view draws it as a dot (FeedStateDelegate), so its header is blank.
        FeedColumn,
        QualityColumn,  // share of checks passed over the validator's window
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // numbers as numbers, for QSortFilterProxyModel
        SymbolIdRole,
        SymbolKeyRole,
        SourceRole,  // "demo", "binance": drawn as a tag next to the code
        FeedLiveRole,  // the Feed cell: true while the source is live and the symbol fine
    };

    explicit WatchlistModel(std::shared_ptr<SymbolRegistry> symbols, QObject *parent = nullptr);
    ~WatchlistModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // A column's name as the trader reads it ("Vol", "Feed"), also where its
    // header shows none, and its key in the settings ("volume", "feed").
    static QString columnName(int column);
    static QString columnKey(int column);
    static int columnOfKey(const QString &key);  // -1: none

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

    // The price a symbol's Chg % is measured against when its feed gives one
    // (Binance: the 24 h ticker's open; `what` = "24 h"); without one, Chg % is
    // against the quote's previous daily close. Non-positive prices are refused.
    void setChangeReference(SymbolId id, double price, const QString &what);
    std::optional<double> changeReference(SymbolId id) const;

    // Folds in a snapshot's quotes (one dataChanged for the rows touched).
    void applyQuotes(const std::vector<Quote> &quotes);

    // The state of a source's feed, shown on each of its symbols' rows.
    void setSourceState(const QString &source, FeedState state, const QString &detail);
    std::optional<FeedState> sourceState(const QString &source) const;
    // A symbol the source refused ("Invalid symbol"): shown instead of the feed
    // state until cleared with an empty message.
    void setSymbolIssue(SymbolId id, const QString &message);
    QString symbolIssue(SymbolId id) const { return m_issues.value(id); }
    // Quality scores in [0, 1] (the validator's rolling share of checks passed);
    // symbols without one (simulated data, never validated) show a dash.
    void setQualityScores(const QHash<SymbolId, double> &scores);
    std::optional<double> qualityScore(SymbolId id) const;
    // Shows the keys setSymbolKeys could not resolve whose symbols the registry
    // knows by now (a source that started later), in their saved order at the end.
    void resolvePendingKeys();
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
    QVariant feedData(const Row &row, int role) const;
    // The Chg % header's tooltip: what the change is measured against, per asset class.
    static QString changeToolTip();
    // Chg % of a row: against the feed's reference if any, else the previous close.
    double changePercentOf(SymbolId id, const Quote *quote) const;
    QString changeCellToolTip(const Row &row, const Quote *quote) const;
    QVariant qualityData(const Row &row, int role) const;
    void emitColumnChanged(int column);
    const Quote *quoteOf(SymbolId id) const;

    std::shared_ptr<SymbolRegistry> m_symbols;
    std::vector<Row> m_rows;
    QHash<SymbolId, int> m_rowOf;
    // The latest quote of every symbol, listed or not, so an added symbol shows at once.
    QHash<SymbolId, Quote> m_quotes;
    QStringList m_unresolvedKeys;
    struct SourceState {
        FeedState state = FeedState::Offline;
        QString detail;
    };
    QHash<QString, SourceState> m_sourceStates;
    QHash<SymbolId, QString> m_issues;
    QHash<SymbolId, double> m_scores;
    struct ChangeReference {
        double price = 0.0;
        QString what;
    };
    QHash<SymbolId, ChangeReference> m_references;
    Theme m_theme;
    QElapsedTimer m_clock;
    QTimer *m_flashTimer;
};

}  // namespace wick
