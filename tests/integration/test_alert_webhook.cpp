// core/alerts: AlertWebhook against tests/support's FakeHttpServer -- a hook
// that fails twice and then accepts gets three attempts spaced by the
// backoff, each reported, with the rendered JSON body as application/json; a
// hook that answers after the 3 s timeout is one timed-out attempt; a text
// template goes as text/plain with its placeholders filled; and a live fire
// of AlertService posts its rule's webhook.
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "FakeHttpServer.h"
#include "alerts/AlertService.h"
#include "alerts/AlertWebhook.h"
#include "engine/MarketEngine.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

AlertLogEntry entryOf()
{
    AlertLogEntry entry;
    entry.fire.ruleId = QStringLiteral("r1");
    entry.fire.symbol = QStringLiteral("binance:BTCUSDT");
    entry.fire.barTime = kT0 + 5 * kMinuteMs;
    entry.fire.close = 101.5;
    entry.fire.left = 101.5;
    entry.fire.right = 100;
    entry.condition = QStringLiteral("close crosses_above \"100\"");
    return entry;
}

std::vector<WebhookAttempt> attemptsOf(const QSignalSpy &spy)
{
    std::vector<WebhookAttempt> attempts;
    for (const QList<QVariant> &args : spy)
        attempts.push_back(args[0].value<WebhookAttempt>());
    return attempts;
}

}  // namespace

class TestAlertWebhook final : public QObject
{
    Q_OBJECT

private slots:
    void failsTwiceThenAccepts();
    void answerAfterTheTimeoutIsATimeout();
    void textTemplateIsPlainText();
    void liveFirePostsTheRulesWebhook();
};

