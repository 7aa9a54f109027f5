// core/session: MarketSession, the one owner of a running terminal's core --
// the symbol registry, the engine ("wick-engine"), the cache writer
// ("wick-storage") and reader ("wick-cache-read"), and one FeedHost per source
// (each feed on "wick-feed-<source>"), created by name from SourceSettings
// through the SourceCatalog. It runs the start-up that makes a restart instant
// (open the cache, read the last session, load its cached bars, and only then
// start the feeds, which send only what the cache lacks), the write path to the
// cache (feeds' screened bars, the engine's closed minutes, quarantine, quality
// scores, the bars still forming at a stop), history paging, and an ordered
// shutdown. The app's AppController and `wick-cli collect` both run one. It
// lives on the thread that makes it (the UI thread, or main in wick-cli).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QObject>
#include <QStringList>

#include "feeds/SourceCatalog.h"
#include "session/FeedHost.h"
#include "storage/CacheReader.h"
#include "storage/StorageService.h"

class QThread;
class QTimer;

namespace wick {

class AlertService;
class Clock;
class MarketEngine;
class SymbolRegistry;
struct ClosedMinute;

struct SessionConfig {
    QString cachePath;  // the cache file (cache.db)
    std::vector<SourceSettings> sources;  // made in this order; disabled ones are skipped
    // Read the last session from the cache at open() (watchlist, settings, cached
    // bars, resume points). False (wick-cli collect): open the cache for writing only.
    bool restoreFromCache = true;
    // Data settings whose values are symbol keys (the chart's symbol): their
    // symbols are registered with the watchlist's before the feeds start.
    QStringList symbolSettingKeys;
    // 1m bars per symbol read at start-up (about five weeks), and per older page.
    int cachedMinutesPerSymbol = 50'000;
    int pageMinutes = 50'000;
    // Keep the open time of every bar this run hands to the cache, per symbol
    // and timeframe (wick-cli collect's summary); off in the app.
    bool keepWriteLog = false;
    StorageServiceOptions storage;
    // The alert engine's clock (fire times, stale data); the wall clock when null.
    std::shared_ptr<const Clock> alertClock;
};

class MarketSession final : public QObject
{
    Q_OBJECT

public:
    // Builds everything (sources that fail to build are listed in sourceErrors());
    // nothing runs until open().
    explicit MarketSession(SessionConfig config, QObject *parent = nullptr);
    // shutdown() if it has not run.
    ~MarketSession() override;

    const std::shared_ptr<SymbolRegistry> &symbols() const { return m_symbols; }
    MarketEngine *engine() const { return m_engine; }
    StorageService *storage() const { return m_storage; }  // on its thread: call queued
    // The alert rules, their engine and log (alerts/AlertService.h); this thread.
    AlertService *alerts() const { return m_alerts.get(); }
    QString cachePath() const { return m_config.cachePath; }
    const std::vector<std::unique_ptr<FeedHost>> &feeds() const { return m_hosts; }
    FeedHost *feed(const QString &source) const;
    QStringList sourceErrors() const { return m_sourceErrors; }
    bool isRestored() const { return m_restored; }
    bool feedsStarted() const { return m_feedsStarted; }

