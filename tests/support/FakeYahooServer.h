// tests/support: FakeYahooServer, a local stand-in for Yahoo Finance on
// 127.0.0.1 (port 0), built on FakeHttpServer and serving tests/fixtures/yahoo:
// GET /v8/finance/chart/CODE (the fixture's 60 AAPL minutes with its three null
// bars, cut to period1..period2 and moved by a whole number of days per code;
// an unknown code gets the 404 chart_error_not_found body), the cookie visit
// at / (404 with Set-Cookie, as fc.yahoo.com answers), /v1/test/getcrumb
// (the crumb, only with the cookie), /v7/finance/quote (the fixture's quotes
// of the symbols asked for, only with the current crumb; else 401 Invalid
// Crumb) and /v1/finance/search. A universe of generated codes S0001..SNNNN
// with quotes computed from their number (universeQuote) for many-symbol runs.
// Scripted faults: 429 "Edge: Too Many Requests" with Retry-After (the next
// chart requests, or every quote request over a burst limit), 500 to every
// quote request asking for one code, a crumb rotated
// once (now, or after N quote answers). Lives on the test's thread.
#pragma once

#include <deque>
#include <vector>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include "model/Types.h"

namespace wick {

class FakeHttpServer;
struct HttpReply;
struct HttpRequest;

class FakeYahooServer final : public QObject
{
    Q_OBJECT

public:
    // `fixtures`: the directory holding yahoo/ (WICK_TEST_FIXTURES).
    explicit FakeYahooServer(const QString &fixtures, QObject *parent = nullptr);
    ~FakeYahooServer() override;

    bool listen();
    QUrl url() const;
    FakeHttpServer &http() { return *m_http; }

    // CODE's chart is the fixture's minutes (and meta) moved by `shiftMs`
    // (whole days, so the session stays a New York session).
    void addChart(const QString &code, TimeMs shiftMs = 0);
    // The fixture's first minute for CODE (its regular session's open), in ms.
    TimeMs sessionOpen(const QString &code) const;
    // The next `count` chart requests get the fixture's 429, with Retry-After.
    void rateLimitCharts(int count, int retryAfterSeconds);
    // The crumb handed out so far stops working; the next getcrumb gives a new one.
    void rotateCrumb();
    // rotateCrumb() once `answered` quote requests have been answered with quotes.
    void rotateCrumbAfterQuotes(int answered);

    // Yahoo's quote for universe code number i (S0001 is 1): price 10 + i/4,
    // regularMarketChangePercent (i % 11 - 5) / 2, volume 1000 i,
    // regularMarketTime 1739978978 + i s, marketState REGULAR, CLOSED, PRE, POST
    // by i % 4; change and previous close agree with price and percent.
    struct UniverseQuote {
        QString code;  // "S0042"
        double price = 0.0;
        double changePercent = 0.0;
        double volume = 0.0;
        qint64 timeSeconds = 0;
        QString marketState;
    };
    static UniverseQuote universeQuote(int i);
    // Codes S0001 .. S<count> (4 digits at least) are known from now on.
    void addUniverse(int count);
    // Quote requests over `maxRequests` answered within the last `windowMs`
    // (wall ms) get the fixture's 429 with Retry-After `retryAfterSeconds`.
    void limitQuoteBursts(int maxRequests, int windowMs, int retryAfterSeconds);
    // Every quote request asking for `code` gets 500 (a batch Yahoo keeps choking on).
    void failQuotesOf(const QString &code) { m_poisoned = code.toUpper(); }
    QString crumb() const { return m_crumb; }

    struct ChartRequest {
        QString code;
        QString interval;
        TimeMs from = 0;  // period1, ms
        TimeMs to = 0;  // period2, ms
        int status = 0;
    };
    const std::vector<ChartRequest> &chartRequests() const { return m_charts; }
    int cookieVisits() const { return m_cookieVisits; }
    int crumbRequests() const { return m_crumbRequests; }
    int quoteRequests() const { return m_quoteRequests; }
    int refusedQuotes() const { return m_refusedQuotes; }
    int rateLimitedQuotes() const { return m_rateLimitedQuotes; }
    // Symbols answered with a quote, over all quote requests.
    int quotedSymbols() const { return m_quotedSymbols; }

private:
    HttpReply chart(const HttpRequest &request);
    HttpReply quote(const HttpRequest &request);
    HttpReply getCrumb(const HttpRequest &request);
    QByteArray fixture(const char *name) const;
    HttpReply tooManyRequests(int retryAfterSeconds) const;
    QJsonObject universeJson(int i) const;

    QString m_fixtures;
    FakeHttpServer *m_http = nullptr;
    QJsonObject m_chart;  // chart_aapl_1m.json
    QJsonObject m_quotes;  // quote_v7_aapl_msft.json
    QHash<QString, TimeMs> m_shift;  // code -> ms
    QString m_crumb;
    int m_crumbGeneration = 0;
    std::vector<ChartRequest> m_charts;
    int m_cookieVisits = 0;
    int m_crumbRequests = 0;
    int m_quoteRequests = 0;
    int m_refusedQuotes = 0;
    int m_rateLimitedQuotes = 0;
    int m_quotedSymbols = 0;
    int m_answeredQuotes = 0;
    int m_rotateAt = 0;  // m_answeredQuotes that rotates the crumb; 0: none
    int m_universe = 0;
    QString m_poisoned;  // quote requests asking for it get 500
    int m_burstMax = 0;  // 0: no burst limit
    int m_burstWindowMs = 0;
    int m_burstRetryAfter = 1;
    std::deque<qint64> m_recentQuotes;  // wall ms of the answered quote requests in the window
};

}  // namespace wick
