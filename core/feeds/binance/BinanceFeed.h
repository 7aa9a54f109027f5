// core/feeds/binance: BinanceFeed, the live Binance spot source. It lives on its
// own thread (moveToThread before start()): combined trade + kline_1m streams
// over as many WebSocket connections as needed, REST klines and trades for
// history and gap backfill. Validation is the session's (quality/FeedScreen).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
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

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace wick {

class SymbolRegistry;
class WeightLimiter;

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
    FeedHealth health() const override;
    QStringList symbolCodes() const override;
    std::optional<Symbol> describeSymbol(const QString &code) const override;

    const BinanceFeedConfig &config() const { return m_config; }
    // The ids of the configured symbols, in order (valid or not).
    std::vector<SymbolId> symbolIds() const;

public slots:
    void start() override;
    void stop() override;
    // Subscribe and unsubscribe on the fly (Binance codes).
    void addSymbols(const QStringList &codes) override;
    void removeSymbols(const QStringList &codes) override;
    // Those symbols are backfilled from the minute after their resume point,
    // not from backfillFrom. Call before adding the symbols.
    void resumeFrom(const QHash<QString, wick::ResumePoint> &points) override;

private:
    struct Connection;
    struct SymbolFeed;
    struct RestRequest;

    // A new symbol of this (valid) code, interned as binance:CODE.
    SymbolFeed &registerSymbol(const QString &code);

    // Streams.
    void ensureConnections();
    void openConnection(Connection &c);
    void onConnected(Connection &c);
    void onDisconnected(Connection &c, const QString &why);
    void scheduleReconnect(Connection &c, TimeMs delayMs, const QString &why);
    void onFrame(Connection &c, const QString &text);
    void queueControl(Connection &c, const QString &method, const QStringList &streams);
    void drainOutbox(Connection &c);
    void handleTrade(const BinanceTrade &trade);
    void handleKline(const BinanceKline &kline);
    void flushTicks();
    void scheduleFlush();

    // History and gap backfill.
    void startRecovery(SymbolFeed &s);
    void requestKlines(SymbolId id, TimeMs from);
    void onKlines(SymbolId id, TimeMs from, const std::vector<BinanceRestKline> &rows);
    void requestTradeFill(SymbolFeed &s);
    void finishRecovery(SymbolFeed &s, std::vector<Tick> gapTrades);
    void sendHistory(SymbolFeed &s, std::vector<Bar> bars);
    void dropSymbol(SymbolFeed &s, const QString &message);

    // REST.
    void requestExchangeInfo();
    void enqueueRest(RestRequest request);
    void dispatchRest();
    void onRestReply(QNetworkReply *reply);
    void scheduleDispatch(TimeMs clockDelayMs);

    void updateState();
    int timerMs(TimeMs clockMs) const;
    SymbolFeed *findByCode(std::string_view upperCode);

    std::shared_ptr<SymbolRegistry> m_registry;
    BinanceFeedConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::vector<std::unique_ptr<SymbolFeed>> m_symbols;
    std::unordered_map<SymbolId, SymbolFeed *> m_byId;
    std::unordered_map<std::string, SymbolFeed *> m_byCode;  // "BTCUSDT"
    std::vector<std::unique_ptr<Connection>> m_connections;
    QSet<QString> m_listed;  // codes from exchangeInfo
    QHash<QString, TimeMs> m_resume;  // upper-case code: newest closed minute already held
    std::int64_t m_nextRequestId = 1;
    std::int64_t m_skippedFills = 0;  // ids of SUBSCRIBE / UNSUBSCRIBE messages
    bool m_infoLoaded = false;
    bool m_running = false;

    std::unique_ptr<WeightLimiter> m_limiter;
    std::unique_ptr<CircuitBreaker> m_restCircuit;
    std::unique_ptr<CircuitBreaker> m_streamCircuit;
    Backoff m_restBackoff;
    QNetworkAccessManager *m_network = nullptr;
    std::deque<RestRequest> m_restQueue;
    std::unique_ptr<RestRequest> m_restInFlight;
    QNetworkReply *m_reply = nullptr;
    QTimer *m_restTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_stateTimer = nullptr;

    TickBatch m_pending;
    mutable std::mutex m_mutex;  // guards m_health and m_state for readers on other threads
    FeedHealth m_health;
    FeedState m_state = FeedState::Offline;
    QString m_stateDetail;
};

}  // namespace wick
