#include "session/MarketSession.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "alerts/AlertService.h"
#include "engine/MarketEngine.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

namespace wick {

namespace {

// Quality scores go to the cache this often (and at shutdown).
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
    if (!thread)
        return;
    thread->quit();
    thread->wait();
    delete thread;
}

// "binance:BTCUSDT" -> ("binance", "BTCUSDT"); nullopt without a source.
std::optional<std::pair<QString, QString>> splitKey(const QString &key)
{
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon + 1 >= key.size())
        return std::nullopt;
    return std::pair {key.left(colon).toLower(), key.mid(colon + 1)};
}

}  // namespace

MarketSession::MarketSession(SessionConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_symbols(std::make_shared<SymbolRegistry>())
    , m_secondTimer(new QTimer(this))
{
    registerCoreMetaTypes();
    m_engine = MarketEngine::startOnThread(m_symbols, &m_engineThread);
    m_storage = new StorageService(m_config.cachePath, m_config.storage);
    m_reader = new CacheReader(m_config.cachePath);
    createFeeds();
    m_alerts = std::make_unique<AlertService>(
        m_engine, m_engineThread, m_storage,
        [this](const QString &key) { return registerKey(key); }, m_config.alertClock);
    m_alerts->setCachePath(m_config.cachePath);  // the log pages older fires from it
    // The rules' symbols are streamed with the ones the window shows.
    connect(m_alerts.get(), &AlertService::rulesChanged, this,
        [this] { setWantedSymbols(m_wantedKeys, m_quoteOnlyKeys); });

    connect(m_engine, &MarketEngine::minutesClosed, this, [this](const ClosedMinutesPtr &minutes) {
        if (minutes)
            onMinutesClosed(*minutes);
    });
    connect(m_storage, &StorageService::opened, this, &MarketSession::onCacheOpened);
    connect(m_storage, &StorageService::failed, this, &MarketSession::onStorageFailed);
    connect(m_storage, &StorageService::savingChanged, this, &MarketSession::savingChanged);
    connect(m_reader, &CacheReader::sessionRead, this, &MarketSession::onSessionRead);
    connect(m_reader, &CacheReader::remainingSeriesRead, this,
        [this](const std::vector<CachedSeries> &series, qint64) { onRemainingRead(series); });
    connect(m_reader, &CacheReader::olderRead, this, &MarketSession::onOlderRead);

    m_secondTimer->setInterval(1000);
    connect(m_secondTimer, &QTimer::timeout, this, &MarketSession::sampleEverySecond);
}

MarketSession::~MarketSession()
{
    shutdown();
}

void MarketSession::createFeeds()
{
    for (const SourceSettings &settings : m_config.sources) {
        if (!settings.enabled)
            continue;
        if (feed(settings.name.toLower())) {
            m_sourceErrors.append(QStringLiteral("source '%1' is listed twice").arg(settings.name));
            continue;
        }
        QString error;
        std::unique_ptr<Feed> created
            = SourceCatalog::instance().create(settings, m_symbols, &error);
        if (!created) {
            spdlog::error("session: {}", error.toStdString());
            m_sourceErrors.append(error);
            continue;
        }
        auto host = std::make_unique<FeedHost>(std::move(created), m_symbols, m_engine);
        FeedHost *h = host.get();
        connect(h, &FeedHost::stateChanged, this, &MarketSession::feedStateChanged);
        connect(h, &FeedHost::symbolError, this, &MarketSession::symbolError);
        connect(h, &FeedHost::dayReferenceChanged, this, &MarketSession::dayReferenceChanged);
        connect(h, &FeedHost::symbolsListed, this, &MarketSession::symbolsListed);
        connect(h, &FeedHost::quarantined, this, &MarketSession::onQuarantined);
        connect(h, &FeedHost::barsScreened, this,
            [this](SymbolId symbol, Timeframe timeframe, const BarsPtr &bars) {
                if (!bars || bars->empty())
                    return;
                writeBars(symbol, timeframe, *bars);
                if (timeframe == Timeframe::M1)
                    noteLoaded(symbol, bars, false);
            });
        spdlog::info("session: source {} ready", h->source().toStdString());
        m_hosts.push_back(std::move(host));
    }
}

FeedHost *MarketSession::feed(const QString &source) const
{
    for (const auto &host : m_hosts) {
        if (host->source() == source)
            return host.get();
    }
    return nullptr;
}

FeedHost *MarketSession::hostOfKey(const QString &key, QString *code) const
{
    const auto parts = splitKey(key);
    if (!parts)
        return nullptr;
    if (code)
        *code = parts->second;
    return feed(parts->first);
}

// ---------------------------------------------------------------- start-up

void MarketSession::open(const QStringList &firstKeys)
{
    if (m_opened)
        return;
    m_opened = true;
    m_wantedKeys = firstKeys;
    m_storageThread = startWorker(m_storage, QStringLiteral("wick-storage"));
    m_readerThread = startWorker(m_reader, QStringLiteral("wick-cache-read"));
    // Queued before open(): written once the cache is there.
    QMetaObject::invokeMethod(
        m_storage, [storage = m_storage, all = m_symbols->all()] { storage->saveSymbols(all); },
        Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_storage, &StorageService::open, Qt::QueuedConnection);
    m_secondTimer->start();
    if (!m_config.restoreFromCache) {
        m_sessionRequested = true;
        m_sessionApplied = true;
        markRestored();
    }
}

void MarketSession::onCacheOpened(const QString &path, const QString &movedAsideTo)
{
    m_cacheOpened = true;
    if (!movedAsideTo.isEmpty()) {
        // A file replaced after the reader opened it: read the new one from now on.
        QMetaObject::invokeMethod(m_reader, &CacheReader::close);
    }
    emit cacheOpened(path, movedAsideTo);
    if (m_sessionRequested)
        return;  // opened late, after a failure: the session went on without it
    m_sessionRequested = true;
    QStringList keys = m_wantedKeys;
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

void MarketSession::onStorageFailed(StorageErrorKind kind, const QString &message)
{
    emit storageFailed(kind, message);
    if (m_cacheOpened || m_sessionRequested)
        return;  // a write failed: savingChanged shows it, the service retries
    // The cache cannot be opened at all: run on memory (the service keeps
    // retrying and saves everything once it can).
    spdlog::warn("session: starting without the cache ({}): {}",
        storageErrorKindName(kind).toStdString(), message.toStdString());
    m_sessionRequested = true;
    onSessionRead(CachedSession {});
    onRemainingRead({});
}

void MarketSession::onSessionRead(const CachedSession &session)
{
    if (m_sessionApplied)
        return;
    m_sessionApplied = true;
    // The session's symbols of every running source are registered now,
    // cached bars or not, so the watchlist shows them and the feeds stream them.
    QStringList keys = session.hasWatchlist ? session.watchlist : m_wantedKeys;
    keys.append(session.settings.value(CacheReader::chartSymbolKey()));
    for (const QString &key : std::as_const(keys)) {
        if (!m_symbols->find(key))
            registerKey(key);
    }
    // The chart's symbol first: the engine builds it and the chart paints it
    // while the reader is still reading the others.
    for (const CachedSeries &series : session.series)
        loadCached(series);
    // The rules after the cached bars they read, before the feeds' backfill.
    m_alerts->restore(session.alerts);
    emit sessionRead(session);
}

void MarketSession::onRemainingRead(const std::vector<CachedSeries> &series)
{
    if (m_restored)
        return;
    for (const CachedSeries &one : series)
        loadCached(one);
    markRestored();
}

void MarketSession::markRestored()
{
    m_restored = true;
    spdlog::info(
        "session: restored from the cache: {} symbols, {} bars", m_cachedSymbols, m_cachedBars);
    emit sessionRestored(m_cachedSymbols, m_cachedBars);
    if (m_feedsWanted && !m_feedsStarted)
        launchFeeds();
}

void MarketSession::loadCached(const CachedSeries &series)
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
            if (const std::optional<QualityRule> rule = qualityRuleFromName(item.rule))
                records.push_back(QuarantineRecord {id, item.time, item.receivedAt, *rule,
                    item.rawValue, item.tradeId, item.detail});
        }
        if (!records.empty())
            emit quarantined(records);
    }
    ++m_cachedSymbols;
    m_cachedBars += static_cast<qint64>(series.minutes->size());
    if (FeedHost *host = feed(series.symbol.source))
        host->setResumePoint(series.symbol.code,
            ResumePoint {series.minutes->back().time, series.minutes->back().close});
}

