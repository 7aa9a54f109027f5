// MarketCalendar: US, Xetra, Borsa Istanbul, FX and crypto sessions in UTC on
// both sides of each DST change, NYSE/Xetra holidays and early closes from the
// resource file, weekend gaps, extended hours, unknown years, the symbol ->
// calendar registry, and a US stock's daily bars on its New York session day.
// Every expected instant is written as a UTC wall time worked out by hand from
// the zone's offset that day (EST -5, EDT -4, CET +1, CEST +2, TRT +3).
#include <vector>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include "bars/Aggregator.h"
#include "feeds/yahoo/YahooSymbols.h"
#include "model/Timeframe.h"
#include "quality/MarketCalendar.h"
#include "quality/MarketHolidays.h"
#include "quality/SymbolMarket.h"

using namespace wick;

namespace {

TimeMs utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc()).toMSecsSinceEpoch();
}

MarketCalendar us()
{
    return MarketCalendar::forMarket(Market::UsEquity);
}

// Asserts the regular session of a day (times as UTC hour:minute that day).
void checkSession(const MarketCalendar &c, QDate day, int openH, int openM, int closeH, int closeM,
    bool early = false)
{
    const std::optional<TradingSession> s = c.sessionOn(day);
    QVERIFY2(s.has_value(), qPrintable(day.toString(Qt::ISODate)));
    QCOMPARE(s->day, day);
    QCOMPARE(s->open, utcMs(day.year(), day.month(), day.day(), openH, openM));
    QCOMPARE(s->close, utcMs(day.year(), day.month(), day.day(), closeH, closeM));
    QCOMPARE(s->earlyClose, early);
}

Symbol symbol(const char *source, const char *code, AssetClass assetClass)
{
    Symbol s;
    s.source = QLatin1String(source);
    s.code = QLatin1String(code);
    s.assetClass = assetClass;
    return s;
}

Bar minuteBar(TimeMs time, double close)
{
    return Bar {time, close, close, close, close, 1.0};
}

}  // namespace

class TestMarketCalendar final : public QObject
{
    Q_OBJECT

private slots:
    void holidayFileLoads()
    {
        const HolidayTable &t = MarketHolidays::table(u"US");
        QCOMPARE(t.years, (std::set<int> {2026, 2027}));
        QCOMPARE(t.holidays.size(), std::size_t(20));
        QCOMPARE(t.earlyCloses.size(), std::size_t(3));
        QCOMPARE(t.earlyCloses.at(QDate(2026, 11, 27)), 13 * 60);
        const HolidayTable &x = MarketHolidays::table(u"XETRA");
        QCOMPARE(x.holidays.size(), std::size_t(12));
        QVERIFY(MarketHolidays::table(u"BIST").years.empty());
    }

    void malformedRowsAreSkipped()
    {
        const auto tables = MarketHolidays::parse(u"# comment\n"
                                                  "US\t2026\tyear\t-\tok\n"
                                                  "US\t2026-13-01\tholiday\t-\tbad date\n"
                                                  "US\t2026-01-01\tholiday\t-\tok\n"
                                                  "US\t2026-11-27\tearly_close\t25:00\tbad\n"
                                                  "US\t2026-12-24\tsomething\t-\tbad kind\n"
                                                  "short row\n",
            u"test");
        const HolidayTable &t = tables.at(QStringLiteral("US"));
        QCOMPARE(t.years, (std::set<int> {2026}));
        QCOMPARE(t.holidays, (std::set<QDate> {QDate(2026, 1, 1)}));
        QVERIFY(t.earlyCloses.empty());
    }

