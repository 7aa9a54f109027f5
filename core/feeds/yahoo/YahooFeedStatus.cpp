#include "feeds/yahoo/YahooFeedStatus.h"

#include <algorithm>

#include "net/RestClient.h"

namespace wick {

YahooFeedStatus yahooFeedStatus(
    const RestClient &rest, bool running, bool answered, bool backfilling, TimeMs now)
{
    auto seconds
        = [&](TimeMs at) { return QString::number(std::max<TimeMs>(0, (at - now + 999) / 1000)); };
    YahooFeedStatus status {FeedState::Live, {}};
    if (!running) {
        status = {FeedState::Offline, QStringLiteral("stopped")};
    } else if (rest.circuit().state() == CircuitState::Open) {
        status = {FeedState::CircuitOpen,
            QStringLiteral("REST circuit open, retry in %1 s")
                .arg(seconds(rest.circuit().reopensAt()))};
    } else if (!answered) {
        status = {FeedState::Connecting, QStringLiteral("connecting")};
    } else {
        status.detail = backfilling ? QStringLiteral("live, backfilling") : QStringLiteral("live");
    }
    if (running && rest.blockedUntil() != 0)
        status.detail
            += QStringLiteral("; rate-limited (429) for %1 s").arg(seconds(rest.blockedUntil()));
    return status;
}

}  // namespace wick
