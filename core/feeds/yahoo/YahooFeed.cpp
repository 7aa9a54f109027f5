#include "feeds/yahoo/YahooFeed.h"

#include <algorithm>
#include <cmath>

#include <QTimer>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include "feeds/yahoo/YahooChartParser.h"
#include "feeds/yahoo/YahooCrumb.h"
#include "feeds/yahoo/YahooFeedStatus.h"
#include "feeds/yahoo/YahooListing.h"
#include "feeds/yahoo/YahooNetPolicy.h"
#include "feeds/yahoo/YahooQuotes.h"
#include "feeds/yahoo/YahooSeries.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "quality/SymbolMarket.h"
#include "session/CoreMetaTypes.h"

namespace wick {

namespace {

constexpr int kSearchLimit = 20;  // searches at start when no searchQueries are set
// How long after a market's close its quotes may still change (the closing
// print settling): quote-only symbols are asked until a quote from after it.
constexpr TimeMs kCloseSettleMs = 2 * 60'000;

}  // namespace

struct YahooFeed::SymbolPoll {
    QString code;  // "AAPL"
    SymbolId id = kInvalidSymbol;
    bool active = true;
    std::uint64_t generation = 0;  // bumped on removal: older answers are stale
    YahooSeries series;
    bool polling = false;  // a poll request is out
    TimeMs nextPollAt = 0;
    double dayReference = std::nan("");
    bool bars = true;  // history and polls; false: quotes alone (setBarCodes)
    std::optional<MarketCalendar> calendar;  // none: quoted every round
    TimeMs quotedAt = 0;  // feed clock at its last quote; 0: none yet
};

YahooFeed::YahooFeed(
    std::shared_ptr<SymbolRegistry> registry, YahooFeedConfig config, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(registry))
    , m_config(std::move(config))
    , m_clock(m_config.clock ? m_config.clock : std::make_shared<SystemClock>())
{
    registerCoreMetaTypes();
    if (m_config.clockRate <= 0.0)
        m_config.clockRate = 1.0;
    if (m_config.userAgent.isEmpty())
        m_config.userAgent = yahooDefaultUserAgent();
    if (!m_config.cookieUrl.isValid())
        m_config.cookieUrl = m_config.restUrl;
    for (const QString &name : std::as_const(m_config.intervals)) {
        const auto interval = yahooInterval(name);
        if (!interval)
            spdlog::warn(
                "yahoo: interval '{}' is not one Wick can hold; left out", name.toStdString());
        else if (std::none_of(m_intervals.begin(), m_intervals.end(),
                     [&](const YahooInterval &i) { return i.name == interval->name; }))
            m_intervals.push_back(*interval);
    }
    std::sort(m_intervals.begin(), m_intervals.end(),
        [](const YahooInterval &a, const YahooInterval &b) { return a.timeframe < b.timeframe; });
    m_rest = new RestClient(yahooRestPolicy(m_config), m_clock, m_config.clockRate, this);
    connect(m_rest, &RestClient::stateChanged, this, &YahooFeed::updateState);
    m_crumb = std::make_unique<YahooCrumb>(*m_rest, m_config.cookieUrl);
    m_quotes = std::make_unique<YahooQuotes>(*m_rest, *m_crumb, m_config.quoteBatch);
    m_listing = std::make_unique<YahooListing>(*m_rest);
    for (const QString &code : std::as_const(m_config.symbols)) {
        if (isValidYahooCode(code) && !findByCode(code))
            registerSymbol(code);
    }
}

YahooFeed::~YahooFeed() = default;

YahooFeed::SymbolPoll &YahooFeed::registerSymbol(const QString &code)
{
    const Symbol symbol = yahooSymbol(QStringView(code));
    auto s = std::make_unique<SymbolPoll>(SymbolPoll {symbol.code, m_registry->intern(symbol), true,
        0, YahooSeries(m_intervals, symbol.barDays()), false, 0, std::nan(""),
        !m_barCodes || m_barCodes->contains(symbol.code.toUpper()), calendarFor(symbol), 0});
    m_byCode.insert(s->code.toUpper(), s.get());
    m_symbols.push_back(std::move(s));
    return *m_symbols.back();
}

YahooFeed::SymbolPoll *YahooFeed::findByCode(const QString &code)
{
    return m_byCode.value(code.toUpper(), nullptr);
}

QString YahooFeed::source() const
{
    return QString(kYahooSource);
}

FeedState YahooFeed::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

Feed::Capabilities YahooFeed::capabilities() const
{
    return LiveBars | FormingBars | RestHistory | SymbolSearch | DynamicSymbols | QuoteOnly;
}

FeedHealth YahooFeed::health() const
{
    const RestHealth rest = m_rest->health();
    std::lock_guard lock(m_mutex);
    FeedHealth h = m_health;
    h.restRequests = rest.requests;
    h.restFailures = rest.failures;
    h.rateLimitWaits = rest.rateLimitWaits;
    h.restCircuit = rest.circuit;
    h.auxiliaryFailures += m_quotes->failures() + m_listing->failures();
    return h;
}

QStringList YahooFeed::symbolCodes() const
{
    QStringList codes;
    for (const auto &s : m_symbols) {
        if (s->active)
            codes.append(s->code);
    }
    return codes;
}

std::optional<Symbol> YahooFeed::describeSymbol(const QString &code) const
{
    if (!isValidYahooCode(code))
        return std::nullopt;
    return yahooSymbol(QStringView(code));
}

// ---------------------------------------------------------------- lifecycle

void YahooFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    if (!m_pollTimer) {
        m_pollTimer = new QTimer(this);
        m_pollTimer->setInterval(std::max(20, int(1000 / m_config.clockRate)));
        connect(m_pollTimer, &QTimer::timeout, this, [this] {
            pollDue();
            updateState();
        });
        m_quoteTimer = new QTimer(this);
        connect(m_quoteTimer, &QTimer::timeout, this, &YahooFeed::fetchQuotes);
    }
    m_pollTimer->start();
    if (m_config.quoteIntervalMs > 0) {
        m_quoteTimer->setInterval(
            std::max(100, int(double(m_config.quoteIntervalMs) / m_config.clockRate)));
        m_quoteTimer->start();
    }
    updateState();
    for (auto &s : m_symbols) {
        if (s->active)
            startSymbol(*s);
    }
    listSymbols();
    if (m_config.quoteIntervalMs > 0)
        fetchQuotes();
}

