#include "feeds/alphavantage/AlphaVantageFeed.h"

#include <algorithm>
#include <limits>

#include <QDateTime>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include "feeds/alphavantage/AlphaVantageParser.h"
#include "feeds/alphavantage/AlphaVantageSymbols.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "net/RestClient.h"
#include "quality/SymbolMarket.h"
#include "session/CoreMetaTypes.h"

namespace wick {

// One series of one symbol: what was asked, what was delivered.
struct AlphaVantageFeed::Series {
    QString code;  // "IBM"
    SymbolId id = kInvalidSymbol;
    Timeframe timeframe = Timeframe::M1;
    BarDays days;  // where its daily bars lie (Symbol::barDays)
    std::optional<MarketCalendar> calendar;  // null: refreshed whatever the hour
    bool active = true;
    std::uint64_t generation = 0;  // bumped on removal or stop: older answers are stale
    bool queued = false;  // a call waits or is in flight
    bool fetched = false;  // the first answer came
    TimeMs delivered = 0;  // open time of the newest closed bar sent (0: none)
    TimeMs nextPollAt = 0;
};

RestPolicy alphaVantageRestPolicy(const AlphaVantageFeedConfig &config)
{
    RestPolicy p;
    p.name = QStringLiteral("alphavantage");
    p.baseUrl = config.restUrl;
    p.timeoutMs = config.restTimeoutMs;
    p.backoff = config.backoff;
    p.circuit = config.circuit;
    return p;
}

namespace {

QString functionOf(Timeframe tf)
{
    return tf == Timeframe::D1 ? QStringLiteral("TIME_SERIES_DAILY")
                               : QStringLiteral("TIME_SERIES_INTRADAY");
}

QString clockText(TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

}  // namespace

AlphaVantageFeed::AlphaVantageFeed(
    std::shared_ptr<SymbolRegistry> registry, AlphaVantageFeedConfig config, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(registry))
    , m_config(std::move(config))
    , m_clock(m_config.clock ? m_config.clock : std::make_shared<SystemClock>())
    , m_budget(m_config.requestsPerDay, m_config.requestsPerMinute)
{
    registerCoreMetaTypes();
    if (m_config.clockRate <= 0.0)
        m_config.clockRate = 1.0;
    for (const QString &name : std::as_const(m_config.intervals)) {
        const std::optional<Timeframe> tf = alphaVantageTimeframe(name);
        if (!tf)
            spdlog::warn("alphavantage: interval '{}' is not one of 1min, 5min, 15min, 30min, "
                         "60min, daily; left out",
                name.toStdString());
        else if (std::find(m_timeframes.begin(), m_timeframes.end(), *tf) == m_timeframes.end())
            m_timeframes.push_back(*tf);
    }
    std::sort(m_timeframes.begin(), m_timeframes.end());
    m_rest = new RestClient(alphaVantageRestPolicy(m_config), m_clock, m_config.clockRate, this);
    connect(m_rest, &RestClient::stateChanged, this, &AlphaVantageFeed::updateState);
    {
        std::lock_guard lock(m_mutex);
        m_health.dailyRequestLimit = m_budget.perDay();
    }
    for (const QString &code : std::as_const(m_config.symbols))
        registerSymbol(code);
}

AlphaVantageFeed::~AlphaVantageFeed() = default;

void AlphaVantageFeed::registerSymbol(const QString &code)
{
    if (!isValidAlphaVantageCode(code))
        return;
    const Symbol symbol = alphaVantageSymbol(QStringView(code));
    bool known = false;
    for (auto &s : m_series) {
        if (s->code == symbol.code) {
            known = true;
            if (!s->active) {
                s->active = true;
                if (m_running)
                    queue(*s);
            }
        }
    }
    if (known)
        return;
    const SymbolId id = m_registry->intern(symbol);
    for (const Timeframe tf : m_timeframes) {
        auto s = std::make_unique<Series>();
        s->code = symbol.code;
        s->id = id;
        s->timeframe = tf;
        s->days = symbol.barDays();
        s->calendar = calendarFor(symbol);
        m_series.push_back(std::move(s));
        if (m_running)
            queue(*m_series.back());
    }
}

QString AlphaVantageFeed::source() const
{
    return QString(kAlphaVantageSource);
}

FeedState AlphaVantageFeed::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

Feed::Capabilities AlphaVantageFeed::capabilities() const
{
    return LiveBars | FormingBars | RestHistory | DynamicSymbols | NeedsCredentials;
}

FeedHealth AlphaVantageFeed::health() const
{
    const RestHealth rest = m_rest->health();
    std::lock_guard lock(m_mutex);
    FeedHealth h = m_health;
    h.restRequests = rest.requests;
    h.restFailures = rest.failures;
    h.restCircuit = rest.circuit;
    return h;
}

QStringList AlphaVantageFeed::symbolCodes() const
{
    QStringList codes;
    for (const auto &s : m_series) {
        if (s->active && !codes.contains(s->code))
            codes.append(s->code);
    }
    return codes;
}

std::optional<Symbol> AlphaVantageFeed::describeSymbol(const QString &code) const
{
    if (!isValidAlphaVantageCode(code))
        return std::nullopt;
    return alphaVantageSymbol(QStringView(code));
}

// ---------------------------------------------------------------- lifecycle

void AlphaVantageFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_config.apiKey.isEmpty())
        spdlog::warn("alphavantage: no API key yet (the OS keychain, or "
                     "WICK_ALPHAVANTAGE_API_KEY); nothing is asked until there is one");
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(std::max(20, int(1000 / m_config.clockRate)));
        connect(m_timer, &QTimer::timeout, this, [this] {
            pollDue();
            pump();
            updateState();
        });
    }
    m_timer->start();
    for (auto &s : m_series) {
        if (s->active)
            queue(*s);
    }
    updateState();
}

