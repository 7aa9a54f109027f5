// core/model/Symbol: what an instrument is (source, code, name, asset class,
// exchange zone, session hours). Plain values, copied between threads.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QTimeZone>

#include "model/Timeframe.h"
#include "model/Types.h"

namespace wick {

enum class AssetClass : std::uint8_t { Crypto, Equity, Index, Forex, Future };

QString assetClassName(AssetClass assetClass);

// When a symbol trades, in its exchange's local time. A 24/7 market (crypto)
// trades always and keeps its days in UTC.
struct SessionHours {
    bool alwaysOpen = true;
    int openMinute = 0;  // minutes after local midnight, inclusive
    int closeMinute = 24 * 60;  // minutes after local midnight, exclusive
    std::uint8_t weekdays = 0x1F;  // bit 0 = Monday .. bit 6 = Sunday

    static SessionHours twentyFourSeven() { return {}; }
    static SessionHours weekdaysBetween(int openMinute, int closeMinute)
    {
        return SessionHours {false, openMinute, closeMinute, 0x1F};
    }

    // Whether the market is open at a local weekday (1 = Monday .. 7 = Sunday)
    // and minute of the day.
    bool isOpen(int isoWeekday, int minuteOfDay) const;

    friend bool operator==(const SessionHours &, const SessionHours &) = default;
};

// A tradable instrument: where it comes from (source + code), how it is shown,
// and the calendar its daily and weekly bars follow.
struct Symbol {
    QString source;  // "demo", "binance", "yahoo", ...
    QString code;  // "BTCUSDT", "AAPL", ...
    QString displayName;  // "Bitcoin / Tether"
    AssetClass assetClass = AssetClass::Crypto;
    QByteArray timeZoneId = QByteArrayLiteral("UTC");  // IANA id of the exchange zone
    SessionHours session;
    double tickSize = 0.01;

    // "source:CODE", the name used everywhere outside the engine.
    QString key() const { return source + QLatin1Char(':') + code; }
    QTimeZone timeZone() const;
    // The days its daily and weekly bars follow: the exchange zone's, except
    // FX, whose session day is the New York day ending at 17:00 (whatever zone
    // the source names; MarketCalendar's FX day).
    BarDays barDays() const;
    // Whether the market is open at a UTC instant (DST-correct, in the exchange zone).
    bool isOpenAt(TimeMs time) const;

    friend bool operator==(const Symbol &, const Symbol &) = default;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::Symbol)
