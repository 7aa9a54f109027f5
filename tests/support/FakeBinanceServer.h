// tests/support: a local stand-in for Binance spot public market data on
// 127.0.0.1 (port 0). A scripted "truth" market makes trades on a clock; the
// WebSocket server streams them over the combined-stream protocol (subscribe
// replies, trade, kline_1m and 24hrMiniTicker frames, pings) and the HTTP server answers
// /api/v3/klines, /api/v3/historicalTrades and /api/v3/exchangeInfo from the same
// truth, with request-weight accounting per minute. Faults on command: drops,
// stalls, restarts, malformed frames, duplicates, out-of-order trades, spikes,
// 429/418 with Retry-After, bursts of 5xx, withdrawn endpoints (404). Built on
// FakeHttpServer and FakeWebSocketServer. Lives on the test's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include "model/Bar.h"
#include "model/Types.h"

class QTimer;
class QWebSocket;

namespace wick {

class Clock;
class FakeHttpServer;
class FakeWebSocketServer;
struct HttpReply;
struct HttpRequest;

struct FakeTrade {
    std::int64_t id = 0;
    TimeMs time = 0;
    double price = 0.0;
    double quantity = 0.0;
    bool buyerIsMaker = false;
};

struct FakeBinanceConfig {
    QStringList symbols {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
    TimeMs marketStart = 0;  // first trade time (clock ms)
    TimeMs tradeIntervalMs = 1000;  // one trade per symbol every this many clock ms
    std::uint64_t seed = 7;
    int weightLimit = 6000;  // REQUEST_WEIGHT per minute, advertised and enforced
    int pumpIntervalMs = 5;  // real ms between sends
    TimeMs klinePushMs = 2000;  // clock ms between forming-kline updates
    TimeMs miniTickerPushMs = 1000;  // clock ms between 24hrMiniTicker pushes (Binance: 1 s)
    int pingIntervalMs = 0;  // real ms between pings (0: none)
    // Exchange outages (clock ms, [from, to)): no trades, so no klines either --
    // a gap no backfill can fill.
    std::vector<std::pair<TimeMs, TimeMs>> halts;
};

class FakeBinanceServer final : public QObject
{
    Q_OBJECT

public:
    FakeBinanceServer(
        FakeBinanceConfig config, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~FakeBinanceServer() override;

    bool listen();
    QUrl wsUrl() const;
    QUrl restUrl() const;

    // Truth: every trade up to now, and its 1m bars (built like the engine does).
    std::vector<FakeTrade> trades(const QString &code);
    std::vector<Bar> truthBars(const QString &code, TimeMs from, TimeMs to);
    // The bar of one minute from the trades up to `through` (empty: none).
    std::optional<Bar> truthBar(const QString &code, TimeMs minute, TimeMs through);

    // Moves the first trade to `time` (before any trade was made) / makes no trade after now.
    void startMarketAt(TimeMs time);
    void stopMarket();

    // Stream faults.
    void dropConnections();  // abort every WebSocket
    // The connections open now send nothing more (no frames, no pings) but stay
    // open; later connections work.
    void stallConnections();
    void setDown(bool down);  // both servers closed (refused) / listening again on the same ports
    void sendServerShutdown();
    void sendMalformed(int count);
    void duplicateNext(const QString &code);
    void swapNext(const QString &code);  // the next two trades go out in reverse order
    void spikeNext(const QString &code, double factor);  // in the truth: a real print

    // REST faults: the next `count` requests whose path contains `pathPart`.
    void failNext(const QString &pathPart, int status, int count, int retryAfterSeconds = -1);
    // The endpoint at exactly `path` answers 404 from now on (an auxiliary API withdrawn).
    void removeEndpoint(const QString &path);

    // Called as a trade frame is about to be written to a client socket (then flushed).
    void setTradeSentHook(std::function<void(const QString &code, const FakeTrade &)> hook)
    {
        m_tradeSent = std::move(hook);
    }

    // Accounting.
    struct WeightEntry {
        TimeMs time;
        int weight;
        QString path;
    };
    const std::vector<WeightEntry> &weightLog() const { return m_weightLog; }
    int maxWeightInWindow(TimeMs windowMs) const;
    int requestsBlockedEarly() const { return m_earlyRequests; }  // sent during a Retry-After
    int overLimitResponses() const { return m_overLimit; }
    int restRequests(const QString &pathPart) const;
    int connectionsAccepted() const;
    int maxStreamsOnAConnection() const { return m_maxStreams; }
    int controlRateViolations() const { return m_rateViolations; }
    int subscribeMessages() const { return m_subscribes; }
    int pongsReceived() const;
    std::int64_t tradesSent() const { return m_tradesSent; }
    int openConnections() const;
    int subscribedStreams() const;  // over every open connection

private:
    struct Client;
    struct Symbol;
    struct Fault {
        QString pathPart;
        int status;
        int count;
        int retryAfter;
    };

    void generateThrough(Symbol &s, TimeMs through);
    Symbol *symbol(const QString &code);
    void pump();
    Client *client(QWebSocket *socket);
    void onWsConnection(QWebSocket *socket);
    void onWsMessage(Client &client, const QString &text);
    void subscribe(Client &client, const QStringList &streams);
    // Blocks, scripted faults and weight accounting, before any route answers.
    std::optional<HttpReply> gate(const HttpRequest &request);
    HttpReply answer(const HttpRequest &request);
    QByteArray klineFrame(const Symbol &s, const Bar &bar, TimeMs now, bool closed,
        std::int64_t firstId, std::int64_t lastId) const;
    QByteArray tradeFrame(const Symbol &s, const FakeTrade &t, TimeMs now) const;
    // The 24 h window (now - 24 h, now] of the truth's trades; empty when it has none.
    QByteArray miniTickerFrame(const Symbol &s, TimeMs now) const;
    void pushMiniTickers(Client &c, TimeMs now);
    int usedThisMinute(TimeMs now) const;

    FakeBinanceConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    FakeWebSocketServer *m_ws = nullptr;
    FakeHttpServer *m_http = nullptr;
    QTimer *m_pump = nullptr;
    QTimer *m_ping = nullptr;
    std::vector<std::unique_ptr<Symbol>> m_symbols;
    QHash<QString, Symbol *> m_byCode;  // upper-case code
    std::vector<std::unique_ptr<Client>> m_clients;
    std::deque<Fault> m_faults;
    std::vector<WeightEntry> m_weightLog;
    QStringList m_missing;  // paths that answer 404
    TimeMs m_blockedUntil = 0;
    int m_blockStatus = 0;
    int m_earlyRequests = 0;
    int m_overLimit = 0;
    int m_maxStreams = 0;
    int m_rateViolations = 0;
    int m_subscribes = 0;
    std::int64_t m_tradesSent = 0;
    int m_malformedPending = 0;
    bool m_down = false;
    TimeMs m_marketEnd = INT64_MAX;
    std::function<void(const QString &, const FakeTrade &)> m_tradeSent;
};

}  // namespace wick