void AlphaVantageFeed::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_rest->stop();  // drops the request in flight, without callbacks
    m_queue.clear();
    m_inFlight = false;
    if (m_timer)
        m_timer->stop();
    for (auto &s : m_series) {
        ++s->generation;
        s->queued = false;
    }
    updateState();
}

void AlphaVantageFeed::resumeFrom(const QHash<QString, ResumePoint> &points)
{
    for (auto it = points.cbegin(); it != points.cend(); ++it)
        m_resume.insert(it.key().toUpper(), it.value().lastClosed);
}

void AlphaVantageFeed::setCredentials(const Credentials &credentials)
{
    m_config.apiKey = credentials.key.trimmed();
    updateState();
    pump();
}

void AlphaVantageFeed::addSymbols(const QStringList &codes)
{
    for (const QString &code : codes)
        registerSymbol(code);
    updateState();
}

void AlphaVantageFeed::removeSymbols(const QStringList &codes)
{
    for (const QString &code : codes) {
        for (auto &s : m_series) {
            if (s->active && s->code.compare(code, Qt::CaseInsensitive) == 0) {
                s->active = false;
                s->queued = false;
                ++s->generation;
            }
        }
    }
}

// ---------------------------------------------------------------- requests

void AlphaVantageFeed::queue(Series &s)
{
    if (s.queued || !s.active)
        return;
    s.queued = true;
    m_queue.push_back(Call {&s, s.generation});
    pump();
}

void AlphaVantageFeed::pump()
{
    if (!m_running || m_inFlight || m_config.apiKey.isEmpty())
        return;
    while (!m_queue.empty()) {
        const Call call = m_queue.front();
        if (call.generation != call.series->generation || !call.series->active) {
            m_queue.pop_front();  // removed meanwhile
            continue;
        }
        const TimeMs now = m_clock->now();
        if (!m_budget.allows(now)) {
            std::lock_guard lock(m_mutex);
            ++m_health.rateLimitWaits;
            return;  // the timer looks again
        }
        m_queue.pop_front();
        send(call);
        return;
    }
}

