#include "net/RestClient.h"

#include <algorithm>
#include <cmath>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "model/Clock.h"
#include "net/TokenBucket.h"
#include "net/WeightLimiter.h"

namespace wick {

namespace {

constexpr TimeMs kDefaultBanMs = 120'000;  // a 418 without Retry-After: Binance's shortest ban

// Qt's error text names the whole URL, query included: a source's API key
// (Alpha Vantage's apikey=) must not reach the log, so the query goes.
QString redactedError(const QNetworkReply &reply)
{
    QString text = reply.errorString();
    const QUrl &url = reply.url();
    if (!url.hasQuery())
        return text;
    const QString bare = url.toString(QUrl::RemoveQuery) + QStringLiteral("?...");
    for (const QString &form : {url.toString(), url.toDisplayString(),
             QString::fromUtf8(url.toEncoded()), url.toString(QUrl::FullyDecoded)})
        text.replace(form, bare);
    // Whatever form Qt chose, no secret's value survives.
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        const QString name = key.toLower();
        const bool secret = name.contains(QLatin1String("key"))
            || name.contains(QLatin1String("token")) || name.contains(QLatin1String("secret"))
            || name.contains(QLatin1String("password"));
        if (secret && !value.isEmpty())
            text.replace(value, QStringLiteral("..."));
    }
    return text;
}

RestLimitHeaders retryAfterOnly(const HttpHeaders &headers)
{
    RestLimitHeaders limits;
    for (const auto &[name, value] : headers) {
        if (name.compare("Retry-After", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const qlonglong seconds = value.trimmed().toLongLong(&ok);
        if (ok && seconds >= 0)
            limits.retryAfterSeconds = seconds;
    }
    return limits;
}

}  // namespace

QString restOutcomeName(RestOutcome outcome)
{
    switch (outcome) {
    case RestOutcome::Success:
        return QStringLiteral("success");
    case RestOutcome::RateLimited:
        return QStringLiteral("rate-limited");
    case RestOutcome::ClientError:
        return QStringLiteral("client error");
    case RestOutcome::NotFound:
        return QStringLiteral("not found");
    case RestOutcome::Retryable:
        return QStringLiteral("retryable failure");
    case RestOutcome::GaveUp:
        return QStringLiteral("gave up");
    }
    return {};
}

RestClient::RestClient(
    RestPolicy policy, std::shared_ptr<const Clock> clock, double clockRate, QObject *parent)
    : QObject(parent)
    , m_policy(std::move(policy))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_clockRate(clockRate > 0.0 ? clockRate : 1.0)
    , m_circuit(std::make_unique<CircuitBreaker>(m_policy.circuit, m_clock))
    , m_backoff(m_policy.backoff)
{
    if (m_policy.weightLimit > 0)
        m_weights = std::make_unique<WeightLimiter>(
            m_clock, m_policy.weightLimit, m_policy.weightWindowMs);
    else if (m_policy.requestsPerSecond > 0.0)
        m_bucket = std::make_unique<TokenBucket>(
            m_policy.requestsPerSecond, std::max(1.0, m_policy.burst), m_clock);
    if (!m_policy.parseLimits)
        m_policy.parseLimits = retryAfterOnly;
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RestClient::dispatch);
    publish();
}

RestClient::~RestClient() = default;

RestOutcome RestClient::classify(int status, bool networkError)
{
    if (status == 0 || (networkError && status < 400))
        return RestOutcome::Retryable;
    if (status >= 200 && status < 300)
        return RestOutcome::Success;
    if (status == 429 || status == 418)
        return RestOutcome::RateLimited;
    if (status == 404)
        return RestOutcome::NotFound;
    if (status >= 400 && status < 500 && status != 408)
        return RestOutcome::ClientError;
    return RestOutcome::Retryable;  // 5xx, 408, anything unexpected
}

int RestClient::timerMs(TimeMs clockMs) const
{
    const double real = double(std::max<TimeMs>(clockMs, 0)) / m_clockRate;
    return int(std::clamp(std::ceil(real), 0.0, 2.0e9));
}

void RestClient::enqueue(RestRequest request)
{
    request.attempts = 0;
    m_queue.push_back(std::move(request));
    if (!m_inFlight && !m_timer->isActive())
        dispatch();
}

void RestClient::stop()
{
    m_queue.clear();
    m_inFlight.reset();
    m_timer->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

std::size_t RestClient::pending() const
{
    return m_queue.size() + (m_inFlight ? 1 : 0);
}

void RestClient::setWeightLimit(int limit)
{
    if (m_weights)
        m_weights->setLimit(limit);
    publish();
}

TimeMs RestClient::blockedUntil() const
{
    const TimeMs own = m_clock->now() < m_blockedUntil ? m_blockedUntil : 0;
    return std::max(own, m_weights ? m_weights->blockedUntil() : 0);
}

bool RestClient::isBanned() const
{
    return blockedUntil() != 0 && (m_banned || (m_weights && m_weights->isBanned()));
}

RestHealth RestClient::health() const
{
    std::lock_guard lock(m_mutex);
    return m_health;
}

void RestClient::publish()
{
    std::lock_guard lock(m_mutex);
    m_health.usedWeight = m_weights ? m_weights->usedWeight() : 0;
    m_health.weightLimit = m_weights ? m_weights->limit() : 0;
    m_health.circuit = m_circuit->state();
    m_health.blockedUntil = blockedUntil();
    m_health.banned = isBanned();
}

void RestClient::schedule(TimeMs clockDelayMs)
{
    m_timer->start(std::max(1, timerMs(clockDelayMs)));
    publish();
    emit stateChanged();
}

void RestClient::dispatch()
{
    if (m_inFlight || m_queue.empty())
        return;
    const TimeMs now = m_clock->now();
    if (const TimeMs blocked = blockedUntil()) {
        schedule(blocked - now);
        return;
    }
    if (!m_circuit->allowRequest()) {
        schedule(std::max<TimeMs>(m_circuit->reopensAt() - now, 1));
        return;
    }
    RestRequest &next = m_queue.front();
    if (m_weights) {
        const WeightLimiter::Admission admission = m_weights->tryAcquire(next.weight);
        if (admission.decision == WeightLimiter::Decision::Impossible) {
            spdlog::error("{}: {} weighs {}, more than the limit {}", m_policy.name.toStdString(),
                next.path.toStdString(), next.weight, m_weights->limit());
            RestRequest request = std::move(next);
            m_queue.pop_front();
            finish(request, {RestOutcome::GaveUp, 0, {}, {}, 0});
            dispatch();
            return;
        }
        if (admission.decision == WeightLimiter::Decision::Wait) {
            {
                std::lock_guard lock(m_mutex);
                ++m_health.rateLimitWaits;
            }
            // A half-open probe that did not go out is given back by the next success.
            schedule(admission.retryAt - now);
            return;
        }
    } else if (m_bucket && !m_bucket->tryAcquire(double(std::max(1, next.weight)))) {
        {
            std::lock_guard lock(m_mutex);
            ++m_health.rateLimitWaits;
        }
        schedule(std::max<TimeMs>(1, m_bucket->waitMs(double(std::max(1, next.weight)))));
        return;
    }
    m_inFlight = std::make_unique<RestRequest>(std::move(next));
    m_queue.pop_front();
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setTransferTimeout(timerMs(m_policy.timeoutMs));
    }
    QUrl url = m_inFlight->url.isValid() ? m_inFlight->url : m_policy.baseUrl;
    if (!m_inFlight->url.isValid()) {
        QString base = url.path();
        if (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        url.setPath(base + m_inFlight->path);
        url.setQuery(m_inFlight->query);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(std::max(1, timerMs(m_policy.timeoutMs)));
    for (const auto &[name, value] : std::as_const(m_policy.headers))
        request.setRawHeader(name, value);
    ++m_inFlight->attempts;
    {
        std::lock_guard lock(m_mutex);
        ++m_health.requests;
    }
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void RestClient::finish(RestRequest &request, RestAnswer answer)
{
    answer.attempts = request.attempts;
    if (request.onAnswer)
        request.onAnswer(answer);
}

void RestClient::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply || !m_inFlight)
        return;
    m_reply = nullptr;
    std::unique_ptr<RestRequest> request = std::move(m_inFlight);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const RestLimitHeaders limits = m_policy.parseLimits(reply->rawHeaderPairs());
    const TimeMs now = m_clock->now();
    if (m_weights)
        m_weights->onResponse(status, limits.usedWeight, limits.retryAfterSeconds);
    RestOutcome outcome = classify(status, reply->error() != QNetworkReply::NoError);
    if (m_policy.classifyBody && status != 0) {
        if (const auto said = m_policy.classifyBody(status, body))
            outcome = *said;
    }
    const std::string what = m_policy.name.toStdString() + " " + request->path.toStdString();
    RestAnswer answer {outcome, status, body, {}, 0};
    switch (outcome) {
    case RestOutcome::Success:
        m_circuit->recordSuccess();
        m_backoff.reset();
        finish(*request, std::move(answer));
        break;
    case RestOutcome::RateLimited: {
        // Not a failure of the server: wait until Retry-After, then the same request again.
        TimeMs until = 0;
        if (limits.retryAfterSeconds)
            until = now + *limits.retryAfterSeconds * 1000;
        else if (status == 418)
            until = now + kDefaultBanMs;
        else
            until = now + m_backoff.nextDelayMs();
        if (until > m_blockedUntil) {
            m_blockedUntil = until;
            m_banned = status == 418;
        }
        spdlog::warn("{} answered {} (Retry-After {} s); waiting", what, status,
            limits.retryAfterSeconds.value_or(-1));
        {
            std::lock_guard lock(m_mutex);
            ++m_health.rateLimitWaits;
        }
        m_queue.push_front(std::move(*request));
        schedule(std::max<TimeMs>(blockedUntil() - now, 1));
        return;
    }
    case RestOutcome::ClientError:
    case RestOutcome::NotFound: {
        m_circuit->recordSuccess();  // the server answered; the request was wrong
        if (m_policy.parseError) {
            answer.error = m_policy.parseError(body);
        } else {
            answer.error.code = status;
            answer.error.message = QString::fromUtf8(body.left(200));
        }
        {
            std::lock_guard lock(m_mutex);
            ++(outcome == RestOutcome::NotFound ? m_health.notFound : m_health.clientErrors);
        }
        spdlog::warn("{}: HTTP {} ({}): {} {}", what, status,
            restOutcomeName(outcome).toStdString(), answer.error.code,
            answer.error.message.toStdString());
        finish(*request, std::move(answer));
        break;
    }
    case RestOutcome::Retryable:
    case RestOutcome::GaveUp: {
        m_circuit->recordFailure();
        {
            std::lock_guard lock(m_mutex);
            ++m_health.failures;
        }
        if (request->maxAttempts > 0 && request->attempts >= request->maxAttempts) {
            spdlog::error("{} failed (HTTP {}, {}); giving up after {} attempts", what, status,
                redactedError(*reply).toStdString(), request->attempts);
            answer.outcome = RestOutcome::GaveUp;
            finish(*request, std::move(answer));
            break;
        }
        const TimeMs delay = m_backoff.nextDelayMs();
        spdlog::warn("{} failed (HTTP {}, {}); retry {} in {} ms", what, status,
            redactedError(*reply).toStdString(), request->attempts, delay);
        m_queue.push_front(std::move(*request));
        schedule(delay);
        return;
    }
    }
    publish();
    emit stateChanged();
    dispatch();
}

}  // namespace wick
