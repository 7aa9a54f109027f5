#include "feeds/binance/BinanceListing.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "feeds/binance/BinanceRestParser.h"
#include "feeds/binance/BinanceSymbols.h"
#include "net/RestClient.h"

namespace wick {

namespace {

constexpr int kExchangeInfoWeight = 20;

}  // namespace

BinanceListing::BinanceListing(RestClient &rest, int weightLimitCap)
    : m_rest(rest)
    , m_weightLimitCap(weightLimitCap)
{ }

QString BinanceListing::notListedMessage(const QString &code)
{
    return QStringLiteral("binance:%1: Invalid symbol (not listed by exchangeInfo)").arg(code);
}

void BinanceListing::request(
    std::function<void(std::optional<std::vector<ListedSymbol>> listed)> done)
{
    RestRequest r;
    r.path = QStringLiteral("/api/v3/exchangeInfo");
    r.weight = kExchangeInfoWeight;
    r.onAnswer = [this, done = std::move(done)](const RestAnswer &a) {
        m_loaded = true;
        if (a.outcome != RestOutcome::Success) {
            spdlog::error("binance: exchangeInfo refused: HTTP {} {} {}", a.status, a.error.code,
                a.error.message.toStdString());
            done(std::nullopt);
            return;
        }
        const auto info
            = parseBinanceExchangeInfo(std::string_view(a.body.constData(), a.body.size()));
        if (!info) {
            spdlog::error(
                "binance: exchangeInfo unreadable: {}", info.error().toString().toStdString());
            done(std::nullopt);
            return;
        }
        if (const auto limit = info.value().requestWeightPerMinute())
            m_rest.setWeightLimit(std::min(*limit, m_weightLimitCap));
        m_listed.clear();
        std::vector<ListedSymbol> listed;
        listed.reserve(info.value().symbols.size());
        for (const BinanceSymbolInfo &symbol : info.value().symbols) {
            m_listed.insert(symbol.symbol.toUpper());
            listed.push_back(ListedSymbol {binanceSymbol(symbol), QStringLiteral("Spot"),
                symbol.isTrading() ? QString() : symbol.status});
        }
        done(std::move(listed));
    };
    m_rest.enqueue(std::move(r));
}

}  // namespace wick
