#include "AppController.h"

#include <QSettings>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "MainWindow.h"
#include "alerts/AlertsController.h"
#include "chart/ChartView.h"
#include "engine/MarketEngine.h"
#include "health/DataHealthWindow.h"
#include "model/SymbolRegistry.h"
#include "search/SymbolSearch.h"
#include "session/FeedHost.h"
#include "session/MarketSession.h"
#include "settings/ApiKeysController.h"
#include "watchlist/WatchlistModel.h"

namespace wick {

namespace {

// "reconnecting in 4 s" as a sentence.
QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

}  // namespace

SourceSettings &AppConfig::source(const QString &name)
{
    for (SourceSettings &settings : sources) {
        if (settings.name == name)
            return settings;
    }
    sources.push_back(SourceSettings {name, true, {}, {}});
    return sources.back();
}

AppController::AppController(AppConfig config, std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_saveTimer(new QTimer(this))
{
    m_sinceStart.start();
    SessionConfig sessionConfig;
    sessionConfig.cachePath = config.dataDir + QStringLiteral("/cache.db");
    sessionConfig.sources = config.sources;
    sessionConfig.cachedMinutesPerSymbol = config.cachedMinutesPerSymbol;
    sessionConfig.pageMinutes = config.pageMinutes;
    sessionConfig.storage = config.storage;
    m_session = std::make_unique<MarketSession>(std::move(sessionConfig));
    for (const QString &error : m_session->sourceErrors())
        spdlog::error("app: {}", error.toStdString());

    m_window = std::make_unique<MainWindow>(
        m_session->symbols(), m_session->engine(), std::move(settings));
    for (const auto &host : m_session->feeds()) {
        m_window->showFeedState(host->source(), FeedState::Connecting, QString());
        // "<source> symbols are loading..." until the source lists them.
        if (host->capabilities() & Feed::SymbolSearch)
            m_window->symbolSearch()->setCandidates(host->source(), {});
    }
    wireSession();
    wireWindow();
    m_alerts = new AlertsController(
        m_session->alerts(), m_window.get(), m_session->engine(), m_session->symbols());
    // The keys of the sources that need one, from the OS keychain (asynchronous).
    m_keys = new ApiKeysController(m_session.get(), m_window.get(), nullptr, this);
    connect(m_window.get(), &MainWindow::apiKeysRequested, m_keys, &ApiKeysController::openDialog);
    m_keys->loadKeys();
    m_session->open(m_window->watchlistKeys());
    if (config.startFeed)
        startFeed();
}

AppController::~AppController()
{
    saveSession();
    // What the session still delivers while it shuts down has no window to go to.
    m_session->disconnect(this);
    // The first-paint watch is on the engine, not the session: a snapshot still
    // queued would reach it with no window (when no chart was painted yet).
    disconnect(m_firstPaintWatch);
    m_window.reset();  // saves the ini settings; talks to the engine, so goes first
    m_session->shutdown();
}

MarketEngine *AppController::engine() const
{
    return m_session->engine();
}

QString AppController::cachePath() const
{
    return m_session->cachePath();
}

bool AppController::sessionRestored() const
{
    return m_session->isRestored();
}

bool AppController::feedStarted() const
{
    return m_session->feedsStarted();
}

QStringList AppController::streamedCodes(const QString &source) const
{
    const FeedHost *host = m_session->feed(source);
    return host ? host->streamedCodes() : QStringList();
}

void AppController::wireSession()
{
    MarketSession *session = m_session.get();
    MainWindow *window = m_window.get();
    connect(session, &MarketSession::cacheOpened, this,
        [window](const QString &path, const QString &movedAsideTo) {
            if (!movedAsideTo.isEmpty())
                window->showCacheMovedAside(path, movedAsideTo);
        });
    connect(session, &MarketSession::savingChanged, window, &MainWindow::showStorageState);
    connect(session, &MarketSession::sessionRead, this, &AppController::onSessionRead);
    connect(session, &MarketSession::sessionRestored, this, &AppController::sessionReady);
    connect(session, &MarketSession::feedsRunning, this, &AppController::feedRunning);
    connect(session, &MarketSession::olderHistoryLoaded, this, &AppController::olderHistoryLoaded);
    connect(session, &MarketSession::quarantined, window->chart(), &ChartView::addQuarantined);
    connect(session, &MarketSession::feedStateChanged, this,
        [window](const QString &source, FeedState state, const QString &detail) {
            window->showFeedState(source, state, detail);
            window->dataHealth()->setFeedState(source, sentence(detail));
        });
    connect(session, &MarketSession::symbolError, window->watchlistModel(),
        &WatchlistModel::setSymbolIssue);
    connect(session, &MarketSession::dayReferenceChanged, window->watchlistModel(),
        &WatchlistModel::setChangeReference);
    connect(session, &MarketSession::symbolsListed, this, &AppController::onSymbolsListed);
    connect(session, &MarketSession::qualityUpdated, window->watchlistModel(),
        &WatchlistModel::setQualityScores);
    connect(session, &MarketSession::healthSampled, this, [window](const FeedHealthReading &r) {
        // A simulated source has no detail worth a line: its state, marked as such.
        const QString state = r.simulated
            ? sentence(tr("%1, simulated").arg(feedStateName(window->feedState(r.source))))
            : QString();
        window->dataHealth()->addSample(fromFeedHealth(r, state));
    });

    // How long a start takes to show a chart, in the log (after the window's own
    // handler, which it is connected before).
    m_firstPaintWatch = connect(session->engine(), &MarketEngine::snapshotReady, this, [this] {
        // (A snapshot queued before the disconnect below still arrives.)
        // (And one queued before the window went, at shutdown.)
        if (!m_window || m_firstPaintMs >= 0 || m_window->chart()->candleCount() == 0)
            return;
        m_firstPaintMs = m_sinceStart.elapsed();
        spdlog::info("app: first chart ({} candles) {} ms after start, {}",
            m_window->chart()->candleCount(), m_firstPaintMs,
            m_session->feedsStarted() ? "feed started" : "from the cache, before the feed");
        disconnect(m_firstPaintWatch);
    });
}

void AppController::wireWindow()
{
    MainWindow *window = m_window.get();
    StorageService *storage = m_session->storage();
    connect(
        window->symbolSearch(), &SymbolSearch::symbolChosen, this, &AppController::addSymbolByKey);
    // History paging: scrolling near the first bar asks the cache for the page before it.
    connect(window->chart(), &ChartView::olderHistoryWanted, this,
        [this](SymbolId symbol, Timeframe, qint64) { m_session->requestOlderHistory(symbol); });
    // File > Import / Export run on the storage thread.
    connect(window, &MainWindow::importCsvRequested, storage,
        [storage](const QString &path, const QString &key, Timeframe timeframe) {
            storage->importCsv(path, key, timeframe);
        });
    connect(window, &MainWindow::exportCsvRequested, storage,
        [storage](const QString &path, const BarSeries &bars) { storage->exportCsv(path, bars); });
    connect(storage, &StorageService::csvImported, this, &AppController::onCsvImported);
    connect(storage, &StorageService::csvExported, window, &MainWindow::showExportResult);

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500);
    connect(m_saveTimer, &QTimer::timeout, this, &AppController::saveSession);
    connect(window, &MainWindow::sessionChanged, m_saveTimer, qOverload<>(&QTimer::start));
    connect(window, &MainWindow::sessionChanged, this, &AppController::syncWantedSymbols);
}

void AppController::startFeed()
{
    syncWantedSymbols();
    m_session->startFeeds();
}

void AppController::syncWantedSymbols()
{
    QStringList keys = m_window->watchlistKeys();
    // A watchlist row alone needs a quote, not bars: the chart's symbol does.
    QStringList quoteOnly = keys;
    const SymbolId shown = m_window->currentSymbol();
    if (shown != kInvalidSymbol) {
        const QString chart = m_session->symbols()->symbol(shown).key();
        keys.append(chart);
        quoteOnly.removeAll(chart);
    }
    m_session->setWantedSymbols(keys, quoteOnly);
}

void AppController::onSessionRead(const CachedSession &session)
{
    // The session registered its symbols: the watchlist rows waiting for them resolve.
    m_window->watchlistModel()->resolvePendingKeys();
    m_window->restoreSession(
        session.hasWatchlist ? std::optional(session.watchlist) : std::nullopt, session.settings);
    syncWantedSymbols();
}

bool AppController::addSymbolByKey(const QString &key)
{
    const std::optional<SymbolId> id = m_session->registerKey(key);
    if (!id)
        return false;
    m_window->addAndShow(*id);
    syncWantedSymbols();
    return true;
}

void AppController::onSymbolsListed(const QString &source, const std::vector<ListedSymbol> &symbols)
{
    std::vector<SearchCandidate> candidates;
    candidates.reserve(symbols.size());
    for (const ListedSymbol &listed : symbols) {
        const Symbol &s = listed.symbol;
        const QString kind = listed.kind == QLatin1String("Spot") ? tr("Spot") : listed.kind;
        candidates.push_back(SearchCandidate {s.key(), source, s.code, s.displayName,
            listed.status.isEmpty() ? kind : tr("%1 \u00b7 %2").arg(kind, listed.status)});
    }
    spdlog::info("app: {} {} symbols listed for search", candidates.size(), source.toStdString());
    m_window->symbolSearch()->setCandidates(source, std::move(candidates));
}

void AppController::onCsvImported(const CsvImportReport &report)
{
    if (!m_window) {
        // The storage thread finished an import queued before shutdown took the window.
        emit csvImportDone(report);
        return;
    }
    if (report.error.isEmpty() && report.bars && !report.bars->empty()) {
        const SymbolId id = m_session->registerImported(report.symbolKey);
        if (report.timeframe == Timeframe::M1) {
            m_session->loadImported(id, report.bars);
            m_window->addAndShow(id);
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
    StorageService *storage = m_session->storage();
    if (!storage)
        return;
    const QStringList keys = m_window->watchlistKeys();
    const QHash<QString, QString> settings = m_window->sessionSettings();
    QMetaObject::invokeMethod(storage, [storage, keys, settings] {
        storage->saveWatchlist(CacheReader::mainWatchlistName(), keys);
        for (auto it = settings.begin(); it != settings.end(); ++it)
            storage->saveSetting(it.key(), it.value());
    });
}

}  // namespace wick