void YahooFeed::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_rest->stop();  // drops what waits, without callbacks
    m_crumb->reset();
    if (m_pollTimer)
        m_pollTimer->stop();
    if (m_quoteTimer)
        m_quoteTimer->stop();
    for (auto &s : m_symbols) {
        ++s->generation;
        s->polling = false;
    }
    m_quoteRound.clear();
    m_quoteOut = false;  // the client dropped it
    updateState();
}

void YahooFeed::resumeFrom(const QHash<QString, ResumePoint> &points)
{
    for (auto it = points.cbegin(); it != points.cend(); ++it)
        m_resume.insert(it.key().toUpper(), it.value().lastClosed);
}

void YahooFeed::setBarCodes(const QStringList &codes)
{
    QSet<QString> wanted;
    for (const QString &code : codes)
        wanted.insert(code.toUpper());
    m_barCodes = wanted;
    for (auto &sp : m_symbols) {
        SymbolPoll &s = *sp;
        const bool bars = wanted.contains(s.code.toUpper());
        if (bars == s.bars)
            continue;
        s.bars = bars;
        if (!bars) {
            // What is out for its bars is of no use now.
            s.polling = false;
            ++s.generation;
        } else if (m_running && s.active) {
            startSymbol(s);
        }
    }
    updateState();
}