void MarketSession::startFeeds()
{
    m_feedsWanted = true;
    if (m_restored && !m_feedsStarted)
        launchFeeds();
}

void MarketSession::launchFeeds()
{
    m_feedsStarted = true;
    setWantedSymbols(m_wantedKeys, m_quoteOnlyKeys);
    for (const auto &host : m_hosts)
        host->start();
    emit feedsRunning();
}

void MarketSession::setWantedSymbols(const QStringList &keys, const QStringList &quoteOnlyKeys)
{
    m_wantedKeys = keys;
    m_quoteOnlyKeys = quoteOnlyKeys;
    if (!m_feedsStarted)
        return;  // launchFeeds() hands them over
    struct Wanted {
        QSet<QString> codes;
        QSet<QString> quoteOnly;
    };
    std::map<FeedHost *, Wanted> wanted;
    for (const auto &host : m_hosts)
        wanted[host.get()];
    const QStringList ruled = m_alerts ? m_alerts->symbolKeys() : QStringList();
    const QSet<QString> needBars(ruled.cbegin(), ruled.cend());
    const QSet<QString> quoteOnly(quoteOnlyKeys.cbegin(), quoteOnlyKeys.cend());
    QStringList all = keys;
    all.append(ruled);
    for (const QString &key : std::as_const(all)) {
        QString code;
        FeedHost *host = hostOfKey(key, &code);
        if (!host)
            continue;
        wanted[host].codes.insert(code);
        if (quoteOnly.contains(key) && !needBars.contains(key))
            wanted[host].quoteOnly.insert(code);
    }
    for (auto &[host, w] : wanted)
        host->setWantedCodes(w.codes, w.quoteOnly);
}

