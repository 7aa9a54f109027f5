#include "feeds/alpaca/AlpacaFeed.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "feeds/alpaca/AlpacaParser.h"
#include "feeds/alpaca/AlpacaSymbols.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "net/CircuitBreaker.h"
#include "net/RestClient.h"
#include "net/StreamConnection.h"
#include "quality/MarketCalendar.h"
#include "session/CoreMetaTypes.h"

namespace wick {

namespace {

QString errorText(int code, const QString &msg)
{
    switch (code) {
    case 402:
        return QStringLiteral("auth failed (402): check the key and secret in View > API Keys...");
    case 404:
        return QStringLiteral("auth timeout (404): reconnecting");
    case 406:
        return QStringLiteral("connection limit exceeded (406): the plan's one stream connection "
                              "is in use elsewhere; retrying");
    case 405:
        return QStringLiteral("symbol limit exceeded (405): the plan streams 30 symbols' trades");
    case 409:
        return QStringLiteral("insufficient subscription (409): the plan lacks this feed");
    default:
        return QStringLiteral("%1 (%2)").arg(msg).arg(code);
    }
}

// The account's headers on every REST request (none without a key).
HttpHeaders restHeaders(const Credentials &c)
{
    if (c.isEmpty())
        return {};
    return {{QByteArrayLiteral("APCA-API-KEY-ID"), c.key.toUtf8()},
        {QByteArrayLiteral("APCA-API-SECRET-KEY"), c.secret.toUtf8()}};
}

}  // namespace

AlpacaFeed::AlpacaFeed(
    std::shared_ptr<SymbolRegistry> registry, AlpacaFeedConfig config, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(registry))
    , m_config(std::move(config))
    , m_clock(m_config.clock ? m_config.clock : std::make_shared<SystemClock>())
    , m_calendar(std::make_unique<MarketCalendar>(MarketCalendar::forMarket(Market::UsEquity)))
    , m_marketTimer(new QTimer(this))
{
    registerCoreMetaTypes();
    if (m_config.clockRate <= 0.0)
        m_config.clockRate = 1.0;
    StreamPolicy policy;
    policy.name = QStringLiteral("alpaca stream");
    policy.heartbeatTimeoutMs = m_config.heartbeatTimeoutMs;
    policy.backoff = m_config.backoff;
    policy.messagesPerSecond = 5.0;
    policy.messageBurst = 3.0;
    m_stream
        = new StreamConnection(policy, std::make_shared<CircuitBreaker>(m_config.circuit, m_clock),
            m_clock, m_config.clockRate, this);
    connect(m_stream, &StreamConnection::frame, this, &AlpacaFeed::onFrame);
    connect(m_stream, &StreamConnection::closed, this, [this](const QString &why) {
        m_authenticated = false;
        {
            std::lock_guard lock(m_mutex);
            ++m_health.reconnects;
        }
        spdlog::warn("alpaca: stream closed ({})", why.toStdString());
        updateState();
    });
    connect(m_stream, &StreamConnection::stateChanged, this, &AlpacaFeed::updateState);
    RestPolicy p;
    p.name = QStringLiteral("alpaca");
    p.baseUrl = m_config.restUrl;
    p.headers = restHeaders(m_config.credentials);
    p.timeoutMs = m_config.restTimeoutMs;
    p.backoff = m_config.backoff;
    p.circuit = m_config.circuit;
    p.requestsPerSecond = m_config.requestsPerSecond;
    p.burst = 3.0;
    p.parseError = [](const QByteArray &body) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        return RestError {o.value(QLatin1String("code")).toInt(),
            o.value(QLatin1String("message")).toString(QString::fromUtf8(body.left(200)))};
    };
    m_rest = new RestClient(p, m_clock, m_config.clockRate, this);
    connect(m_rest, &RestClient::stateChanged, this, &AlpacaFeed::updateState);
    m_marketTimer->setInterval(int(std::max<TimeMs>(m_config.marketCheckMs, 10)));
    connect(m_marketTimer, &QTimer::timeout, this, &AlpacaFeed::checkMarket);
    for (const QString &code : std::as_const(m_config.symbols)) {
        if (isValidAlpacaCode(code))
            track(code);
    }
}