void YahooFeed::addSymbols(const QStringList &codes)
{
    for (const QString &code : codes) {
        if (!isValidYahooCode(code))
            continue;
        SymbolPoll *s = findByCode(code);
        if (s && s->active)
            continue;
        if (!s)
            s = &registerSymbol(code);
        s->active = true;
        if (!m_running)
            continue;
        startSymbol(*s);
        // A new row should not wait a whole interval for its first quote.
        if (!s->bars && m_config.quoteIntervalMs > 0)
            m_quoteRound.append(s->code);
    }
    sendQuoteBatch();
    updateState();
}

void YahooFeed::removeSymbols(const QStringList &codes)
{
    for (const QString &code : codes) {
        if (SymbolPoll *s = findByCode(code); s && s->active) {
            s->active = false;
            s->polling = false;
            ++s->generation;
        }
    }
}

// ---------------------------------------------------------------- history and polls

void YahooFeed::startSymbol(SymbolPoll &s)
{
    if (!s.bars)
        return;  // the quote rounds keep it
    const TimeMs now = m_clock->now();
    const TimeMs held = m_resume.value(s.code, -1);
    for (std::size_t i = 0; i < s.series.tracks().size(); ++i) {
        if (const auto from
            = s.series.historyFrom(i, held, m_config.backfillFrom, m_config.backfillWindowMs, now))
            requestPage(s, i, *from);
    }
    s.nextPollAt = now;
}

void YahooFeed::requestPage(SymbolPoll &s, std::size_t track, TimeMs from)
{
    const std::optional<YahooPage> page
        = yahooHistoryPage(s.series.tracks()[track].interval, from, m_clock->now());
    if (!page) {
        s.series.tracks()[track].done = true;
        return;
    }
    requestChart(s, track, *page, false);
}

void YahooFeed::requestChart(SymbolPoll &s, std::size_t track, YahooPage page, bool poll)
{
    RestRequest r;
    r.path = QStringLiteral("/v8/finance/chart/") + s.code;
    r.query.addQueryItem(QStringLiteral("interval"), s.series.tracks()[track].interval.name);
    r.query.addQueryItem(QStringLiteral("period1"), QString::number(page.from / 1000));
    r.query.addQueryItem(QStringLiteral("period2"), QString::number((page.to + 999) / 1000));
    r.query.addQueryItem(QStringLiteral("includePrePost"),
        m_config.includePrePost ? QStringLiteral("true") : QStringLiteral("false"));
    r.query.addQueryItem(QStringLiteral("events"), QStringLiteral("div,splits"));
    // A poll is the same request soon again: it does not retry forever.
    r.maxAttempts = poll ? 2 : 0;
    if (poll)
        s.polling = true;
    r.onAnswer = [this, sp = &s, generation = s.generation, track, page, poll](
                     const RestAnswer &a) {
        SymbolPoll &s = *sp;
        if (generation != s.generation || !s.active)
            return;  // removed or stopped meanwhile
        if (poll)
            s.polling = false;
        const auto parsed = parseYahooChart(a.body);
        {
            std::lock_guard lock(m_mutex);
            ++m_health.messagesReceived;
            if (a.outcome == RestOutcome::Success && !parsed)
                ++m_health.malformedMessages;
        }
        if (parsed && parsed.value().error && parsed.value().error->isNotFound()) {
            dropSymbol(
                s, QStringLiteral("yahoo:%1: %2").arg(s.code, parsed.value().error->toString()));
            return;
        }
        if (a.outcome == RestOutcome::NotFound) {
            dropSymbol(s,
                QStringLiteral("yahoo:%1: %2 (HTTP %3)")
                    .arg(s.code, a.error.message)
                    .arg(a.status));
            return;
        }
        if (a.outcome != RestOutcome::Success || !parsed || parsed.value().error) {
            // A range Yahoo refuses (422) or an unreadable page: that page is
            // skipped (logged), the next one is asked for; a poll tries again later.
            spdlog::error("yahoo: chart of {} ({} {}..{}) unusable: HTTP {} {}",
                s.code.toStdString(), s.series.tracks()[track].interval.name.toStdString(),
                page.from, page.to, a.status,
                parsed ? (parsed.value().error ? parsed.value().error->toString().toStdString()
                                               : a.error.message.toStdString())
                       : parsed.error().toString().toStdString());
            onChart(s, track, page, poll, YahooChart {});
            return;
        }
        m_answered = true;
        onChart(s, track, page, poll, parsed.value().chart);
    };
    m_rest->enqueue(std::move(r));
}

