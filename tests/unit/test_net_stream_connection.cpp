// core/net StreamConnection against FakeWebSocketServer on 127.0.0.1, on a
// simulated clock faster than the wall clock: frames in, heartbeat timeout,
// planned lifetime, reconnect backoff and the circuit while the server is down,
// paced control messages.
#include <memory>
#include <vector>

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include "FakeWebSocketServer.h"
#include "model/Clock.h"
#include "net/CircuitBreaker.h"
#include "net/StreamConnection.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1'709'251'200'000;
constexpr double kSpeed = 20.0;

struct Rig {
    explicit Rig(
        void (*tune)(StreamPolicy &) = nullptr, CircuitBreakerPolicy circuitPolicy = {100, 5000, 1})
        : clock(std::make_shared<SimulatedClock>(kT0, kSpeed))
        , server(QStringLiteral("fake"))
    {
        clock->start();
        ok = server.listen();
        StreamPolicy policy;
        policy.name = QStringLiteral("test-stream");
        policy.heartbeatTimeoutMs = 60'000;
        policy.backoff = {1000, 8000, 2.0, Jitter::None};
        policy.messagesPerSecond = 5.0;
        if (tune)
            tune(policy);
        circuit = std::make_shared<CircuitBreaker>(circuitPolicy, clock);
        stream = std::make_unique<StreamConnection>(policy, circuit, clock, kSpeed);
        QObject::connect(stream.get(), &StreamConnection::frame,
            [this](const QString &text) { frames << text; });
        QObject::connect(stream.get(), &StreamConnection::closed,
            [this](const QString &reason) { reasons << reason; });
        QObject::connect(
            stream.get(), &StreamConnection::stateChanged, [this](StreamConnection::State s) {
                if (s == StreamConnection::State::Waiting)
                    waits.push_back(stream->retryDelayMs());
            });
    }

    std::shared_ptr<SimulatedClock> clock;
    FakeWebSocketServer server;
    std::shared_ptr<CircuitBreaker> circuit;
    std::unique_ptr<StreamConnection> stream;
    QStringList frames;
    QStringList reasons;
    std::vector<TimeMs> waits;  // clock ms until the next attempt, per Waiting
    bool ok = false;
};

}  // namespace

class TestNetStreamConnection final : public QObject
{
    Q_OBJECT

private slots:
    void opensAndDeliversFrames();
    void heartbeatTimeoutReconnects();
    void plannedLifetimeReconnects();
    void reconnectBacksOffWhileDown();
    void circuitOpensAfterRepeatedFailures();
    void dropReconnectsAndResetsBackoff();
    void outboxIsPaced();
    void closeStaysClosed();
};

void TestNetStreamConnection::opensAndDeliversFrames()
{
    Rig rig;
    QVERIFY(rig.ok);
    QSignalSpy opened(rig.stream.get(), &StreamConnection::opened);
    rig.stream->open(rig.server.url());
    QCOMPARE(rig.stream->state(), StreamConnection::State::Connecting);
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(rig.stream->state(), StreamConnection::State::Open);
    QVERIFY(!rig.stream->hasData());
    rig.server.broadcast(QStringLiteral("{\"e\":\"trade\",\"t\":1}"));
    rig.server.broadcast(QStringLiteral("{\"e\":\"trade\",\"t\":2}"));
    QTRY_COMPARE(rig.frames.size(), 2);
    QCOMPARE(rig.frames[0], QStringLiteral("{\"e\":\"trade\",\"t\":1}"));
    QCOMPARE(rig.frames[1], QStringLiteral("{\"e\":\"trade\",\"t\":2}"));
    QVERIFY(rig.stream->hasData());
    QCOMPARE(rig.stream->framesReceived(), std::int64_t(2));
    QCOMPARE(rig.stream->reconnects(), std::int64_t(0));
    QCOMPARE(rig.server.connectionsAccepted(), 1);
}

