// core/net RestClient against FakeHttpServer on 127.0.0.1, on a simulated clock
// that runs faster than the wall clock: answers classified in one place, 429 and
// 418 wait for Retry-After, 5xx and hang-ups retried with backoff, the circuit
// opens and probes half-open, a weight window and a token bucket space requests.
#include <memory>
#include <vector>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "FakeHttpServer.h"
#include "model/Clock.h"
#include "net/RestClient.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1'709'251'200'000;

// A client on a clock `speed` times the wall clock, against a fresh fake server.
struct Rig {
    explicit Rig(double speed = 10.0, void (*tune)(RestPolicy &) = nullptr)
        : speed(speed)
        , clock(std::make_shared<SimulatedClock>(kT0, speed))
    {
        clock->start();
        ok = server.listen();
        server.route(QStringLiteral("/v1/echo"), [](const HttpRequest &r) {
            return HttpReply::json(200, "{\"q\":\"" + r.query.query().toUtf8() + "\"}");
        });
        RestPolicy policy;
        policy.name = QStringLiteral("test");
        policy.baseUrl = server.url();
        policy.headers = {{"User-Agent", "wick-test/1"}};
        policy.backoff = {1000, 8000, 2.0, Jitter::None};
        policy.circuit = {100, 5000, 1};
        policy.parseError = [](const QByteArray &body) {
            const QJsonObject o = QJsonDocument::fromJson(body).object();
            return RestError {
                o.value(QStringLiteral("code")).toInt(), o.value(QStringLiteral("msg")).toString()};
        };
        if (tune)
            tune(policy);
        client = std::make_unique<RestClient>(policy, clock, speed);
    }

    // Sends one request; the answers land in `answers`.
    void get(const QString &path, int weight = 1, int maxAttempts = 0)
    {
        RestRequest r;
        r.path = path;
        r.query.addQueryItem(QStringLiteral("n"), QString::number(sent++));
        r.weight = weight;
        r.maxAttempts = maxAttempts;
        r.onAnswer = [this](const RestAnswer &a) { answers.push_back(a); };
        client->enqueue(std::move(r));
    }

    // Clock ms between the server's i-th and j-th request (wall time scaled).
    double gapMs(std::size_t i, std::size_t j) const
    {
        return double(server.requestTimes().at(j) - server.requestTimes().at(i)) * speed;
    }

    static HttpReply status(int code, FakeHeaders headers = {})
    {
        HttpReply r = HttpReply::json(code, R"({"code":-1000,"msg":"scripted"})");
        r.headers = std::move(headers);
        return r;
    }

    double speed;
    std::shared_ptr<SimulatedClock> clock;
    FakeHttpServer server;
    std::unique_ptr<RestClient> client;
    std::vector<RestAnswer> answers;
    int sent = 0;
    bool ok = false;
};

}  // namespace

class TestNetRestClient final : public QObject
{
    Q_OBJECT

private slots:
    void classifies_data();
    void classifies();
    void successCarriesBodyAndHeaders();
    void notFoundIsFinalAndNotRetried();
    void clientErrorCarriesParsedBody();
    void retryAfterOn429();
    void banOn418();
    void serverErrorsRetriedWithBackoff();
    void hangUpRetried();
    void circuitOpensAndProbesHalfOpen();
    void weightWindowHoldsRequestsBack();
    void tokenBucketSpacesRequests();
    void maxAttemptsGivesUp();
    void bodyClassifierOverridesStatus();
};

void TestNetRestClient::classifies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("networkError");
    QTest::addColumn<int>("outcome");
    auto row = [](const char *name, int status, bool err, RestOutcome o) {
        QTest::newRow(name) << status << err << int(o);
    };
    row("200", 200, false, RestOutcome::Success);
    row("204", 204, false, RestOutcome::Success);
    row("400", 400, true, RestOutcome::ClientError);
    row("401", 401, true, RestOutcome::ClientError);
    row("403 WAF", 403, true, RestOutcome::ClientError);
    row("404", 404, true, RestOutcome::NotFound);
    row("408", 408, true, RestOutcome::Retryable);
    row("418", 418, true, RestOutcome::RateLimited);
    row("429", 429, true, RestOutcome::RateLimited);
    row("500", 500, true, RestOutcome::Retryable);
    row("503", 503, true, RestOutcome::Retryable);
    row("timeout", 0, true, RestOutcome::Retryable);
    row("reset mid-body", 200, true, RestOutcome::Retryable);
}

