// ui: MainWindow, Wick's terminal window -- watchlist dock, chart, status bar,
// menus and themes. Owns the UI's settings; talks to the engine only through
// queued calls and its snapshotReady signal. UI thread only.
#pragma once

#include <map>
#include <memory>
#include <optional>

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "engine/MarketSnapshot.h"
#include "feeds/Feed.h"
#include "model/Timeframe.h"
#include "storage/StorageService.h"
#include "theme/Theme.h"

#include <QMessageBox>

class QAction;
class QDockWidget;
class QLabel;
class QSettings;
class QTimer;

namespace wick {

class ChartView;
class DataHealthWindow;
class MarketEngine;
class SymbolSearch;
class SymbolRegistry;
class WatchlistModel;
class WatchlistView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine,
        std::unique_ptr<QSettings> settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows a source's state in the status bar and on its symbols' watchlist
    // rows, next to the sources shown before (a new one starts as Connecting).
    void showFeedState(const QString &source, FeedState state, const QString &detail);
    // The state last shown for a source (Offline when unknown), for tests.
    FeedState feedState(const QString &source) const;
    QString feedStatusText() const;

    void selectSymbol(SymbolId id);
    bool selectSymbol(const QString &key);
    void setTimeframe(Timeframe timeframe);
    void setTheme(Theme::Kind kind);

    SymbolId currentSymbol() const;
    Timeframe currentTimeframe() const;
    Theme::Kind currentTheme() const { return m_theme.kind; }
    ChartView *chart() const { return m_chart; }
    WatchlistModel *watchlistModel() const { return m_watchlistModel; }
    WatchlistView *watchlistView() const { return m_watchlistView; }

    // Writes geometry, docks, symbol, timeframe, indicators, theme and watchlist (also on
    // close, destruction and aboutToQuit: screenshot mode quits without closing).
    void saveSettings();
    // Re-applies the saved dock layout once docks made after the window exist
    // (the alerts dock): their sizes, not only their places.
    void restoreDockLayout();

    // The data side of the session, kept in the cache (the ini file keeps a copy
    // for a cache that cannot be opened): the watchlist, and the chart's state
    // (ChartState as JSON) under the key below.
    static QString chartStateSettingKey();
    QHash<QString, QString> sessionSettings() const;
    QStringList watchlistKeys() const;
    // Applies what the cache remembered; absent entries keep what the ini gave.
    void restoreSession(
        const std::optional<QStringList> &watchlist, const QHash<QString, QString> &settings);

    // The cache's state in the status bar: saving false shows that history is
    // kept in memory only, why, and that it is being retried.
    void showStorageState(bool saving, const QString &reason, qint64 pendingBars);
    // Tells the user (without blocking) that a damaged cache was moved aside.
    void showCacheMovedAside(const QString &cachePath, const QString &movedTo);
    // The storage notice shown in the status bar ("" when saving normally).
    QString storageNotice() const;
    // The last message about the cache file shown to the user (for tests).
    QString cacheMessage() const { return m_cacheMessage; }
    // The last import or export summary shown to the user (for tests).
    QString lastFileMessage() const { return m_fileMessage; }

    // File > Import / Export: the dialogs end in these requests (the work runs
    // on the storage thread) and the answers come back to the show* slots.
    void requestImport(const QString &path, const QString &symbolKey, Timeframe timeframe);
    void requestExport(const QString &path);
    void showImportReport(const CsvImportReport &report);
    void showExportResult(const QString &path, qint64 barCount, const QString &error);
    // Adds a symbol to the watchlist (if missing) and shows it.
    void addAndShow(SymbolId id);

    // View > Data Health (a separate window, fed by the app once a second).
    DataHealthWindow *dataHealth() const { return m_dataHealth; }
    void showDataHealth();
    // View > Find Symbol (Ctrl+K): the app feeds it each source's symbols and
    // handles symbolChosen; the demo's symbols are added here.
    SymbolSearch *symbolSearch() const { return m_symbolSearch; }
    void openSymbolSearch();
    // The closed bars of the shown series, as the last snapshot had them.
    const BarSeries &shownBars() const { return m_shownBars; }

signals:
    // The watchlist, symbol, timeframe or indicators changed.
    void sessionChanged();
    // View > API Keys...
    void apiKeysRequested();
    void importCsvRequested(
        const QString &path, const QString &symbolKey, wick::Timeframe timeframe);
    void exportCsvRequested(const QString &path, const wick::BarSeries &bars);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void restoreSettings();
    void applySnapshot(const MarketSnapshotPtr &snapshot);
    void updateFeedLabel();
    void showLastTrade(TimeMs time);
    void refreshStatusCounters();
    void updateTitle();
    void showAbout();
    void openImportDialog();
    void openExportDialog();
    void showNotice(QMessageBox::Icon icon, const QString &title, const QString &text);

    std::shared_ptr<SymbolRegistry> m_symbols;
    MarketEngine *m_engine;
    std::unique_ptr<QSettings> m_settings;
    Theme m_theme;

    ChartView *m_chart;
    WatchlistModel *m_watchlistModel;
    WatchlistView *m_watchlistView;
    QDockWidget *m_watchlistDock;
    DataHealthWindow *m_dataHealth = nullptr;
    SymbolSearch *m_symbolSearch = nullptr;
    QAction *m_darkThemeAction = nullptr;
    QAction *m_lightThemeAction = nullptr;

    struct FeedStatus {
        FeedState state = FeedState::Connecting;
        QString detail;
    };
    std::map<QString, FeedStatus> m_feeds;  // by source
    QLabel *m_feedLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    QLabel *m_storageLabel = nullptr;
    QString m_cacheMessage;
    QString m_fileMessage;
    BarSeries m_shownBars;
    SymbolId m_shownBarsSymbol = kInvalidSymbol;
    Timeframe m_shownBarsTimeframe = Timeframe::M1;
    TimeMs m_lastTradeTime = 0;
    TimeMs m_pendingTradeTime = 0;  // the shown symbol's newest trade, not yet in the status bar
    double m_ticksPerSecond = 0.0;
    std::uint64_t m_totalTicks = 0;
    QTimer *m_statusTimer = nullptr;
};

}  // namespace wick
