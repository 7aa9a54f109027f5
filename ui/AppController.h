// ui: AppController wires the MainWindow to one MarketSession (core/session),
// which owns the engine, the cache and every source. The session restores the
// last session from the cache before any feed starts; the controller hands
// what it read to the window, keeps the session's wanted symbols in step with
// the watchlist and the chart, and carries the session's states, scores,
// health, quarantine and listed symbols to the widgets. UI thread only.
#pragma once

#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QMetaObject>
#include <QObject>
#include <QString>

#include "feeds/Feed.h"
#include "feeds/SourceCatalog.h"
#include "storage/StorageService.h"

class QSettings;
class QTimer;

namespace wick {

class AlertsController;
class ApiKeysController;
class MainWindow;
class MarketEngine;
class MarketSession;
struct CachedSession;
struct CsvImportReport;

struct AppConfig {
    QString dataDir;  // holds cache.db
    // The sources to run, in order (sources/<name>/... in settings.ini).
    std::vector<SourceSettings> sources;
    // False: the feeds wait for startFeed() (tests look at the cached chart first).
    bool startFeed = true;
    // 1m bars per symbol read at start-up (about five weeks), and per older page.
    int cachedMinutesPerSymbol = 50'000;
    int pageMinutes = 50'000;
    StorageServiceOptions storage;

    // The settings of a source, added (enabled) when not listed yet.
    SourceSettings &source(const QString &name);
};

class AppController final : public QObject
{
    Q_OBJECT

public:
    AppController(AppConfig config, std::unique_ptr<QSettings> settings, QObject *parent = nullptr);
    // Saves the session, closes the window, then shuts the session down in order.
    ~AppController() override;

    MainWindow *window() const { return m_window.get(); }
    MarketSession *session() const { return m_session.get(); }
    AlertsController *alerts() const { return m_alerts; }
    ApiKeysController *apiKeys() const { return m_keys; }
    MarketEngine *engine() const;
    QString cachePath() const;
    bool sessionRestored() const;
    bool feedStarted() const;
    // The codes a source was asked to stream (watchlist + chart), sorted.
    QStringList streamedCodes(const QString &source) const;
    // Milliseconds from construction to the first chart with candles (-1: none yet).
    qint64 firstPaintMs() const { return m_firstPaintMs; }

    // Starts the feeds once the session is restored (at once if it already is).
    void startFeed();
    // Adds a symbol found by the search ("binance:SOLUSDT", "demo:AAPL") to the
    // watchlist and shows it; its source streams it.
    bool addSymbolByKey(const QString &key);

signals:
    // The cached session has been applied: cached bars are with the engine.
    void sessionReady(int symbols, qint64 bars);
    void feedRunning();
    void olderHistoryLoaded(wick::SymbolId symbol, int bars);
    // A File > Import finished (the report was shown to the user).
    void csvImportDone(const wick::CsvImportReport &report);

private:
    void wireSession();
    void wireWindow();
    void onSessionRead(const CachedSession &session);
    void onSymbolsListed(const QString &source, const std::vector<ListedSymbol> &symbols);
    void onCsvImported(const CsvImportReport &report);
    void syncWantedSymbols();
    void saveSession();

    std::unique_ptr<MarketSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    AlertsController *m_alerts = nullptr;  // the window's
    ApiKeysController *m_keys = nullptr;
    QTimer *m_saveTimer = nullptr;
    QElapsedTimer m_sinceStart;
    QMetaObject::Connection m_firstPaintWatch;
    qint64 m_firstPaintMs = -1;
};

}  // namespace wick