void TestNetRestClient::classifies()
{
    QFETCH(int, status);
    QFETCH(bool, networkError);
    QFETCH(int, outcome);
    QCOMPARE(int(RestClient::classify(status, networkError)), outcome);
}

void TestNetRestClient::successCarriesBodyAndHeaders()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.get(QStringLiteral("/v1/echo"));
    QTRY_COMPARE(rig.answers.size(), std::size_t(1));
    QCOMPARE(rig.answers[0].outcome, RestOutcome::Success);
    QCOMPARE(rig.answers[0].status, 200);
    QCOMPARE(rig.answers[0].body, QByteArray(R"({"q":"n=0"})"));
    QCOMPARE(rig.answers[0].attempts, 1);
    QCOMPARE(rig.server.requestLog().at(0).header("User-Agent"), QByteArray("wick-test/1"));
    const RestHealth h = rig.client->health();
    QCOMPARE(h.requests, std::int64_t(1));
    QCOMPARE(h.failures, std::int64_t(0));
    QCOMPARE(h.circuit, CircuitState::Closed);
    QCOMPARE(rig.client->pending(), std::size_t(0));
}

void TestNetRestClient::notFoundIsFinalAndNotRetried()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.get(QStringLiteral("/v1/missing"));
    QTRY_COMPARE(rig.answers.size(), std::size_t(1));
    QCOMPARE(rig.answers[0].outcome, RestOutcome::NotFound);
    QCOMPARE(rig.answers[0].status, 404);
    QTest::qWait(100);
    QCOMPARE(rig.server.requests(), 1);
    QCOMPARE(rig.client->health().notFound, std::int64_t(1));
    QCOMPARE(rig.client->health().failures, std::int64_t(0));
    QCOMPARE(rig.client->circuit().consecutiveFailures(), 0);
}

void TestNetRestClient::clientErrorCarriesParsedBody()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.server.route(QStringLiteral("/v1/bad"), [](const HttpRequest &) {
        return HttpReply::json(400, R"({"code":-1121,"msg":"Invalid symbol."})");
    });
    rig.get(QStringLiteral("/v1/bad"));
    rig.get(QStringLiteral("/v1/echo"));  // the queue goes on
    QTRY_COMPARE(rig.answers.size(), std::size_t(2));
    QCOMPARE(rig.answers[0].outcome, RestOutcome::ClientError);
    QCOMPARE(rig.answers[0].error.code, -1121);
    QCOMPARE(rig.answers[0].error.message, QStringLiteral("Invalid symbol."));
    QCOMPARE(rig.answers[1].outcome, RestOutcome::Success);
    QCOMPARE(rig.client->health().clientErrors, std::int64_t(1));
}

void TestNetRestClient::retryAfterOn429()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.server.failNext(QStringLiteral("/v1/echo"), Rig::status(429, {{"Retry-After", "3"}}));
    rig.get(QStringLiteral("/v1/echo"));
    rig.get(QStringLiteral("/v1/echo"));
    QTRY_VERIFY(rig.client->blockedUntil() != 0);
    QVERIFY(!rig.client->isBanned());
    QCOMPARE(rig.client->health().blockedUntil, rig.client->blockedUntil());
    QTRY_COMPARE(rig.answers.size(), std::size_t(2));
    QCOMPARE(rig.answers[0].outcome, RestOutcome::Success);
    QCOMPARE(rig.answers[0].attempts, 2);
    QCOMPARE(rig.answers[0].body, QByteArray(R"({"q":"n=0"})"));  // the same request, in order
    QCOMPARE(rig.answers[1].body, QByteArray(R"({"q":"n=1"})"));
    QCOMPARE(rig.server.requests(), 3);
    QVERIFY2(rig.gapMs(0, 1) >= 3000 - 200, qPrintable(QString::number(rig.gapMs(0, 1))));
    QVERIFY(rig.client->health().rateLimitWaits >= 1);
    QCOMPARE(rig.client->health().failures, std::int64_t(0));
    QCOMPARE(rig.client->circuit().state(), CircuitState::Closed);
}