    // Starts the storage threads and opens the cache; with restoreFromCache it
    // then reads `firstKeys` (the watchlist as the window has it) and every
    // registered symbol, hands the cached bars to the engine (sessionRead, then
    // sessionRestored). A cache that cannot be opened: the session runs on memory.
    void open(const QStringList &firstKeys);
    // Starts every feed once the session is restored (at once if it is).
    void startFeeds();
    // The symbol keys the terminal shows (watchlist, charts, rules): each source
    // with DynamicSymbols streams exactly its own among them. `quoteOnlyKeys`:
    // those of them only a watchlist row shows (no chart), which a source with
    // Feed::QuoteOnly follows by quotes alone; an alert rule's symbol always
    // gets its bars.
    void setWantedSymbols(const QStringList &keys, const QStringList &quoteOnlyKeys = {});
    // A key ("binance:SOLUSDT") registered for its source (described by the
    // source, or as its listing says) and saved with the cache; nullopt when no
    // running source has that code.
    std::optional<SymbolId> registerKey(const QString &key);
    // A user's own data (a CSV import): registered on UTC, always open.
    SymbolId registerImported(const QString &key);
    // Loads the page of cached 1m bars before the oldest one loaded (history
    // paging); nothing when the cache holds no older bars or a page is on its way.
    void requestOlderHistory(SymbolId symbol);
    // Bars of the user's (a CSV import) into the engine and the paging bookkeeping.
    void loadImported(SymbolId symbol, const BarsPtr &bars);
    // The latest quality score of every validated symbol of every source.
    QHash<SymbolId, double> qualityScores() const;
    // Every source's tally of a symbol (nullopt: no checks yet).
    std::optional<QualityTally> qualityTally(SymbolId symbol) const;
    // The write log (keepWriteLog): open times of the bars handed to the cache.
    const std::set<TimeMs> &writtenBars(SymbolId symbol, Timeframe timeframe) const;
    // In order: feeds stop (their last output reaches the engine), quality
    // scores are saved, the engine hands over its last closed minutes and the
    // bars still forming, the storage thread writes everything pending and
    // closes (checkpointing the WAL), the reader closes, the engine stops.
    // Returns the bars that could not be written (0 when everything landed).
    std::int64_t shutdown();

signals:
    void cacheOpened(const QString &path, const QString &movedAsideTo);
    // The first part of the cached session (the watchlist, the data settings and
    // the first series): the window restores itself from it.
    void sessionRead(const wick::CachedSession &session);
    // Every cached symbol is with the engine.
    void sessionRestored(int symbols, qint64 bars);
    void feedsRunning();
    void olderHistoryLoaded(wick::SymbolId symbol, int bars);
    // Rejected items, live or read back from the cache with their bars.
    void quarantined(const std::vector<wick::QuarantineRecord> &records);
    void feedStateChanged(const QString &source, wick::FeedState state, const QString &detail);
    void symbolError(wick::SymbolId symbol, const QString &message);
    // A feed's reference price for a symbol's change (Binance: the 24 h ticker's
    // open), relayed from the feed's thread; the watchlist's Chg % uses it.
    void dayReferenceChanged(wick::SymbolId symbol, double price, const QString &what);
    void symbolsListed(const QString &source, const std::vector<wick::ListedSymbol> &symbols);
    // Once a second: each source's health, then every validated symbol's score.
    void healthSampled(const wick::FeedHealthReading &reading);
    void qualityUpdated(const QHash<wick::SymbolId, double> &scores);
    void storageFailed(wick::StorageErrorKind kind, const QString &message);
    void savingChanged(bool saving, const QString &reason, qint64 pendingBars);

private:
    struct Loaded {
        TimeMs earliest = 0;  // oldest 1m bar handed to the engine
        bool complete = false;  // the cache has nothing older
        bool pending = false;  // a page is being read
    };

    void createFeeds();
    void onCacheOpened(const QString &path, const QString &movedAsideTo);
    void onStorageFailed(StorageErrorKind kind, const QString &message);
    void onSessionRead(const CachedSession &session);
    void onRemainingRead(const std::vector<CachedSeries> &series);
    void loadCached(const CachedSeries &series);
    void onOlderRead(const QString &key, const BarsPtr &minutes, bool complete);
    void noteLoaded(SymbolId symbol, const BarsPtr &minutes, bool complete);
    void markRestored();
    void launchFeeds();
    void writeBars(SymbolId symbol, Timeframe timeframe, const std::vector<Bar> &bars);
    void onMinutesClosed(const std::vector<ClosedMinute> &minutes);
    void onQuarantined(const std::vector<QuarantineRecord> &records);
    void sampleEverySecond();
    void saveQualityScores();
    void saveFormingBars();
    FeedHost *hostOfKey(const QString &key, QString *code) const;

    SessionConfig m_config;
    std::shared_ptr<SymbolRegistry> m_symbols;
    MarketEngine *m_engine = nullptr;
    QThread *m_engineThread = nullptr;
    StorageService *m_storage = nullptr;
    QThread *m_storageThread = nullptr;
    CacheReader *m_reader = nullptr;
    QThread *m_readerThread = nullptr;
    std::vector<std::unique_ptr<FeedHost>> m_hosts;
    std::unique_ptr<AlertService> m_alerts;
    QStringList m_sourceErrors;
    QTimer *m_secondTimer = nullptr;
    int m_seconds = 0;
    std::unordered_map<SymbolId, Loaded> m_loaded;
    std::map<std::pair<SymbolId, Timeframe>, std::set<TimeMs>> m_written;
    QStringList m_wantedKeys;
    QStringList m_quoteOnlyKeys;
    int m_cachedSymbols = 0;
    qint64 m_cachedBars = 0;
    bool m_opened = false;
    bool m_cacheOpened = false;
    bool m_sessionRequested = false;
    bool m_sessionApplied = false;
    bool m_restored = false;
    bool m_feedsWanted = false;
    bool m_feedsStarted = false;
    bool m_shutDown = false;
};

}  // namespace wick