std::optional<SymbolId> MarketSession::registerKey(const QString &key)
{
    if (const std::optional<SymbolId> known = m_symbols->find(key))
        return known;
    QString code;
    FeedHost *host = hostOfKey(key, &code);
    const std::optional<Symbol> symbol = host ? host->describe(code) : std::nullopt;
    if (!symbol)
        return std::nullopt;
    const SymbolId id = m_symbols->intern(*symbol);
    QMetaObject::invokeMethod(m_storage,
        [storage = m_storage, stored = m_symbols->symbol(id)] { storage->saveSymbols({stored}); });
    return id;
}

SymbolId MarketSession::registerImported(const QString &key)
{
    if (const std::optional<SymbolId> known = m_symbols->find(key))
        return *known;
    // A user's own data: described by its key alone, on UTC and always open.
    Symbol symbol;
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    symbol.source = key.left(colon).toLower();
    symbol.code = key.mid(colon + 1);
    symbol.displayName = symbol.code;
    const SymbolId id = m_symbols->intern(symbol);
    QMetaObject::invokeMethod(
        m_storage, [storage = m_storage, symbol] { storage->saveSymbols({symbol}); });
    return id;
}

void MarketSession::loadImported(SymbolId symbol, const BarsPtr &bars)
{
    if (!bars || bars->empty())
        return;
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, symbol, bars] { engine->loadHistory(symbol, bars); });
    noteLoaded(symbol, bars, false);
}

// ---------------------------------------------------------------- paging

void MarketSession::noteLoaded(SymbolId symbol, const BarsPtr &minutes, bool complete)
{
    Loaded &loaded = m_loaded[symbol];
    if (minutes && !minutes->empty()
        && (loaded.earliest == 0 || minutes->front().time < loaded.earliest))
        loaded.earliest = minutes->front().time;
    loaded.complete = loaded.complete || complete;
}

