#include "FakeYahooServer.h"

#include <algorithm>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "FakeHttpServer.h"
#include "net/HttpResponse.h"

namespace wick {

namespace {

constexpr char kCookie[] = "A3=d=AQABBKfake&S=AQAAAfake";

QJsonObject shiftPeriod(QJsonObject period, qint64 seconds)
{
    for (const char *key : {"start", "end"})
        period.insert(QLatin1String(key), period.value(QLatin1String(key)).toInteger() + seconds);
    return period;
}

// chart.result[0] of a chart body.
QJsonObject resultOf(const QJsonObject &body)
{
    return body.value(QLatin1String("chart"))
        .toObject()
        .value(QLatin1String("result"))
        .toArray()
        .first()
        .toObject();
}

}  // namespace

FakeYahooServer::FakeYahooServer(const QString &fixtures, QObject *parent)
    : QObject(parent)
    , m_fixtures(fixtures)
    , m_http(new FakeHttpServer(this))
{
    m_chart = QJsonDocument::fromJson(fixture("chart_aapl_1m.json")).object();
    m_quotes = QJsonDocument::fromJson(fixture("quote_v7_aapl_msft.json")).object();
    m_crumb = QString::fromUtf8(fixture("getcrumb.txt")).trimmed();
    m_http->route(QStringLiteral("/"), [this](const HttpRequest &) {
        ++m_cookieVisits;
        HttpReply reply;
        reply.status = 404;
        reply.headers.append(qMakePair(QByteArray("Set-Cookie"),
            QByteArray(kCookie) + "; Expires=Wed, 01 Jan 2031 00:00:00 GMT; Path=/; SameSite=Lax"));
        reply.body = "<html><body>Not Found</body></html>";
        return reply;
    });
    m_http->route(QStringLiteral("/v1/test/getcrumb"),
        [this](const HttpRequest &request) { return getCrumb(request); });
    m_http->route(QStringLiteral("/v7/finance/quote"),
        [this](const HttpRequest &request) { return quote(request); });
    m_http->route(QStringLiteral("/v1/finance/search"),
        [this](const HttpRequest &) { return HttpReply::json(200, fixture("search_apple.json")); });
    m_http->setFallback([this](const HttpRequest &request) {
        if (request.path.startsWith(QLatin1String("/v8/finance/chart/")))
            return chart(request);
        return HttpReply::json(404, "{}");
    });
}

FakeYahooServer::~FakeYahooServer() = default;

bool FakeYahooServer::listen()
{
    return m_http->listen();
}

QUrl FakeYahooServer::url() const
{
    return m_http->url();
}

QByteArray FakeYahooServer::fixture(const char *name) const
{
    QFile file(m_fixtures + QStringLiteral("/yahoo/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

void FakeYahooServer::addChart(const QString &code, TimeMs shiftMs)
{
    m_shift.insert(code.toUpper(), shiftMs);
}

TimeMs FakeYahooServer::sessionOpen(const QString &code) const
{
    const QJsonArray stamps = resultOf(m_chart).value(QLatin1String("timestamp")).toArray();
    return stamps.first().toInteger() * 1000 + m_shift.value(code.toUpper());
}

void FakeYahooServer::rateLimitCharts(int count, int retryAfterSeconds)
{
    m_http->failNext(
        QStringLiteral("/v8/finance/chart/"), tooManyRequests(retryAfterSeconds), count);
}

HttpReply FakeYahooServer::tooManyRequests(int retryAfterSeconds) const
{
    QString error;
    const std::optional<HttpResponse> raw = HttpResponse::parse(fixture("http_429.txt"), &error);
    if (!raw)
        qFatal("http_429.txt: %s", qPrintable(error));
    HttpReply reply;
    reply.status = raw->status;
    for (const auto &header : raw->headers) {
        if (header.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            reply.headers.append(header);
    }
    reply.headers.append(
        qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
    reply.body = raw->body;
    return reply;
}

void FakeYahooServer::rotateCrumbAfterQuotes(int answered)
{
    m_rotateAt = m_answeredQuotes + std::max(1, answered);
}

FakeYahooServer::UniverseQuote FakeYahooServer::universeQuote(int i)
{
    static const char *const states[] = {"REGULAR", "CLOSED", "PRE", "POST"};
    return UniverseQuote {QStringLiteral("S%1").arg(i, 4, 10, QLatin1Char('0')), 10.0 + i / 4.0,
        (i % 11 - 5) / 2.0, 1000.0 * i, 1739978978 + i, QLatin1String(states[i % 4])};
}

void FakeYahooServer::addUniverse(int count)
{
    m_universe = std::max(m_universe, count);
}

void FakeYahooServer::limitQuoteBursts(int maxRequests, int windowMs, int retryAfterSeconds)
{
    m_burstMax = maxRequests;
    m_burstWindowMs = windowMs;
    m_burstRetryAfter = retryAfterSeconds;
}

QJsonObject FakeYahooServer::universeJson(int i) const
{
    const UniverseQuote u = universeQuote(i);
    QJsonObject q = m_quotes.value(QLatin1String("quoteResponse"))
                        .toObject()
                        .value(QLatin1String("result"))
                        .toArray()
                        .first()
                        .toObject();
    const double previous = u.price / (1.0 + u.changePercent / 100.0);
    q.insert(QLatin1String("symbol"), u.code);
    q.insert(QLatin1String("shortName"), QStringLiteral("Universe %1").arg(i));
    q.insert(QLatin1String("longName"), QStringLiteral("Universe Company %1").arg(i));
    q.insert(QLatin1String("marketState"), u.marketState);
    q.insert(QLatin1String("regularMarketPrice"), u.price);
    q.insert(QLatin1String("regularMarketChangePercent"), u.changePercent);
    q.insert(QLatin1String("regularMarketChange"), u.price - previous);
    q.insert(QLatin1String("regularMarketPreviousClose"), previous);
    q.insert(QLatin1String("regularMarketVolume"), u.volume);
    q.insert(QLatin1String("regularMarketTime"), u.timeSeconds);
    return q;
}

void FakeYahooServer::rotateCrumb()
{
    ++m_crumbGeneration;
    m_crumb
        = QString::fromUtf8(fixture("getcrumb.txt")).trimmed() + QString::number(m_crumbGeneration);
}

HttpReply FakeYahooServer::getCrumb(const HttpRequest &request)
{
    ++m_crumbRequests;
    if (!request.header("Cookie").contains(QByteArray(kCookie)))
        return HttpReply::json(401, fixture("error_invalid_crumb.json"));
    HttpReply reply;
    reply.headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("text/plain;charset=utf-8")));
    reply.body = m_crumb.toUtf8();
    return reply;
}

HttpReply FakeYahooServer::quote(const HttpRequest &request)
{
    ++m_quoteRequests;
    if (m_burstMax > 0) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        while (!m_recentQuotes.empty() && m_recentQuotes.front() <= now - m_burstWindowMs)
            m_recentQuotes.pop_front();
        if (int(m_recentQuotes.size()) >= m_burstMax) {
            ++m_rateLimitedQuotes;
            return tooManyRequests(m_burstRetryAfter);
        }
        m_recentQuotes.push_back(now);
    }
    if (m_rotateAt > 0 && m_answeredQuotes >= m_rotateAt) {
        m_rotateAt = 0;
        rotateCrumb();
    }
    if (request.query.queryItemValue(QStringLiteral("crumb")) != m_crumb
        || !request.header("Cookie").contains(QByteArray(kCookie))) {
        ++m_refusedQuotes;
        return HttpReply::json(401, fixture("error_invalid_crumb.json"));
    }
    const QStringList wanted
        = request.query.queryItemValue(QStringLiteral("symbols")).toUpper().split(QLatin1Char(','));
    if (!m_poisoned.isEmpty() && wanted.contains(m_poisoned))
        return HttpReply::json(500,
            R"({"finance":{"error":{"code":"Internal Server Error",)"
            R"("description":"fake failure"}}})");
    QJsonObject response = m_quotes.value(QLatin1String("quoteResponse")).toObject();
    QJsonArray result;
    for (const QJsonValue &q : response.value(QLatin1String("result")).toArray()) {
        if (wanted.contains(q.toObject().value(QLatin1String("symbol")).toString()))
            result.append(q);
    }
    for (const QString &code : wanted) {
        bool ok = false;
        const int i
            = code.startsWith(QLatin1Char('S')) && code.size() >= 5 ? code.mid(1).toInt(&ok) : 0;
        if (ok && i >= 1 && i <= m_universe && universeQuote(i).code == code)
            result.append(universeJson(i));
    }
    ++m_answeredQuotes;
    m_quotedSymbols += int(result.size());
    response.insert(QLatin1String("result"), result);
    return HttpReply::json(200,
        QJsonDocument(QJsonObject {{QStringLiteral("quoteResponse"), response}})
            .toJson(QJsonDocument::Compact));
}

HttpReply FakeYahooServer::chart(const HttpRequest &request)
{
    const QString code = request.path.mid(QStringLiteral("/v8/finance/chart/").size()).toUpper();
    ChartRequest logged {code, request.query.queryItemValue(QStringLiteral("interval")),
        request.query.queryItemValue(QStringLiteral("period1")).toLongLong() * 1000,
        request.query.queryItemValue(QStringLiteral("period2")).toLongLong() * 1000, 404};
    if (!m_shift.contains(code)) {
        m_charts.push_back(logged);
        return HttpReply::json(404, fixture("chart_error_not_found.json"));
    }
    const qint64 shift = m_shift.value(code) / 1000;
    QJsonObject result = resultOf(m_chart);
    QJsonObject meta = result.value(QLatin1String("meta")).toObject();
    meta.insert(QLatin1String("symbol"), code);
    meta.insert(QLatin1String("regularMarketTime"),
        meta.value(QLatin1String("regularMarketTime")).toInteger() + shift);
    QJsonObject current = meta.value(QLatin1String("currentTradingPeriod")).toObject();
    for (const char *key : {"pre", "regular", "post"})
        current.insert(
            QLatin1String(key), shiftPeriod(current.value(QLatin1String(key)).toObject(), shift));
    meta.insert(QLatin1String("currentTradingPeriod"), current);
    QJsonArray days;
    for (const QJsonValue &day : meta.value(QLatin1String("tradingPeriods")).toArray()) {
        QJsonArray periods;
        for (const QJsonValue &p : day.toArray())
            periods.append(shiftPeriod(p.toObject(), shift));
        days.append(periods);
    }
    meta.insert(QLatin1String("tradingPeriods"), days);
    meta.remove(QStringLiteral("range"));
    // The minutes in [period1, period2), nulls and all.
    const QJsonArray stamps = result.value(QLatin1String("timestamp")).toArray();
    const QJsonObject quote = result.value(QLatin1String("indicators"))
                                  .toObject()
                                  .value(QLatin1String("quote"))
                                  .toArray()
                                  .first()
                                  .toObject();
    QJsonArray times;
    QJsonObject columns;
    for (qsizetype i = 0; i < stamps.size(); ++i) {
        const qint64 t = stamps[i].toInteger() + shift;
        if (t * 1000 < logged.from || t * 1000 >= logged.to)
            continue;
        times.append(t);
        for (auto it = quote.begin(); it != quote.end(); ++it) {
            QJsonArray column = columns.value(it.key()).toArray();
            column.append(it.value().toArray().at(i));
            columns.insert(it.key(), column);
        }
    }
    if (!times.isEmpty())
        result.insert(QLatin1String("timestamp"), times);
    else
        result.remove(QStringLiteral("timestamp"));
    result.insert(
        QLatin1String("indicators"), QJsonObject {{QStringLiteral("quote"), QJsonArray {columns}}});
    result.insert(QLatin1String("meta"), meta);
    logged.status = 200;
    m_charts.push_back(logged);
    const QJsonObject body {{QStringLiteral("chart"),
        QJsonObject {{QStringLiteral("result"), QJsonArray {result}},
            {QStringLiteral("error"), QJsonValue::Null}}}};
    return HttpReply::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

}  // namespace wick
