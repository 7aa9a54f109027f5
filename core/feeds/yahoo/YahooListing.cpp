#include "feeds/yahoo/YahooListing.h"

#include <algorithm>
#include <memory>

#include <spdlog/spdlog.h>

#include "feeds/yahoo/YahooSearchParser.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "net/RestClient.h"

namespace wick {

YahooListing::YahooListing(RestClient &rest)
    : m_rest(rest)
{ }

void YahooListing::list(const QStringList &queries, Done done)
{
    if (queries.isEmpty()) {
        done({});  // nothing to look up: the search need not wait
        return;
    }
    auto listed = std::make_shared<std::vector<ListedSymbol>>();
    auto waiting = std::make_shared<qsizetype>(queries.size());
    for (const QString &query : queries) {
        RestRequest r;
        r.path = QStringLiteral("/v1/finance/search");
        r.query.addQueryItem(QStringLiteral("q"), query);
        r.query.addQueryItem(QStringLiteral("quotesCount"), QStringLiteral("10"));
        r.query.addQueryItem(QStringLiteral("newsCount"), QStringLiteral("0"));
        r.maxAttempts = 3;
        r.onAnswer = [this, listed, waiting, query, done](const RestAnswer &a) {
            const auto hits = parseYahooSearch(a.body);
            if (a.outcome != RestOutcome::Success || !hits) {
                spdlog::warn("yahoo: search '{}' unusable: HTTP {} {}", query.toStdString(),
                    a.status,
                    hits ? a.error.message.toStdString() : hits.error().toString().toStdString());
                ++m_failures;
            } else {
                for (const YahooSearchHit &hit : hits.value()) {
                    const QString code = hit.symbol.toUpper();
                    if (!isValidYahooCode(code)
                        || std::any_of(listed->begin(), listed->end(),
                            [&](const ListedSymbol &l) { return l.symbol.code == code; }))
                        continue;
                    listed->push_back(ListedSymbol {yahooSymbol(hit),
                        hit.typeDisplay.isEmpty() ? hit.quoteType : hit.typeDisplay, QString()});
                }
            }
            if (--*waiting == 0)
                done(*listed);
        };
        m_rest.enqueue(std::move(r));
    }
}

}  // namespace wick
