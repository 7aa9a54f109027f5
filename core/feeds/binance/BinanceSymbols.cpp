#include "feeds/binance/BinanceSymbols.h"

#include "feeds/binance/BinanceMessages.h"

namespace wick {

bool isValidBinanceCode(QStringView code)
{
    if (code.isEmpty() || code.size() > 20)
        return false;
    for (QChar c : code) {
        const char16_t u = c.unicode();
        const bool ok
            = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9');
        if (!ok)
            return false;
    }
    return true;
}

QString binanceSymbolKey(QStringView code)
{
    return QString(kBinanceSource) + QLatin1Char(':') + code.toString().toUpper();
}

std::optional<QString> binanceCodeFromKey(QStringView key)
{
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    if (colon < 0 || key.first(colon).compare(kBinanceSource, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QStringView code = key.sliced(colon + 1);
    if (!isValidBinanceCode(code))
        return std::nullopt;
    return code.toString().toUpper();
}

QString binanceStreamName(QStringView code, QStringView stream)
{
    return code.toString().toLower() + QLatin1Char('@') + stream.toString();
}

Symbol binanceSymbol(QStringView code)
{
    Symbol s;
    s.source = QString(kBinanceSource);
    s.code = code.toString().toUpper();
    s.displayName = s.code;
    s.assetClass = AssetClass::Crypto;
    s.timeZoneId = QByteArrayLiteral("UTC");
    s.session = SessionHours::twentyFourSeven();
    return s;
}

Symbol binanceSymbol(const BinanceSymbolInfo &info)
{
    Symbol s = binanceSymbol(QStringView(info.symbol));
    s.displayName = info.baseAsset + QStringLiteral(" / ") + info.quoteAsset;
    if (info.tickSize > 0.0)
        s.tickSize = info.tickSize;
    return s;
}

}  // namespace wick
