// core/feeds/binance: BinanceListing, what exchangeInfo says to one BinanceFeed
// (on its thread): which codes Binance lists -- the only word on whether a
// symbol exists --, the symbols for the search, and the REQUEST_WEIGHT limit
// the feed's RestClient keeps to. Asked once per start through that RestClient.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <QSet>
#include <QString>

#include "feeds/Feed.h"

namespace wick {

class RestClient;

class BinanceListing
{
public:
    // `weightLimitCap`: the advertised limit is kept only when it is lower.
    BinanceListing(RestClient &rest, int weightLimitCap);

    // Asks exchangeInfo. `done(listed)` once it answered: the symbols it lists,
    // or nullopt when it refused or was unreadable (logged; nothing is known).
    void request(std::function<void(std::optional<std::vector<ListedSymbol>> listed)> done);
    // exchangeInfo has answered (well or not).
    bool isLoaded() const { return m_loaded; }
    // The code ("BTCUSDT") is listed by the last good answer.
    bool lists(const QString &code) const { return m_listed.contains(code); }
    // The symbol error of a code exchangeInfo does not list.
    static QString notListedMessage(const QString &code);

private:
    RestClient &m_rest;
    int m_weightLimitCap;
    QSet<QString> m_listed;  // upper-case codes
    bool m_loaded = false;
};

}  // namespace wick
