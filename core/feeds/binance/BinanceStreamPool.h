// core/feeds/binance: BinanceStreamPool, the combined-stream connections of one
// BinanceFeed (on its thread). It puts each symbol's trade, kline_1m and
// miniTicker streams on a connection with room (maxStreamsPerConnection),
// subscribes and unsubscribes
// with numbered control messages (paced by each core/net StreamConnection),
// matches the replies, and says which symbols a connection carried when it
// opens or is lost. What the frames mean is the feed's.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QObject>
#include <QStringList>
#include <QUrl>

#include "model/Types.h"

namespace wick {

class CircuitBreaker;
class Clock;
class StreamConnection;
struct BinanceFeedConfig;
struct BinanceReply;

class BinanceStreamPool final : public QObject
{
    Q_OBJECT

public:
    BinanceStreamPool(const BinanceFeedConfig &config, std::shared_ptr<const Clock> clock,
        QObject *parent = nullptr);
    ~BinanceStreamPool() override;

    // Puts the code ("BTCUSDT") on a connection: subscribed at once when it is
    // open (then opened() names it), else when it opens. Opens connections while running.
    void add(const QString &code);
    void remove(const QString &code);
    void start();
    void stop();  // every connection closed, no reconnects
    // Drops connection `index` and opens it again at once (serverShutdown).
    void reconnectNow(int index, const QString &why);
    void onReply(int index, const BinanceReply &reply);

    struct Summary {
        bool anyWaiting = false;  // a connection waits to reconnect
        bool anyConnecting = false;  // one is connecting or has had no frame yet
        TimeMs soonestRetry = 0;
    };
    Summary summary() const;
    const CircuitBreaker &circuit() const { return *m_circuit; }
    int connectionCount() const { return int(m_connections.size()); }

signals:
    // These codes' streams were (re)subscribed: whatever they missed is to be fetched.
    void opened(const QStringList &codes);
    // The connection carrying these codes is gone (a reconnect follows).
    void closed(const QStringList &codes);
    void frame(int index, const QString &text);
    void stateChanged();

private:
    struct Connection;

    Connection &connectionWithRoom();
    void onOpened(Connection &c);
    void send(Connection &c, const QString &method, const QStringList &streams);

    const BinanceFeedConfig &m_config;
    std::shared_ptr<const Clock> m_clock;
    std::shared_ptr<CircuitBreaker> m_circuit;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::unordered_map<QString, int> m_connectionOf;  // code -> connection index
    QUrl m_url;
    std::int64_t m_nextId = 1;
    bool m_running = false;
};

}  // namespace wick
