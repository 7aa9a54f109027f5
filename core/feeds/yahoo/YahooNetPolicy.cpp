#include "feeds/yahoo/YahooNetPolicy.h"

#include "feeds/yahoo/YahooChartParser.h"
#include "feeds/yahoo/YahooFeed.h"

namespace wick {

QString yahooDefaultUserAgent()
{
    return QStringLiteral("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                          "Chrome/131.0.0.0 Safari/537.36");
}

RestPolicy yahooRestPolicy(const YahooFeedConfig &config)
{
    RestPolicy policy;
    policy.name = QStringLiteral("yahoo");
    policy.baseUrl = config.restUrl;
    policy.headers = {
        {"User-Agent", config.userAgent.toUtf8()}, {"Accept", "application/json,text/plain,*/*"}};
    policy.timeoutMs = config.restTimeoutMs;
    policy.backoff = config.backoff;
    policy.circuit = config.circuit;
    policy.requestsPerSecond = config.requestsPerSecond;
    policy.burst = config.burst;
    policy.parseError = [](const QByteArray &body) {
        if (const auto error = parseYahooApiError(body))
            return RestError {0, error->toString()};
        return RestError {0, QString::fromUtf8(body.left(200)).trimmed()};
    };
    return policy;
}

}  // namespace wick
