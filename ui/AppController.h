// ui: AppController wires one running terminal together -- the demo feed on
// "wick-feed-demo", the Binance feed on "wick-feed-binance" (when enabled: it
// streams the Binance symbols of the watchlist and the chart, and lists every
// Binance symbol for the symbol search), the engine on "wick-engine", the cache writer on
// "wick-storage" and its reader on "wick-cache-read", and the MainWindow -- and
// runs the start-up that makes a restart instant: open the cache, restore the
// last session and paint its cached bars, and only then start the feed, which
// sends only the history the cache lacks. Closed bars flow to the cache; older
// pages flow back when the chart scrolls left. UI thread only.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <unordered_map>

#include <QElapsedTimer>
#include <QMetaObject>
#include <QObject>
#include <QSet>
#include <QString>

#include "feeds/binance/BinanceFeed.h"
#include "feeds/demo/DemoFeed.h"
#include "storage/CacheReader.h"
#include "storage/StorageService.h"

class QSettings;
class QThread;
class QTimer;

namespace wick {

class MainWindow;
class MarketEngine;
class SymbolRegistry;

// The Binance source in the app: off unless enabled (wick's main enables it
// unless --offline; tests enable it against a fake server).
struct BinanceAppConfig {
    bool enabled = false;
    // URLs, limits...; symbols are taken from the session, not from here.
    BinanceFeedConfig feed;
};

struct AppConfig {
    QString dataDir;  // holds cache.db
    DemoFeedConfig demo;
    BinanceAppConfig binance;
    // False: the feed waits for startFeed() (tests look at the cached chart first).
    bool startFeed = true;
    // 1m bars per symbol read at start-up (about five weeks), and per older page.
    int cachedMinutesPerSymbol = 50'000;
    int pageMinutes = 50'000;
    StorageServiceOptions storage;
};

class AppController final : public QObject
{
    Q_OBJECT

public:
    AppController(AppConfig config, std::unique_ptr<QSettings> settings, QObject *parent = nullptr);
    // Stops the feed, hands the engine's last closed bars to the cache, writes
    // what is pending and closes the cache, then stops the engine.
    ~AppController() override;

    MainWindow *window() const { return m_window.get(); }
    MarketEngine *engine() const { return m_engine; }
    DemoFeed *feed() const { return m_feed; }
    BinanceFeed *binanceFeed() const { return m_binance; }  // null when disabled
    // The Binance codes the feed was asked to stream (watchlist + chart).
    QStringList binanceCodes() const;
    QString cachePath() const { return m_cachePath; }
    bool sessionRestored() const { return m_sessionRestored; }
    bool feedStarted() const { return m_feedStarted; }
    // Milliseconds from construction to the first chart with candles (-1: none yet).
    qint64 firstPaintMs() const { return m_firstPaintMs; }

    // Starts the feed once the session is restored (at once if it already is).
    void startFeed();
    // Loads the page of cached 1m bars before the oldest one loaded (history
    // paging); nothing when the cache holds no older bars or a page is on its way.
    void requestOlderHistory(SymbolId symbol);
    // Adds a symbol found by the search ("binance:SOLUSDT", "demo:AAPL") to the
    // watchlist and shows it; a Binance symbol is registered and subscribed.
    bool addSymbolByKey(const QString &key);

signals:
    // The cached session has been applied: cached bars are with the engine.
    void sessionReady(int symbols, qint64 bars);
    void feedRunning();
    void olderHistoryLoaded(wick::SymbolId symbol, int bars);
    // A File > Import finished (the report was shown to the user).
    void csvImportDone(const wick::CsvImportReport &report);

private:
    struct Loaded {
        TimeMs earliest = 0;  // oldest 1m bar handed to the engine
        bool complete = false;  // the cache has nothing older
        bool pending = false;  // a page is being read
    };

    void wire();
    void onCacheOpened(const QString &path, const QString &movedAsideTo);
    void onStorageFailed(StorageErrorKind kind, const QString &message);
    void onSessionRead(const CachedSession &session);
    void onRemainingRead(const std::vector<CachedSeries> &series, qint64 barCount);
    // Hands cached minutes to the engine and notes where each symbol's path ends.
    void loadCached(const CachedSeries &series);
    void onOlderRead(const QString &key, const BarsPtr &minutes, bool complete);
    void noteLoaded(SymbolId symbol, const BarsPtr &minutes, bool complete);
    void saveSession();
    void launchFeed();
    void onCsvImported(const CsvImportReport &report);
    // Binance.
    void createBinanceFeed();
    void wireFeed(Feed *feed);
    void syncBinanceSymbols();
    void onQuarantined(const std::vector<QuarantineRecord> &records);
    void onSymbolsListed(const std::vector<BinanceSymbolInfo> &symbols);
    void onBinanceHealth(const BinanceFeedHealth &health);
    void refreshQuality();
    void saveQualityScores();
    void sampleDemoHealth();

    AppConfig m_config;
    QString m_cachePath;
    std::shared_ptr<SymbolRegistry> m_symbols;
    DemoFeed *m_feed = nullptr;
    QThread *m_feedThread = nullptr;
    MarketEngine *m_engine = nullptr;
    QThread *m_engineThread = nullptr;
    StorageService *m_storage = nullptr;
    QThread *m_storageThread = nullptr;
    CacheReader *m_reader = nullptr;
    QThread *m_readerThread = nullptr;
    std::unique_ptr<MainWindow> m_window;
    QTimer *m_saveTimer = nullptr;
    std::unordered_map<SymbolId, Loaded> m_loaded;
    QElapsedTimer m_sinceStart;
    QMetaObject::Connection m_firstPaintWatch;
    bool m_cacheOpened = false;
    bool m_sessionRequested = false;
    bool m_sessionApplied = false;  // the window shows the cached session
    bool m_sessionRestored = false;  // and every cached symbol is with the engine
    QHash<QString, DemoResumePoint> m_resume;
    int m_cachedSymbols = 0;
    qint64 m_cachedBars = 0;
    BinanceFeed *m_binance = nullptr;
    QThread *m_binanceThread = nullptr;
    QHash<QString, TimeMs> m_binanceResume;  // code: newest cached minute
    QSet<QString> m_binanceCodes;  // subscribed
    QHash<QString, BinanceSymbolInfo> m_binanceListed;  // code: exchangeInfo entry
    std::optional<BinanceFeedHealth> m_lastBinanceHealth;
    qint64 m_lastBinanceHealthAt = 0;
    QTimer *m_qualityTimer = nullptr;
    int m_qualityTicks = 0;
    // Demo ticks counted on the feed's thread for the data-health window.
    std::shared_ptr<std::atomic<qint64>> m_demoTicks = std::make_shared<std::atomic<qint64>>(0);
    qint64 m_demoTicksSeen = 0;
    qint64 m_demoSampledAt = 0;
    bool m_feedWanted = false;
    bool m_feedStarted = false;
    qint64 m_firstPaintMs = -1;
};

}  // namespace wick
