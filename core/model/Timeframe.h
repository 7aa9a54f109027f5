// core/model/Timeframe: the bar timeframes (1m .. 1w), their names and
// buckets. Free functions are pure (any thread); a TimeframeCalendar belongs to
// the one builder that owns it.
#pragma once

#include <array>
#include <optional>

#include <QDate>
#include <QString>
#include <QStringView>
#include <QTimeZone>

#include "model/Types.h"

namespace wick {

enum class Timeframe : std::uint8_t { M1, M5, M15, M30, H1, H4, D1, W1 };

inline constexpr std::array<Timeframe, 8> kAllTimeframes = {Timeframe::M1, Timeframe::M5,
    Timeframe::M15, Timeframe::M30, Timeframe::H1, Timeframe::H4, Timeframe::D1, Timeframe::W1};
inline constexpr std::size_t kTimeframeCount = kAllTimeframes.size();

inline constexpr std::size_t timeframeIndex(Timeframe tf)
{
    return static_cast<std::size_t>(tf);
}

// "1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w".
QString timeframeName(Timeframe tf);
std::optional<Timeframe> parseTimeframe(QStringView name);

// Minutes to 4 hours: buckets are fixed multiples of the UTC epoch.
bool isIntraday(Timeframe tf);
// The fixed bucket length of an intraday timeframe; 24 h and 7 days nominally
// for daily and weekly, whose real length follows the exchange zone's DST.
TimeMs nominalDurationMs(Timeframe tf);

// A half-open bucket [start, end) in UTC milliseconds.
struct Bucket {
    TimeMs start = 0;
    TimeMs end = 0;
    bool contains(TimeMs t) const { return t >= start && t < end; }
    friend bool operator==(const Bucket &, const Bucket &) = default;
};

// Where a market's days lie: the exchange zone and the local time at which
// session day D begins -- local midnight of D (rollMinute 0), or rollMinute
// minutes after midnight on the day before D (FX: 17:00 New York on D-1 opens
// day D, so Sunday 17:00 opens Monday's). Built from a zone alone, its days
// run midnight to midnight. A plain value.
struct BarDays {
    QTimeZone zone = QTimeZone::utc();
    int rollMinute = 0;  // 0 .. 1439

    BarDays() = default;
    BarDays(QTimeZone z, int roll = 0)  // NOLINT(google-explicit-constructor): a zone is its days
        : zone(std::move(z))
        , rollMinute(roll)
    { }
    // FX's: the New York day ending at 17:00 (Symbol::barDays, MarketCalendar's FX).
    static BarDays forex();
    bool utc() const { return rollMinute == 0 && (!zone.isValid() || zone == QTimeZone::utc()); }
    // The session day that holds instant t.
    QDate sessionDate(TimeMs t) const;
    // When session day D begins (UTC ms).
    TimeMs dayStart(QDate day) const;
    // What to add to a local wall time so that its date is the session date
    // (24 h minus the roll; 0 for midnight days): the chart's daily labels.
    TimeMs labelShiftMs() const { return rollMinute == 0 ? 0 : kDayMs - rollMinute * kMinuteMs; }
    friend bool operator==(const BarDays &, const BarDays &) = default;
};

// The bucket of timeframe tf that holds instant t. Intraday buckets are aligned
// to multiples of their length since the UTC epoch; daily buckets are the
// session days of `days` (local midnight to local midnight in the exchange
// zone unless it rolls elsewhere; 23 or 25 hours across a DST change); weekly
// buckets start where Monday's session day starts.
Bucket bucketAt(Timeframe tf, TimeMs t, const BarDays &days);

// bucketAt() with the last answer cached: bar building asks for the bucket of
// every tick, and almost every tick falls in the same bucket as the one before.
// Not thread-safe; each builder owns its own.
class TimeframeCalendar
{
public:
    TimeframeCalendar()
        : TimeframeCalendar(Timeframe::M1)
    { }
    explicit TimeframeCalendar(Timeframe tf, BarDays days = {});

    Timeframe timeframe() const { return m_timeframe; }
    const BarDays &days() const { return m_days; }

    Bucket bucketAt(TimeMs t) const
    {
        if (m_cached.contains(t))
            return m_cached;
        return refresh(t);
    }

private:
    Bucket refresh(TimeMs t) const;

    Timeframe m_timeframe;
    BarDays m_days;
    mutable Bucket m_cached;
};

}  // namespace wick
