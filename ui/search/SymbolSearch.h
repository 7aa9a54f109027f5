// ui/search: the Ctrl+K symbol search -- a popup with a query line and a ranked
// result list over every source's symbols, to add one to the watchlist.
// UI thread only. The app registers the shortcut and answers symbolChosen.
//
// Matching is case-insensitive; codes match without separators ("brk-b" finds
// BRK.B) and "source:query" searches one source. Ranking: exact code, code
// prefix, a word of the name starting with the query (the base asset: "btc"
// finds "BTC / USDT", not "WBTC / USDT"), then any substring of code or name.
// Equal matches go by source order (first setCandidates first), then quote
// (USDT, FDUSD, USDC, USD, BTC, ETH, BNB, EUR, then the rest), then code. At most
// SymbolSearchModel::kMaxRows results are listed.
// Keys: Up/Down/PageUp/PageDown move, Enter or a double click chooses (and
// closes), Esc closes; a click outside closes too.
#pragma once

#include <vector>

#include <QFrame>
#include <QStringList>

#include "search/SearchCandidate.h"
#include "theme/Theme.h"

class QLabel;
class QLineEdit;
class QListView;

namespace wick {

class SymbolSearchDelegate;
class SymbolSearchModel;

class SymbolSearch : public QFrame
{
    Q_OBJECT

public:
    // A popup window over `parent`'s window (it centres itself there in popup()).
    explicit SymbolSearch(QWidget *parent = nullptr);

    // Replaces one source's candidates (~3,000 for Binance, 9 for the demo).
    // Call it with an empty list when a source starts loading: the list then
    // says "Binance symbols are loading…" until the real list arrives.
    void setCandidates(const QString &source, std::vector<SearchCandidate> candidates);
    // Keys already in the watchlist ("binance:BTCUSDT"): marked with a check.
    void setWatched(const QStringList &keys);
    // Sources whose data is simulated (default: "demo"): their tag is in the demo colour.
    void setSimulatedSources(const QStringList &sources);
    void setTheme(const Theme &theme);
    // Shows the popup centred near the top of the parent window, focuses the
    // query and selects its text (the last query stays, ready to be overtyped).
    void popup();

    // For tests.
    QLineEdit *queryEdit() const { return m_query; }
    QListView *resultView() const { return m_list; }
    SymbolSearchModel *model() const { return m_model; }
    QStringList visibleKeys() const;  // the listed symbols, in order (message lines left out)
    QStringList messages() const;  // "Binance symbols are loading…", "No symbol matches 'x'"
    QString currentKey() const;  // the highlighted symbol; empty when none

signals:
    // The user picked a symbol (Enter or double click); the popup has closed.
    void symbolChosen(const QString &key);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void queryChanged(const QString &text);
    void moveCurrent(int delta);
    void selectFirst();
    void choose(int row);
    void updateFooter();

    SymbolSearchModel *m_model;
    SymbolSearchDelegate *m_delegate;
    QLineEdit *m_query;
    QListView *m_list;
    QLabel *m_hint;
    QLabel *m_count;
};

}  // namespace wick
