// core/feeds/alphavantage: AlphaVantageFeed, US and other stocks from Alpha
// Vantage's REST API (TIME_SERIES_INTRADAY per interval, TIME_SERIES_DAILY).
// It lives on its own thread (moveToThread before start()) and speaks REST
// only, through one core/net RestClient (retries, backoff, circuit breaker),
// one request at a time, each first allowed by its AlphaVantageBudget (25 a
// day, 5 a minute on the free plan): so at start each series is fetched once,
// and then refreshed every pollIntervalMs while its market is open, as far as
// the budget goes. Alpha Vantage's refusals are HTTP 200 bodies: "Note" holds
// the next request a minute, the daily "Information" holds everything until
// the day turns (the request waits, nothing is lost), "Error Message" drops
// the symbol with Alpha Vantage's text. The API key goes in the query of each
// request and nowhere else: log lines name the function and symbol only.
// Without a key (none given yet: the app reads it from the OS keychain) the
// feed waits, asking nothing, until setCredentials() gives one.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <QHash>
#include <QStringList>
#include <QUrl>

#include "feeds/Feed.h"
#include "feeds/alphavantage/AlphaVantageBudget.h"
#include "net/Backoff.h"
#include "net/CircuitBreaker.h"

class QTimer;

namespace wick {

class RestClient;
class SymbolRegistry;
struct AlphaVantageAnswer;
struct RestPolicy;

struct AlphaVantageFeedConfig {
    QUrl restUrl = QUrl(QStringLiteral("https://www.alphavantage.co"));
    QString apiKey;  // from the keychain or WICK_ALPHAVANTAGE_API_KEY; never logged
    QStringList symbols;  // Alpha Vantage codes ("IBM", "TSCO.LON"), case-insensitive
    // Series fetched per symbol: "1min" .. "60min", "daily"; finest first.
    QStringList intervals = {QStringLiteral("1min")};
    bool fullHistory = false;  // outputsize=full (else compact: the latest 100 points)
    bool extendedHours = false;  // intraday 04:00-20:00 New York instead of the session
    TimeMs pollIntervalMs = 3'600'000;  // a series' refresh while its market is open; 0: none
    int requestsPerDay = 25;
    int requestsPerMinute = 5;
    TimeMs restTimeoutMs = 10'000;
    BackoffPolicy backoff;
    CircuitBreakerPolicy circuit;
    std::shared_ptr<const Clock> clock;  // null: the wall clock
    double clockRate = 1.0;
};

// The REST policy of Alpha Vantage's requests (the feed's, wick-cli search's):
// no limiter of its own -- AlphaVantageBudget paces them.
RestPolicy alphaVantageRestPolicy(const AlphaVantageFeedConfig &config);

class AlphaVantageFeed final : public Feed
{
    Q_OBJECT

public:
    // Construct on the owning thread: symbols are interned here (alphavantage:CODE).
    AlphaVantageFeed(std::shared_ptr<SymbolRegistry> registry, AlphaVantageFeedConfig config,
        QObject *parent = nullptr);
    ~AlphaVantageFeed() override;

    QString source() const override;
    std::shared_ptr<const Clock> clock() const override { return m_clock; }
    FeedState state() const override;
    Capabilities capabilities() const override;
    FeedHealth health() const override;
    QStringList symbolCodes() const override;
    std::optional<Symbol> describeSymbol(const QString &code) const override;

    const AlphaVantageFeedConfig &config() const { return m_config; }

public slots:
    void start() override;
    void stop() override;
    void addSymbols(const QStringList &codes) override;
    void removeSymbols(const QStringList &codes) override;
    void resumeFrom(const QHash<QString, wick::ResumePoint> &points) override;
    // The key; requests wait while there is none.
    void setCredentials(const wick::Credentials &credentials) override;

private:
    struct Series;
    struct Call {
        Series *series = nullptr;
        std::uint64_t generation = 0;
    };

    void registerSymbol(const QString &code);
    void queue(Series &s);
    void pump();
    void send(const Call &call);
    void onAnswer(const Call &call, const AlphaVantageAnswer &answer);
    void deliver(Series &s, std::vector<Bar> bars);
    void pollDue();
    void dropSymbol(const QString &code, SymbolId id, const QString &message);
    void updateState();

    std::shared_ptr<SymbolRegistry> m_registry;
    AlphaVantageFeedConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::vector<Timeframe> m_timeframes;  // of m_config.intervals, finest first
    std::vector<std::unique_ptr<Series>> m_series;  // per symbol and timeframe
    std::deque<Call> m_queue;  // waiting for the budget
    bool m_inFlight = false;
    QHash<QString, TimeMs> m_resume;  // upper-case code: newest closed minute already held
    bool m_running = false;
    bool m_answered = false;

    RestClient *m_rest = nullptr;
    QTimer *m_timer = nullptr;
    AlphaVantageBudget m_budget;

    mutable std::mutex m_mutex;  // guards m_health, m_state, m_detail, m_used for readers elsewhere
    FeedHealth m_health;
    FeedState m_state = FeedState::Offline;
    QString m_detail;
};

}  // namespace wick
