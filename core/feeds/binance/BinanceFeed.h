// core/feeds/binance: BinanceFeed, the live Binance spot source. It lives on its
// own thread (moveToThread before start()): combined trade + kline_1m streams
// over as many core/net StreamConnections as needed, REST klines and trades
// through one core/net RestClient for history and gap backfill (GapRecovery),
// every tick and kline screened by the Validator. What is Binance's: URLs,
// payloads, weights, stream names and the forming minute's trade fill.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include "feeds/Feed.h"
#include "feeds/binance/BinanceMessages.h"
#include "net/Backoff.h"
#include "net/CircuitBreaker.h"
#include "quality/Validator.h"

class QTimer;

namespace wick {

class BinanceStreamPool;
class GapRecovery;
class RestClient;
class SymbolRegistry;

// Every duration is in the feed clock's milliseconds; `clockRate` says how fast
// that clock runs against the wall clock (tests run a simulated one faster).
struct BinanceFeedConfig {
    QUrl wsUrl = QUrl(QStringLiteral("wss://data-stream.binance.vision"));
    QUrl restUrl = QUrl(QStringLiteral("https://data-api.binance.vision"));
    QStringList symbols;  // Binance codes ("BTCUSDT"), case-insensitive
    // First minute of history to fetch at start; 0: none (outages are still backfilled).
    TimeMs backfillFrom = 0;
    // When backfillFrom is 0: how far back a symbol with no history yet (a new
    // one, or one added on the fly) is fetched from, counted from now; 0: none.
    TimeMs backfillWindowMs = 0;
    std::shared_ptr<const Clock> clock;  // null: the wall clock
    double clockRate = 1.0;
    TimeMs closeGraceMs = 2000;
    int maxStreamsPerConnection = 1024;
    double messagesPerSecond = 5.0;  // sent per connection, real time (Binance's incoming limit)
    int subscribeBatch = 512;  // streams per SUBSCRIBE message
    TimeMs heartbeatTimeoutMs
        = 30'000;  // no frame for this long: reconnect (klines push every 2 s)
    TimeMs connectionLifetimeMs = 23 * kHourMs + 50 * kMinuteMs;  // before Binance's 24 h cut
    BackoffPolicy backoff;  // 1 s .. 60 s, full jitter
    CircuitBreakerPolicy circuit;
    int requestWeightLimit = 6000;  // lowered to what exchangeInfo advertises
    // Our sliding window is the server's minute plus the time a request may take
    // to arrive, so the weight the server counts in any minute stays within the limit.
    TimeMs weightWindowMs = 61'000;
    TimeMs restTimeoutMs = 10'000;
    int klinesPageLimit = 1000;
    // The forming minute's missed trades are fetched (weight 25 each) while fewer
    // REST requests than this wait; beyond it (thousands of symbols reconnecting)
    // the symbol goes live at once and its forming bar is right from its closed kline on.
    int tradeFillQueueLimit = 50;

    // Base URLs from WICK_BINANCE_WS_URL / WICK_BINANCE_REST_URL when set.
    static BinanceFeedConfig fromEnvironment(BinanceFeedConfig base);
};

// Counters for the data-health view; read from any thread through health().
struct BinanceFeedHealth {
    std::int64_t framesReceived = 0;
    std::int64_t tradesReceived = 0;
    std::int64_t klinesClosed = 0;
    std::int64_t malformedFrames = 0;
    std::int64_t reconnects = 0;
    std::int64_t rateLimitWaits = 0;  // requests held back by the weight limiter or a Retry-After
    std::int64_t restRequests = 0;
    std::int64_t restFailures = 0;  // 5xx, network errors, timeouts
    std::int64_t backfilledBars = 0;
    std::int64_t backfilledTrades = 0;
    std::int64_t auxiliaryFailures = 0;  // historicalTrades failed: degraded, not fatal
    std::int64_t quarantined = 0;
    std::int64_t flagged = 0;
    int usedWeight = 0;
    int weightLimit = 0;
    CircuitState streamCircuit = CircuitState::Closed;
    CircuitState restCircuit = CircuitState::Closed;
};

class BinanceFeed final : public Feed
{
    Q_OBJECT

public:
    // Construct on the owning thread: symbols are interned here (binance:CODE).
    BinanceFeed(std::shared_ptr<SymbolRegistry> registry, BinanceFeedConfig config,
        QObject *parent = nullptr);
    ~BinanceFeed() override;

