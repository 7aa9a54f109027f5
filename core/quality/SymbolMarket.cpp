#include "quality/SymbolMarket.h"

namespace wick {

namespace {

bool isEquitySource(const QString &source)
{
    return source == QLatin1String("yahoo") || source == QLatin1String("alpaca")
        || source == QLatin1String("alphavantage");
}

std::optional<Market> yahooListing(const QString &code)
{
    if (code.endsWith(QLatin1String(".DE")) || code == QLatin1String("^GDAXI"))
        return Market::Xetra;
    if (code.endsWith(QLatin1String(".IS")) || code == QLatin1String("^XU100"))
        return Market::BorsaIstanbul;
    // Yahoo writes share classes with '-' (BRK-B); a '.' names another exchange.
    if (code.contains(QLatin1Char('.')))
        return std::nullopt;
    return Market::UsEquity;
}

}  // namespace

std::optional<Market> marketOf(const Symbol &symbol)
{
    switch (symbol.assetClass) {
    case AssetClass::Crypto:
        return Market::Crypto;
    case AssetClass::Forex:
        return Market::Fx;
    case AssetClass::Future:
        return std::nullopt;
    case AssetClass::Equity:
    case AssetClass::Index:
        break;
    }
    if (!isEquitySource(symbol.source))
        return std::nullopt;
    const QString code = symbol.code.toUpper();
    if (symbol.source == QLatin1String("yahoo"))
        return yahooListing(code);
    // Alpha Vantage names other exchanges with a suffix too (TSCO.LON); Alpaca
    // lists US equities only (BRK.B is a share class there).
    if (symbol.source == QLatin1String("alphavantage") && code.contains(QLatin1Char('.')))
        return std::nullopt;
    return Market::UsEquity;
}

std::optional<MarketCalendar> calendarFor(const Symbol &symbol)
{
    const std::optional<Market> market = marketOf(symbol);
    if (!market)
        return std::nullopt;
    return MarketCalendar::forMarket(*market);
}

}  // namespace wick
