#include "feeds/alpaca/AlpacaSymbols.h"

namespace wick {

bool isValidAlpacaCode(QStringView code)
{
    if (code.isEmpty() || code.size() > 12 || code.front() == u'.' || code.back() == u'.')
        return false;
    for (const QChar c : code) {
        const char16_t u = c.unicode();
        if (!((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')
                || u == '.'))
            return false;
    }
    return true;
}

Symbol alpacaSymbol(QStringView code)
{
    Symbol s;
    s.source = QString(kAlpacaSource);
    s.code = code.toString().toUpper();
    s.displayName = s.code;
    s.assetClass = AssetClass::Equity;
    s.timeZoneId = QByteArrayLiteral("America/New_York");
    s.session = SessionHours::weekdaysBetween(9 * 60 + 30, 16 * 60);
    return s;
}

}  // namespace wick
