#include "AppController.h"

#include <algorithm>
#include <map>

#include <QSettings>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "MainWindow.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "model/SymbolRegistry.h"

namespace wick {

namespace {

QThread *startWorker(QObject *worker, const QString &name)
{
    auto *thread = new QThread;
    thread->setObjectName(name);
    worker->moveToThread(thread);
    QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    thread->start();
    return thread;
}

void stopWorker(QThread *thread)
{
    thread->quit();
    thread->wait();
    delete thread;
}

// Closed 1m bars grouped per symbol, in order: one transaction each.
std::vector<BarWriteBatch> batchesOf(
    const SymbolRegistry &symbols, const std::vector<ClosedMinute> &minutes)
{
    std::map<SymbolId, std::vector<Bar>> bySymbol;
    for (const ClosedMinute &minute : minutes)
        bySymbol[minute.symbol].push_back(minute.bar);
    std::vector<BarWriteBatch> batches;
    for (auto &[symbol, bars] : bySymbol)
        batches.push_back(
            BarWriteBatch {symbols.symbol(symbol).key(), Timeframe::M1, std::move(bars)});
    return batches;
}

}  // namespace

AppController::AppController(AppConfig config, std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_cachePath(m_config.dataDir + QStringLiteral("/cache.db"))
    , m_symbols(std::make_shared<SymbolRegistry>())
    , m_saveTimer(new QTimer(this))
{
    m_sinceStart.start();
    qRegisterMetaType<wick::CachedSession>();
    qRegisterMetaType<wick::BarsPtr>();
    qRegisterMetaType<wick::StorageErrorKind>();

    // The feed is built now (it names its symbols) but starts after the cache.
    m_feed = new DemoFeed(m_symbols, m_config.demo);
    m_feedThread = new QThread;
    m_feedThread->setObjectName(QStringLiteral("wick-feed-demo"));
    m_feed->moveToThread(m_feedThread);
    connect(m_feedThread, &QThread::started, m_feed, &Feed::start);
    connect(m_feedThread, &QThread::finished, m_feed, &QObject::deleteLater);

    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    m_engine->attachFeed(m_feed);

    m_storage = new StorageService(m_cachePath, m_config.storage);
    m_reader = new CacheReader(m_cachePath);
    m_window = std::make_unique<MainWindow>(m_symbols, m_engine, std::move(settings));
    m_window->setFeed(m_feed);
    wire();

    m_storageThread = startWorker(m_storage, QStringLiteral("wick-storage"));
    m_readerThread = startWorker(m_reader, QStringLiteral("wick-cache-read"));
    // Queued before open(): written once the cache is there.
    QMetaObject::invokeMethod(
        m_storage, [storage = m_storage, all = m_symbols->all()] { storage->saveSymbols(all); },
        Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_storage, &StorageService::open, Qt::QueuedConnection);
    if (m_config.startFeed)
        startFeed();
}

AppController::~AppController()
{
    saveSession();
    m_window.reset();  // saves the ini settings; talks to the engine, so goes first
    if (m_feedStarted) {
        QMetaObject::invokeMethod(m_feed, &Feed::stop, Qt::BlockingQueuedConnection);
        stopWorker(m_feedThread);
    } else {
        delete m_feed;  // its thread never ran
        delete m_feedThread;
    }
    // The engine's last closed minutes reach the storage thread's queue before
    // close(), which writes everything pending.
    QMetaObject::invokeMethod(
        m_engine, &MarketEngine::flushClosedMinutes, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_storage, &StorageService::close, Qt::BlockingQueuedConnection);
    stopWorker(m_storageThread);
    QMetaObject::invokeMethod(m_reader, &CacheReader::close, Qt::BlockingQueuedConnection);
    stopWorker(m_readerThread);
    MarketEngine::shutdown(m_engineThread);
}

void AppController::wire()
{
    // Bars to the cache: the feed's history as it arrives, the engine's closed
    // minutes in batches (both run on the storage thread).
    connect(m_feed, &Feed::historyReceived, m_storage,
        [storage = m_storage, symbols = m_symbols](SymbolId symbol, const BarsPtr &minutes) {
            if (minutes && !minutes->empty())
                storage->writeBars(
                    BarWriteBatch {symbols->symbol(symbol).key(), Timeframe::M1, *minutes});
        });
    connect(m_engine, &MarketEngine::minutesClosed, m_storage,
        [storage = m_storage, symbols = m_symbols](const ClosedMinutesPtr &minutes) {
            if (!minutes)
                return;
            for (const BarWriteBatch &batch : batchesOf(*symbols, *minutes))
                storage->writeBars(batch);
        });
    connect(m_feed, &Feed::historyReceived, this,
        [this](SymbolId symbol, const BarsPtr &minutes) { noteLoaded(symbol, minutes, false); });

    connect(m_storage, &StorageService::opened, this, &AppController::onCacheOpened);
    connect(m_storage, &StorageService::failed, this, &AppController::onStorageFailed);
    connect(
        m_storage, &StorageService::savingChanged, m_window.get(), &MainWindow::showStorageState);
    connect(m_reader, &CacheReader::sessionRead, this, &AppController::onSessionRead);
    connect(m_reader, &CacheReader::remainingSeriesRead, this, &AppController::onRemainingRead);
    connect(m_reader, &CacheReader::olderRead, this, &AppController::onOlderRead);

    // History paging: scrolling near the first bar asks the cache for the page before it.
    connect(m_window->chart(), &ChartView::olderHistoryWanted, this,
        [this](SymbolId symbol, Timeframe, qint64) { requestOlderHistory(symbol); });

    // File > Import / Export run on the storage thread.
    connect(m_window.get(), &MainWindow::importCsvRequested, m_storage,
        [storage = m_storage](const QString &path, const QString &key, Timeframe timeframe) {
            storage->importCsv(path, key, timeframe);
        });
    connect(m_window.get(), &MainWindow::exportCsvRequested, m_storage,
        [storage = m_storage](
            const QString &path, const BarSeries &bars) { storage->exportCsv(path, bars); });
    connect(m_storage, &StorageService::csvImported, this, &AppController::onCsvImported);
    connect(m_storage, &StorageService::csvExported, m_window.get(), &MainWindow::showExportResult);

    // How long a start takes to show a chart, in the log (after the window's own
    // handler, which it is connected before).
    m_firstPaintWatch = connect(m_engine, &MarketEngine::snapshotReady, this, [this] {
        if (m_window->chart()->candleCount() == 0)
            return;
        m_firstPaintMs = m_sinceStart.elapsed();
        spdlog::info("app: first chart ({} candles) {} ms after start, {}",
            m_window->chart()->candleCount(), m_firstPaintMs,
            m_feedStarted ? "feed started" : "from the cache, before the feed");
        disconnect(m_firstPaintWatch);
    });

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500);
    connect(m_saveTimer, &QTimer::timeout, this, &AppController::saveSession);
    connect(m_window.get(), &MainWindow::sessionChanged, m_saveTimer, qOverload<>(&QTimer::start));
}

void AppController::startFeed()
{
    m_feedWanted = true;
    if (m_sessionRestored && !m_feedStarted)
        launchFeed();
}

void AppController::launchFeed()
{
    m_feedStarted = true;
    m_feedThread->start();
    emit feedRunning();
}

void AppController::onCacheOpened(const QString &path, const QString &movedAsideTo)
{
    m_cacheOpened = true;
    if (!movedAsideTo.isEmpty()) {
        m_window->showCacheMovedAside(path, movedAsideTo);
        // A file replaced after the reader opened it: read the new one from now on.
        QMetaObject::invokeMethod(m_reader, &CacheReader::close);
    }
    if (m_sessionRequested)
        return;  // opened late, after a failure: the session went on without it
    m_sessionRequested = true;
    QStringList keys = m_window->watchlistKeys();
    for (const Symbol &symbol : m_symbols->all()) {
        if (!keys.contains(symbol.key()))
            keys.append(symbol.key());
    }
    const int minutes = m_config.cachedMinutesPerSymbol;
    QMetaObject::invokeMethod(m_reader, [reader = m_reader, keys, minutes] {
        reader->open();
        reader->readSession(keys, minutes);
    });
}

void AppController::onStorageFailed(StorageErrorKind kind, const QString &message)
{
    if (m_cacheOpened || m_sessionRequested)
        return;  // a write failed: savingChanged shows it, the service retries
    // The cache cannot be opened at all: run on memory (the service keeps
    // retrying and saves everything once it can).
    spdlog::warn("app: starting without the cache ({}): {}",
        storageErrorKindName(kind).toStdString(), message.toStdString());
    m_sessionRequested = true;
    onSessionRead(CachedSession {});
    onRemainingRead({}, 0);
}

void AppController::onSessionRead(const CachedSession &session)
{
    if (m_sessionApplied)
        return;
    m_sessionApplied = true;
    // The chart's symbol first: the engine builds it and the chart paints it
    // while the reader is still reading the others.
    for (const CachedSeries &series : session.series)
        loadCached(series);
    m_window->restoreSession(
        session.hasWatchlist ? std::optional(session.watchlist) : std::nullopt, session.settings);
}

void AppController::onRemainingRead(const std::vector<CachedSeries> &series, qint64)
{
    if (m_sessionRestored)
        return;
    for (const CachedSeries &one : series)
        loadCached(one);
    if (!m_resume.isEmpty())
        m_feed->resumeFrom(m_resume);  // its thread has not started yet
    m_sessionRestored = true;
    spdlog::info(
        "app: session restored from the cache: {} symbols, {} bars", m_cachedSymbols, m_cachedBars);
    emit sessionReady(m_cachedSymbols, m_cachedBars);
    if (m_feedWanted && !m_feedStarted)
        launchFeed();
}

void AppController::loadCached(const CachedSeries &series)
{
    if (!series.minutes || series.minutes->empty())
        return;
    const std::optional<SymbolId> known = m_symbols->find(series.symbolKey);
    const SymbolId id = known ? *known : m_symbols->intern(series.symbol);
    QMetaObject::invokeMethod(m_engine,
        [engine = m_engine, id, minutes = series.minutes] { engine->loadHistory(id, minutes); });
    noteLoaded(id, series.minutes, series.complete);
    ++m_cachedSymbols;
    m_cachedBars += static_cast<qint64>(series.minutes->size());
    if (series.symbol.source == m_feed->source())
        m_resume.insert(series.symbol.code,
            DemoResumePoint {series.minutes->back().time, series.minutes->back().close});
}

void AppController::noteLoaded(SymbolId symbol, const BarsPtr &minutes, bool complete)
{
    Loaded &loaded = m_loaded[symbol];
    if (minutes && !minutes->empty()
        && (loaded.earliest == 0 || minutes->front().time < loaded.earliest))
        loaded.earliest = minutes->front().time;
    loaded.complete = loaded.complete || complete;
}

void AppController::requestOlderHistory(SymbolId symbol)
{
    const auto it = m_loaded.find(symbol);
    if (it == m_loaded.end() || it->second.complete || it->second.pending
        || it->second.earliest == 0 || !m_cacheOpened)
        return;
    it->second.pending = true;
    const QString key = m_symbols->symbol(symbol).key();
    QMetaObject::invokeMethod(m_reader,
        [reader = m_reader, key, before = it->second.earliest, count = m_config.pageMinutes] {
            reader->readOlder(key, before, count);
        });
}

void AppController::onOlderRead(const QString &key, const BarsPtr &minutes, bool complete)
{
    const std::optional<SymbolId> symbol = m_symbols->find(key);
    if (!symbol)
        return;
    Loaded &loaded = m_loaded[*symbol];
    loaded.pending = false;
    loaded.complete = loaded.complete || complete;
    const int count = minutes ? static_cast<int>(minutes->size()) : 0;
    if (count > 0) {
        loaded.earliest = std::min(loaded.earliest, minutes->front().time);
        QMetaObject::invokeMethod(m_engine,
            [engine = m_engine, id = *symbol, minutes] { engine->loadHistory(id, minutes); });
    }
    spdlog::debug("app: {} older cached bars of {}{}", count, key.toStdString(),
        complete ? " (no more in the cache)" : "");
    emit olderHistoryLoaded(*symbol, count);
}

void AppController::onCsvImported(const CsvImportReport &report)
{
    if (report.error.isEmpty() && report.bars && !report.bars->empty()) {
        std::optional<SymbolId> id = m_symbols->find(report.symbolKey);
        if (!id) {
            // A user's own data: described by its key alone, on UTC and always open.
            Symbol symbol;
            const int colon = report.symbolKey.indexOf(QLatin1Char(':'));
            symbol.source = report.symbolKey.left(colon).toLower();
            symbol.code = report.symbolKey.mid(colon + 1);
            symbol.displayName = symbol.code;
            id = m_symbols->intern(symbol);
            QMetaObject::invokeMethod(
                m_storage, [storage = m_storage, symbol] { storage->saveSymbols({symbol}); });
        }
        if (report.timeframe == Timeframe::M1) {
            QMetaObject::invokeMethod(
                m_engine, [engine = m_engine, symbol = *id, bars = report.bars] {
                    engine->loadHistory(symbol, bars);
                });
            noteLoaded(*id, report.bars, false);
            m_window->addAndShow(*id);
        }
    }
    m_window->showImportReport(report);
    emit csvImportDone(report);
}

void AppController::saveSession()
{
    if (!m_window)
        return;
    m_saveTimer->stop();
    const QStringList keys = m_window->watchlistKeys();
    const QHash<QString, QString> settings = m_window->sessionSettings();
    QMetaObject::invokeMethod(m_storage, [storage = m_storage, keys, settings] {
        storage->saveWatchlist(CacheReader::mainWatchlistName(), keys);
        for (auto it = settings.begin(); it != settings.end(); ++it)
            storage->saveSetting(it.key(), it.value());
    });
}

}  // namespace wick
