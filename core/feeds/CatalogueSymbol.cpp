#include "feeds/CatalogueSymbol.h"

#include "feeds/alpaca/AlpacaSymbols.h"
#include "feeds/alphavantage/AlphaVantageSymbols.h"
#include "feeds/binance/BinanceSymbols.h"
#include "feeds/demo/DemoInstrument.h"
#include "feeds/yahoo/YahooSymbols.h"

namespace wick {

std::optional<Symbol> catalogueSymbol(const QString &source, const QString &code)
{
    if (source.compare(u"demo", Qt::CaseInsensitive) == 0) {
        for (const DemoInstrument &instrument : demoInstruments()) {
            if (instrument.symbol.code.compare(code, Qt::CaseInsensitive) == 0)
                return instrument.symbol;
        }
        return std::nullopt;
    }
    if (source.compare(kBinanceSource, Qt::CaseInsensitive) == 0)
        return isValidBinanceCode(code) ? std::optional(binanceSymbol(code)) : std::nullopt;
    if (source.compare(kYahooSource, Qt::CaseInsensitive) == 0)
        return isValidYahooCode(code) ? std::optional(yahooSymbol(code)) : std::nullopt;
    if (source.compare(kAlpacaSource, Qt::CaseInsensitive) == 0)
        return isValidAlpacaCode(code) ? std::optional(alpacaSymbol(code)) : std::nullopt;
    if (source.compare(kAlphaVantageSource, Qt::CaseInsensitive) == 0)
        return isValidAlphaVantageCode(code) ? std::optional(alphaVantageSymbol(code))
                                             : std::nullopt;
    return std::nullopt;
}

}  // namespace wick