void MarketSession::requestOlderHistory(SymbolId symbol)
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

void MarketSession::onOlderRead(const QString &key, const BarsPtr &minutes, bool complete)
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
    spdlog::debug("session: {} older cached bars of {}{}", count, key.toStdString(),
        complete ? " (no more in the cache)" : "");
    emit olderHistoryLoaded(*symbol, count);
}

// ---------------------------------------------------------------- the write path

void MarketSession::writeBars(SymbolId symbol, Timeframe timeframe, const std::vector<Bar> &bars)
{
    QMetaObject::invokeMethod(m_storage,
        [storage = m_storage,
            batch = BarWriteBatch {m_symbols->symbol(symbol).key(), timeframe, bars}] {
            storage->writeBars(batch);
        });
    if (m_config.keepWriteLog) {
        std::set<TimeMs> &log = m_written[{symbol, timeframe}];
        for (const Bar &bar : bars)
            log.insert(bar.time);
    }
}

void MarketSession::onMinutesClosed(const std::vector<ClosedMinute> &minutes)
{
    // Grouped per symbol, in order: one transaction each.
    std::map<SymbolId, std::vector<Bar>> bySymbol;
    for (const ClosedMinute &minute : minutes)
        bySymbol[minute.symbol].push_back(minute.bar);
    for (const auto &[symbol, bars] : bySymbol)
        writeBars(symbol, Timeframe::M1, bars);
}

void MarketSession::onQuarantined(const std::vector<QuarantineRecord> &records)
{
    std::map<SymbolId, std::vector<QuarantinedItem>> bySymbol;
    for (const QuarantineRecord &r : records)
        bySymbol[r.symbol].push_back(QuarantinedItem {
            0, r.time, r.receivedAt, qualityRuleName(r.rule), r.rawValue, r.tradeId, r.detail});
    for (auto &[symbol, items] : bySymbol) {
        const QString key = m_symbols->symbol(symbol).key();
        spdlog::warn("session: {} item(s) of {} quarantined, first: {}", items.size(),
            key.toStdString(), items.front().detail.toStdString());
        QMetaObject::invokeMethod(m_storage, [storage = m_storage, key, list = std::move(items)] {
            storage->writeQuarantine(key, list);
        });
    }
    emit quarantined(records);
}

const std::set<TimeMs> &MarketSession::writtenBars(SymbolId symbol, Timeframe timeframe) const
{
    static const std::set<TimeMs> none;
    const auto it = m_written.find({symbol, timeframe});
    return it == m_written.end() ? none : it->second;
}

// ---------------------------------------------------------------- quality and health

std::optional<QualityTally> MarketSession::qualityTally(SymbolId symbol) const
{
    const Symbol &s = m_symbols->symbol(symbol);
    const FeedHost *host = feed(s.source);
    return host ? host->tally(symbol) : std::nullopt;
}

QHash<SymbolId, double> MarketSession::qualityScores() const
{
    QHash<SymbolId, double> scores;
    for (const auto &host : m_hosts) {
        for (const QString &code : host->streamedCodes()) {
            const std::optional<SymbolId> id
                = m_symbols->find(host->source() + QLatin1Char(':') + code);
            if (!id)
                continue;
            if (const std::optional<QualityTally> tally = host->tally(*id))
                scores.insert(*id, tally->score);
        }
    }
    return scores;
}

void MarketSession::sampleEverySecond()
{
    const TimeMs now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &host : m_hosts) {
        if (host->isRunning())
            emit healthSampled(host->sampleHealth(now));
    }
    if (!m_feedsStarted)
        return;
    const QHash<SymbolId, double> scores = qualityScores();
    // The rules made of data conditions (stale feed, quality below X).
    m_alerts->checkDataConditions(scores);
    emit qualityUpdated(scores);
    if (++m_seconds % kQualitySaveEverySeconds == 0)
        saveQualityScores();
}