    QString source() const override;
    std::shared_ptr<const Clock> clock() const override { return m_clock; }
    TimeMs closeGraceMs() const override { return m_config.closeGraceMs; }
    FeedState state() const override;
    Capabilities capabilities() const override;

    const BinanceFeedConfig &config() const { return m_config; }
    // The ids of the configured symbols, in order (valid or not).
    std::vector<SymbolId> symbolIds() const;
    BinanceFeedHealth health() const;
    // Per symbol (any thread): quality score and counts per rule.
    double qualityScore(SymbolId symbol) const;
    std::int64_t ruleCount(SymbolId symbol, QualityRule rule) const;
    std::int64_t validatedCount(SymbolId symbol) const;  // ticks and bars screened

public slots:
    void start() override;
    void stop() override;
    // Subscribe and unsubscribe on the fly (Binance codes).
    void addSymbols(const QStringList &codes);
    // Where the history already held (a cache) ends, per Binance code: the open
    // time of the newest closed minute. Those symbols are backfilled from the
    // minute after it, not from backfillFrom. Call before adding the symbols.
    void resumeFrom(const QHash<QString, wick::TimeMs> &lastClosedByCode);
    void removeSymbols(const QStringList &codes);

signals:
    // Rejected ticks and klines, batched; never empty.
    void quarantined(const std::vector<wick::QuarantineRecord> &records);
    // A symbol Binance does not know (or refused): it is dropped, the others go on.
    void symbolError(wick::SymbolId symbol, const QString &message);
    // The counters, once a second while running (the data-health view plots them).
    void healthUpdated(const wick::BinanceFeedHealth &health);
    // exchangeInfo arrived: every listed symbol (for symbol search).
    void symbolsListed(const std::vector<wick::BinanceSymbolInfo> &symbols);

private:
    struct SymbolFeed;

    // A new symbol of this (valid) code, interned as binance:CODE.
    SymbolFeed &registerSymbol(const QString &code);
    SymbolFeed *findByCode(std::string_view upperCode);

    // Streams.
    void startStreams();
    void onClosed(const QStringList &codes);
    void onFrame(int connection, const QString &text);
    void handleTrade(const BinanceTrade &trade);
    void handleKline(const BinanceKline &kline);
    void flushTicks();

    // History, gap backfill and the forming minute's trades.
    void startRecovery(SymbolFeed &s);
    void requestKlines(SymbolId id, TimeMs from);
    void requestTradeFill(SymbolFeed &s);
    void finishRecovery(SymbolFeed &s, std::vector<Tick> gapTrades);
    void sendHistory(SymbolFeed &s, std::vector<Bar> bars);
    void dropSymbol(SymbolFeed &s, const QString &message);
    void requestExchangeInfo();

    void updateState();
    void emitQuarantine();

    std::shared_ptr<SymbolRegistry> m_registry;
    BinanceFeedConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::vector<std::unique_ptr<SymbolFeed>> m_symbols;
    std::unordered_map<SymbolId, SymbolFeed *> m_byId;
    std::unordered_map<std::string, SymbolFeed *> m_byCode;  // "BTCUSDT"
    QSet<QString> m_listed;  // codes from exchangeInfo
    QHash<QString, TimeMs> m_resume;  // upper-case code: newest closed minute already held
    std::int64_t m_skippedFills = 0;
    bool m_infoLoaded = false;
    bool m_running = false;

    RestClient *m_rest = nullptr;
    BinanceStreamPool *m_pool = nullptr;
    std::unique_ptr<GapRecovery> m_recovery;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_stateTimer = nullptr;

    Validator m_validator;  // guarded by m_mutex for readers on other threads
    TickBatch m_pending;
    std::vector<QuarantineRecord> m_quarantine;
    mutable std::mutex m_mutex;
    BinanceFeedHealth m_health;  // the feed's own counters; REST and streams are read live
    FeedState m_state = FeedState::Offline;
    QString m_stateDetail;
};

}  // namespace wick

Q_DECLARE_METATYPE(std::vector<wick::QuarantineRecord>)
Q_DECLARE_METATYPE(std::vector<wick::BinanceSymbolInfo>)
Q_DECLARE_METATYPE(wick::BinanceFeedHealth)