void YahooFeed::onChart(
    SymbolPoll &s, std::size_t track, YahooPage page, bool poll, const YahooChart &chart)
{
    if (chart.nullBars > 0)
        spdlog::info(
            "yahoo: {}: {} bars without data skipped", s.code.toStdString(), chart.nullBars);
    const TimeMs now = m_clock->now();
    YahooSeries::Track &t = s.series.tracks()[track];
    YahooSeries::Delivery d = s.series.take(track, chart, now, m_config.includePrePost);
    if (!d.closed.empty()) {
        {
            std::lock_guard lock(m_mutex);
            (poll ? m_health.barsReceived : m_health.backfilledBars)
                += std::int64_t(d.closed.size());
        }
        emit barsReceived(s.id, t.interval.timeframe,
            std::make_shared<const std::vector<Bar>>(std::move(d.closed)));
    }
    if (d.forming)
        emit formingBarChanged(s.id, t.interval.timeframe, *d.forming);
    const TimeMs nextPoll = now
        + (s.series.isOpen(now, m_config.includePrePost) ? m_config.pollIntervalMs
                                                         : m_config.closedPollIntervalMs);
    if (poll) {
        s.nextPollAt = nextPoll;
    } else if (!page.reachesNow) {
        requestPage(s, track, page.to);
    } else {
        // The last page held the forming bar: the first poll comes one interval later.
        t.done = true;
        s.nextPollAt = nextPoll;
        spdlog::info(
            "yahoo: {} {} history caught up", s.code.toStdString(), t.interval.name.toStdString());
    }
    updateState();
}

void YahooFeed::pollDue()
{
    if (!m_running || m_intervals.empty())
        return;
    const TimeMs now = m_clock->now();
    for (auto &sp : m_symbols) {
        SymbolPoll &s = *sp;
        if (s.active && s.bars && !s.polling && now >= s.nextPollAt && s.series.historyDone())
            requestChart(s, 0, s.series.pollPage(now), true);
    }
}

// ---------------------------------------------------------------- quotes, search

bool YahooFeed::quoteDue(const SymbolPoll &s, TimeMs now)
{
    if (s.quotedAt == 0 || !s.calendar || s.calendar->isOpen(now))
        return true;
    // Closed: until a quote taken kCloseSettleMs after the last close (its
    // closing price), then not before it opens again.
    QDate day = s.calendar->sessionDay(now);
    for (int back = 0; back < 10; ++back, day = day.addDays(-1)) {
        const std::optional<TradingSession> session = s.calendar->sessionOn(day);
        if (session && session->close <= now)
            return s.quotedAt < session->close + kCloseSettleMs;
    }
    return false;  // no session in ten days: nothing new to ask for
}

void YahooFeed::fetchQuotes()
{
    if (!m_running || !m_quoteRound.isEmpty() || m_quoteOut)
        return;  // the last round still runs: this one would only queue behind it
    const TimeMs now = m_clock->now();
    for (const auto &s : m_symbols)
        if (s->active && quoteDue(*s, now))
            m_quoteRound.append(s->code);
    sendQuoteBatch();
}

