// core/feeds/yahoo: YahooQuotes, batched v7 quotes for one YahooFeed (on its
// thread, over its RestClient): codes go out in batches of `batchSize` per
// request with the crumb; a batch refused with 401 "Invalid Crumb" refreshes
// cookie and crumb once and is sent again. A batch that still fails is logged
// and counted, and handed to `failed` when one is given (YahooQuoteRun retries
// it); the feed's quotes are auxiliary, its symbols go on.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include <QStringList>

#include "feeds/yahoo/YahooMessages.h"

namespace wick {

class RestClient;
class YahooCrumb;

class YahooQuotes
{
public:
    // The batch asked for and what Yahoo answered of it (it leaves out what it
    // does not know).
    using Done
        = std::function<void(const QStringList &batch, const std::vector<YahooQuote> &quotes)>;
    using Failed = std::function<void(const QStringList &batch, const QString &reason)>;

    YahooQuotes(RestClient &rest, YahooCrumb &crumb, int batchSize);

    // Quotes of `codes`, one call of `done` per batch that answered and one of
    // `failed` (when set) per batch that did not.
    void fetch(const QStringList &codes, Done done, Failed failed = {});

    // Any thread.
    std::int64_t failures() const { return m_failures.load(); }
    std::int64_t crumbRetries() const { return m_crumbRetries.load(); }

private:
    void send(QStringList batch, Done done, Failed failed, bool retried);

    RestClient &m_rest;
    YahooCrumb &m_crumb;
    int m_batchSize;
    std::atomic<std::int64_t> m_failures {0};
    std::atomic<std::int64_t> m_crumbRetries {0};
};

}  // namespace wick
