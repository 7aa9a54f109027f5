// core/feeds/yahoo: YahooQuoteRun, the latest quote of many symbols at once
// (wick-cli quotes): the codes go out in batches of YahooFeedConfig::quoteBatch
// over `concurrency` lanes, each a RestClient of its own (one request in flight,
// its own cookie and crumb, a share of the source's request rate), so several
// requests are in flight at once and the total stays within the source's limit.
// A 429 is waited out by the lane's client (Retry-After, else backoff), a crumb
// Yahoo refuses is fetched anew (YahooQuotes), and a batch that still fails
// (network errors, 5xx after the client's retries, an unusable body) is sent
// again up to `batchAttempts` times. Every code ends in exactly one of quoted,
// unknown (Yahoo answered without it) or failed (retries spent, or the run's
// deadline passed). A QObject on the thread that starts it (its event loop runs
// the lanes).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

#include "feeds/yahoo/YahooFeed.h"
#include "feeds/yahoo/YahooMessages.h"

class QTimer;

namespace wick {

struct YahooQuoteRunConfig {
    YahooFeedConfig feed;  // URLs, user agent, quoteBatch, requestsPerSecond, burst, timeouts
    int concurrency = 4;  // lanes: requests in flight at once
    int batchAttempts = 3;  // sends of one batch before its symbols are failed
    TimeMs deadlineMs = 300'000;  // wall ms; what has not answered by then is failed
};

struct YahooQuoteFailure {
    QString code;
    QString reason;
};

struct YahooQuoteRunResult {
    std::vector<YahooQuote> quotes;  // in the order of the codes given
    QStringList unknown;  // codes Yahoo answered without, in the order given
    std::vector<YahooQuoteFailure> failed;  // in the order given
    std::int64_t requests = 0;  // sent by the lanes' clients (cookie and crumb included)
    std::int64_t rateLimitWaits = 0;  // 429s and the limiter's own holds
    std::int64_t crumbRetries = 0;  // batches refused for the crumb and sent again
    std::int64_t batchRetries = 0;  // failed batches sent again
    double seconds = 0.0;  // wall time of the run
};

class YahooQuoteRun final : public QObject
{
    Q_OBJECT

public:
    explicit YahooQuoteRun(YahooQuoteRunConfig config, QObject *parent = nullptr);
    ~YahooQuoteRun() override;

    // Starts fetching `codes` (repeats, in any case, count once); finished()
    // follows when every code has its outcome (at once for no codes). Once.
    void start(const QStringList &codes);
    bool isFinished() const { return m_finished; }
    const YahooQuoteRunResult &result() const { return m_result; }

signals:
    void finished();

private:
    struct Lane;
    struct Batch {
        QStringList codes;
        int attempts = 0;
    };
    enum class Outcome : std::uint8_t { Pending, Quoted, Unknown, Failed };

    void feed(Lane &lane);
    void onQuotes(Lane &lane, const Batch &batch, const std::vector<YahooQuote> &quotes);
    void onFailed(Lane &lane, Batch batch, const QString &reason);
    void settle(const QString &code, Outcome outcome, const QString &reason = {});
    void expire();
    void finish();

    YahooQuoteRunConfig m_config;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    std::deque<Batch> m_waiting;
    QStringList m_codes;  // as given, without repeats
    QHash<QString, qsizetype> m_index;  // upper-case code -> position in m_codes
    std::vector<Outcome> m_outcomes;
    std::vector<YahooQuote> m_quotes;  // by position
    std::vector<QString> m_reasons;  // by position: why it failed
    qsizetype m_pending = 0;
    QTimer *m_deadline = nullptr;
    QElapsedTimer m_clock;
    bool m_started = false;
    bool m_finished = false;
    YahooQuoteRunResult m_result;
};

}  // namespace wick