AlpacaFeed::~AlpacaFeed() = default;

AlpacaFeed::Tracked *AlpacaFeed::find(const QString &code)
{
    for (const auto &t : m_symbols) {
        if (t->code.compare(code, Qt::CaseInsensitive) == 0)
            return t.get();
    }
    return nullptr;
}

AlpacaFeed::Tracked &AlpacaFeed::track(const QString &code)
{
    if (Tracked *t = find(code))
        return *t;
    const Symbol symbol = alpacaSymbol(QStringView(code));
    auto t = std::make_unique<Tracked>();
    t->code = symbol.code;
    t->id = m_registry->intern(symbol);
    m_symbols.push_back(std::move(t));
    return *m_symbols.back();
}

QString AlpacaFeed::source() const
{
    return QString(kAlpacaSource);
}

FeedState AlpacaFeed::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

Feed::Capabilities AlpacaFeed::capabilities() const
{
    return LiveTrades | LiveBars | RestHistory | DynamicSymbols | NeedsCredentials;
}

FeedHealth AlpacaFeed::health() const
{
    const RestHealth rest = m_rest->health();  // any thread
    std::lock_guard lock(m_mutex);
    FeedHealth h = m_health;  // streamCircuit: as updateState() last saw it
    h.restRequests = rest.requests;
    h.restFailures = rest.failures;
    h.rateLimitWaits = rest.rateLimitWaits;
    h.restCircuit = rest.circuit;
    return h;
}

QStringList AlpacaFeed::symbolCodes() const
{
    QStringList codes;
    for (const auto &t : m_symbols) {
        if (t->active)
            codes << t->code;
    }
    return codes;
}

std::optional<Symbol> AlpacaFeed::describeSymbol(const QString &code) const
{
    if (!isValidAlpacaCode(code))
        return std::nullopt;
    return alpacaSymbol(QStringView(code));
}

// ---------------------------------------------------------------- lifecycle

void AlpacaFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    m_marketClosed = m_config.pauseWhileClosed && !marketTrading(m_clock->now());
    if (m_marketClosed) {
        spdlog::info("alpaca: US equities closed: the stream waits for the next pre-market");
        backfillActive();
    } else {
        connectStream();
    }
    if (m_config.pauseWhileClosed)
        m_marketTimer->start();
    updateState();
}

bool AlpacaFeed::marketTrading(TimeMs t) const
{
    // Open a few minutes early (authenticated when the first trade comes),
    // closed a few minutes late (the last minute bars arrive after the bell).
    constexpr TimeMs kLead = 5 * kMinuteMs;
    constexpr TimeMs kLinger = 3 * kMinuteMs;
    const auto trades
        = [&](TimeMs at) { return m_calendar->isOpen(at) || m_calendar->isExtendedHours(at); };
    return trades(t) || trades(t + kLead) || trades(t - kLinger);
}

void AlpacaFeed::checkMarket()
{
    if (!m_running || !m_config.pauseWhileClosed)
        return;
    const bool closed = !marketTrading(m_clock->now());
    if (closed == m_marketClosed)
        return;
    m_marketClosed = closed;
    if (closed) {
        spdlog::info("alpaca: US equities closed: stream paused until the next pre-market");
        m_stream->close();
        m_authenticated = false;
        backfillActive();  // any closing minute the stream did not send
    } else {
        spdlog::info("alpaca: US equities about to trade: stream reopened");
        connectStream();
    }
    updateState();
}

void AlpacaFeed::backfillActive()
{
    for (auto &t : m_symbols) {
        if (t->active)
            backfill(*t);
    }
}