void AlphaVantageFeed::send(const Call &call)
{
    const Series &s = *call.series;
    RestRequest r;
    r.path = QStringLiteral("/query");
    r.query.addQueryItem(QStringLiteral("function"), functionOf(s.timeframe));
    r.query.addQueryItem(QStringLiteral("symbol"), s.code);
    if (s.timeframe != Timeframe::D1) {
        r.query.addQueryItem(QStringLiteral("interval"), alphaVantageInterval(s.timeframe));
        r.query.addQueryItem(QStringLiteral("extended_hours"),
            m_config.extendedHours ? QStringLiteral("true") : QStringLiteral("false"));
    }
    // The first answer of a series may be its whole history; refreshes need the latest points.
    r.query.addQueryItem(QStringLiteral("outputsize"),
        m_config.fullHistory && !s.fetched ? QStringLiteral("full") : QStringLiteral("compact"));
    r.query.addQueryItem(QStringLiteral("apikey"), m_config.apiKey);
    r.maxAttempts = 3;
    r.onAnswer = [this, call](const RestAnswer &a) {
        m_inFlight = false;
        Series &s = *call.series;
        const bool current = call.generation == s.generation && s.active;
        const auto parsed = a.outcome == RestOutcome::Success
            ? parseAlphaVantageSeries(a.body)
            : Parsed<AlphaVantageAnswer>(ParseError {{}, restOutcomeName(a.outcome)});
        {
            std::lock_guard lock(m_mutex);
            ++m_health.messagesReceived;
            if (a.outcome == RestOutcome::Success && !parsed)
                ++m_health.malformedMessages;
        }
        // The budget counts every attempt the client made.
        for (int k = 1; k < a.attempts; ++k)
            m_budget.spend(m_clock->now());
        if (!current) {
            s.queued = false;
        } else if (!parsed) {
            spdlog::error("alphavantage: {} {} of {} unusable (HTTP {}): {}",
                functionOf(s.timeframe).toStdString(),
                alphaVantageInterval(s.timeframe).toStdString(), s.code.toStdString(), a.status,
                parsed.error().toString().toStdString());
            s.queued = false;
            s.fetched = true;
            s.nextPollAt = m_clock->now() + std::max<TimeMs>(m_config.pollIntervalMs, kMinuteMs);
        } else {
            // Reachable with data: a refusal alone does not make the feed live.
            m_answered = m_answered || parsed.value().refusal == AlphaVantageRefusal::None;
            onAnswer(call, parsed.value());
        }
        updateState();
        pump();
    };
    m_budget.spend(m_clock->now());
    {
        std::lock_guard lock(m_mutex);
        m_health.requestsToday = m_budget.usedToday(m_clock->now());
    }
    m_inFlight = true;
    m_rest->enqueue(std::move(r));
}

void AlphaVantageFeed::onAnswer(const Call &call, const AlphaVantageAnswer &answer)
{
    Series &s = *call.series;
    const TimeMs now = m_clock->now();
    switch (answer.refusal) {
    case AlphaVantageRefusal::MinuteLimit:
    case AlphaVantageRefusal::DailyLimit:
        // The same call again once the limit allows: nothing is lost.
        if (answer.refusal == AlphaVantageRefusal::MinuteLimit)
            m_budget.minuteSpent(now);
        else
            m_budget.daySpent(now);
        spdlog::warn("alphavantage: {} reached ({}); {} {} waits until {}",
            alphaVantageRefusalName(answer.refusal).toStdString(), answer.message.toStdString(),
            s.code.toStdString(), alphaVantageInterval(s.timeframe).toStdString(),
            clockText(m_budget.nextAllowedAt(now)).toStdString());
        m_queue.push_front(call);
        {
            std::lock_guard lock(m_mutex);
            ++m_health.rateLimitWaits;
            m_health.requestsToday = m_budget.usedToday(now);
        }
        return;
    case AlphaVantageRefusal::InvalidCall:
        s.queued = false;
        dropSymbol(s.code, s.id, QStringLiteral("alphavantage:%1: %2").arg(s.code, answer.message));
        return;
    case AlphaVantageRefusal::Refused:
        // Not this plan's (a premium interval or size): the series stops; the others go on.
        s.queued = false;
        s.fetched = true;
        s.nextPollAt = std::numeric_limits<TimeMs>::max();
        spdlog::error("alphavantage: {} {} refused: {}", s.code.toStdString(),
            alphaVantageInterval(s.timeframe).toStdString(), answer.message.toStdString());
        {
            std::lock_guard lock(m_mutex);
            ++m_health.auxiliaryFailures;
        }
        return;
    case AlphaVantageRefusal::None:
        break;
    }
    s.queued = false;
    const bool first = !s.fetched;
    s.fetched = true;
    s.nextPollAt = m_config.pollIntervalMs > 0 ? now + m_config.pollIntervalMs
                                               : std::numeric_limits<TimeMs>::max();
    if (answer.series.timeframe != s.timeframe) {
        spdlog::error("alphavantage: {} answered a {} series to a {} request; ignored",
            s.code.toStdString(), answer.series.interval.toStdString(),
            timeframeName(s.timeframe).toStdString());
        return;
    }
    if (first)
        spdlog::info("alphavantage: {} {}: {} bars", s.code.toStdString(),
            answer.series.interval.toStdString(), answer.series.bars.size());
    deliver(s, answer.series.bars);
}

