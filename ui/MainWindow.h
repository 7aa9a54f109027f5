// ui: MainWindow, Wick's terminal window -- watchlist dock, chart, status bar,
// menus and themes. Owns the UI's settings; talks to the engine only through
// queued calls and its snapshotReady signal. UI thread only.
#pragma once

#include <memory>

#include <QMainWindow>
#include <QPointer>

#include "engine/MarketSnapshot.h"
#include "feeds/Feed.h"
#include "model/Timeframe.h"
#include "theme/Theme.h"

class QAction;
class QDockWidget;
class QLabel;
class QSettings;

namespace wick {

class ChartView;
class MarketEngine;
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

    // Shows this feed's source and state in the status bar (the feed lives on
    // another thread; its state is read there and posted back).
    void setFeed(Feed *feed);

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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void restoreSettings();
    void applySnapshot(const MarketSnapshotPtr &snapshot);
    void showFeedState(FeedState state, const QString &detail);
    void showLastTrade(TimeMs time);
    void updateTitle();
    void showAbout();

    std::shared_ptr<SymbolRegistry> m_symbols;
    MarketEngine *m_engine;
    std::unique_ptr<QSettings> m_settings;
    Theme m_theme;

    ChartView *m_chart;
    WatchlistModel *m_watchlistModel;
    WatchlistView *m_watchlistView;
    QDockWidget *m_watchlistDock;
    QAction *m_darkThemeAction = nullptr;
    QAction *m_lightThemeAction = nullptr;

    QPointer<Feed> m_feed;
    QString m_feedSource;
    FeedState m_feedState = FeedState::Offline;
    QString m_feedDetail;
    QLabel *m_feedLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    TimeMs m_lastTradeTime = 0;
};

}  // namespace wick
