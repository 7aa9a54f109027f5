// core/feeds/alpaca: AlpacaFeed, US stocks and ETFs from Alpaca's market data
// v2: the IEX stream (one WebSocket, core/net StreamConnection) for trades and
// closed minute bars, and REST bars (core/net RestClient, page_token paging)
// for the history after the cache's resume point, after every reconnect. It
// lives on its own thread (moveToThread before start()). The stream speaks
// first ("connected"); the feed authenticates at once with the account's key
// and secret (Alpaca closes a connection that has not within its auth
// timeout), then subscribes its symbols' trades and bars, and changes the
// subscription on the fly. Alpaca's errors name themselves in the state text:
// 402 (auth failed: the stream stays closed until new credentials come) and
// 406 (connection limit: the free plan's one connection is taken; retried with
// backoff). Without credentials it asks nothing until setCredentials().
// While US equities do not trade (no regular or extended hours, a few minutes
// either side: MarketCalendar) the stream is closed and reopened before the
// next pre-market; the REST history still comes (pauseWhileClosed).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <QHash>
#include <QStringList>
#include <QUrl>

#include "feeds/Feed.h"
#include "net/Backoff.h"
#include "net/CircuitBreaker.h"

class QTimer;

namespace wick {

class MarketCalendar;
class RestClient;
class StreamConnection;
class SymbolRegistry;
struct AlpacaMessage;

struct AlpacaFeedConfig {
    QUrl wsUrl = QUrl(QStringLiteral("wss://stream.data.alpaca.markets/v2/iex"));
    QUrl restUrl = QUrl(QStringLiteral("https://data.alpaca.markets"));
    QString dataFeed = QStringLiteral("iex");  // the REST bars' feed=
    Credentials credentials;  // key and secret; never logged
    QStringList symbols;  // Alpaca codes ("AAPL", "BRK.B")
    TimeMs backfillFrom = 0;  // first minute to fetch when the cache holds none; 0: window
    TimeMs backfillWindowMs = 0;  // from now back, when backfillFrom is 0; 0: no history
    int pageLimit = 10'000;  // bars per REST page (Alpaca's most)
    double requestsPerSecond = 3.0;  // Alpaca: 200 a minute per key
    TimeMs restTimeoutMs = 10'000;
    // A quiet stream is normal while the market is closed: only a long silence reconnects.
    TimeMs heartbeatTimeoutMs = 15 * 60'000;
    BackoffPolicy backoff;
    CircuitBreakerPolicy circuit;
    bool pauseWhileClosed = true;  // false: the stream stays open at night and at weekends
    TimeMs marketCheckMs = 30'000;  // how often the market hours are looked at (wall time)
    std::shared_ptr<const Clock> clock;  // null: the wall clock
    double clockRate = 1.0;
};

class AlpacaFeed final : public Feed
{
    Q_OBJECT

public:
    AlpacaFeed(std::shared_ptr<SymbolRegistry> registry, AlpacaFeedConfig config,
        QObject *parent = nullptr);
    ~AlpacaFeed() override;

    QString source() const override;
    std::shared_ptr<const Clock> clock() const override { return m_clock; }
    FeedState state() const override;
    Capabilities capabilities() const override;
    FeedHealth health() const override;
    QStringList symbolCodes() const override;
    std::optional<Symbol> describeSymbol(const QString &code) const override;

public slots:
    void start() override;
    void stop() override;
    void addSymbols(const QStringList &codes) override;
    void removeSymbols(const QStringList &codes) override;
    void resumeFrom(const QHash<QString, wick::ResumePoint> &points) override;
    void setCredentials(const wick::Credentials &credentials) override;

private:
    struct Tracked {
        QString code;
        SymbolId id = kInvalidSymbol;
        bool active = true;
        std::uint64_t generation = 0;
        TimeMs delivered = 0;  // open time of the newest closed minute sent (or held)
        bool fetching = false;
    };

    Tracked *find(const QString &code);
    Tracked &track(const QString &code);
    void connectStream();
    void onFrame(const QString &text);
    void onMessage(const AlpacaMessage &m, std::vector<Tick> &ticks);
    void subscribe(const QStringList &codes, bool add);
    void backfill(Tracked &t);
    void requestPage(Tracked &t, TimeMs from, const QString &pageToken);
    void deliverBars(Tracked &t, std::vector<Bar> bars);
    void setProblem(const QString &problem);
    void updateState();
    // Whether the stream should be open at t (US equities trade near it).
    bool marketTrading(TimeMs t) const;
    // Closes or reopens the stream as the market hours say.
    void checkMarket();
    void backfillActive();

    std::shared_ptr<SymbolRegistry> m_registry;
    AlpacaFeedConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::vector<std::unique_ptr<Tracked>> m_symbols;
    QHash<QString, TimeMs> m_resume;  // upper-case code: newest closed minute held
    bool m_running = false;
    bool m_authenticated = false;
    bool m_authRefused = false;  // 402: closed until new credentials
    bool m_marketClosed = false;  // the stream paused while the market does not trade
    std::unique_ptr<MarketCalendar> m_calendar;  // US equities
    QTimer *m_marketTimer = nullptr;
    QString m_problem;  // the last error Alpaca named, for the state

    StreamConnection *m_stream = nullptr;
    RestClient *m_rest = nullptr;  // its headers follow the credentials

    mutable std::mutex m_mutex;  // guards m_health, m_state, m_detail
    FeedHealth m_health;
    FeedState m_state = FeedState::Offline;
    QString m_detail;
};

}  // namespace wick
