#include "feeds/yahoo/YahooSymbols.h"

#include <array>

#include "feeds/yahoo/YahooMessages.h"

namespace wick {

namespace {

struct Listing {
    const char *suffix;
    const char *zone;
    int open;  // minutes after local midnight
    int close;
};

// Regular hours of the exchanges a suffix names (each exchange's published
// continuous-trading session; lunch breaks are not modelled).
constexpr std::array<Listing, 6> kListings {{
    {".DE", "Europe/Berlin", 9 * 60, 17 * 60 + 30},
    {".L", "Europe/London", 8 * 60, 16 * 60 + 30},
    {".PA", "Europe/Paris", 9 * 60, 17 * 60 + 30},
    {".IS", "Europe/Istanbul", 10 * 60, 18 * 60},
    {".T", "Asia/Tokyo", 9 * 60, 15 * 60},
    {".TO", "America/Toronto", 9 * 60 + 30, 16 * 60},
}};

bool isCryptoPair(const QString &code)
{
    for (const char *quote : {"-USD", "-EUR", "-USDT", "-BTC"}) {
        if (code.endsWith(QLatin1String(quote)) && code.size() > qsizetype(qstrlen(quote)))
            return true;
    }
    return false;
}

}  // namespace

bool isValidYahooCode(QStringView code)
{
    if (code.isEmpty() || code.size() > 24)
        return false;
    for (const QChar c : code) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')
            || u == '.' || u == '-' || u == '^' || u == '=' || u == '_';
        if (!ok)
            return false;
    }
    return true;
}

Symbol yahooSymbol(QStringView codeView)
{
    Symbol s;
    s.source = QString(kYahooSource);
    s.code = codeView.toString().toUpper();
    s.displayName = s.code;
    s.assetClass = AssetClass::Equity;
    s.timeZoneId = QByteArrayLiteral("America/New_York");
    s.session = SessionHours::weekdaysBetween(9 * 60 + 30, 16 * 60);
    if (s.code.endsWith(QLatin1String("=X"))) {
        // FX trades around the clock on weekdays; the calendar (issue 13) refines it.
        s.assetClass = AssetClass::Forex;
        s.timeZoneId = QByteArrayLiteral("UTC");
        s.session = SessionHours::weekdaysBetween(0, 24 * 60);
        s.tickSize = 0.0001;
    } else if (s.code.endsWith(QLatin1String("=F"))) {
        s.assetClass = AssetClass::Future;
        s.session = SessionHours::weekdaysBetween(0, 24 * 60);
    } else if (s.code.startsWith(QLatin1Char('^'))) {
        s.assetClass = AssetClass::Index;
    } else if (isCryptoPair(s.code)) {
        s.assetClass = AssetClass::Crypto;
        s.timeZoneId = QByteArrayLiteral("UTC");
        s.session = SessionHours::twentyFourSeven();
    } else {
        for (const Listing &l : kListings) {
            if (s.code.endsWith(QLatin1String(l.suffix))) {
                s.timeZoneId = QByteArray(l.zone);
                s.session = SessionHours::weekdaysBetween(l.open, l.close);
                break;
            }
        }
    }
    return s;
}

Symbol yahooSymbol(const YahooSearchHit &hit)
{
    Symbol s = yahooSymbol(QStringView(hit.symbol));
    const QString name = !hit.longName.isEmpty() ? hit.longName : hit.shortName;
    if (!name.isEmpty())
        s.displayName = name;
    if (hit.quoteType == QLatin1String("CRYPTOCURRENCY")) {
        s.assetClass = AssetClass::Crypto;
        s.timeZoneId = QByteArrayLiteral("UTC");
        s.session = SessionHours::twentyFourSeven();
    } else if (hit.quoteType == QLatin1String("INDEX")) {
        s.assetClass = AssetClass::Index;
    } else if (hit.quoteType == QLatin1String("CURRENCY")) {
        s.assetClass = AssetClass::Forex;
    } else if (hit.quoteType == QLatin1String("FUTURE")) {
        s.assetClass = AssetClass::Future;
    }
    return s;
}

}  // namespace wick
