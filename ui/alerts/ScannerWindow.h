// ui/alerts/ScannerWindow: the scanner -- one alert condition over every
// watchlist symbol on a chosen timeframe, as a live table (symbol, condition,
// value, since when true, bars), sortable, a double-click asks for the chart
// at the newest bar. It subscribes to each symbol's series on the engine
// (queued), keeps the newest kBars closed bars of each from the snapshots, and
// evaluates them (AlertScan, the alerts' own path) on the thread pool when the
// engine's update of a watched series changed its closed bars (a bar closed,
// history arrived or was replaced: a scan reads closed bars only, so a forming
// bar's trades change nothing) and after a change of condition, timeframe or
// symbols -- coalesced: a scan starts at most every kMinRescanMs, with every
// change meanwhile. The UI thread only copies bounded bars and fills the
// table. UI thread.
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include <QElapsedTimer>
#include <QWidget>

#include "alerts/AlertScan.h"
#include "engine/MarketSnapshot.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace wick {

class MarketEngine;
class SymbolRegistry;

class ScannerWindow final : public QWidget
{
    Q_OBJECT

public:
    static constexpr std::size_t kBars = 500;
    static constexpr int kMinRescanMs = 250;  // at most 4 scans a second

    ScannerWindow(
        std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine, QWidget *parent = nullptr);
    ~ScannerWindow() override;

    // The symbols scanned (the watchlist's keys).
    void setSymbols(const QStringList &keys);
    void setCondition(const QString &text);
    void setTimeframe(Timeframe timeframe);
    QTableWidget *table() const { return m_table; }
    // The last scan's results (every symbol with bars), for tests.
    const std::vector<ScanResult> &results() const { return m_results; }
    int scans() const { return m_scans; }

signals:
    void openChart(const QString &symbol, wick::Timeframe timeframe, wick::TimeMs barTime);
    void scanned();

private:
    void subscribeAll();
    void unsubscribeAll();
    void onSnapshot(const MarketSnapshotPtr &snapshot);
    // A scan now, or at kMinRescanMs after the last one began.
    void scheduleRescan();
    void rescan();
    void showResults(std::vector<ScanResult> results, const QString &error);

    std::shared_ptr<SymbolRegistry> m_symbols;
    MarketEngine *m_engine;
    QLineEdit *m_condition;
    QComboBox *m_timeframe;
    QLabel *m_status;
    QTableWidget *m_table;
    QTimer *m_timer;  // single shot: the coalesced rescan
    std::vector<SymbolId> m_ids;  // subscribed at m_subscribedTf
    Timeframe m_subscribedTf = Timeframe::M1;
    std::unordered_map<SymbolId, SeriesSnapshot> m_bars;  // newest snapshot (its closed bars)
    QElapsedTimer m_sinceScan;  // since the last scan began
    std::vector<ScanResult> m_results;
    std::shared_ptr<bool> m_alive;
    bool m_running = false;
    bool m_again = false;
    int m_scans = 0;
};

}  // namespace wick