void AlpacaFeed::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_authenticated = false;
    m_marketClosed = false;
    m_marketTimer->stop();
    m_stream->close();
    m_rest->stop();
    for (auto &t : m_symbols) {
        ++t->generation;
        t->fetching = false;
    }
    updateState();
}

void AlpacaFeed::resumeFrom(const QHash<QString, ResumePoint> &points)
{
    for (auto it = points.cbegin(); it != points.cend(); ++it)
        m_resume.insert(it.key().toUpper(), it.value().lastClosed);
}

void AlpacaFeed::setCredentials(const Credentials &credentials)
{
    const bool changed = !(credentials == m_config.credentials);
    m_config.credentials = {credentials.key.trimmed(), credentials.secret.trimmed()};
    if (!changed)
        return;
    // What waits was asked with the old key: dropped, asked again after the new auth.
    m_rest->stop();
    m_rest->setHeaders(restHeaders(m_config.credentials));
    for (auto &t : m_symbols) {
        ++t->generation;
        t->fetching = false;
    }
    m_authRefused = false;
    m_problem.clear();
    if (m_running) {
        m_stream->close();
        m_authenticated = false;
        connectStream();
        if (m_marketClosed)
            backfillActive();
    }
    updateState();
}

void AlpacaFeed::connectStream()
{
    if (!m_running || m_config.credentials.isEmpty() || m_config.credentials.secret.isEmpty()
        || m_authRefused || m_marketClosed)
        return;
    m_stream->open(m_config.wsUrl);
}

void AlpacaFeed::addSymbols(const QStringList &codes)
{
    QStringList added;
    for (const QString &code : codes) {
        if (!isValidAlpacaCode(code))
            continue;
        const bool known = find(code) != nullptr;
        Tracked &t = track(code);
        if (!known || !t.active) {
            t.active = true;
            added << t.code;
        }
    }
    // Before authentication, "authenticated" subscribes every active symbol.
    if (m_authenticated && !added.isEmpty())
        subscribe(added, true);
    if ((m_authenticated || m_marketClosed) && m_running) {
        for (const QString &code : std::as_const(added))
            backfill(*find(code));
    }
}

void AlpacaFeed::removeSymbols(const QStringList &codes)
{
    QStringList removed;
    for (const QString &code : codes) {
        if (Tracked *t = find(code); t && t->active) {
            t->active = false;
            t->fetching = false;
            ++t->generation;
            removed << t->code;
        }
    }
    if (m_authenticated && !removed.isEmpty())
        subscribe(removed, false);
}

// ---------------------------------------------------------------- stream

