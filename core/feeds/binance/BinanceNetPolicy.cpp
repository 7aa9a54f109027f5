#include "feeds/binance/BinanceNetPolicy.h"

#include <algorithm>

#include "feeds/binance/BinanceFeed.h"
#include "feeds/binance/BinanceRestParser.h"

namespace wick {

RestPolicy binanceRestPolicy(const BinanceFeedConfig &config)
{
    RestPolicy p;
    p.name = QStringLiteral("binance");
    p.baseUrl = config.restUrl;
    p.headers = {{"User-Agent", "wick/" WICK_VERSION}};
    p.timeoutMs = config.restTimeoutMs;
    p.backoff = config.backoff;
    p.circuit = config.circuit;
    p.weightLimit = std::max(1, config.requestWeightLimit);
    p.weightWindowMs = config.weightWindowMs;
    p.parseError = [](const QByteArray &body) {
        const auto error = parseBinanceApiError(std::string_view(body.constData(), body.size()));
        if (error)
            return RestError {error.value().code, error.value().message};
        return RestError {0, QString::fromUtf8(body.left(200))};
    };
    p.parseLimits = [](const HttpHeaders &headers) {
        RestLimitHeaders limits;
        if (const auto parsed = parseBinanceRateLimitHeaders(headers)) {
            limits.usedWeight = parsed.value().usedWeight1m;
            limits.retryAfterSeconds = parsed.value().retryAfterSeconds;
        }
        return limits;
    };
    return p;
}

StreamPolicy binanceStreamPolicy(const BinanceFeedConfig &config, int connectionIndex)
{
    StreamPolicy p;
    p.name = QStringLiteral("binance stream %1").arg(connectionIndex);
    p.heartbeatTimeoutMs = config.heartbeatTimeoutMs;
    p.lifetimeMs = config.connectionLifetimeMs;
    p.backoff = config.backoff;
    // Binance counts messages per second of real time, as they reach it: one
    // token at a time at 60 % of the limit, so that a delay of up to 2/3 s on
    // the way (or in the server) cannot squeeze six into one second.
    p.messagesPerSecond = std::max(0.1, config.messagesPerSecond * 0.6);
    p.messageBurst = 1.0;
    return p;
}

}  // namespace wick
