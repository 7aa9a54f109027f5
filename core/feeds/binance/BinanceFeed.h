// core/feeds/binance: BinanceFeed, the live Binance spot source. It lives on its
// own thread (moveToThread before start()): combined trade + kline_1m +
// miniTicker streams over as many core/net StreamConnections as needed
// (BinanceStreamPool; the ticker's 24 h open: dayReferenceChanged), REST klines
// through one core/net RestClient for history and gap backfill (GapRecovery).
// Its parts, on the same thread: BinanceFormingMinute (where the forming minute
// starts after a (re)connect, the live trades' way out), BinanceListing
// (exchangeInfo: which codes exist), BinanceFeedStatus (the state text).
// Validation is the session's (quality/FeedScreen). What is Binance's: URLs,
// payloads, weights, stream names and where the forming minute starts.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QStringList>
#include <QUrl>

#include "feeds/Feed.h"
#include "feeds/binance/BinanceMessages.h"
#include "net/Backoff.h"
#include "net/CircuitBreaker.h"

class QTimer;

namespace wick {

class BinanceFormingMinute;
class BinanceListing;
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
    // After a (re)connect the forming minute starts from the stream's unclosed
    // kline (formingBarChanged) and only trades after its last id follow; when
    // no kline comes within 6 s (feed clock), and with this off, it is rebuilt
    // from up to 1000 historicalTrades before the first live one.
    bool formingFromKline = true;

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
    void handleMiniTicker(const BinanceMiniTicker &ticker);
    void flushTicks();

    // History and gap backfill (the forming minute's trades: BinanceFormingMinute).
    void startRecovery(SymbolFeed &s);
    void requestKlines(SymbolId id, TimeMs from);
    void sendHistory(SymbolFeed &s, std::vector<Bar> bars);
    void dropSymbol(SymbolFeed &s, const QString &message);

    void updateState();

    std::shared_ptr<SymbolRegistry> m_registry;
    BinanceFeedConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::vector<std::unique_ptr<SymbolFeed>> m_symbols;
    std::unordered_map<SymbolId, SymbolFeed *> m_byId;
    std::unordered_map<std::string, SymbolFeed *> m_byCode;  // "BTCUSDT"
    QHash<QString, TimeMs> m_resume;  // upper-case code: newest closed minute already held
    bool m_running = false;

    RestClient *m_rest = nullptr;
    BinanceStreamPool *m_pool = nullptr;
    std::unique_ptr<GapRecovery> m_recovery;
    std::unique_ptr<BinanceFormingMinute> m_forming;
    std::unique_ptr<BinanceListing> m_listing;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_stateTimer = nullptr;

    TickBatch m_pending;
    mutable std::mutex m_mutex;  // guards m_health and m_state for readers on other threads
    FeedHealth m_health;  // the feed's own counters; REST and streams are read live
    FeedState m_state = FeedState::Offline;
    QString m_stateDetail;
};

}  // namespace wick
