#include "feeds/Feed.h"

namespace wick {

Feed::~Feed() = default;

QString feedStateName(FeedState state)
{
    switch (state) {
    case FeedState::Offline:
        return QStringLiteral("offline");
    case FeedState::Connecting:
        return QStringLiteral("connecting");
    case FeedState::Live:
        return QStringLiteral("live");
    case FeedState::Reconnecting:
        return QStringLiteral("reconnecting");
    case FeedState::CircuitOpen:
        return QStringLiteral("circuit open");
    }
    return {};
}

}  // namespace wick
