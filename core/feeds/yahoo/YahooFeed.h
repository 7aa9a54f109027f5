// core/feeds/yahoo: YahooFeed, stocks, ETFs, indices, FX and crypto from Yahoo
// Finance's public chart, quote and search endpoints. It lives on its own
// thread (moveToThread before start()) and speaks REST only, through one
// core/net RestClient (token bucket, 429 waits, backoff, circuit breaker):
// history per interval in period1/period2 pages within Yahoo's range limits
// (YahooIntervals), then the forming bar polled while the market is open
// (currentTradingPeriod from the chart's meta), closed bars as they close,
// batched quotes for the day reference (YahooQuotes, with YahooCrumb), and the
// symbol list from search (YahooListing); its state text is YahooFeedStatus's. A symbol Yahoo does
// not know (chart 404) is dropped with Yahoo's message; the others go on.
// Quote-only symbols (Feed::setBarCodes: a watchlist row, no chart) get no
// history and no polls: the quote rounds keep them current -- every symbol in
// batches of quoteBatch, one request after another (a chart's poll waits
// behind one batch at most), a round every quoteIntervalMs unless the last
// one still runs, a symbol whose market is closed (quality/SymbolMarket)
// left out once it has its closing quote -- and each answer comes out as
// quotesReceived. A quote-only symbol a round's answer leaves out is unknown
// to Yahoo: dropped with symbolError, as a chart 404 drops a charted one.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include "feeds/Feed.h"
#include "feeds/yahoo/YahooIntervals.h"
#include "feeds/yahoo/YahooMessages.h"
#include "net/Backoff.h"
#include "net/CircuitBreaker.h"

class QTimer;

namespace wick {

class RestClient;
class SymbolRegistry;
class YahooCrumb;
class YahooListing;
class YahooQuotes;

// Durations are in the feed clock's ms; `clockRate` says how fast that clock
// runs against the wall clock (the poll timers use it).
struct YahooFeedConfig {
    QUrl restUrl = QUrl(QStringLiteral("https://query2.finance.yahoo.com"));
    QUrl cookieUrl
        = QUrl(QStringLiteral("https://fc.yahoo.com"));  // the visit that sets the cookie
    QString userAgent;  // empty: yahooDefaultUserAgent()
    QStringList symbols;  // Yahoo codes ("AAPL", "APC.DE"), case-insensitive
    // History: Yahoo intervals fetched at start ("1m", "1d"), finest first.
    QStringList intervals = {QStringLiteral("1m")};
    TimeMs backfillFrom = 0;  // first time to fetch; 0: backfillWindowMs
    TimeMs backfillWindowMs = 0;  // from now back, when backfillFrom is 0; 0: no history
    bool includePrePost = false;
    TimeMs pollIntervalMs = 15'000;  // the forming bar while the market is open
    TimeMs closedPollIntervalMs = 300'000;  // while closed: the next session's periods
    TimeMs quoteIntervalMs = 30'000;  // a quote round; 0: no quotes
    int quoteBatch = 100;  // symbols per quote request
    QStringList searchQueries;  // the symbol list; empty: the symbols' codes
    double requestsPerSecond = 2.0;
    double burst = 4.0;
    TimeMs restTimeoutMs = 10'000;
    BackoffPolicy backoff;  // 1 s .. 60 s, full jitter
    CircuitBreakerPolicy circuit;
    std::shared_ptr<const Clock> clock;  // null: the wall clock
    double clockRate = 1.0;
};

class YahooFeed final : public Feed
{
    Q_OBJECT

public:
    // Construct on the owning thread: symbols are interned here (yahoo:CODE).
    YahooFeed(std::shared_ptr<SymbolRegistry> registry, YahooFeedConfig config,
        QObject *parent = nullptr);
    ~YahooFeed() override;

    QString source() const override;
    std::shared_ptr<const Clock> clock() const override { return m_clock; }
    FeedState state() const override;
    Capabilities capabilities() const override;
    FeedHealth health() const override;
    QStringList symbolCodes() const override;
    std::optional<Symbol> describeSymbol(const QString &code) const override;

    const YahooFeedConfig &config() const { return m_config; }

public slots:
    void start() override;
    void stop() override;
    void addSymbols(const QStringList &codes) override;
    void removeSymbols(const QStringList &codes) override;
    void resumeFrom(const QHash<QString, wick::ResumePoint> &points) override;
    void setBarCodes(const QStringList &codes) override;

private:
    struct SymbolPoll;

    SymbolPoll &registerSymbol(const QString &code);
    SymbolPoll *findByCode(const QString &code);
    void startSymbol(SymbolPoll &s);
    void requestPage(SymbolPoll &s, std::size_t track, TimeMs from);
    void requestChart(SymbolPoll &s, std::size_t track, YahooPage page, bool poll);
    void onChart(
        SymbolPoll &s, std::size_t track, YahooPage page, bool poll, const YahooChart &chart);
    void pollDue();
    void fetchQuotes();
    // Whether a round at `now` asks for s: never quoted, no calendar, its
    // market open, or closed with no quote from two minutes after the close
    // (the closing price) yet.
    static bool quoteDue(const SymbolPoll &s, TimeMs now);
    void sendQuoteBatch();
    void onQuotes(const QStringList &batch, const std::vector<YahooQuote> &quotes);
    void listSymbols();
    void dropSymbol(SymbolPoll &s, const QString &message);
    void updateState();

    std::shared_ptr<SymbolRegistry> m_registry;
    YahooFeedConfig m_config;
    std::shared_ptr<const Clock> m_clock;
    std::vector<YahooInterval> m_intervals;
    std::vector<std::unique_ptr<SymbolPoll>> m_symbols;  // never erased: removed ones go inactive
    QHash<QString, SymbolPoll *> m_byCode;  // upper-case code: each of m_symbols
    QHash<QString, TimeMs> m_resume;  // upper-case code: newest closed minute already held
    std::optional<QSet<QString>> m_barCodes;  // upper-case (setBarCodes); none: every code
    QStringList m_quoteRound;  // the codes the running quote round has yet to ask for
    bool m_quoteOut = false;  // a batch of the round is out
    bool m_running = false;
    bool m_listed = false;
    bool m_answered = false;  // a chart answer came: the source is reachable

    RestClient *m_rest = nullptr;
    std::unique_ptr<YahooCrumb> m_crumb;
    std::unique_ptr<YahooQuotes> m_quotes;
    std::unique_ptr<YahooListing> m_listing;
    QTimer *m_pollTimer = nullptr;
    QTimer *m_quoteTimer = nullptr;

    mutable std::mutex m_mutex;  // guards m_health, m_state, m_codes for readers elsewhere
    FeedHealth m_health;
    FeedState m_state = FeedState::Offline;
    QString m_stateDetail;
};

}  // namespace wick
