// core/quality/MarketHolidays: the exchange holidays and early closes of
// resources/calendar/market_holidays.tsv (a Qt resource compiled into
// wick_core), parsed once on first use. Read-only after that: any thread.
#pragma once

#include <map>
#include <optional>
#include <set>

#include <QDate>
#include <QString>
#include <QStringView>

namespace wick {

// One market's days off and short days, in the exchange's local calendar.
struct HolidayTable {
    std::set<int> years;  // years whose holidays are complete
    std::set<QDate> holidays;
    std::map<QDate, int> earlyCloses;  // day -> local close, minutes after midnight

    bool knowsYear(int year) const { return years.contains(year); }
};

class MarketHolidays
{
public:
    // The table of a market code of the data file ("US", "XETRA"); an empty
    // table (no year known) for a market the file does not list.
    static const HolidayTable &table(QStringView market);

    // Parses the file's text; a malformed row is logged (with its line
    // number) and skipped, the rest still counts. Public for the tests.
    static std::map<QString, HolidayTable> parse(QStringView text, QStringView origin);

    static constexpr auto kResourcePath = u":/calendar/market_holidays.tsv";
};

}  // namespace wick