void MarketSession::saveQualityScores()
{
    const TimeMs now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &host : m_hosts) {
        for (const QString &code : host->streamedCodes()) {
            const QString key = host->source() + QLatin1Char(':') + code;
            const std::optional<SymbolId> id = m_symbols->find(key);
            const std::optional<QualityTally> tally = id ? host->tally(*id) : std::nullopt;
            if (!tally)
                continue;
            const QualityScoreRecord record {tally->score, tally->checks, tally->passed, now};
            QMetaObject::invokeMethod(m_storage,
                [storage = m_storage, key, record] { storage->saveQualityScore(key, record); });
        }
    }
}

void MarketSession::saveFormingBars()
{
    // The minute still forming at the stop, per streamed symbol; a symbol with
    // none loses an older saved one (its closed bar has superseded it).
    std::vector<ClosedMinute> forming;
    QMetaObject::invokeMethod(
        m_engine, [&forming, engine = m_engine] { forming = engine->formingMinutes(); },
        Qt::BlockingQueuedConnection);
    std::unordered_map<SymbolId, Bar> bySymbol;
    for (const ClosedMinute &minute : forming)
        bySymbol[minute.symbol] = minute.bar;
    const TimeMs now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &host : m_hosts) {
        if (!host->isRunning() && !m_feedsStarted)
            continue;
        for (const QString &code : host->streamedCodes()) {
            const QString key = host->source() + QLatin1Char(':') + code;
            const std::optional<SymbolId> id = m_symbols->find(key);
            if (!id)
                continue;
            const auto it = bySymbol.find(*id);
            const std::optional<Bar> bar
                = it == bySymbol.end() ? std::nullopt : std::optional<Bar>(it->second);
            QMetaObject::invokeMethod(m_storage, [storage = m_storage, key, bar, now] {
                storage->saveFormingBar(key, Timeframe::M1, bar, now);
            });
        }
    }
}

// ---------------------------------------------------------------- shutdown

std::int64_t MarketSession::shutdown()
{
    if (m_shutDown)
        return 0;
    m_shutDown = true;
    m_secondTimer->stop();
    const bool started = m_feedsStarted;
    // Feeds first: their last output is queued to the engine behind what came before.
    for (const auto &host : m_hosts)
        host->stop();
    std::int64_t unsaved = 0;
    // The alert engine goes before the engine; its last fires come here queued.
    m_alerts->shutdown();
    // Their screened bars, quarantine and fires, queued to this thread, go to the cache.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
    if (m_opened) {
        if (started) {
            saveQualityScores();
            saveFormingBars();
        }
        // The engine's last closed minutes come back here (queued) and reach the
        // storage thread's queue before close(), which writes everything pending.
        QMetaObject::invokeMethod(
            m_engine, &MarketEngine::flushClosedMinutes, Qt::BlockingQueuedConnection);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
        // The reader first: the writer's close checkpoints the WAL, which needs
        // no other connection open to end with the -wal file gone.
        QMetaObject::invokeMethod(m_reader, &CacheReader::close, Qt::BlockingQueuedConnection);
        stopWorker(m_readerThread);
        m_readerThread = nullptr;
        m_alerts->detachStorage();
        QMetaObject::invokeMethod(
            m_storage,
            [storage = m_storage, &unsaved] {
                storage->close();
                unsaved = storage->pendingBars();
            },
            Qt::BlockingQueuedConnection);
        stopWorker(m_storageThread);
        m_storageThread = nullptr;
    } else {
        m_alerts->detachStorage();
        delete m_storage;
        delete m_reader;
    }
    m_storage = nullptr;
    m_reader = nullptr;
    m_hosts.clear();
    MarketEngine::shutdown(m_engineThread);
    m_engineThread = nullptr;
    m_engine = nullptr;
    if (unsaved > 0)
        spdlog::error("session: {} bars could not be written to the cache", unsaved);
    return unsaved;
}

}  // namespace wick
