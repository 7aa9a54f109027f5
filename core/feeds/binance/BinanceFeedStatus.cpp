#include "feeds/binance/BinanceFeedStatus.h"

#include <algorithm>

#include "feeds/binance/BinanceStreamPool.h"
#include "net/CircuitBreaker.h"
#include "net/RestClient.h"

namespace wick {

BinanceFeedStatus binanceFeedStatus(const BinanceStreamPool &pool, const RestClient &rest,
    bool running, bool listingLoaded, bool backfilling, TimeMs now)
{
    BinanceFeedStatus status {FeedState::Live, {}};
    auto seconds
        = [&](TimeMs at) { return QString::number(std::max<TimeMs>(0, (at - now + 999) / 1000)); };
    const BinanceStreamPool::Summary streams = pool.summary();
    if (!running) {
        status = {FeedState::Offline, QStringLiteral("stopped")};
    } else if (pool.circuit().state() == CircuitState::Open) {
        status = {FeedState::CircuitOpen,
            QStringLiteral("stream circuit open, retry in %1 s")
                .arg(seconds(pool.circuit().reopensAt()))};
    } else if (rest.circuit().state() == CircuitState::Open) {
        status = {FeedState::CircuitOpen,
            QStringLiteral("REST circuit open, retry in %1 s")
                .arg(seconds(rest.circuit().reopensAt()))};
    } else if (streams.anyWaiting) {
        status = {FeedState::Reconnecting,
            QStringLiteral("reconnecting in %1 s").arg(seconds(streams.soonestRetry))};
    } else if (streams.anyConnecting || !listingLoaded) {
        status = {FeedState::Connecting,
            listingLoaded ? QStringLiteral("connecting") : QStringLiteral("loading exchange info")};
    } else {
        status.detail = backfilling ? QStringLiteral("live, backfilling") : QStringLiteral("live");
    }
    if (rest.blockedUntil() != 0 && running)
        status.detail += QStringLiteral("; REST %1 for %2 s")
                             .arg(rest.isBanned() ? QStringLiteral("banned (418)")
                                                  : QStringLiteral("rate-limited (429)"),
                                 seconds(rest.blockedUntil()));
    return status;
}

}  // namespace wick