void AlpacaFeed::subscribe(const QStringList &codes, bool add)
{
    const QJsonArray list = QJsonArray::fromStringList(codes);
    const QJsonObject message {
        {QStringLiteral("action"),
            add ? QStringLiteral("subscribe") : QStringLiteral("unsubscribe")},
        {QStringLiteral("trades"), list}, {QStringLiteral("bars"), list}};
    m_stream->send(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    spdlog::info("alpaca: {} {}", add ? "subscribe" : "unsubscribe",
        codes.join(QLatin1Char(',')).toStdString());
}

void AlpacaFeed::onFrame(const QString &text)
{
    const auto parsed = parseAlpacaFrame(text);
    {
        std::lock_guard lock(m_mutex);
        ++m_health.messagesReceived;
        if (!parsed)
            ++m_health.malformedMessages;
    }
    if (!parsed) {
        spdlog::warn("alpaca: frame skipped: {}", parsed.error().toString().toStdString());
        return;
    }
    std::vector<Tick> ticks;
    for (const AlpacaMessage &m : parsed.value())
        onMessage(m, ticks);
    if (!ticks.empty()) {
        {
            std::lock_guard lock(m_mutex);
            m_health.tradesReceived += std::int64_t(ticks.size());
        }
        TickBatch batch;
        batch.feedTime = m_clock->now();
        batch.ticks = std::move(ticks);
        emit ticksReceived(batch);
    }
}

void AlpacaFeed::onMessage(const AlpacaMessage &m, std::vector<Tick> &ticks)
{
    switch (m.kind) {
    case AlpacaMessage::Kind::Success:
        if (m.text == QLatin1String("connected")) {
            // Within the auth timeout: at once.
            const QJsonObject auth {{QStringLiteral("action"), QStringLiteral("auth")},
                {QStringLiteral("key"), m_config.credentials.key},
                {QStringLiteral("secret"), m_config.credentials.secret}};
            m_stream->send(QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
        } else if (m.text == QLatin1String("authenticated")) {
            m_authenticated = true;
            m_problem.clear();
            const QStringList codes = symbolCodes();
            if (!codes.isEmpty())
                subscribe(codes, true);
            backfillActive();
            updateState();
        }
        return;
    case AlpacaMessage::Kind::Error:
        spdlog::error("alpaca: stream error {}: {}", m.code, m.text.toStdString());
        setProblem(errorText(m.code, m.text));
        if (m.code == 402) {
            // Wrong credentials do not get better by retrying.
            m_authRefused = true;
            m_stream->close();
        }
        updateState();
        return;
    case AlpacaMessage::Kind::Subscription:
        spdlog::info("alpaca: subscribed trades [{}] bars [{}]",
            m.trades.join(QLatin1Char(',')).toStdString(),
            m.bars.join(QLatin1Char(',')).toStdString());
        return;
    case AlpacaMessage::Kind::Trade: {
        const Tracked *t = find(m.symbol);
        if (!t || !t->active)
            return;
        Tick tick;
        tick.symbol = t->id;
        tick.time = m.time;
        tick.price = m.price;
        tick.size = m.size;
        tick.tradeId = m.tradeId;
        ticks.push_back(tick);
        return;
    }
    case AlpacaMessage::Kind::Bar: {
        Tracked *t = find(m.symbol);
        if (t && t->active && !t->fetching)
            deliverBars(*t, {m.bar});
        return;
    }
    case AlpacaMessage::Kind::Quote:
    case AlpacaMessage::Kind::Other:
        return;
    }
}

// ---------------------------------------------------------------- REST history

void AlpacaFeed::backfill(Tracked &t)
{
    if (t.fetching)
        return;
    const TimeMs now = m_clock->now();
    TimeMs held = std::max(t.delivered, m_resume.value(t.code, 0));
    TimeMs from = held > 0 ? held + kMinuteMs : 0;
    if (from == 0)
        from = m_config.backfillFrom > 0    ? m_config.backfillFrom
            : m_config.backfillWindowMs > 0 ? now - m_config.backfillWindowMs
                                            : 0;
    if (from == 0 || from >= minuteFloor(now))
        return;
    t.fetching = true;
    requestPage(t, from, {});
    updateState();
}

void AlpacaFeed::requestPage(Tracked &t, TimeMs from, const QString &pageToken)
{
    RestRequest r;
    r.path = QStringLiteral("/v2/stocks/%1/bars").arg(t.code);
    r.query.addQueryItem(QStringLiteral("timeframe"), QStringLiteral("1Min"));
    r.query.addQueryItem(QStringLiteral("start"), rfc3339(from));
    r.query.addQueryItem(QStringLiteral("limit"), QString::number(m_config.pageLimit));
    r.query.addQueryItem(QStringLiteral("feed"), m_config.dataFeed);
    r.query.addQueryItem(QStringLiteral("adjustment"), QStringLiteral("raw"));
    if (!pageToken.isEmpty())
        r.query.addQueryItem(QStringLiteral("page_token"), pageToken);
    r.onAnswer = [this, tp = &t, generation = t.generation, from](const RestAnswer &a) {
        Tracked &t = *tp;
        if (generation != t.generation || !t.active)
            return;
        const auto page = a.outcome == RestOutcome::Success
            ? parseAlpacaBars(a.body)
            : Parsed<AlpacaBarsPage>(ParseError {{}, a.error.message});
        {
            std::lock_guard lock(m_mutex);
            if (a.outcome == RestOutcome::Success && !page)
                ++m_health.malformedMessages;
        }
        if (!page) {
            spdlog::error("alpaca: bars of {} from {} unusable (HTTP {}): {}", t.code.toStdString(),
                rfc3339(from).toStdString(), a.status, page.error().toString().toStdString());
            if (a.status == 401 || a.status == 403)
                setProblem(QStringLiteral("REST refused the key (HTTP %1)").arg(a.status));
            t.fetching = false;
            updateState();
            return;
        }
        if (a.status == 200 && page.value().bars.empty() && page.value().nextPageToken.isEmpty())
            spdlog::info("alpaca: {} has no bars from {}", t.code.toStdString(),
                rfc3339(from).toStdString());
        std::vector<Bar> bars = page.value().bars;
        {
            std::lock_guard lock(m_mutex);
            m_health.backfilledBars += std::int64_t(bars.size());
        }
        deliverBars(t, std::move(bars));
        if (!page.value().nextPageToken.isEmpty()) {
            requestPage(t, from, page.value().nextPageToken);
            return;
        }
        t.fetching = false;
        updateState();
    };
    m_rest->enqueue(std::move(r));
}

void AlpacaFeed::deliverBars(Tracked &t, std::vector<Bar> bars)
{
    const TimeMs now = m_clock->now();
    std::vector<Bar> closed;
    for (const Bar &b : bars) {
        // Closed minutes not sent before (REST and the stream both give a minute).
        if (b.time > t.delivered && b.time + kMinuteMs <= now)
            closed.push_back(b);
    }
    if (closed.empty())
        return;
    t.delivered = closed.back().time;
    emit barsReceived(
        t.id, Timeframe::M1, std::make_shared<const std::vector<Bar>>(std::move(closed)));
}

// ---------------------------------------------------------------- state

void AlpacaFeed::setProblem(const QString &problem)
{
    m_problem = problem;
}

void AlpacaFeed::updateState()
{
    FeedState state = FeedState::Live;
    QString detail;
    const bool backfilling = std::any_of(
        m_symbols.begin(), m_symbols.end(), [](const auto &t) { return t->active && t->fetching; });
    if (!m_running) {
        state = FeedState::Offline;
        detail = QStringLiteral("stopped");
    } else if (m_config.credentials.isEmpty() || m_config.credentials.secret.isEmpty()) {
        state = FeedState::Connecting;
        detail = QStringLiteral("waiting for an API key and secret (View > API Keys...)");
    } else if (m_authRefused) {
        state = FeedState::Offline;
        detail = m_problem;
    } else if (m_marketClosed) {
        detail = backfilling ? QStringLiteral("market closed (stream paused), backfilling")
                             : QStringLiteral("market closed (stream paused)");
    } else if (m_stream->circuit().state() == CircuitState::Open) {
        state = FeedState::CircuitOpen;
        detail = QStringLiteral("stream circuit open");
    } else if (!m_authenticated) {
        state = m_stream->reconnects() > 0 ? FeedState::Reconnecting : FeedState::Connecting;
        detail = m_problem.isEmpty() ? QStringLiteral("connecting") : m_problem;
    } else {
        detail = backfilling ? QStringLiteral("live, backfilling") : QStringLiteral("live");
    }
    {
        std::lock_guard lock(m_mutex);
        m_health.streamCircuit = m_stream->circuit().state();
        if (state == m_state && detail == m_detail)
            return;
        m_state = state;
        m_detail = detail;
    }
    spdlog::info("alpaca: {} ({})", feedStateName(state).toStdString(), detail.toStdString());
    emit stateChanged(state, detail);
}

}  // namespace wick
