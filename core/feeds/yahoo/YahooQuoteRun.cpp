#include "feeds/yahoo/YahooQuoteRun.h"

#include <algorithm>

#include <QTimer>

#include <spdlog/spdlog.h>

#include "feeds/yahoo/YahooCrumb.h"
#include "feeds/yahoo/YahooNetPolicy.h"
#include "feeds/yahoo/YahooQuotes.h"
#include "net/RestClient.h"

namespace wick {

struct YahooQuoteRun::Lane {
    RestClient *rest = nullptr;  // a child of the run
    std::unique_ptr<YahooCrumb> crumb;
    std::unique_ptr<YahooQuotes> quotes;
    bool busy = false;
};

YahooQuoteRun::YahooQuoteRun(YahooQuoteRunConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_config.concurrency = std::max(1, m_config.concurrency);
    m_config.batchAttempts = std::max(1, m_config.batchAttempts);
    m_config.feed.quoteBatch = std::max(1, m_config.feed.quoteBatch);
    if (m_config.feed.userAgent.isEmpty())
        m_config.feed.userAgent = yahooDefaultUserAgent();
    // The source's limit is the sum over the lanes: each gets its share.
    YahooFeedConfig share = m_config.feed;
    share.requestsPerSecond = m_config.feed.requestsPerSecond / m_config.concurrency;
    share.burst = std::max(1.0, m_config.feed.burst / m_config.concurrency);
    for (int i = 0; i < m_config.concurrency; ++i) {
        auto lane = std::make_unique<Lane>();
        lane->rest = new RestClient(yahooRestPolicy(share), m_config.feed.clock, 1.0, this);
        lane->crumb = std::make_unique<YahooCrumb>(*lane->rest, m_config.feed.cookieUrl);
        lane->quotes
            = std::make_unique<YahooQuotes>(*lane->rest, *lane->crumb, m_config.feed.quoteBatch);
        m_lanes.push_back(std::move(lane));
    }
    m_deadline = new QTimer(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, &YahooQuoteRun::expire);
}

YahooQuoteRun::~YahooQuoteRun()
{
    for (const auto &lane : m_lanes)
        lane->rest->stop();
}

void YahooQuoteRun::start(const QStringList &codes)
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    for (const QString &given : codes) {
        const QString code = given.trimmed();
        const QString upper = code.toUpper();
        if (code.isEmpty() || m_index.contains(upper))
            continue;
        m_index.insert(upper, m_codes.size());
        m_codes.append(code);
    }
    m_outcomes.assign(std::size_t(m_codes.size()), Outcome::Pending);
    m_quotes.resize(std::size_t(m_codes.size()));
    m_reasons.resize(std::size_t(m_codes.size()));
    m_pending = m_codes.size();
    const int size = m_config.feed.quoteBatch;
    for (qsizetype i = 0; i < m_codes.size(); i += size)
        m_waiting.push_back(Batch {m_codes.mid(i, size), 0});
    if (m_pending == 0) {
        finish();
        return;
    }
    m_deadline->start(int(std::clamp<TimeMs>(m_config.deadlineMs, 1, 2'000'000'000)));
    for (const auto &lane : m_lanes)
        feed(*lane);
}

void YahooQuoteRun::feed(Lane &lane)
{
    if (m_finished || lane.busy || m_waiting.empty())
        return;
    Batch batch = std::move(m_waiting.front());
    m_waiting.pop_front();
    ++batch.attempts;
    lane.busy = true;
    const QStringList codes = batch.codes;
    lane.quotes->fetch(
        codes,
        [this, &lane, batch](const QStringList &, const std::vector<YahooQuote> &quotes) {
            onQuotes(lane, batch, quotes);
        },
        [this, &lane, batch](
            const QStringList &, const QString &reason) { onFailed(lane, batch, reason); });
}

void YahooQuoteRun::onQuotes(Lane &lane, const Batch &batch, const std::vector<YahooQuote> &quotes)
{
    lane.busy = false;
    if (m_finished)
        return;
    for (const YahooQuote &q : quotes) {
        const auto it = m_index.constFind(q.symbol.toUpper());
        if (it == m_index.constEnd() || m_outcomes[std::size_t(*it)] != Outcome::Pending)
            continue;  // not asked for here, or answered already
        m_quotes[std::size_t(*it)] = q;
        settle(m_codes[*it], Outcome::Quoted);
    }
    // Yahoo leaves out what it does not know.
    for (const QString &code : batch.codes)
        settle(code, Outcome::Unknown);
    if (m_pending == 0) {
        finish();
        return;
    }
    feed(lane);
}

void YahooQuoteRun::onFailed(Lane &lane, Batch batch, const QString &reason)
{
    lane.busy = false;
    if (m_finished)
        return;
    if (batch.attempts < m_config.batchAttempts) {
        spdlog::warn("yahoo: quote batch of {} symbols failed ({}); sending it again ({} of {})",
            batch.codes.size(), reason.toStdString(), batch.attempts + 1, m_config.batchAttempts);
        ++m_result.batchRetries;
        m_waiting.push_back(std::move(batch));
    } else {
        for (const QString &code : std::as_const(batch.codes))
            settle(code, Outcome::Failed,
                QStringLiteral("%1 (after %2 attempts)").arg(reason).arg(batch.attempts));
        if (m_pending == 0) {
            finish();
            return;
        }
    }
    for (const auto &other : m_lanes)
        feed(*other);
}

void YahooQuoteRun::settle(const QString &code, Outcome outcome, const QString &reason)
{
    const auto it = m_index.constFind(code.toUpper());
    if (it == m_index.constEnd())
        return;
    Outcome &slot = m_outcomes[std::size_t(*it)];
    if (slot != Outcome::Pending)
        return;
    slot = outcome;
    m_reasons[std::size_t(*it)] = reason;
    --m_pending;
}

void YahooQuoteRun::expire()
{
    if (m_finished)
        return;
    const QString reason
        = QStringLiteral("no answer within %1 s").arg(m_config.deadlineMs / 1000.0);
    spdlog::error("yahoo: quotes: {} symbols unanswered at the deadline", m_pending);
    for (const auto &lane : m_lanes) {
        lane->rest->stop();
        lane->crumb->reset();
        lane->busy = false;
    }
    m_waiting.clear();
    for (const QString &code : std::as_const(m_codes))
        settle(code, Outcome::Failed, reason);
    finish();
}

void YahooQuoteRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline->stop();
    m_result.seconds = m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e9 : 0.0;
    for (qsizetype i = 0; i < m_codes.size(); ++i) {
        switch (m_outcomes[std::size_t(i)]) {
        case Outcome::Quoted:
            m_result.quotes.push_back(m_quotes[std::size_t(i)]);
            break;
        case Outcome::Unknown:
            m_result.unknown.append(m_codes[i]);
            break;
        case Outcome::Failed:
        case Outcome::Pending:  // cannot be left: every path settles first
            m_result.failed.push_back(YahooQuoteFailure {m_codes[i], m_reasons[std::size_t(i)]});
            break;
        }
    }
    m_quotes.clear();
    for (const auto &lane : m_lanes) {
        const RestHealth health = lane->rest->health();
        m_result.requests += health.requests;
        m_result.rateLimitWaits += health.rateLimitWaits;
        m_result.crumbRetries += lane->quotes->crumbRetries();
        lane->rest->stop();
    }
    // Queued: a caller that connects after a start() with nothing to do still hears it.
    QMetaObject::invokeMethod(this, &YahooQuoteRun::finished, Qt::QueuedConnection);
}

}  // namespace wick
