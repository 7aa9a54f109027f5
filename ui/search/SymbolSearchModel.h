// ui/search: the search box's result list -- every source's candidates in one
// lowercase index, filtered and ranked per keystroke without sorting (the index is
// kept in tie order, so a pass that drops hits into rank buckets is already
// ordered). Rows are results, plus message lines that cannot be selected: a
// source still loading, or nothing matching. UI thread only.
#pragma once

#include <array>
#include <vector>

#include <QAbstractListModel>
#include <QSet>
#include <QStringList>

#include "search/SearchCandidate.h"

namespace wick {

class SymbolSearchModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        SourceRole,  // "binance"
        CodeRole,
        NameRole,
        DetailRole,
        WatchedRole,  // bool: already in the watchlist
        SimulatedRole,  // bool: a simulated source (demo)
        MessageRole,  // bool: a message line, not a symbol
    };
    static constexpr int kMaxRows = 200;

    explicit SymbolSearchModel(QObject *parent = nullptr);

    // Replaces one source's candidates; an empty list means "still loading".
    void setCandidates(const QString &source, std::vector<SearchCandidate> candidates);
    void setWatched(const QStringList &keys);
    void setSimulatedSources(const QStringList &sources);
    // Quote assets ranked first among equal matches ("btc": BTCUSDT before BTCBRL).
    void setPreferredQuotes(const QStringList &quotes);
    void setQuery(const QString &query);

    QString query() const { return m_query; }
    int matchCount() const { return m_matchCount; }  // before the kMaxRows cap
    int candidateCount() const { return static_cast<int>(m_entries.size()); }
    QStringList visibleKeys() const;
    QStringList messages() const;
    bool isMessage(int row) const;
    QString keyAt(int row) const;  // empty for a message line

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // "binance" -> "Binance": how a source is named in message lines.
    static QString sourceTitle(const QString &source);

private:
    struct Source {
        QString name;
        std::vector<SearchCandidate> candidates;
    };
    // One candidate, lowercased once; m_entries is sorted by source, quote rank, code.
    struct Entry {
        int source = 0;
        int candidate = 0;
        int quoteRank = 0;
        QString code;  // lowercase, separators removed: "brk-b" -> "brkb"
        QString base;  // the name's part before '/', the same way: "btc"
        QString name;  // lowercase
        QString nameHead;  // lowercase; a pair's base part ("btc "), else the whole name
    };
    struct Row {
        int entry = -1;  // -1: a message line
        QString message;
    };

    void rebuildIndex();
    void refilter();
    const SearchCandidate &candidate(const Entry &entry) const;
    int rank(const Entry &entry, QStringView query, QStringView compact) const;

    std::vector<Source> m_sources;  // in the order they first appeared
    std::vector<Entry> m_entries;
    std::array<std::vector<int>, 5> m_buckets;  // reused per keystroke: entry indices by rank
    std::vector<Row> m_rows;
    QSet<QString> m_watched;
    QStringList m_simulated;
    QStringList m_preferredQuotes;
    QString m_query;
    int m_matchCount = 0;
};

}  // namespace wick
