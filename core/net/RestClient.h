// core/net: RestClient, the REST request queue every polling or backfilling
// source shares. A QObject on its feed's thread: requests go out one at a time
// in order, each charged against the source's limit (a weight window or a token
// bucket), behind a circuit breaker; 429/418 wait for Retry-After, 5xx, timeouts
// and network errors are retried with backoff. Every answer is classified in one
// place (classify()). health() may be read from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include "net/Backoff.h"
#include "net/CircuitBreaker.h"

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace wick {

class Clock;
class TokenBucket;
class WeightLimiter;

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// What an answer means. Success, ClientError, NotFound and GaveUp are final
// (the request's callback gets them); RateLimited and Retryable are retried.
enum class RestOutcome : std::uint8_t {
    Success,
    RateLimited,  // 429 / 418: wait for Retry-After, then the same request again
    ClientError,  // 4xx: the request was wrong; the parsed error body comes along
    NotFound,  // 404: the endpoint (or the thing asked for) does not exist
    Retryable,  // 5xx ("unknown", not "failed"), timeout, refused, reset
    GaveUp,  // a request with maxAttempts ran out of them, or weighs more than the limit
};

QString restOutcomeName(RestOutcome outcome);

// A source's error body ({"code":-1121,"msg":"Invalid symbol."}).
struct RestError {
    int code = 0;
    QString message;
};

// What a source's headers say about its limits.
struct RestLimitHeaders {
    std::optional<int> usedWeight;  // weight the server counts in its current window
    std::optional<std::int64_t> retryAfterSeconds;
};

struct RestAnswer {
    RestOutcome outcome = RestOutcome::Success;
    int status = 0;  // 0: no HTTP answer (network error, timeout)
    QByteArray body;
    RestError error;  // ClientError / NotFound: the parsed body
    int attempts = 0;
};

struct RestRequest {
    QString path;  // appended to the base URL's path ("/api/v3/klines")
    // When valid: this absolute URL instead of base URL + path (a source's cookie
    // host; path then only names it in log lines). Cookies that answers set are
    // kept by the client and sent back with later requests (Yahoo's crumb).
    QUrl url;
    QUrlQuery query;
    int weight = 1;
    int maxAttempts = 0;  // retryable failures tolerated; 0: until it succeeds
    std::function<void(const RestAnswer &answer)> onAnswer;  // a final outcome
    int attempts = 0;  // counted by the client
};

// Everything that is the source's. Limit: a weight window when weightLimit > 0,
// else a token bucket when requestsPerSecond > 0, else none.
struct RestPolicy {
    QString name = QStringLiteral("rest");  // in log lines
    QUrl baseUrl;
    HttpHeaders headers;  // User-Agent, API keys ...
    TimeMs timeoutMs = 10'000;
    BackoffPolicy backoff;
    CircuitBreakerPolicy circuit;
    int weightLimit = 0;
    TimeMs weightWindowMs = 60'000;
    double requestsPerSecond = 0.0;
    double burst = 1.0;
    // The source's error body; default: the first 200 bytes as the message.
    std::function<RestError(const QByteArray &body)> parseError;
    // The source's limit headers; default: Retry-After only.
    std::function<RestLimitHeaders(const HttpHeaders &headers)> parseLimits;
    // A source that answers errors with HTTP 200 (Alpha Vantage's "Note") says
    // what such a body means; nothing: the status decides.
    std::function<std::optional<RestOutcome>(int status, const QByteArray &body)> classifyBody;
};

// Counters for the data-health view.
struct RestHealth {
    std::int64_t requests = 0;  // sent
    std::int64_t failures = 0;  // retryable failures
    std::int64_t rateLimitWaits = 0;  // held back by the limiter or a Retry-After
    std::int64_t notFound = 0;
    std::int64_t clientErrors = 0;
    int usedWeight = 0;
    int weightLimit = 0;
    CircuitState circuit = CircuitState::Closed;
    TimeMs blockedUntil = 0;  // a 429/418's Retry-After (0: not blocked)
    bool banned = false;  // the block came from a 418
};

class RestClient final : public QObject
{
    Q_OBJECT

public:
    // `clockRate`: how fast `clock` runs against the wall clock (timers use it).
    RestClient(RestPolicy policy, std::shared_ptr<const Clock> clock, double clockRate = 1.0,
        QObject *parent = nullptr);
    ~RestClient() override;

    // The one place answers are classified.
    static RestOutcome classify(int status, bool networkError);

    const RestPolicy &policy() const { return m_policy; }
    // Queues a request behind the others; sends at once when nothing waits.
    void enqueue(RestRequest request);
    // Stops sending: drops the queue and aborts the request in flight (no callbacks).
    void stop();
    // Requests waiting or in flight.
    std::size_t pending() const;
    // The headers every later request carries (an account's key changed:
    // Alpaca's APCA-API-KEY-ID / -SECRET-KEY).
    void setHeaders(HttpHeaders headers) { m_policy.headers = std::move(headers); }
    // From a source's advertised limit (exchangeInfo); ignores non-positive values.
    void setWeightLimit(int limit);
    const CircuitBreaker &circuit() const { return *m_circuit; }
    TimeMs blockedUntil() const;
    bool isBanned() const;
    RestHealth health() const;

signals:
    // The circuit, a block or the queue changed (the feed's state text may change).
    void stateChanged();

private:
    void dispatch();
    void schedule(TimeMs clockDelayMs);
    void onReply(QNetworkReply *reply);
    void finish(RestRequest &request, RestAnswer answer);
    int timerMs(TimeMs clockMs) const;
    void publish();

    RestPolicy m_policy;
    std::shared_ptr<const Clock> m_clock;
    double m_clockRate;
    std::unique_ptr<WeightLimiter> m_weights;
    std::unique_ptr<TokenBucket> m_bucket;
    std::unique_ptr<CircuitBreaker> m_circuit;
    Backoff m_backoff;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    std::deque<RestRequest> m_queue;
    std::unique_ptr<RestRequest> m_inFlight;
    QNetworkReply *m_reply = nullptr;
    TimeMs m_blockedUntil = 0;
    bool m_banned = false;
    mutable std::mutex m_mutex;
    RestHealth m_health;
};

}  // namespace wick
