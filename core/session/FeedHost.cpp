#include "session/FeedHost.h"

#include <algorithm>

#include <QThread>

#include <spdlog/spdlog.h>

#include "engine/MarketEngine.h"
#include "model/SymbolRegistry.h"
#include "session/CoreMetaTypes.h"

namespace wick {

double messageRate(std::int64_t before, std::int64_t now, std::int64_t elapsedMs)
{
    if (elapsedMs <= 0 || now <= before)
        return 0.0;
    return double(now - before) * 1000.0 / double(elapsedMs);
}

FeedHost::FeedHost(std::unique_ptr<Feed> feed, std::shared_ptr<SymbolRegistry> registry,
    MarketEngine *engine, QObject *parent)
    : QObject(parent)
    , m_source(feed->source())
    , m_capabilities(feed->capabilities())
    , m_registry(std::move(registry))
    , m_feed(feed.release())
{
    registerCoreMetaTypes();
    const bool validate = !(m_capabilities & Feed::Simulated);
    m_screen = new FeedScreen(m_registry, m_source, m_feed->clock(), validate);

    // Feed -> screen on the feed's thread; screen -> engine queued to its thread.
    connect(m_feed, &Feed::ticksReceived, m_screen, &FeedScreen::screenTicks, Qt::DirectConnection);
    connect(m_feed, &Feed::barsReceived, m_screen, &FeedScreen::screenBars, Qt::DirectConnection);
    connect(m_feed, &Feed::formingBarChanged, m_screen, &FeedScreen::screenFormingBar,
        Qt::DirectConnection);
    connect(m_screen, &FeedScreen::ticksScreened, engine,
        [engine, source = m_source](
            const TickBatch &batch) { engine->addFeedTicks(source, batch); });
    connect(m_screen, &FeedScreen::barsScreened, engine, &MarketEngine::loadBars);
    connect(m_screen, &FeedScreen::formingBarScreened, engine, &MarketEngine::mergeFormingBar);
    // A source's quotes move quotes only (the engine refuses unusable ones).
    connect(m_feed, &Feed::quotesReceived, engine, &MarketEngine::applySourceQuotes);
    QMetaObject::invokeMethod(
        engine,
        [engine, source = m_source, clock = m_feed->clock(), grace = m_feed->closeGraceMs()] {
            engine->setSourceClock(source, clock, grace);
        },
        Qt::QueuedConnection);

    // Back to this thread.
    connect(m_screen, &FeedScreen::barsScreened, this, &FeedHost::barsScreened);
    connect(m_screen, &FeedScreen::quarantined, this, &FeedHost::quarantined);
    connect(m_feed, &Feed::stateChanged, this, [this](FeedState state, const QString &detail) {
        m_state = state;
        m_stateDetail = detail;
        emit stateChanged(m_source, state, detail);
    });
    connect(m_feed, &Feed::symbolError, this, &FeedHost::symbolError);
    connect(m_feed, &Feed::dayReferenceChanged, this, &FeedHost::dayReferenceChanged);
    connect(m_feed, &Feed::symbolsListed, this, [this](const std::vector<ListedSymbol> &symbols) {
        m_listed.clear();
        for (const ListedSymbol &listed : symbols)
            m_listed.insert(listed.symbol.code.toUpper(), listed.symbol);
        emit symbolsListed(m_source, symbols);
    });

    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("wick-feed-%1").arg(m_source));
    m_feed->moveToThread(m_thread);
    m_screen->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_feed, &Feed::start);
    connect(m_thread, &QThread::finished, m_feed, &QObject::deleteLater);
}

FeedHost::~FeedHost()
{
    stop();
    if (!m_running && !m_stopped) {
        delete m_feed;  // its thread never ran
        m_feed = nullptr;
    }
    delete m_thread;
    delete m_screen;  // no timers: safe once its thread has ended
}

void FeedHost::setResumePoint(const QString &code, const ResumePoint &point)
{
    if (m_running) {
        spdlog::warn("{}: resume point for {} after start ignored", m_source.toStdString(),
            code.toStdString());
        return;
    }
    m_resume.insert(code, point);
}

void FeedHost::setWantedCodes(const QSet<QString> &codes, const QSet<QString> &quoteOnly)
{
    m_wanted = codes;
    m_quoteOnly = quoteOnly;
    if (m_running)
        syncSymbols();
}

QStringList FeedHost::streamedCodes() const
{
    QStringList codes(m_streamed.cbegin(), m_streamed.cend());
    if (!(m_capabilities & Feed::DynamicSymbols) && !m_running && !m_stopped && m_feed)
        codes = m_feed->symbolCodes();  // not started: what it would stream
    codes.sort();
    return codes;
}