    void usSessionsAcrossDst()
    {
        const MarketCalendar c = us();
        // DST starts Sunday 2026-03-08: 09:30 EST = 14:30 UTC, 09:30 EDT = 13:30 UTC.
        checkSession(c, QDate(2026, 3, 6), 14, 30, 21, 0);
        checkSession(c, QDate(2026, 3, 9), 13, 30, 20, 0);
        // DST ends Sunday 2026-11-01.
        checkSession(c, QDate(2026, 10, 30), 13, 30, 20, 0);
        checkSession(c, QDate(2026, 11, 2), 14, 30, 21, 0);
        QVERIFY(!c.isOpen(utcMs(2026, 3, 9, 13, 29, 59)));
        QVERIFY(c.isOpen(utcMs(2026, 3, 9, 13, 30)));
        QVERIFY(c.isOpen(utcMs(2026, 3, 6, 20, 59)));
        QVERIFY(!c.isOpen(utcMs(2026, 3, 6, 21, 0)));
        QVERIFY(!c.isOpen(utcMs(2026, 11, 2, 14, 29)));
        QVERIFY(c.isOpen(utcMs(2026, 11, 2, 14, 30)));
        QVERIFY(!c.sessionOn(QDate(2026, 3, 8)).has_value());  // Sunday
        const std::optional<TradingSession> at = c.sessionAt(utcMs(2026, 3, 9, 15, 0));
        QVERIFY(at.has_value());
        QCOMPARE(at->day, QDate(2026, 3, 9));
    }

    void usHolidaysAndEarlyCloses()
    {
        const MarketCalendar c = us();
        QVERIFY(!c.sessionOn(QDate(2026, 7, 3)).has_value());  // Independence Day observed
        QVERIFY(!c.isOpen(utcMs(2026, 7, 3, 15, 0)));
        QVERIFY(!c.sessionOn(QDate(2026, 11, 26)).has_value());  // Thanksgiving
        QVERIFY(!c.isOpen(utcMs(2026, 11, 26, 16, 0)));
        QVERIFY(!c.sessionOn(QDate(2027, 6, 18)).has_value());  // Juneteenth observed
        QVERIFY(!c.sessionOn(QDate(2027, 12, 24)).has_value());  // Christmas observed
        // Early closes at 13:00 EST = 18:00 UTC.
        checkSession(c, QDate(2026, 11, 27), 14, 30, 18, 0, true);
        checkSession(c, QDate(2026, 12, 24), 14, 30, 18, 0, true);
        checkSession(c, QDate(2027, 11, 26), 14, 30, 18, 0, true);
        QVERIFY(c.isOpen(utcMs(2026, 11, 27, 17, 59)));
        QVERIFY(!c.isOpen(utcMs(2026, 11, 27, 18, 0)));
        // The next open after the Thursday 2 July 2026 close skips the holiday.
        QCOMPARE(c.nextOpen(utcMs(2026, 7, 2, 20, 0)), utcMs(2026, 7, 6, 13, 30));
        QCOMPARE(c.nextOpen(utcMs(2026, 11, 25, 21, 0)), utcMs(2026, 11, 27, 14, 30));
        // Inside a session the next open is the following day's.
        QCOMPARE(c.nextOpen(utcMs(2026, 3, 9, 13, 30)), utcMs(2026, 3, 10, 13, 30));
    }

    void usExtendedHours()
    {
        const MarketCalendar c = us();
        // Pre-market 04:00-09:30 EDT = 08:00-13:30 UTC, post 16:00-20:00 EDT = 20:00-24:00 UTC.
        QVERIFY(!c.isExtendedHours(utcMs(2026, 3, 9, 7, 59)));
        QVERIFY(c.isExtendedHours(utcMs(2026, 3, 9, 8, 0)));
        QVERIFY(c.isExtendedHours(utcMs(2026, 3, 9, 13, 29)));
        QVERIFY(!c.isExtendedHours(utcMs(2026, 3, 9, 13, 30)));
        QVERIFY(c.isExtendedHours(utcMs(2026, 3, 9, 20, 0)));
        QVERIFY(c.isExtendedHours(utcMs(2026, 3, 9, 23, 59)));
        QVERIFY(!c.isExtendedHours(utcMs(2026, 3, 10, 0, 0)));
        // Winter: post-market 19:30 EST is 00:30 UTC the next day.
        QVERIFY(c.isExtendedHours(utcMs(2026, 3, 7, 0, 30)));
        // After the 13:00 early close the late session runs to 17:00 EST = 22:00 UTC.
        QVERIFY(c.isExtendedHours(utcMs(2026, 11, 27, 18, 0)));
        QVERIFY(c.isExtendedHours(utcMs(2026, 11, 27, 21, 59)));
        QVERIFY(!c.isExtendedHours(utcMs(2026, 11, 27, 22, 0)));
        QVERIFY(!c.isExtendedHours(utcMs(2026, 11, 26, 12, 0)));  // holiday
        QVERIFY(!c.isExtendedHours(utcMs(2026, 3, 7, 14, 0)));  // Saturday
        QVERIFY(!MarketCalendar::forMarket(Market::Xetra).isExtendedHours(utcMs(2026, 3, 9, 6, 0)));
    }

