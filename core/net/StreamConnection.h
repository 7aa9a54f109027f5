// core/net: StreamConnection, one WebSocket of a streaming source. A QObject on
// its feed's thread: it opens the URL, reconnects with backoff (behind a circuit
// breaker that a source's connections may share), reconnects when no frame came
// for the heartbeat timeout or before the server's planned cut, and paces the
// control messages the source sends (a token bucket on the wall clock: servers
// count messages per real second). What the frames mean is the source's.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>

#include <QObject>
#include <QString>
#include <QUrl>

#include "net/Backoff.h"

class QTimer;
class QWebSocket;

namespace wick {

class CircuitBreaker;
class Clock;
class TokenBucket;

// Durations in the feed clock's ms, except the outbox rate (real seconds).
struct StreamPolicy {
    QString name = QStringLiteral("stream");  // in log lines
    TimeMs heartbeatTimeoutMs = 30'000;  // no frame for this long: reconnect
    TimeMs lifetimeMs = 0;  // reconnect after this long (before the server's cut); 0: never
    BackoffPolicy backoff;
    double messagesPerSecond = 3.0;  // control messages sent, per real second
    double messageBurst = 1.0;
    qint64 maxIncomingMessageSize = 16 * 1024 * 1024;
};

class StreamConnection final : public QObject
{
    Q_OBJECT

public:
    enum class State : std::uint8_t { Idle, Connecting, Open, Waiting };

    // `circuit`: shared by a source's connections (null: one of its own, default policy).
    StreamConnection(StreamPolicy policy, std::shared_ptr<CircuitBreaker> circuit,
        std::shared_ptr<const Clock> clock, double clockRate = 1.0, QObject *parent = nullptr);
    ~StreamConnection() override;

    const StreamPolicy &policy() const { return m_policy; }
    // Connects (Idle or Waiting: at once); later reconnects use the same URL.
    void open(const QUrl &url);
    // Closes for good (Idle): no reconnect until open() again.
    void close();
    // Drops the connection and opens a new one at once (a server's "shutting down").
    void reconnectNow(const QString &why);
    // Queued until the connection is open, then sent paced; a reconnect drops the outbox.
    void send(const QString &message);

    State state() const { return m_state; }
    TimeMs retryAt() const { return m_retryAt; }  // Waiting: next attempt (feed clock)
    TimeMs retryDelayMs() const { return m_retryDelayMs; }  // Waiting: how long it waits
    bool hasData() const { return m_gotData; }  // a frame arrived since the last connect
    std::int64_t reconnects() const { return m_reconnects; }
    std::int64_t framesReceived() const { return m_frames; }
    std::size_t outboxSize() const { return m_outbox.size(); }
    const CircuitBreaker &circuit() const { return *m_circuit; }

signals:
    void opened();
    void frame(const QString &text);
    // The connection is gone; a reconnect follows (state() says when) unless close() was called.
    void closed(const QString &reason);
    void stateChanged(wick::StreamConnection::State state);

private:
    void connectSocket();
    void onConnected();
    void onLost(const QString &why);
    void dropSocket(bool graceful);
    void wait(TimeMs delayMs);
    void drainOutbox();
    void setState(State state);
    int timerMs(TimeMs clockMs) const;

    StreamPolicy m_policy;
    std::shared_ptr<CircuitBreaker> m_circuit;
    std::shared_ptr<const Clock> m_clock;
    double m_clockRate;
    std::unique_ptr<TokenBucket> m_bucket;
    Backoff m_backoff;
    QUrl m_url;
    QWebSocket *m_socket = nullptr;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_lifetime = nullptr;
    QTimer *m_retry = nullptr;
    QTimer *m_send = nullptr;
    std::deque<QString> m_outbox;
    State m_state = State::Idle;
    TimeMs m_retryAt = 0;
    TimeMs m_retryDelayMs = 0;
    bool m_gotData = false;
    std::int64_t m_reconnects = 0;
    std::int64_t m_frames = 0;
};

}  // namespace wick