void FeedHost::syncSymbols()
{
    if (!(m_capabilities & Feed::DynamicSymbols))
        return;
    std::optional<QStringList> barCodes;
    if (m_capabilities & Feed::QuoteOnly) {
        QStringList codes;
        for (const QString &code : std::as_const(m_wanted))
            if (!m_quoteOnly.contains(code))
                codes.append(code);
        codes.sort();
        if (codes != m_barCodes)
            barCodes = codes;
    }
    QStringList added;
    QStringList removed;
    for (const QString &code : std::as_const(m_wanted)) {
        if (!m_streamed.contains(code))
            added.append(code);
    }
    for (const QString &code : std::as_const(m_streamed)) {
        if (!m_wanted.contains(code))
            removed.append(code);
    }
    if (added.isEmpty() && removed.isEmpty() && !barCodes)
        return;
    m_streamed = m_wanted;
    if (barCodes) {
        m_barCodes = barCodes;
        spdlog::info("{}: bars for {} of {} symbols, quotes alone for the others",
            m_source.toStdString(), barCodes->size(), m_wanted.size());
    }
    added.sort();
    removed.sort();
    // The bar codes first: a symbol added is then started as what it is.
    if (m_thread->isRunning()) {
        QMetaObject::invokeMethod(m_feed, [feed = m_feed, added, removed, barCodes] {
            if (barCodes)
                feed->setBarCodes(*barCodes);
            if (!removed.isEmpty())
                feed->removeSymbols(removed);
            if (!added.isEmpty())
                feed->addSymbols(added);
        });
    } else {
        // Its thread has not started: start() takes them.
        if (barCodes)
            m_feed->setBarCodes(*barCodes);
        m_feed->addSymbols(added);
    }
    if (added.isEmpty() && removed.isEmpty())
        return;
    // A long list (a watchlist of thousands restored) is named by its first codes and its count.
    const auto listed = [](const QStringList &codes) {
        constexpr qsizetype kNamed = 20;
        QString text = codes.mid(0, kNamed).join(QLatin1Char(','));
        if (codes.size() > kNamed)
            text += QStringLiteral(",... (%1 in all)").arg(codes.size());
        return text.toStdString();
    };
    spdlog::info("{}: streams +[{}] -[{}]", m_source.toStdString(), listed(added), listed(removed));
}

void FeedHost::setCredentials(const Credentials &credentials)
{
    if (!m_feed)
        return;
    if (m_thread->isRunning())
        QMetaObject::invokeMethod(
            m_feed, [feed = m_feed, credentials] { feed->setCredentials(credentials); });
    else
        m_feed->setCredentials(credentials);
    spdlog::info("{}: {}", m_source.toStdString(),
        credentials.isEmpty() ? "credentials removed" : "credentials given");
}

void FeedHost::start()
{
    if (m_running || m_stopped)
        return;
    m_running = true;
    // Before its thread runs: where the cache ends, and what to stream.
    if (!m_resume.isEmpty())
        m_feed->resumeFrom(m_resume);
    m_streamed.clear();
    if (m_capabilities & Feed::DynamicSymbols)
        syncSymbols();
    else
        for (const QString &code : m_feed->symbolCodes())
            m_streamed.insert(code);  // its configured set, fixed while it runs
    m_thread->start();
}

void FeedHost::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_stopped = true;
    QMetaObject::invokeMethod(m_feed, &Feed::stop, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_feed = nullptr;  // deleted on its thread as it finished
}

std::optional<Symbol> FeedHost::describe(const QString &code) const
{
    const auto listed = m_listed.constFind(code.toUpper());
    if (listed != m_listed.cend())
        return *listed;
    // describeSymbol is pure (any thread) but the feed is gone once stopped.
    return m_feed ? m_feed->describeSymbol(code) : std::nullopt;
}

FeedHealthReading FeedHost::sampleHealth(TimeMs nowMs)
{
    FeedHealthReading reading;
    reading.source = m_source;
    reading.timeMs = nowMs;
    reading.state = m_state;
    reading.stateDetail = m_stateDetail;
    reading.simulated = bool(m_capabilities & Feed::Simulated);
    if (m_feed)
        reading.health = m_feed->health();
    else if (m_lastHealth)
        reading.health = *m_lastHealth;
    reading.health.quarantined = m_screen->quarantinedCount();
    reading.health.flagged = m_screen->flaggedCount();
    if (m_lastHealth)
        reading.messagesPerSecond = messageRate(m_lastHealth->messagesReceived,
            reading.health.messagesReceived, nowMs - m_lastHealthAt);
    m_lastHealth = reading.health;
    m_lastHealthAt = nowMs;
    return reading;
}

}  // namespace wick