void TestNetRestClient::banOn418()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.server.failNext(QStringLiteral("/v1/echo"), Rig::status(418, {{"Retry-After", "6"}}));
    rig.get(QStringLiteral("/v1/echo"));
    QTRY_VERIFY(rig.client->isBanned());
    QVERIFY(rig.client->health().banned);
    QTRY_COMPARE(rig.answers.size(), std::size_t(1));
    QCOMPARE(rig.answers[0].outcome, RestOutcome::Success);
    QVERIFY2(rig.gapMs(0, 1) >= 6000 - 200, qPrintable(QString::number(rig.gapMs(0, 1))));
    QVERIFY(!rig.client->isBanned());
}

void TestNetRestClient::serverErrorsRetriedWithBackoff()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.server.failNext(QStringLiteral("/v1/echo"), Rig::status(503), 3);
    rig.get(QStringLiteral("/v1/echo"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.answers.size(), std::size_t(1), 5000);
    QCOMPARE(rig.answers[0].outcome, RestOutcome::Success);
    QCOMPARE(rig.answers[0].attempts, 4);
    QCOMPARE(rig.client->health().failures, std::int64_t(3));
    // No jitter: 1 s, 2 s, 4 s between the attempts.
    QVERIFY2(rig.gapMs(0, 1) >= 1000 - 200, qPrintable(QString::number(rig.gapMs(0, 1))));
    QVERIFY2(rig.gapMs(1, 2) >= 2000 - 100, qPrintable(QString::number(rig.gapMs(1, 2))));
    QVERIFY2(rig.gapMs(2, 3) >= 4000 - 100, qPrintable(QString::number(rig.gapMs(2, 3))));
}