void TestNetStreamConnection::heartbeatTimeoutReconnects()
{
    Rig rig([](StreamPolicy &p) { p.heartbeatTimeoutMs = 4000; });  // 200 ms real
    QVERIFY(rig.ok);
    rig.stream->open(rig.server.url());
    QTRY_COMPARE(rig.server.openConnections(), 1);
    // Frames keep it alive past several timeouts.
    for (int i = 0; i < 8; ++i) {
        rig.server.broadcast(QStringLiteral("tick"));
        QTest::qWait(50);
    }
    QCOMPARE(rig.server.connectionsAccepted(), 1);
    QVERIFY(rig.reasons.isEmpty());
    // Silence: the connection is given up and a new one opened.
    QTRY_COMPARE_WITH_TIMEOUT(rig.reasons.size(), 1, 3000);
    QVERIFY2(rig.reasons[0].contains(QStringLiteral("heartbeat")), qPrintable(rig.reasons[0]));
    QTRY_COMPARE_WITH_TIMEOUT(rig.server.connectionsAccepted(), 2, 3000);
    QTRY_COMPARE(rig.stream->state(), StreamConnection::State::Open);
    QCOMPARE(rig.waits.at(0), TimeMs(1000));  // the connection had data: backoff from the bottom
}

void TestNetStreamConnection::plannedLifetimeReconnects()
{
    Rig rig([](StreamPolicy &p) { p.lifetimeMs = 10'000; });  // 500 ms real
    QVERIFY(rig.ok);
    QSignalSpy opened(rig.stream.get(), &StreamConnection::opened);
    // The times are taken when each connection opens, not when the test polls
    // for it: a poll late by 40 ms under ASan is 800 ms of simulated time.
    std::vector<qint64> openedAt;
    QObject::connect(rig.stream.get(), &StreamConnection::opened,
        [&openedAt] { openedAt.push_back(QDateTime::currentMSecsSinceEpoch()); });
    rig.stream->open(rig.server.url());
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 3000);
    QCOMPARE(openedAt.size(), std::size_t(2));
    const double clockMs = double(openedAt[1] - openedAt[0]) * kSpeed;
    QVERIFY2(clockMs >= 10'000 - 200, qPrintable(QString::number(clockMs)));
    QCOMPARE(rig.reasons, QStringList {QStringLiteral("planned lifetime reached")});
    QCOMPARE(rig.stream->reconnects(), std::int64_t(1));
    QVERIFY(rig.waits.empty());  // straight to a new connection, no waiting
    QCOMPARE(rig.server.connectionsAccepted(), 2);
    QTRY_COMPARE(rig.server.openConnections(), 1);  // the old one was closed
}

void TestNetStreamConnection::reconnectBacksOffWhileDown()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.server.setDown(true);
    rig.stream->open(rig.server.url());
    // Refused, refused, refused: 1 s, 2 s, 4 s, then 8 s (the cap).
    QTRY_VERIFY_WITH_TIMEOUT(rig.waits.size() >= 4, 5000);
    QCOMPARE(rig.waits[0], TimeMs(1000));
    QCOMPARE(rig.waits[1], TimeMs(2000));
    QCOMPARE(rig.waits[2], TimeMs(4000));
    QCOMPARE(rig.waits[3], TimeMs(8000));
    QCOMPARE(rig.stream->state(), StreamConnection::State::Waiting);
    QVERIFY(rig.stream->retryAt() > rig.clock->now());
    QCOMPARE(rig.circuit->consecutiveFailures(), 4);
    rig.server.setDown(false);
    QTRY_COMPARE_WITH_TIMEOUT(rig.stream->state(), StreamConnection::State::Open, 3000);
    QCOMPARE(rig.circuit->consecutiveFailures(), 0);
}

void TestNetStreamConnection::circuitOpensAfterRepeatedFailures()
{
    Rig rig(nullptr, {2, 20'000, 1});
    QVERIFY(rig.ok);
    rig.server.setDown(true);
    rig.stream->open(rig.server.url());
    QTRY_COMPARE_WITH_TIMEOUT(rig.circuit->state(), CircuitState::Open, 3000);
    // The next attempt waits for the circuit, not for the (shorter) backoff.
    QTRY_VERIFY(rig.stream->state() == StreamConnection::State::Waiting);
    QVERIFY(rig.stream->retryAt() >= rig.circuit->reopensAt() - 1);
    const int refused = int(rig.waits.size());
    QTest::qWait(300);  // 6 s of the clock: no attempt while open
    QCOMPARE(int(rig.waits.size()), refused);
    rig.server.setDown(false);
    QTRY_COMPARE_WITH_TIMEOUT(rig.stream->state(), StreamConnection::State::Open, 3000);
    QCOMPARE(rig.circuit->state(), CircuitState::Closed);
    QCOMPARE(rig.circuit->timesOpened(), 1);
}

void TestNetStreamConnection::dropReconnectsAndResetsBackoff()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.stream->open(rig.server.url());
    QTRY_COMPARE(rig.server.openConnections(), 1);
    rig.server.broadcast(QStringLiteral("data"));
    QTRY_COMPARE(rig.frames.size(), 1);
    rig.server.dropAll();
    QTRY_COMPARE(rig.reasons.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(rig.server.connectionsAccepted(), 2, 3000);
    QTRY_COMPARE(rig.stream->state(), StreamConnection::State::Open);
    rig.server.broadcast(QStringLiteral("data"));
    QTRY_COMPARE(rig.frames.size(), 2);
    rig.server.dropAll();
    QTRY_COMPARE_WITH_TIMEOUT(rig.server.connectionsAccepted(), 3, 3000);
    // Each connection delivered data, so each wait started again at the bottom.
    QCOMPARE(rig.waits, (std::vector<TimeMs> {1000, 1000}));
    QCOMPARE(rig.stream->reconnects(), std::int64_t(2));
}

void TestNetStreamConnection::outboxIsPaced()
{
    Rig rig([](StreamPolicy &p) { p.messagesPerSecond = 4.0; });
    QVERIFY(rig.ok);
    QStringList received;
    std::vector<qint64> times;
    connect(&rig.server, &FakeWebSocketServer::textReceived, this,
        [&](QWebSocket *, const QString &text) {
            received << text;
            times.push_back(QDateTime::currentMSecsSinceEpoch());
        });
    connect(rig.stream.get(), &StreamConnection::opened, this, [&] {
        for (int i = 0; i < 6; ++i)
            rig.stream->send(QStringLiteral("{\"method\":\"SUBSCRIBE\",\"id\":%1}").arg(i));
    });
    rig.stream->open(rig.server.url());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 6, 5000);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(received[i], QStringLiteral("{\"method\":\"SUBSCRIBE\",\"id\":%1}").arg(i));
    QVERIFY2(rig.server.maxMessagesPerSecond() <= 4,
        qPrintable(QString::number(rig.server.maxMessagesPerSecond())));
    // Real time (servers count per wall-clock second): 5 gaps of 250 ms.
    QVERIFY2(times.back() - times.front() >= 1250 - 50,
        qPrintable(QString::number(times.back() - times.front())));
    QCOMPARE(rig.stream->outboxSize(), std::size_t(0));
}

void TestNetStreamConnection::closeStaysClosed()
{
    Rig rig;
    QVERIFY(rig.ok);
    rig.stream->open(rig.server.url());
    QTRY_COMPARE(rig.server.openConnections(), 1);
    rig.stream->close();
    QCOMPARE(rig.stream->state(), StreamConnection::State::Idle);
    QTRY_COMPARE(rig.server.openConnections(), 0);
    QTest::qWait(200);
    QCOMPARE(rig.server.connectionsAccepted(), 1);
    QVERIFY(rig.reasons.isEmpty());
}

QTEST_GUILESS_MAIN(TestNetStreamConnection)
#include "test_net_stream_connection.moc"