void AlphaVantageFeed::deliver(Series &s, std::vector<Bar> bars)
{
    const TimeMs now = m_clock->now();
    TimeMs held = s.delivered;
    if (s.timeframe == Timeframe::M1)
        held = std::max(held, m_resume.value(s.code, 0));
    std::vector<Bar> closed;
    std::optional<Bar> forming;
    for (const Bar &b : bars) {
        if (b.time <= held && held != 0)
            continue;
        const Bucket bucket = bucketAt(s.timeframe, b.time, s.days);
        if (bucket.end <= now)
            closed.push_back(b);
        else
            forming = b;  // the newest point, still open
    }
    if (!closed.empty()) {
        s.delivered = closed.back().time;
        {
            std::lock_guard lock(m_mutex);
            (s.fetched && held != 0 ? m_health.barsReceived : m_health.backfilledBars)
                += std::int64_t(closed.size());
        }
        emit barsReceived(
            s.id, s.timeframe, std::make_shared<const std::vector<Bar>>(std::move(closed)));
    }
    if (forming)
        emit formingBarChanged(s.id, s.timeframe, *forming);
}

void AlphaVantageFeed::pollDue()
{
    if (!m_running || m_config.pollIntervalMs <= 0)
        return;
    const TimeMs now = m_clock->now();
    for (auto &sp : m_series) {
        Series &s = *sp;
        if (!s.active || s.queued || !s.fetched || now < s.nextPollAt)
            continue;
        // A closed market has nothing new: the next refresh waits for its open.
        if (s.calendar && !s.calendar->isOpen(now)) {
            const std::optional<TimeMs> open = s.calendar->nextOpen(now);
            s.nextPollAt = open ? *open + std::min(m_config.pollIntervalMs, TimeMs(kHourMs))
                                : now + m_config.pollIntervalMs;
            continue;
        }
        queue(s);
    }
}

void AlphaVantageFeed::dropSymbol(const QString &code, SymbolId id, const QString &message)
{
    spdlog::error("alphavantage: {}", message.toStdString());
    removeSymbols({code});
    emit symbolError(id, message);
}

// ---------------------------------------------------------------- state

void AlphaVantageFeed::updateState()
{
    const TimeMs now = m_clock->now();
    const bool backfilling = std::any_of(
        m_series.begin(), m_series.end(), [](const auto &s) { return s->active && !s->fetched; });
    const QString budget = QStringLiteral("%1 of %2 requests today")
                               .arg(m_budget.usedToday(now))
                               .arg(m_budget.perDay());
    FeedState state = FeedState::Live;
    QString detail;
    if (!m_running) {
        state = FeedState::Offline;
        detail = QStringLiteral("stopped");
    } else if (m_config.apiKey.isEmpty()) {
        state = FeedState::Connecting;
        detail = QStringLiteral("waiting for an API key (View > API Keys...)");
    } else if (m_rest->circuit().state() == CircuitState::Open) {
        state = FeedState::CircuitOpen;
        detail = QStringLiteral("REST circuit open");
    } else if (m_budget.daySpentAt(now)) {
        // Not an outage: the plan's day is used up; what waits goes when it turns.
        state = m_answered ? FeedState::Live : FeedState::Connecting;
        detail = QStringLiteral("daily budget spent (%1); next request at %2")
                     .arg(budget, clockText(m_budget.nextAllowedAt(now)));
    } else if (!m_answered) {
        state = FeedState::Connecting;
        detail = QStringLiteral("connecting; ") + budget;
    } else {
        detail = (backfilling ? QStringLiteral("live, backfilling; ") : QStringLiteral("live; "))
            + budget;
        if (!m_queue.empty() && !m_budget.allows(now))
            detail += QStringLiteral("; %1 waiting for the per-minute limit").arg(m_queue.size());
    }
    {
        std::lock_guard lock(m_mutex);
        m_health.requestsToday = m_budget.usedToday(now);
        if (state == m_state && detail == m_detail)
            return;
        m_state = state;
        m_detail = detail;
    }
    spdlog::info("alphavantage: {} ({})", feedStateName(state).toStdString(), detail.toStdString());
    emit stateChanged(state, detail);
}

}  // namespace wick