void YahooFeed::sendQuoteBatch()
{
    if (!m_running || m_quoteOut || m_quoteRound.isEmpty())
        return;
    const qsizetype n = std::min<qsizetype>(std::max(1, m_config.quoteBatch), m_quoteRound.size());
    const QStringList batch = m_quoteRound.mid(0, n);
    m_quoteRound.remove(0, n);
    m_quoteOut = true;
    const auto next = [this] {
        m_quoteOut = false;
        sendQuoteBatch();
    };
    m_quotes->fetch(
        batch,
        [this, next](const QStringList &asked, const std::vector<YahooQuote> &quotes) {
            onQuotes(asked, quotes);
            next();
        },
        // Logged and counted by YahooQuotes; the next round asks again.
        [next](const QStringList &, const QString &) { next(); });
}

void YahooFeed::onQuotes(const QStringList &batch, const std::vector<YahooQuote> &quotes)
{
    m_answered = true;  // the source is reachable, whether or not a chart asked yet
    {
        std::lock_guard lock(m_mutex);
        ++m_health.messagesReceived;  // the data-health rate counts quote answers too
    }
    SourceQuotes out;
    out.reserve(quotes.size());
    QSet<QString> answered;
    int unusable = 0;
    for (const YahooQuote &q : quotes) {
        SymbolPoll *s = findByCode(q.symbol);
        if (!s || !s->active)
            continue;
        answered.insert(s->code.toUpper());
        s->quotedAt = m_clock->now();
        const SourceQuote quote {s->id, q.time, q.price, q.previousClose, q.volume};
        if (quote.usable())
            out.push_back(quote);
        else
            ++unusable;
        if (std::isnan(q.previousClose) || q.previousClose <= 0.0
            || q.previousClose == s->dayReference)
            continue;
        // A stock's change is against the previous session's close.
        s->dayReference = q.previousClose;
        emit dayReferenceChanged(s->id, q.previousClose, QStringLiteral("prev close"));
    }
    if (unusable > 0)
        spdlog::info(
            "yahoo: {} of {} quotes without a price or time; their rows keep what they had",
            unusable, quotes.size());
    if (!out.empty())
        emit quotesReceived(out);
    // Yahoo leaves out what it does not know: a quote-only symbol has no other
    // way to learn it (a charted one is its chart's to judge).
    for (const QString &code : batch) {
        SymbolPoll *s = findByCode(code);
        if (s && s->active && !s->bars && !answered.contains(s->code.toUpper()))
            dropSymbol(*s,
                QStringLiteral("yahoo:%1: no quote in Yahoo's answer: not a symbol it knows")
                    .arg(s->code));
    }
    updateState();
}

void YahooFeed::listSymbols()
{
    if (m_listed)
        return;
    m_listed = true;
    QStringList queries = m_config.searchQueries;
    if (queries.isEmpty())
        queries = symbolCodes().mid(0, kSearchLimit);
    m_listing->list(
        queries, [this](const std::vector<ListedSymbol> &symbols) { emit symbolsListed(symbols); });
}

void YahooFeed::dropSymbol(SymbolPoll &s, const QString &message)
{
    spdlog::error("yahoo: {}", message.toStdString());
    removeSymbols({s.code});
    emit symbolError(s.id, message);
}

// ---------------------------------------------------------------- state

void YahooFeed::updateState()
{
    const bool backfilling = std::any_of(m_symbols.begin(), m_symbols.end(),
        [](const auto &s) { return s->active && s->bars && !s->series.historyDone(); });
    const YahooFeedStatus status
        = yahooFeedStatus(*m_rest, m_running, m_answered, backfilling, m_clock->now());
    {
        std::lock_guard lock(m_mutex);
        if (status.state == m_state && status.detail == m_stateDetail)
            return;
        m_state = status.state;
        m_stateDetail = status.detail;
    }
    spdlog::info(
        "yahoo: {} ({})", feedStateName(status.state).toStdString(), status.detail.toStdString());
    emit stateChanged(status.state, status.detail);
}

}  // namespace wick
