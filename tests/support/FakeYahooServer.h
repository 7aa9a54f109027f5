// tests/support: FakeYahooServer, a local stand-in for Yahoo Finance on
// 127.0.0.1 (port 0), built on FakeHttpServer and serving tests/fixtures/yahoo:
// GET /v8/finance/chart/CODE (the fixture's 60 AAPL minutes with its three null
// bars, cut to period1..period2 and moved by a whole number of days per code;
// an unknown code gets the 404 chart_error_not_found body), the cookie visit
// at / (404 with Set-Cookie, as fc.yahoo.com answers), /v1/test/getcrumb
// (the crumb, only with the cookie), /v7/finance/quote (the fixture's quotes
// of the symbols asked for, only with the current crumb; else 401 Invalid
// Crumb) and /v1/finance/search. Scripted faults: 429 "Edge: Too Many
// Requests" with Retry-After, a crumb rotated once. Lives on the test's thread.
#pragma once

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

private:
    HttpReply chart(const HttpRequest &request);
    HttpReply quote(const HttpRequest &request);
    HttpReply getCrumb(const HttpRequest &request);
    QByteArray fixture(const char *name) const;

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
};

}  // namespace wick