void TestAlertWebhook::failsTwiceThenAccepts()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/hook"), [](const HttpRequest &) {
        return HttpReply::json(200, QByteArrayLiteral("{\"ok\":true}"));
    });
    server.failNext(QStringLiteral("/hook"), HttpReply::json(503, "{}"), 2);
    WebhookPolicy policy;
    policy.backoff = BackoffPolicy {100, 1000, 2.0, Jitter::None};
    AlertWebhook hook(policy);
    QSignalSpy spy(&hook, &AlertWebhook::attempted);
    QUrl url = server.url();
    url.setPath(QStringLiteral("/hook"));
    hook.send(url, QString(), entryOf());
    QCOMPARE(hook.inFlight(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty() && attemptsOf(spy).back().final, 10'000);
    const auto attempts = attemptsOf(spy);
    QCOMPARE(attempts.size(), 3u);
    QCOMPARE(attempts[0].status, 503);
    QCOMPARE(attempts[0].error, QStringLiteral("HTTP 503"));
    QVERIFY(!attempts[0].final);
    QCOMPARE(attempts[1].attempt, 2);
    QVERIFY(!attempts[1].accepted);
    QCOMPARE(attempts[2].attempt, 3);
    QCOMPARE(attempts[2].status, 200);
    QVERIFY(attempts[2].accepted);
    QVERIFY(attempts[2].error.isEmpty());
    QCOMPARE(hook.inFlight(), 0);
    QCOMPARE(server.requests(QStringLiteral("/hook")), 3);
    // The backoff between attempts: 100 ms, then 200 ms (no jitter).
    const auto &times = server.requestTimes();
    QVERIFY2(times[1] - times[0] >= 95, qPrintable(QString::number(times[1] - times[0])));
    QVERIFY2(times[2] - times[1] >= 195, qPrintable(QString::number(times[2] - times[1])));
    const HttpRequest &last = server.requestLog().back();
    QCOMPARE(last.method, QByteArrayLiteral("POST"));
    QCOMPARE(last.header("Content-Type"), QByteArrayLiteral("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(last.body).object();
    QCOMPARE(body.value(QStringLiteral("symbol")).toString(), QStringLiteral("binance:BTCUSDT"));
    QCOMPARE(body.value(QStringLiteral("close")).toDouble(), 101.5);
    QCOMPARE(body.value(QStringLiteral("time")).toString(), QStringLiteral("2026-01-01T00:05:00Z"));
    // The condition's quote is escaped inside the JSON string.
    QCOMPARE(body.value(QStringLiteral("rule")).toString(),
        QStringLiteral("close crosses_above \"100\""));
}

void TestAlertWebhook::answerAfterTheTimeoutIsATimeout()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/slow"),
        [](const HttpRequest &) { return HttpReply::json(200, QByteArrayLiteral("{}")); });
    server.setDelay(QStringLiteral("/slow"), 5000);
    WebhookPolicy policy;
    policy.maxAttempts = 1;
    QCOMPARE(policy.timeoutMs, 3000);
    AlertWebhook hook(policy);
    QSignalSpy spy(&hook, &AlertWebhook::attempted);
    QUrl url = server.url();
    url.setPath(QStringLiteral("/slow"));
    hook.send(url, QString(), entryOf());
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 15'000);
    const WebhookAttempt a = attemptsOf(spy)[0];
    QVERIFY(!a.accepted);
    QVERIFY(a.final);
    QCOMPARE(a.status, 0);
    QCOMPARE(a.error, QStringLiteral("timed out after 3000 ms"));
    // Measured at the signal: the timeout (Qt's coarse timer may fire 5% early),
    // well before the answer.
    QVERIFY2(a.elapsedMs >= 2800 && a.elapsedMs < 4900, qPrintable(QString::number(a.elapsedMs)));
}

void TestAlertWebhook::textTemplateIsPlainText()
{
    const QByteArray body = AlertWebhook::render(
        QStringLiteral("{{symbol}} {{close}} at {{time}}: {{rule}}"), entryOf());
    QCOMPARE(body,
        QByteArrayLiteral(
            "binance:BTCUSDT 101.5 at 2026-01-01T00:05:00Z: close crosses_above \"100\""));
    QVERIFY(!AlertWebhook::isJson(body));
    QVERIFY(AlertWebhook::isJson(AlertWebhook::render(QString(), entryOf())));
}

void TestAlertWebhook::liveFirePostsTheRulesWebhook()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/svc"),
        [](const HttpRequest &) { return HttpReply::json(204, QByteArray()); });
    auto symbols = std::make_shared<SymbolRegistry>();
    Symbol s;
    s.source = QStringLiteral("test");
    s.code = QStringLiteral("A");
    const SymbolId a = symbols->intern(s);
    auto clock = std::make_shared<ManualClock>(kT0 + 60 * kMinuteMs + 30'000);
    MarketEngine engine(symbols);
    engine.setCloseClock(clock);
    engine.setManualPublish(true);
    std::vector<Bar> history;
    for (int i = 0; i < 60; ++i)
        history.push_back(Bar {kT0 + i * kMinuteMs, 100, 100, 100, 100, 1, 1});
    engine.loadHistory(a, std::make_shared<const std::vector<Bar>>(history));
    AlertService alerts(
        &engine, nullptr, nullptr, [&](const QString &key) { return symbols->find(key); }, clock);
    AlertEntry entry;
    entry.rule.symbol = QStringLiteral("test:A");
    QString error;
    QVERIFY(entry.rule.setText(QStringLiteral("close > 105"), &error));
    QUrl url = server.url();
    url.setPath(QStringLiteral("/svc"));
    entry.actions.webhookUrl = url.toString();
    entry.actions.webhookTemplate = QStringLiteral("{{symbol}} closed at {{close}}");
    QVERIFY2(alerts.addRule(entry, &error), qPrintable(error));
    QCoreApplication::processEvents();
    QSignalSpy attempts(alerts.webhook(), &AlertWebhook::attempted);
    clock->set(kT0 + 61 * kMinuteMs + 1000);
    engine.loadHistory(a,
        std::make_shared<const std::vector<Bar>>(
            std::vector<Bar> {Bar {kT0 + 60 * kMinuteMs, 100, 110, 100, 110, 1, 1}}));
    QTRY_COMPARE(attempts.size(), 1);
    QVERIFY(attemptsOf(attempts)[0].accepted);
    QCOMPARE(attemptsOf(attempts)[0].status, 204);
    QCOMPARE(server.requestLog().back().body, QByteArrayLiteral("test:A closed at 110"));
    QCOMPARE(server.requestLog().back().header("Content-Type"),
        QByteArrayLiteral("text/plain; charset=utf-8"));
    QCOMPARE(alerts.log().size(), 1u);
}

QTEST_GUILESS_MAIN(TestAlertWebhook)
#include "test_alert_webhook.moc"
