// core/feeds/yahoo: YahooListing, the symbol list of one YahooFeed for the
// symbol search (on its thread, over its RestClient): one search request per
// query, the hits merged without repeats, handed over once every query
// answered (or failed: logged and counted, the others still count).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include <QStringList>

#include "feeds/Feed.h"

namespace wick {

class RestClient;

class YahooListing
{
public:
    using Done = std::function<void(const std::vector<ListedSymbol> &symbols)>;

    explicit YahooListing(RestClient &rest);

    // Searches each query; `done` once with everything found (at once when
    // there is nothing to search).
    void list(const QStringList &queries, Done done);

    // Any thread.
    std::int64_t failures() const { return m_failures.load(); }

private:
    RestClient &m_rest;
    std::atomic<std::int64_t> m_failures {0};
};

}  // namespace wick
