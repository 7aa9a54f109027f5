// core/quality/MarketCalendar: when a market trades -- its zone, regular
// session, extended hours, holidays and early closes -- asked in UTC
// milliseconds. A small value (copied freely); its holiday tables are
// read-only after their first load, so every query is fine on any thread.
#pragma once

#include <cstdint>
#include <optional>

#include <QDate>
#include <QString>
#include <QTimeZone>

#include "model/Timeframe.h"
#include "model/Types.h"

namespace wick {

struct HolidayTable;

enum class Market : std::uint8_t { Crypto, Fx, UsEquity, Xetra, BorsaIstanbul };

// One regular session: the exchange day it belongs to and its UTC bounds.
struct TradingSession {
    QDate day;
    TimeMs open = 0;  // inclusive
    TimeMs close = 0;  // exclusive
    bool earlyClose = false;

    bool contains(TimeMs t) const { return t >= open && t < close; }
    friend bool operator==(const TradingSession &, const TradingSession &) = default;
};

// The calendars:
// - Crypto: always open; its session day is the UTC day (00:00 to 24:00 UTC).
// - FX: Sunday 17:00 to Friday 17:00 America/New_York, no holidays. Its session
//   day is the New York day that ends at 17:00: the session of day D runs from
//   17:00 on D-1 to 17:00 on D (New York time), so Sunday 17:00 opens Monday's
//   session and Friday 17:00 closes the week.
// - US equities (NYSE/Nasdaq): 09:30-16:00 America/New_York, pre-market
//   04:00-09:30 and post-market 16:00-20:00 (to 17:00 after a 13:00 early
//   close), NYSE holidays and early closes.
// - Xetra: 09:00-17:30 Europe/Berlin, Xetra holidays, no extended hours.
// - Borsa Istanbul: 10:00-18:00 Europe/Istanbul (continuous trading; see
//   resources/calendar/market_holidays.tsv for why), no holidays listed.
// Holidays come from resources/calendar/market_holidays.tsv. For a year the
// file does not cover, the calendar logs once per market and year that it does
// not know the holidays and treats every weekday as a session.
class MarketCalendar
{
public:
    static MarketCalendar forMarket(Market market);

    Market market() const { return m_market; }
    QString name() const;
    const QTimeZone &zone() const { return m_zone; }

    // Whether t is inside a regular session.
    bool isOpen(TimeMs t) const { return sessionAt(t).has_value(); }
    // The regular session holding t, if any.
    std::optional<TradingSession> sessionAt(TimeMs t) const;
    // The regular session of an exchange day; none on weekends and holidays.
    std::optional<TradingSession> sessionOn(QDate day) const;
    // The first session that opens strictly after t (none, logged, only when
    // the holiday file leaves no session for over a year).
    std::optional<TradingSession> nextSession(TimeMs t) const;
    std::optional<TimeMs> nextOpen(TimeMs t) const;

    // The exchange day a bar at t belongs to, for daily alignment: the local
    // date in the exchange zone (pre- and post-market included), the UTC date
    // for crypto, the New York day ending at 17:00 for FX. Defined for every
    // t, also when the market is closed.
    QDate sessionDay(TimeMs t) const { return barDays().sessionDate(t); }
    // Those session days as bars follow them (Symbol::barDays agrees).
    BarDays barDays() const;
    // The Monday of the week a session day belongs to (weekly alignment; an FX
    // week opening on Sunday 17:00 belongs to that Monday).
    static QDate weekStart(QDate sessionDay);

    // Whether t is in the pre- or post-market hours of a session day (only US
    // equities have them; false inside the regular session).
    bool isExtendedHours(TimeMs t) const;

    // The number of regular-session minutes in [a, b): minute open times
    // m (multiples of 60 s) with a <= m < b inside a session. Zero when b <= a.
    std::int64_t expectedMinutes(TimeMs a, TimeMs b) const;

    // Whether the holiday file covers a year for this market (always true for
    // crypto and FX, which have none).
    bool knowsHolidays(int year) const;

private:
    MarketCalendar() = default;

    // A local time `minute` minutes after the start of `day` (may be negative
    // or past 24 h), in UTC.
    TimeMs localToUtc(QDate day, int minute) const;
    bool isTradingDay(QDate day) const;

    Market m_market = Market::Crypto;
    QTimeZone m_zone = QTimeZone::utc();
    QString m_holidayCode;  // the market's code in the holiday file, empty: none
    const HolidayTable *m_holidays = nullptr;
    std::uint8_t m_weekdays = 0x7F;  // bit 0 = Monday .. bit 6 = Sunday
    int m_openMinute = 0;  // relative to the session day's local midnight
    int m_closeMinute = 24 * 60;
    int m_preOpenMinute = 0;  // extended hours; equal to open/close: none
    int m_postCloseMinute = 24 * 60;
    int m_earlyPostCloseMinute = 24 * 60;
};

}  // namespace wick
