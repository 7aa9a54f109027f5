#include "quality/MarketCalendar.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <utility>

#include <QDateTime>

#include <spdlog/spdlog.h>

#include "quality/MarketHolidays.h"

namespace wick {

namespace {

constexpr int kDayMinutes = 24 * 60;
constexpr std::uint8_t kWeekdays = 0x1F;  // Monday .. Friday
constexpr std::uint8_t kEveryDay = 0x7F;
// nextSession() looks this far ahead before it gives up (a file listing a
// whole year of holidays, say).
constexpr int kMaxLookaheadDays = 400;

TimeMs floorDiv(TimeMs a, TimeMs b)
{
    const TimeMs q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// The number of minute starts (multiples of 60 s) before t, shifted by a
// constant: differences count the minute starts in [a, b).
TimeMs minuteStartsBefore(TimeMs t)
{
    return floorDiv(t + kMinuteMs - 1, kMinuteMs);
}

// Logs once per market and year that its holidays are unknown.
void noteUnknownYear(const QString &code, int year)
{
    static std::mutex mutex;
    static std::set<std::pair<QString, int>> noted;
    const std::scoped_lock lock(mutex);
    if (noted.emplace(code, year).second) {
        spdlog::warn("market calendar: {} holidays for {} are not known (not in {}); "
                     "every weekday counts as a session",
            code.toStdString(), year,
            QString::fromUtf16(MarketHolidays::kResourcePath).toStdString());
    }
}

}  // namespace

MarketCalendar MarketCalendar::forMarket(Market market)
{
    MarketCalendar c;
    c.m_market = market;
    const auto hours = [&c](int open, int close) {
        c.m_openMinute = open;
        c.m_closeMinute = close;
        c.m_preOpenMinute = open;
        c.m_postCloseMinute = close;
        c.m_earlyPostCloseMinute = close;
    };
    switch (market) {
    case Market::Crypto:
        c.m_weekdays = kEveryDay;
        hours(0, kDayMinutes);
        break;
    case Market::Fx: {
        const BarDays fx = BarDays::forex();
        c.m_zone = fx.zone;
        c.m_weekdays = kWeekdays;
        hours(fx.rollMinute - kDayMinutes, fx.rollMinute);  // 17:00 the day before .. 17:00
        break;
    }
    case Market::UsEquity:
        c.m_zone = QTimeZone("America/New_York");
        c.m_weekdays = kWeekdays;
        c.m_holidayCode = QStringLiteral("US");
        hours(9 * 60 + 30, 16 * 60);
        c.m_preOpenMinute = 4 * 60;
        c.m_postCloseMinute = 20 * 60;
        c.m_earlyPostCloseMinute = 17 * 60;
        break;
    case Market::Xetra:
        c.m_zone = QTimeZone("Europe/Berlin");
        c.m_weekdays = kWeekdays;
        c.m_holidayCode = QStringLiteral("XETRA");
        hours(9 * 60, 17 * 60 + 30);
        break;
    case Market::BorsaIstanbul:
        c.m_zone = QTimeZone("Europe/Istanbul");
        c.m_weekdays = kWeekdays;
        c.m_holidayCode = QStringLiteral("BIST");
        hours(10 * 60, 18 * 60);
        break;
    }
    if (!c.m_zone.isValid()) {
        spdlog::error(
            "market calendar: no time zone data for {}; using UTC", c.name().toStdString());
        c.m_zone = QTimeZone::utc();
    }
    if (!c.m_holidayCode.isEmpty())
        c.m_holidays = &MarketHolidays::table(c.m_holidayCode);
    return c;
}

QString MarketCalendar::name() const
{
    switch (m_market) {
    case Market::Crypto:
        return QStringLiteral("Crypto 24/7");
    case Market::Fx:
        return QStringLiteral("FX");
    case Market::UsEquity:
        return QStringLiteral("US equities");
    case Market::Xetra:
        return QStringLiteral("Xetra");
    case Market::BorsaIstanbul:
        return QStringLiteral("Borsa Istanbul");
    }
    return QStringLiteral("Unknown");
}

TimeMs MarketCalendar::localToUtc(QDate day, int minute) const
{
    const int dayShift = int(floorDiv(minute, kDayMinutes));
    const int rest = minute - dayShift * kDayMinutes;
    const QDateTime local(day.addDays(dayShift), QTime(rest / 60, rest % 60), m_zone);
    return local.toMSecsSinceEpoch();
}

bool MarketCalendar::isTradingDay(QDate day) const
{
    if (!day.isValid() || !(m_weekdays & (1u << (day.dayOfWeek() - 1))))
        return false;
    if (!m_holidays)
        return true;
    if (!m_holidays->knowsYear(day.year())) {
        noteUnknownYear(m_holidayCode, day.year());
        return true;
    }
    return !m_holidays->holidays.contains(day);
}

bool MarketCalendar::knowsHolidays(int year) const
{
    return !m_holidays || m_holidays->knowsYear(year);
}

std::optional<TradingSession> MarketCalendar::sessionOn(QDate day) const
{
    if (!isTradingDay(day))
        return std::nullopt;
    TradingSession s;
    s.day = day;
    s.open = localToUtc(day, m_openMinute);
    int close = m_closeMinute;
    if (m_holidays && m_holidays->knowsYear(day.year())) {
        const auto early = m_holidays->earlyCloses.find(day);
        if (early != m_holidays->earlyCloses.end()) {
            close = early->second;
            s.earlyClose = true;
        }
    }
    s.close = localToUtc(day, close);
    return s;
}

BarDays MarketCalendar::barDays() const
{
    // A session that opens the evening before (FX) owns the hours after its
    // open on the previous local day.
    return BarDays(m_zone, m_openMinute < 0 ? kDayMinutes + m_openMinute : 0);
}

QDate MarketCalendar::weekStart(QDate sessionDay)
{
    return sessionDay.addDays(1 - sessionDay.dayOfWeek());
}

std::optional<TradingSession> MarketCalendar::sessionAt(TimeMs t) const
{
    if (m_market == Market::Crypto) {
        const TimeMs start = floorDiv(t, kDayMs) * kDayMs;
        return TradingSession {QDateTime::fromMSecsSinceEpoch(start, QTimeZone::utc()).date(),
            start, start + kDayMs, false};
    }
    const std::optional<TradingSession> s = sessionOn(sessionDay(t));
    if (s && s->contains(t))
        return s;
    return std::nullopt;
}

std::optional<TradingSession> MarketCalendar::nextSession(TimeMs t) const
{
    const QDate first = sessionDay(t);
    for (int i = 0; i <= kMaxLookaheadDays; ++i) {
        const std::optional<TradingSession> s = sessionOn(first.addDays(i));
        if (s && s->open > t)
            return s;
    }
    spdlog::error("market calendar: {} has no session within {} days after {}",
        name().toStdString(), kMaxLookaheadDays, t);
    return std::nullopt;
}

std::optional<TimeMs> MarketCalendar::nextOpen(TimeMs t) const
{
    const std::optional<TradingSession> s = nextSession(t);
    if (!s)
        return std::nullopt;
    return s->open;
}

bool MarketCalendar::isExtendedHours(TimeMs t) const
{
    if (m_preOpenMinute == m_openMinute && m_postCloseMinute == m_closeMinute)
        return false;
    const QDate day = sessionDay(t);
    const std::optional<TradingSession> s = sessionOn(day);
    if (!s)
        return false;
    const TimeMs preOpen = localToUtc(day, m_preOpenMinute);
    const TimeMs postClose
        = localToUtc(day, s->earlyClose ? m_earlyPostCloseMinute : m_postCloseMinute);
    return (t >= preOpen && t < s->open) || (t >= s->close && t < postClose);
}

std::int64_t MarketCalendar::expectedMinutes(TimeMs a, TimeMs b) const
{
    if (b <= a)
        return 0;
    if (m_market == Market::Crypto)
        return minuteStartsBefore(b) - minuteStartsBefore(a);
    std::int64_t minutes = 0;
    const QDate last = sessionDay(b);
    for (QDate day = sessionDay(a); day <= last; day = day.addDays(1)) {
        const std::optional<TradingSession> s = sessionOn(day);
        if (!s)
            continue;
        const TimeMs lo = std::max(a, s->open);
        const TimeMs hi = std::min(b, s->close);
        if (hi > lo)
            minutes += minuteStartsBefore(hi) - minuteStartsBefore(lo);
    }
    return minutes;
}

}  // namespace wick
