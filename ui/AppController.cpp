#include "AppController.h"

#include <algorithm>
#include <map>

#include <QDateTime>
#include <QSettings>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "MainWindow.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "feeds/binance/BinanceSymbols.h"
#include "health/DataHealthWindow.h"
#include "model/SymbolRegistry.h"
#include "search/SymbolSearch.h"
#include "storage/QualityStore.h"
#include "watchlist/WatchlistModel.h"

namespace wick {

namespace {

// Quality scores go to the cache this often (and at exit).
constexpr int kQualitySaveEverySeconds = 60;

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
    if (m_config.binance.enabled)
        createBinanceFeed();

    m_storage = new StorageService(m_cachePath, m_config.storage);
    m_reader = new CacheReader(m_cachePath);
    m_window = std::make_unique<MainWindow>(m_symbols, m_engine, std::move(settings));
    m_window->addFeed(m_feed);
    if (m_binance)
        m_window->addFeed(m_binance);
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
    m_qualityTimer->stop();
    m_window.reset();  // saves the ini settings; talks to the engine, so goes first
    if (m_feedStarted) {
        QMetaObject::invokeMethod(m_feed, &Feed::stop, Qt::BlockingQueuedConnection);
        stopWorker(m_feedThread);
        if (m_binance) {
            QMetaObject::invokeMethod(m_binance, &Feed::stop, Qt::BlockingQueuedConnection);
            // Its last scores: read on this thread (the counters are locked), saved below.
            saveQualityScores();
            stopWorker(m_binanceThread);
        }
    } else {
        delete m_feed;  // its thread never ran
        delete m_feedThread;
        delete m_binance;
        delete m_binanceThread;
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

void AppController::createBinanceFeed()
{
    BinanceFeedConfig config = m_config.binance.feed;
    config.symbols.clear();  // the session's symbols are added before start
    m_binance = new BinanceFeed(m_symbols, config);
    m_binanceThread = new QThread;
    m_binanceThread->setObjectName(QStringLiteral("wick-feed-binance"));
    m_binance->moveToThread(m_binanceThread);
    connect(m_binanceThread, &QThread::started, m_binance, &Feed::start);
    connect(m_binanceThread, &QThread::finished, m_binance, &QObject::deleteLater);
    m_engine->attachFeed(m_binance);
    spdlog::info("app: Binance feed enabled ({} / {})", config.wsUrl.toString().toStdString(),
        config.restUrl.toString().toStdString());
}

void AppController::wireFeed(Feed *feed)
{
    // A feed's history (backfill, and for Binance every closed kline) goes to the
    // cache as it arrives (on the storage thread).
    connect(feed, &Feed::historyReceived, m_storage,
        [storage = m_storage, symbols = m_symbols](SymbolId symbol, const BarsPtr &minutes) {
            if (minutes && !minutes->empty())
                storage->writeBars(
                    BarWriteBatch {symbols->symbol(symbol).key(), Timeframe::M1, *minutes});
        });
    connect(feed, &Feed::historyReceived, this,
        [this](SymbolId symbol, const BarsPtr &minutes) { noteLoaded(symbol, minutes, false); });
}

void AppController::wire()
{
    wireFeed(m_feed);
    // Counted where the ticks are (the batch is not copied to this thread).
    connect(
        m_feed, &Feed::ticksReceived, m_feed,
        [counter = m_demoTicks](const TickBatch &batch) {
            counter->fetch_add(static_cast<qint64>(batch.ticks.size()), std::memory_order_relaxed);
        },
        Qt::DirectConnection);
    if (m_binance) {
        wireFeed(m_binance);
        connect(m_binance, &BinanceFeed::quarantined, this, &AppController::onQuarantined);
        connect(m_binance, &BinanceFeed::symbolsListed, this, &AppController::onSymbolsListed);
        connect(m_binance, &BinanceFeed::healthUpdated, this, &AppController::onBinanceHealth);
        connect(m_binance, &BinanceFeed::symbolError, this,
            [this](SymbolId symbol, const QString &message) {
                m_window->watchlistModel()->setSymbolIssue(symbol, message);
            });
        connect(m_binance, &Feed::stateChanged, this, [this](FeedState, const QString &detail) {
            QString text = detail;
            if (!text.isEmpty())
                text[0] = text[0].toUpper();  // "reconnecting in 4 s" as a sentence
            m_window->dataHealth()->setFeedState(QString(kBinanceSource), text);
        });
        connect(
            m_window.get(), &MainWindow::sessionChanged, this, &AppController::syncBinanceSymbols);
        // "Binance symbols are loading..." until exchangeInfo arrives.
        m_window->symbolSearch()->setCandidates(QString(kBinanceSource), {});
    }
    connect(m_window->symbolSearch(), &SymbolSearch::symbolChosen, this,
        &AppController::addSymbolByKey);
    m_qualityTimer = new QTimer(this);
    m_qualityTimer->setInterval(1000);
    connect(m_qualityTimer, &QTimer::timeout, this, [this] {
        refreshQuality();
        sampleDemoHealth();
    });
    m_qualityTimer->start();
    connect(m_engine, &MarketEngine::minutesClosed, m_storage,
        [storage = m_storage, symbols = m_symbols](const ClosedMinutesPtr &minutes) {
            if (!minutes)
                return;
            for (const BarWriteBatch &batch : batchesOf(*symbols, *minutes))
                storage->writeBars(batch);
        });

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
        // (A snapshot queued before the disconnect below still arrives.)
        if (m_firstPaintMs >= 0 || m_window->chart()->candleCount() == 0)
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
    if (m_binance) {
        // Before its thread runs: where the cache ends, and what to stream.
        m_binance->resumeFrom(m_binanceResume);
        m_binanceCodes.clear();
        syncBinanceSymbols();
        m_binanceThread->start();
    }
    emit feedRunning();
}

QStringList AppController::binanceCodes() const
{
    QStringList codes(m_binanceCodes.cbegin(), m_binanceCodes.cend());
    codes.sort();
    return codes;
}

void AppController::syncBinanceSymbols()
{
    if (!m_binance || !m_feedStarted)
        return;  // launchFeed() adds the session's symbols
    QSet<QString> wanted;
    QStringList keys = m_window->watchlistKeys();
    const SymbolId shown = m_window->currentSymbol();
    if (shown != kInvalidSymbol)
        keys.append(m_symbols->symbol(shown).key());
    for (const QString &key : std::as_const(keys)) {
        if (const std::optional<QString> code = binanceCodeFromKey(key))
            wanted.insert(*code);
    }
    QStringList added;
    QStringList removed;
    for (const QString &code : std::as_const(wanted)) {
        if (!m_binanceCodes.contains(code))
            added.append(code);
    }
    for (const QString &code : std::as_const(m_binanceCodes)) {
        if (!wanted.contains(code))
            removed.append(code);
    }
    if (added.isEmpty() && removed.isEmpty())
        return;
    m_binanceCodes = wanted;
    added.sort();
    removed.sort();
    if (m_binanceThread->isRunning()) {
        QMetaObject::invokeMethod(m_binance, [feed = m_binance, added, removed] {
            if (!removed.isEmpty())
                feed->removeSymbols(removed);
            if (!added.isEmpty())
                feed->addSymbols(added);
        });
    } else {
        m_binance->addSymbols(added);  // not running yet: start() takes them
    }
    spdlog::info("app: binance streams +[{}] -[{}]", added.join(QLatin1Char(',')).toStdString(),
        removed.join(QLatin1Char(',')).toStdString());
}

bool AppController::addSymbolByKey(const QString &key)
{
    if (const std::optional<SymbolId> known = m_symbols->find(key)) {
        m_window->addAndShow(*known);
        return true;
    }
    const std::optional<QString> code = m_binance ? binanceCodeFromKey(key) : std::nullopt;
    if (!code)
        return false;
    // Named and sized from exchangeInfo when it has arrived.
    const auto listed = m_binanceListed.constFind(*code);
    const SymbolId id = m_symbols->intern(
        listed != m_binanceListed.cend() ? binanceSymbol(*listed) : binanceSymbol(*code));
    QMetaObject::invokeMethod(m_storage,
        [storage = m_storage, stored = m_symbols->symbol(id)] { storage->saveSymbols({stored}); });
    m_window->addAndShow(id);
    syncBinanceSymbols();
    return true;
}

void AppController::onQuarantined(const std::vector<QuarantineRecord> &records)
{
    std::map<SymbolId, std::vector<QuarantinedItem>> bySymbol;
    for (const QuarantineRecord &r : records)
        bySymbol[r.symbol].push_back(QuarantinedItem {
            0, r.time, r.receivedAt, qualityRuleName(r.rule), r.rawValue, r.tradeId, r.detail});
    for (auto &[symbol, items] : bySymbol) {
        const QString key = m_symbols->symbol(symbol).key();
        spdlog::warn("app: {} item(s) of {} quarantined, first: {}", items.size(),
            key.toStdString(), items.front().detail.toStdString());
        QMetaObject::invokeMethod(m_storage, [storage = m_storage, key, list = std::move(items)] {
            storage->writeQuarantine(key, list);
        });
    }
    m_window->chart()->addQuarantined(records);
}

void AppController::onSymbolsListed(const std::vector<BinanceSymbolInfo> &symbols)
{
    m_binanceListed.clear();
    std::vector<SearchCandidate> candidates;
    candidates.reserve(symbols.size());
    for (const BinanceSymbolInfo &info : symbols) {
        const QString code = info.symbol.toUpper();
        m_binanceListed.insert(code, info);
        candidates.push_back(SearchCandidate {binanceSymbolKey(code), QString(kBinanceSource), code,
            binanceSymbol(info).displayName,
            info.isTrading() ? tr("Spot") : tr("Spot \u00b7 %1").arg(info.status)});
    }
    spdlog::info("app: {} Binance symbols listed for search", candidates.size());
    m_window->symbolSearch()->setCandidates(QString(kBinanceSource), std::move(candidates));
}

void AppController::onBinanceHealth(const BinanceFeedHealth &health)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const BinanceFeedHealth previous = m_lastBinanceHealth.value_or(health);
    const qint64 elapsed = m_lastBinanceHealth ? now - m_lastBinanceHealthAt : 1000;
    m_lastBinanceHealth = health;
    m_lastBinanceHealthAt = now;
    m_window->dataHealth()->addSample(fromBinanceHealth(previous, health, elapsed, now));
}

void AppController::sampleDemoHealth()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 ticks = m_demoTicks->load(std::memory_order_relaxed);
    if (m_demoSampledAt != 0 && now > m_demoSampledAt) {
        FeedHealthSample sample;
        sample.source = QStringLiteral("demo");
        sample.timeMs = now;
        sample.hasCircuits = false;  // simulated locally: nothing to guard
        sample.messagesPerSecond
            = static_cast<double>(ticks - m_demoTicksSeen) * 1000.0 / double(now - m_demoSampledAt);
        sample.state = tr("%1, simulated").arg(feedStateName(m_window->feedState(sample.source)));
        sample.state[0] = sample.state[0].toUpper();
        m_window->dataHealth()->addSample(sample);
    }
    m_demoTicksSeen = ticks;
    m_demoSampledAt = now;
}

void AppController::refreshQuality()
{
    if (!m_binance || !m_feedStarted)
        return;
    QHash<SymbolId, double> scores;
    for (const QString &code : std::as_const(m_binanceCodes)) {
        const std::optional<SymbolId> id = m_symbols->find(binanceSymbolKey(code));
        if (id && m_binance->validatedCount(*id) > 0)
            scores.insert(*id, m_binance->qualityScore(*id));
    }
    m_window->watchlistModel()->setQualityScores(scores);
    if (++m_qualityTicks % kQualitySaveEverySeconds == 0)
        saveQualityScores();
}

void AppController::saveQualityScores()
{
    if (!m_binance || !m_feedStarted)
        return;
    const TimeMs now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &code : std::as_const(m_binanceCodes)) {
        const std::optional<SymbolId> id = m_symbols->find(binanceSymbolKey(code));
        if (!id)
            continue;
        const std::int64_t checked = m_binance->validatedCount(*id);
        if (checked == 0)
            continue;
        std::int64_t rejected = 0;
        for (int rule = 0; rule < kQualityRuleCount; ++rule) {
            if (isRejection(static_cast<QualityRule>(rule)))
                rejected += m_binance->ruleCount(*id, static_cast<QualityRule>(rule));
        }
        const QualityScoreRecord record {m_binance->qualityScore(*id), checked,
            std::max<std::int64_t>(0, checked - rejected), now};
        QMetaObject::invokeMethod(
            m_storage, [storage = m_storage, key = binanceSymbolKey(code), record] {
                storage->saveQualityScore(key, record);
            });
    }
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
    if (m_binance) {
        // The session's Binance symbols are registered now, cached bars or not,
        // so the watchlist shows them and the feed streams them.
        QStringList keys = session.hasWatchlist ? session.watchlist : m_window->watchlistKeys();
        keys.append(session.settings.value(MainWindow::symbolSettingKey()));
        for (const QString &key : std::as_const(keys)) {
            if (const std::optional<QString> code = binanceCodeFromKey(key))
                m_symbols->intern(binanceSymbol(*code));  // known: its id, unchanged
        }
        m_window->watchlistModel()->resolvePendingKeys();
    }
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
    if (!series.quarantined.empty()) {
        // Marked on the chart again, as when they were caught.
        std::vector<QuarantineRecord> records;
        records.reserve(series.quarantined.size());
        for (const QuarantinedItem &item : series.quarantined) {
            const std::optional<QualityRule> rule = qualityRuleFromName(item.rule);
            if (rule)
                records.push_back(QuarantineRecord {id, item.time, item.receivedAt, *rule,
                    item.rawValue, item.tradeId, item.detail});
        }
        m_window->chart()->addQuarantined(records);
    }
    ++m_cachedSymbols;
    m_cachedBars += static_cast<qint64>(series.minutes->size());
    if (series.symbol.source == m_feed->source())
        m_resume.insert(series.symbol.code,
            DemoResumePoint {series.minutes->back().time, series.minutes->back().close});
    else if (series.symbol.source == kBinanceSource)
        m_binanceResume.insert(series.symbol.code.toUpper(), series.minutes->back().time);
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