    void usExpectedMinutes()
    {
        const MarketCalendar c = us();
        // Friday 16:00 to Monday 09:30 New York: nothing expected (across DST too).
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 13, 20, 0), utcMs(2026, 3, 16, 13, 30)), 0);
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 6, 21, 0), utcMs(2026, 3, 9, 13, 30)), 0);
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 6, 21, 0), utcMs(2026, 3, 9, 13, 31)), 1);
        // One full day: 6.5 h.
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 9), utcMs(2026, 3, 10)), 390);
        // Wed 25 Nov (390) + Thanksgiving (0) + Fri 27 Nov to 13:00 (210).
        QCOMPARE(c.expectedMinutes(utcMs(2026, 11, 25), utcMs(2026, 11, 28)), 600);
        // Thu 2 Apr (390) + Good Friday (0), to Monday 00:00 UTC.
        QCOMPARE(c.expectedMinutes(utcMs(2026, 4, 2), utcMs(2026, 4, 6)), 390);
        // Partial minutes: minute starts 13:31 and 13:32 lie in [13:30:30, 13:32:30).
        QCOMPARE(
            c.expectedMinutes(utcMs(2026, 3, 9, 13, 30, 30), utcMs(2026, 3, 9, 13, 32, 30)), 2);
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 10), utcMs(2026, 3, 9)), 0);
    }

    void unknownYearTreatsWeekdaysAsSessions()
    {
        const MarketCalendar c = us();
        QVERIFY(c.knowsHolidays(2026));
        QVERIFY(c.knowsHolidays(2027));
        QVERIFY(!c.knowsHolidays(2028));
        // Tuesday 4 July 2028 is a holiday the file does not list: a session.
        checkSession(c, QDate(2028, 7, 4), 13, 30, 20, 0);
        QVERIFY(c.isOpen(utcMs(2028, 7, 4, 14, 0)));
        QVERIFY(!c.sessionOn(QDate(2028, 7, 8)).has_value());  // still a Saturday
        QCOMPARE(c.expectedMinutes(utcMs(2025, 12, 25), utcMs(2025, 12, 26)), 390);
        QVERIFY(MarketCalendar::forMarket(Market::Crypto).knowsHolidays(2030));
        QVERIFY(!MarketCalendar::forMarket(Market::BorsaIstanbul).knowsHolidays(2026));
    }

    void xetraAcrossEuropeanDst()
    {
        const MarketCalendar c = MarketCalendar::forMarket(Market::Xetra);
        // CEST from Sunday 2026-03-29: 09:00 CET = 08:00 UTC, 09:00 CEST = 07:00 UTC.
        checkSession(c, QDate(2026, 3, 27), 8, 0, 16, 30);
        checkSession(c, QDate(2026, 3, 30), 7, 0, 15, 30);
        // CET again from Sunday 2026-10-25.
        checkSession(c, QDate(2026, 10, 23), 7, 0, 15, 30);
        checkSession(c, QDate(2026, 10, 26), 8, 0, 16, 30);
        QVERIFY(!c.sessionOn(QDate(2026, 4, 6)).has_value());  // Easter Monday
        QVERIFY(!c.sessionOn(QDate(2026, 12, 31)).has_value());
        QVERIFY(!c.sessionOn(QDate(2027, 3, 29)).has_value());
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 30), utcMs(2026, 3, 31)), 510);
        // Thu 2 Apr (510), Good Friday, Saturday, Sunday, Easter Monday: 510.
        QCOMPARE(c.expectedMinutes(utcMs(2026, 4, 2), utcMs(2026, 4, 7)), 510);
    }

    void borsaIstanbul()
    {
        const MarketCalendar c = MarketCalendar::forMarket(Market::BorsaIstanbul);
        // Istanbul keeps UTC+3 all year: 10:00-18:00 = 07:00-15:00 UTC.
        checkSession(c, QDate(2026, 1, 5), 7, 0, 15, 0);
        checkSession(c, QDate(2026, 7, 6), 7, 0, 15, 0);
        QCOMPARE(c.expectedMinutes(utcMs(2026, 1, 5), utcMs(2026, 1, 6)), 480);
    }

    void fxWeekAcrossDst()
    {
        const MarketCalendar c = MarketCalendar::forMarket(Market::Fx);
        // Friday 6 March 17:00 EST = 22:00 UTC closes the week.
        QVERIFY(c.isOpen(utcMs(2026, 3, 6, 21, 59)));
        QVERIFY(!c.isOpen(utcMs(2026, 3, 6, 22, 0)));
        QVERIFY(!c.isOpen(utcMs(2026, 3, 7, 12, 0)));
        // Sunday 8 March (DST began at 02:00): 17:00 EDT = 21:00 UTC opens Monday's session.
        QVERIFY(!c.isOpen(utcMs(2026, 3, 8, 20, 59)));
        QCOMPARE(c.nextOpen(utcMs(2026, 3, 6, 22, 0)), utcMs(2026, 3, 8, 21, 0));
        const std::optional<TradingSession> monday = c.sessionAt(utcMs(2026, 3, 8, 21, 0));
        QVERIFY(monday.has_value());
        QCOMPARE(monday->day, QDate(2026, 3, 9));
        QCOMPARE(monday->open, utcMs(2026, 3, 8, 21, 0));
        QCOMPARE(monday->close, utcMs(2026, 3, 9, 21, 0));
        QCOMPARE(c.sessionDay(utcMs(2026, 3, 9, 20, 59)), QDate(2026, 3, 9));
        QCOMPARE(c.sessionDay(utcMs(2026, 3, 9, 21, 0)), QDate(2026, 3, 10));
        // Friday 13 March 17:00 EDT = 21:00 UTC.
        QVERIFY(c.isOpen(utcMs(2026, 3, 13, 20, 59)));
        QVERIFY(!c.isOpen(utcMs(2026, 3, 13, 21, 0)));
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 6, 22, 0), utcMs(2026, 3, 8, 21, 0)), 0);
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 8, 21, 0), utcMs(2026, 3, 13, 21, 0)), 7200);
        // Autumn: Friday 30 October 17:00 EDT = 21:00 UTC, Sunday 1 November 17:00 EST = 22:00 UTC.
        QVERIFY(!c.isOpen(utcMs(2026, 10, 30, 21, 0)));
        QVERIFY(!c.isOpen(utcMs(2026, 11, 1, 21, 59)));
        QVERIFY(c.isOpen(utcMs(2026, 11, 1, 22, 0)));
        QCOMPARE(c.expectedMinutes(utcMs(2026, 10, 30, 21, 0), utcMs(2026, 11, 1, 22, 0)), 0);
        QCOMPARE(
            MarketCalendar::weekStart(c.sessionDay(utcMs(2026, 11, 1, 22, 0))), QDate(2026, 11, 2));
    }

    void cryptoAlwaysOpen()
    {
        const MarketCalendar c = MarketCalendar::forMarket(Market::Crypto);
        for (const TimeMs t : {utcMs(2026, 3, 7, 0, 30), utcMs(2026, 12, 25, 12, 0),
                 utcMs(2026, 3, 8, 7, 0), utcMs(2028, 2, 29, 23, 59)})
            QVERIFY(c.isOpen(t));
        const std::optional<TradingSession> s = c.sessionAt(utcMs(2026, 3, 7, 0, 30));
        QVERIFY(s.has_value());
        QCOMPARE(s->day, QDate(2026, 3, 7));
        QCOMPARE(s->open, utcMs(2026, 3, 7));
        QCOMPARE(s->close, utcMs(2026, 3, 8));
        QCOMPARE(c.sessionDay(utcMs(2026, 3, 7, 23, 59)), QDate(2026, 3, 7));
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 6, 21, 0), utcMs(2026, 3, 9, 13, 30)),
            2 * 24 * 60 + 16 * 60 + 30);
        QCOMPARE(c.expectedMinutes(utcMs(2026, 3, 7, 0, 0, 30), utcMs(2026, 3, 7, 0, 2)), 1);
        QCOMPARE(c.nextOpen(utcMs(2026, 3, 7, 0, 30)), utcMs(2026, 3, 8));
        QVERIFY(!c.isExtendedHours(utcMs(2026, 3, 7, 0, 30)));
    }

    void symbolsMapToCalendars()
    {
        QCOMPARE(marketOf(yahooSymbol(u"AAPL")), Market::UsEquity);
        QCOMPARE(marketOf(yahooSymbol(u"SPY")), Market::UsEquity);
        QCOMPARE(marketOf(yahooSymbol(u"BRK-B")), Market::UsEquity);
        QCOMPARE(marketOf(yahooSymbol(u"^GSPC")), Market::UsEquity);
        QCOMPARE(marketOf(yahooSymbol(u"SAP.DE")), Market::Xetra);
        QCOMPARE(marketOf(yahooSymbol(u"^GDAXI")), Market::Xetra);
        QCOMPARE(marketOf(yahooSymbol(u"THYAO.IS")), Market::BorsaIstanbul);
        QCOMPARE(marketOf(yahooSymbol(u"EURUSD=X")), Market::Fx);
        QCOMPARE(marketOf(yahooSymbol(u"BTC-USD")), Market::Crypto);
        QCOMPARE(marketOf(yahooSymbol(u"VOD.L")), std::nullopt);
        QCOMPARE(marketOf(yahooSymbol(u"ES=F")), std::nullopt);
        const Symbol alpaca = symbol("alpaca", "BRK.B", AssetClass::Equity);
        QCOMPARE(marketOf(alpaca), Market::UsEquity);
        QCOMPARE(marketOf(symbol("binance", "BTCUSDT", AssetClass::Crypto)), Market::Crypto);
        QCOMPARE(marketOf(symbol("alphavantage", "IBM", AssetClass::Equity)), Market::UsEquity);
        QCOMPARE(marketOf(symbol("alphavantage", "TSCO.LON", AssetClass::Equity)), std::nullopt);
        const Symbol demo = symbol("demo", "ACME", AssetClass::Equity);
        QCOMPARE(marketOf(demo), std::nullopt);
        QVERIFY(!calendarFor(demo).has_value());
        QCOMPARE(calendarFor(alpaca)->market(), Market::UsEquity);
    }

    void usDailyBarsFollowTheNewYorkSessionDay()
    {
        const MarketCalendar c = us();
        // 09:30 EDT on Monday 9 March and 09:30 EST on Monday 2 March.
        QCOMPARE(c.sessionDay(utcMs(2026, 3, 9, 13, 30)), QDate(2026, 3, 9));
        QCOMPARE(c.sessionDay(utcMs(2026, 3, 2, 14, 30)), QDate(2026, 3, 2));
        // 19:30 EST post-market on Friday 6 March is already Saturday in UTC.
        QCOMPARE(c.sessionDay(utcMs(2026, 3, 7, 0, 30)), QDate(2026, 3, 6));
        QCOMPARE(MarketCalendar::weekStart(QDate(2026, 3, 6)), QDate(2026, 3, 2));

        // A Yahoo US stock's bars are built in its exchange zone: the daily bar
        // opens at New York midnight of the session day (05:00 UTC in EST,
        // 04:00 UTC in EDT) and holds that day's post-market minutes.
        const QTimeZone zone = yahooSymbol(u"AAPL").timeZone();
        QCOMPARE(zone, c.zone());
        const std::vector<Bar> minutes {minuteBar(utcMs(2026, 3, 2, 14, 30), 10.0),
            minuteBar(utcMs(2026, 3, 6, 14, 30), 11.0), minuteBar(utcMs(2026, 3, 7, 0, 30), 12.0),
            minuteBar(utcMs(2026, 3, 9, 13, 30), 13.0)};
        const std::vector<Bar> daily = Aggregator::aggregate(minutes, Timeframe::D1, zone);
        QCOMPARE(daily.size(), std::size_t(3));
        QCOMPARE(daily[0].time, utcMs(2026, 3, 2, 5, 0));
        QCOMPARE(daily[1].time, utcMs(2026, 3, 6, 5, 0));
        QCOMPARE(daily[1].close, 12.0);
        QCOMPARE(daily[1].volume, 2.0);
        QCOMPARE(daily[2].time, utcMs(2026, 3, 9, 4, 0));
        for (const Bar &minute : minutes) {
            const QDate day = c.sessionDay(minute.time);
            QCOMPARE(bucketAt(Timeframe::D1, minute.time, zone).start,
                QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch());
        }
        const std::vector<Bar> weekly = Aggregator::aggregate(minutes, Timeframe::W1, zone);
        QCOMPARE(weekly.size(), std::size_t(2));
        QCOMPARE(weekly[0].time, utcMs(2026, 3, 2, 5, 0));
        QCOMPARE(weekly[0].volume, 3.0);
        QCOMPARE(weekly[1].time, utcMs(2026, 3, 9, 4, 0));
    }

    void fxDailyBarsFollowTheSeventeenHundredNewYorkDay()
    {
        const MarketCalendar c = MarketCalendar::forMarket(Market::Fx);
        const Symbol eurusd = yahooSymbol(u"EURUSD=X");
        // The bars' days and the calendar's are the same days.
        QCOMPARE(eurusd.barDays(), c.barDays());
        QCOMPARE(calendarFor(eurusd)->barDays(), eurusd.barDays());
        // Minutes: Sunday 8 March 17:00 EDT (21:00Z, Monday's open), Monday
        // 9 March 16:59 EDT, Monday 17:00 EDT (Tuesday's), Tuesday 23:30Z
        // (19:30 EDT: Wednesday's), and Friday 13 March 16:59 EDT (the week's last).
        const std::vector<Bar> minutes {minuteBar(utcMs(2026, 3, 8, 21, 0), 1.10),
            minuteBar(utcMs(2026, 3, 9, 20, 59), 1.11), minuteBar(utcMs(2026, 3, 9, 21, 0), 1.12),
            minuteBar(utcMs(2026, 3, 10, 23, 30), 1.13),
            minuteBar(utcMs(2026, 3, 13, 20, 59), 1.14)};
        const std::vector<Bar> daily
            = Aggregator::aggregate(minutes, Timeframe::D1, eurusd.barDays());
        QCOMPARE(daily.size(), std::size_t(4));
        QCOMPARE(daily[0].time, utcMs(2026, 3, 8, 21, 0));  // Monday's bar
        QCOMPARE(daily[0].volume, 2.0);
        QCOMPARE(daily[0].close, 1.11);
        QCOMPARE(daily[1].time, utcMs(2026, 3, 9, 21, 0));  // Tuesday's: 17:00 Monday on
        QCOMPARE(daily[1].volume, 1.0);
        QCOMPARE(daily[1].close, 1.12);
        QCOMPARE(daily[2].time, utcMs(2026, 3, 10, 21, 0));  // Wednesday's
        QCOMPARE(daily[2].close, 1.13);
        QCOMPARE(daily[3].time, utcMs(2026, 3, 12, 21, 0));  // Friday's
        for (const Bar &bar : daily)
            QCOMPARE(bar.time, eurusd.barDays().dayStart(c.sessionDay(bar.time)));
        // One week: Sunday 17:00 to Friday 17:00, not the UTC week (which
        // would put Sunday's first hours in the week before).
        const std::vector<Bar> weekly
            = Aggregator::aggregate(minutes, Timeframe::W1, eurusd.barDays());
        QCOMPARE(weekly.size(), std::size_t(1));
        QCOMPARE(weekly[0].time, utcMs(2026, 3, 8, 21, 0));
        QCOMPARE(weekly[0].volume, 5.0);
        QCOMPARE(weekly[0].close, 1.14);
        // UTC days would have made a Sunday bar of Monday's first hours.
        QCOMPARE(
            Aggregator::aggregate(minutes, Timeframe::D1, QTimeZone::utc()).size(), std::size_t(4));
        QCOMPARE(Aggregator::aggregate(minutes, Timeframe::D1, QTimeZone::utc())[0].time,
            utcMs(2026, 3, 8));
    }
};

QTEST_APPLESS_MAIN(TestMarketCalendar)
#include "test_market_calendar.moc"