void TestNetRestClient::hangUpRetried()
{
    Rig rig;
    QVERIFY(rig.ok);
    HttpReply hang;
    hang.hangUp = true;
    // Qt resends once by itself when a connection closes before any answer;
    // three hang-ups get through to the client as at least one network error.
    rig.server.failNext(QStringLiteral("/v1/echo"), hang, 3);
    rig.get(QStringLiteral("/v1/echo"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.answers.size(), std::size_t(1), 5000);
    QCOMPARE(rig.answers[0].outcome, RestOutcome::Success);
    QVERIFY(rig.answers[0].attempts >= 2);
    QCOMPARE(rig.client->health().failures, std::int64_t(rig.answers[0].attempts - 1));
    QCOMPARE(rig.server.requests(), 4);
}

void TestNetRestClient::circuitOpensAndProbesHalfOpen()
{
    Rig rig(50.0, [](RestPolicy &p) { p.circuit = {2, 10'000, 1}; });
    QVERIFY(rig.ok);
    rig.server.failNext(QStringLiteral("/v1/echo"), Rig::status(500), 3);
    QSignalSpy changes(rig.client.get(), &RestClient::stateChanged);
    rig.get(QStringLiteral("/v1/echo"));
    QTRY_COMPARE(rig.client->health().circuit, CircuitState::Open);
    QCOMPARE(rig.server.requests(), 2);
    // The third attempt is the half-open probe, 10 s later; it fails and opens it again.
    QTRY_COMPARE_WITH_TIMEOUT(rig.server.requests(), 3, 3000);
    QVERIFY2(rig.gapMs(1, 2) >= 10'000 - 100, qPrintable(QString::number(rig.gapMs(1, 2))));
    QTRY_COMPARE(rig.client->circuit().timesOpened(), 2);
    // The next probe succeeds and closes it.
    QTRY_COMPARE_WITH_TIMEOUT(rig.answers.size(), std::size_t(1), 3000);
    QCOMPARE(rig.answers[0].outcome, RestOutcome::Success);
    QVERIFY2(rig.gapMs(2, 3) >= 10'000 - 100, qPrintable(QString::number(rig.gapMs(2, 3))));
    QCOMPARE(rig.client->circuit().state(), CircuitState::Closed);
    QCOMPARE(rig.client->health().circuit, CircuitState::Closed);
    QVERIFY(!changes.isEmpty());
}

void TestNetRestClient::weightWindowHoldsRequestsBack()
{
    Rig rig(25.0, [](RestPolicy &p) {  // the window is 2.4 s of wall time
        p.weightLimit = 10;
        p.weightWindowMs = 60'000;
    });
    QVERIFY(rig.ok);
    for (int i = 0; i < 3; ++i)
        rig.get(QStringLiteral("/v1/echo"), 4);
    QTRY_COMPARE(rig.answers.size(), std::size_t(2));
    QCOMPARE(rig.client->health().usedWeight, 8);
    QCOMPARE(rig.client->health().weightLimit, 10);
    QVERIFY(rig.client->health().rateLimitWaits >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(rig.answers.size(), std::size_t(3), 6000);
    // The third fits only once the first request's weight left the window. The
    // gap is read off the server's arrival stamps, which jitter by tens of wall
    // ms on a loaded machine (x25 here: 40 ms is 1 s of the feed clock), while a
    // request let through early would arrive within a second of the first.
    QVERIFY2(rig.gapMs(0, 2) >= 60'000 - 1'500, qPrintable(QString::number(rig.gapMs(0, 2))));
    rig.get(QStringLiteral("/v1/echo"), 11);  // can never fit
    QTRY_COMPARE(rig.answers.size(), std::size_t(4));
    QCOMPARE(rig.answers[3].outcome, RestOutcome::GaveUp);
    QCOMPARE(rig.server.requests(), 3);
}

void TestNetRestClient::tokenBucketSpacesRequests()
{
    // At 5x a 2 s spacing is 400 ms of real time: the server's arrival times may
    // jitter by a few tens of ms (ASan, a loaded machine), 150 feed-ms allowed.
    Rig rig(5.0, [](RestPolicy &p) {
        p.requestsPerSecond = 0.5;  // one every 2 s of the feed clock
        p.burst = 1.0;
    });
    QVERIFY(rig.ok);
    for (int i = 0; i < 3; ++i)
        rig.get(QStringLiteral("/v1/echo"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.answers.size(), std::size_t(3), 5000);
    QVERIFY2(rig.gapMs(0, 1) >= 2000 - 150, qPrintable(QString::number(rig.gapMs(0, 1))));
    QVERIFY2(rig.gapMs(1, 2) >= 2000 - 150, qPrintable(QString::number(rig.gapMs(1, 2))));
    QVERIFY(rig.client->health().rateLimitWaits >= 2);
    QCOMPARE(rig.client->health().weightLimit, 0);
}

void TestNetRestClient::maxAttemptsGivesUp()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.server.failNext(QStringLiteral("/v1/echo"), Rig::status(502), 5);
    rig.get(QStringLiteral("/v1/echo"), 1, 2);
    QTRY_COMPARE_WITH_TIMEOUT(rig.answers.size(), std::size_t(1), 3000);
    QCOMPARE(rig.answers[0].outcome, RestOutcome::GaveUp);
    QCOMPARE(rig.answers[0].status, 502);
    QCOMPARE(rig.answers[0].attempts, 2);
    QCOMPARE(rig.server.requests(), 2);
}

void TestNetRestClient::bodyClassifierOverridesStatus()
{
    // Alpha Vantage answers its daily cap with HTTP 200 and {"Information": ...}.
    Rig rig(50.0, [](RestPolicy &p) {
        p.classifyBody = [](int, const QByteArray &body) -> std::optional<RestOutcome> {
            if (body.contains("\"Information\""))
                return RestOutcome::ClientError;
            return std::nullopt;
        };
        p.parseError = [](const QByteArray &body) {
            return RestError {0, QString::fromUtf8(body)};
        };
    });
    QVERIFY(rig.ok);
    rig.server.route(QStringLiteral("/query"), [](const HttpRequest &) {
        return HttpReply::json(200, R"({"Information":"25 requests per day"})");
    });
    rig.get(QStringLiteral("/query"));
    QTRY_COMPARE(rig.answers.size(), std::size_t(1));
    QCOMPARE(rig.answers[0].outcome, RestOutcome::ClientError);
    QCOMPARE(rig.answers[0].status, 200);
    QVERIFY(rig.answers[0].error.message.contains(QStringLiteral("25 requests per day")));
}

QTEST_GUILESS_MAIN(TestNetRestClient)
#include "test_net_rest_client.moc"
