#include "net/StreamConnection.h"

#include <algorithm>
#include <cmath>

#include <QTimer>
#include <QWebSocket>

#include <spdlog/spdlog.h>

#include "model/Clock.h"
#include "net/CircuitBreaker.h"
#include "net/TokenBucket.h"

namespace wick {

StreamConnection::StreamConnection(StreamPolicy policy, std::shared_ptr<CircuitBreaker> circuit,
    std::shared_ptr<const Clock> clock, double clockRate, QObject *parent)
    : QObject(parent)
    , m_policy(std::move(policy))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_clockRate(clockRate > 0.0 ? clockRate : 1.0)
    , m_bucket(std::make_unique<TokenBucket>(std::max(0.1, m_policy.messagesPerSecond),
          std::max(1.0, m_policy.messageBurst), std::make_shared<SystemClock>()))
    , m_backoff(m_policy.backoff)
{
    m_circuit = circuit ? std::move(circuit)
                        : std::make_shared<CircuitBreaker>(CircuitBreakerPolicy {}, m_clock);
    auto singleShot = [this] {
        auto *t = new QTimer(this);
        t->setSingleShot(true);
        t->setTimerType(Qt::PreciseTimer);  // a coarse timer may fire 5% early
        return t;
    };
    m_heartbeat = singleShot();
    m_lifetime = singleShot();
    m_retry = singleShot();
    m_send = singleShot();
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        spdlog::warn("{}: silent for {} ms, reconnecting", m_policy.name.toStdString(),
            m_policy.heartbeatTimeoutMs);
        onLost(QStringLiteral("no frames for %1 s (heartbeat timeout)")
                   .arg(double(m_policy.heartbeatTimeoutMs) / 1000.0));
    });
    connect(m_lifetime, &QTimer::timeout, this, [this] {
        spdlog::info("{}: planned lifetime reached, reconnecting", m_policy.name.toStdString());
        reconnectNow(QStringLiteral("planned lifetime reached"));
    });
    connect(m_retry, &QTimer::timeout, this, &StreamConnection::connectSocket);
    connect(m_send, &QTimer::timeout, this, &StreamConnection::drainOutbox);
}

StreamConnection::~StreamConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

int StreamConnection::timerMs(TimeMs clockMs) const
{
    const double real = double(std::max<TimeMs>(clockMs, 0)) / m_clockRate;
    return int(std::clamp(std::ceil(real), 0.0, 2.0e9));
}

void StreamConnection::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void StreamConnection::open(const QUrl &url)
{
    m_url = url;
    if (m_state == State::Idle || m_state == State::Waiting) {
        m_retry->stop();
        connectSocket();
    }
}

void StreamConnection::close()
{
    dropSocket(true);
    m_retry->stop();
    m_outbox.clear();
    setState(State::Idle);
}

void StreamConnection::reconnectNow(const QString &why)
{
    if (m_state == State::Idle)
        return;
    dropSocket(true);
    ++m_reconnects;
    emit closed(why);
    connectSocket();
}

void StreamConnection::dropSocket(bool graceful)
{
    for (QTimer *t : {m_heartbeat, m_lifetime, m_send})
        t->stop();
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    if (graceful)
        socket->close();
    else
        socket->abort();
    socket->deleteLater();
}

void StreamConnection::connectSocket()
{
    if (!m_circuit->allowRequest()) {
        wait(std::max<TimeMs>(m_circuit->reopensAt() - m_clock->now(), 1));
        return;
    }
    dropSocket(false);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_policy.maxIncomingMessageSize));
    QWebSocket *socket = m_socket;
    connect(socket, &QWebSocket::connected, this, &StreamConnection::onConnected);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (m_socket == socket)
            onLost(socket->closeReason().isEmpty() ? socket->errorString() : socket->closeReason());
    });
    // A refused or failed connect may end without `disconnected`.
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this, socket](QAbstractSocket::SocketError) {
            if (m_socket == socket)
                onLost(socket->errorString());
        });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_heartbeat->start(timerMs(m_policy.heartbeatTimeoutMs));
        ++m_frames;
        m_gotData = true;
        emit frame(text);
    });
    m_gotData = false;
    m_outbox.clear();
    setState(State::Connecting);
    spdlog::info("{}: opening {}", m_policy.name.toStdString(), m_url.toString().toStdString());
    socket->open(m_url);
    m_heartbeat->start(timerMs(m_policy.heartbeatTimeoutMs));
}

void StreamConnection::onConnected()
{
    m_circuit->recordSuccess();
    if (m_policy.lifetimeMs > 0)
        m_lifetime->start(timerMs(m_policy.lifetimeMs));
    m_heartbeat->start(timerMs(m_policy.heartbeatTimeoutMs));
    setState(State::Open);
    emit opened();
    drainOutbox();
}

void StreamConnection::onLost(const QString &why)
{
    if (m_state == State::Idle || m_state == State::Waiting)
        return;
    dropSocket(false);
    // A connection that delivered data was healthy: its drop starts the backoff afresh.
    if (m_gotData)
        m_backoff.reset();
    else
        m_circuit->recordFailure();
    ++m_reconnects;
    spdlog::warn("{}: lost: {}", m_policy.name.toStdString(), why.toStdString());
    wait(m_backoff.nextDelayMs());
    emit closed(why);
}

void StreamConnection::wait(TimeMs delayMs)
{
    if (m_circuit->state() == CircuitState::Open)
        delayMs = std::max(delayMs, m_circuit->reopensAt() - m_clock->now());
    m_retryAt = m_clock->now() + delayMs;
    m_retryDelayMs = delayMs;
    m_retry->start(timerMs(delayMs));
    setState(State::Waiting);
}

void StreamConnection::send(const QString &message)
{
    m_outbox.push_back(message);
    drainOutbox();
}

void StreamConnection::drainOutbox()
{
    while (!m_outbox.empty() && m_socket && m_state == State::Open) {
        if (!m_bucket->tryAcquire()) {
            if (!m_send->isActive())
                m_send->start(int(std::max<TimeMs>(1, m_bucket->waitMs())));
            return;
        }
        m_socket->sendTextMessage(m_outbox.front());
        m_outbox.pop_front();
    }
}

}  // namespace wick
