#include "feeds/alphavantage/AlphaVantageSymbols.h"

#include <array>

namespace wick {

namespace {

struct Listing {
    const char *suffix;
    const char *zone;
    int open;  // minutes after local midnight
    int close;
};

// Regular hours of the exchanges Alpha Vantage's suffixes name (each
// exchange's continuous-trading session; lunch breaks are not modelled).
constexpr std::array<Listing, 7> kListings {{
    {".LON", "Europe/London", 8 * 60, 16 * 60 + 30},
    {".DEX", "Europe/Berlin", 9 * 60, 17 * 60 + 30},
    {".TRT", "America/Toronto", 9 * 60 + 30, 16 * 60},
    {".TRV", "America/Toronto", 9 * 60 + 30, 16 * 60},
    {".BSE", "Asia/Kolkata", 9 * 60 + 15, 15 * 60 + 30},
    {".SHH", "Asia/Shanghai", 9 * 60 + 30, 15 * 60},
    {".SHZ", "Asia/Shanghai", 9 * 60 + 30, 15 * 60},
}};

}  // namespace

bool isValidAlphaVantageCode(QStringView code)
{
    if (code.isEmpty() || code.size() > 20 || code.front() == u'.' || code.back() == u'.')
        return false;
    for (const QChar c : code) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')
            || u == '.' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

Symbol alphaVantageSymbol(QStringView codeView)
{
    Symbol s;
    s.source = QString(kAlphaVantageSource);
    s.code = codeView.toString().toUpper();
    s.displayName = s.code;
    s.assetClass = AssetClass::Equity;
    s.timeZoneId = QByteArrayLiteral("America/New_York");
    s.session = SessionHours::weekdaysBetween(9 * 60 + 30, 16 * 60);
    for (const Listing &l : kListings) {
        if (s.code.endsWith(QLatin1String(l.suffix))) {
            s.timeZoneId = QByteArray(l.zone);
            s.session = SessionHours::weekdaysBetween(l.open, l.close);
            break;
        }
    }
    return s;
}

}  // namespace wick
