// Timeframe: names, bucket alignment (UTC epoch multiples, exchange-zone days
// and weeks across DST and year boundaries) and the TimeframeCalendar cache.
#include <random>
#include <vector>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include "model/Symbol.h"
#include "model/Timeframe.h"

using namespace wick;

namespace {

// A UTC wall time as epoch ms; independent of the zone code under test.
TimeMs utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

QTimeZone newYork()
{
    return QTimeZone(QByteArrayLiteral("America/New_York"));
}

}  // namespace

class TestTimeframe final : public QObject
{
    Q_OBJECT

private slots:
    void utcHelperIsAnchored()
    {
        // Pin the helper to literal epoch values so every expectation below
        // rests on numbers, not on QDateTime alone.
        QCOMPARE(utcMs(1970, 1, 1), TimeMs {0});
        QCOMPARE(utcMs(2026, 3, 8, 5), TimeMs {1'772'946'000'000});
        QCOMPARE(utcMs(2026, 11, 1, 4), TimeMs {1'793'505'600'000});
        QCOMPARE(utcMs(2025, 12, 29), TimeMs {1'766'966'400'000});
    }

    void names_data()
    {
        QTest::addColumn<Timeframe>("tf");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("intraday");
        QTest::addColumn<TimeMs>("duration");
        QTest::newRow("1m") << Timeframe::M1 << "1m" << true << TimeMs {60'000};
        QTest::newRow("5m") << Timeframe::M5 << "5m" << true << TimeMs {300'000};
        QTest::newRow("15m") << Timeframe::M15 << "15m" << true << TimeMs {900'000};
        QTest::newRow("30m") << Timeframe::M30 << "30m" << true << TimeMs {1'800'000};
        QTest::newRow("1h") << Timeframe::H1 << "1h" << true << TimeMs {3'600'000};
        QTest::newRow("4h") << Timeframe::H4 << "4h" << true << TimeMs {14'400'000};
        QTest::newRow("1d") << Timeframe::D1 << "1d" << false << TimeMs {86'400'000};
        QTest::newRow("1w") << Timeframe::W1 << "1w" << false << TimeMs {604'800'000};
    }

    void names()
    {
        QFETCH(Timeframe, tf);
        QFETCH(QString, name);
        QFETCH(bool, intraday);
        QFETCH(TimeMs, duration);
        QCOMPARE(timeframeName(tf), name);
        QCOMPARE(parseTimeframe(name), std::optional<Timeframe>(tf));
        QCOMPARE(parseTimeframe(timeframeName(tf)), std::optional<Timeframe>(tf));
        QCOMPARE(isIntraday(tf), intraday);
        QCOMPARE(nominalDurationMs(tf), duration);
    }

    void allTimeframesAreInIndexOrder()
    {
        QCOMPARE(kTimeframeCount, std::size_t {8});
        for (std::size_t i = 0; i < kAllTimeframes.size(); ++i)
            QCOMPARE(timeframeIndex(kAllTimeframes[i]), i);
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::optional<Timeframe>>("expected");
        QTest::newRow("upper H") << "1H" << std::optional<Timeframe>(Timeframe::H1);
        QTest::newRow("upper D") << "1D" << std::optional<Timeframe>(Timeframe::D1);
        QTest::newRow("empty") << "" << std::optional<Timeframe>();
        QTest::newRow("2m") << "2m" << std::optional<Timeframe>();
        QTest::newRow("space") << "1 m" << std::optional<Timeframe>();
        QTest::newRow("trailing") << "1mm" << std::optional<Timeframe>();
        QTest::newRow("60m") << "60m" << std::optional<Timeframe>();
    }

    void parseRejects()
    {
        QFETCH(QString, name);
        QFETCH(std::optional<Timeframe>, expected);
        QCOMPARE(parseTimeframe(name), expected);
    }

    void intradayAlignment_data()
    {
        QTest::addColumn<Timeframe>("tf");
        QTest::addColumn<TimeMs>("t");
        QTest::addColumn<TimeMs>("start");
        QTest::addColumn<TimeMs>("end");

        // The epoch itself opens a bucket of every length.
        QTest::newRow("1m epoch") << Timeframe::M1 << TimeMs {0} << TimeMs {0} << TimeMs {60'000};
        QTest::newRow("4h epoch") << Timeframe::H4 << TimeMs {0} << TimeMs {0}
                                  << TimeMs {14'400'000};
        // One ms before the epoch is in the bucket that ends at 0 (floorDiv, not
        // truncation, which would give [0, len)).
        QTest::newRow("1m -1ms") << Timeframe::M1 << TimeMs {-1} << TimeMs {-60'000} << TimeMs {0};
        QTest::newRow("5m -1ms") << Timeframe::M5 << TimeMs {-1} << TimeMs {-300'000} << TimeMs {0};
        QTest::newRow("15m -1ms") << Timeframe::M15 << TimeMs {-1} << TimeMs {-900'000}
                                  << TimeMs {0};
        QTest::newRow("30m -1ms") << Timeframe::M30 << TimeMs {-1} << TimeMs {-1'800'000}
                                  << TimeMs {0};
        QTest::newRow("1h -1ms") << Timeframe::H1 << TimeMs {-1} << TimeMs {-3'600'000}
                                 << TimeMs {0};
        QTest::newRow("4h -1ms") << Timeframe::H4 << TimeMs {-1} << TimeMs {-14'400'000}
                                 << TimeMs {0};
        // Exactly on a negative multiple: that multiple starts the bucket.
        QTest::newRow("5m -300000")
            << Timeframe::M5 << TimeMs {-300'000} << TimeMs {-300'000} << TimeMs {0};
        // -300001 ms is one ms before -5 min: bucket [-10 min, -5 min).
        QTest::newRow("5m -300001")
            << Timeframe::M5 << TimeMs {-300'001} << TimeMs {-600'000} << TimeMs {-300'000};
        // 1969-12-31 21:30Z = -9'000'000 ms: the 4h bucket is 20:00Z..24:00Z
        // (-14'400'000..0), the 1h bucket 21:00..22:00 (-10'800'000..-7'200'000).
        QTest::newRow("4h 1969 21:30")
            << Timeframe::H4 << TimeMs {-9'000'000} << TimeMs {-14'400'000} << TimeMs {0};
        QTest::newRow("1h 1969 21:30")
            << Timeframe::H1 << TimeMs {-9'000'000} << TimeMs {-10'800'000} << TimeMs {-7'200'000};

        // 2026-03-08 07:23:45.678Z, the morning New York springs forward.
        const TimeMs t = utcMs(2026, 3, 8, 7, 23, 45, 678);
        QTest::newRow("1m 2026") << Timeframe::M1 << t << utcMs(2026, 3, 8, 7, 23)
                                 << utcMs(2026, 3, 8, 7, 24);
        QTest::newRow("5m 2026") << Timeframe::M5 << t << utcMs(2026, 3, 8, 7, 20)
                                 << utcMs(2026, 3, 8, 7, 25);
        QTest::newRow("15m 2026") << Timeframe::M15 << t << utcMs(2026, 3, 8, 7, 15)
                                  << utcMs(2026, 3, 8, 7, 30);
        QTest::newRow("30m 2026") << Timeframe::M30 << t << utcMs(2026, 3, 8, 7, 0)
                                  << utcMs(2026, 3, 8, 7, 30);
        QTest::newRow("1h 2026") << Timeframe::H1 << t << utcMs(2026, 3, 8, 7)
                                 << utcMs(2026, 3, 8, 8);
        // 4h buckets are UTC 00/04/08/..; 07:23Z is in 04:00Z..08:00Z.
        QTest::newRow("4h 2026") << Timeframe::H4 << t << utcMs(2026, 3, 8, 4)
                                 << utcMs(2026, 3, 8, 8);
        // The last ms of a bucket stays in it; its end opens the next one.
        QTest::newRow("1h last ms") << Timeframe::H1 << utcMs(2026, 3, 8, 7, 59, 59, 999)
                                    << utcMs(2026, 3, 8, 7) << utcMs(2026, 3, 8, 8);
        QTest::newRow("1h end") << Timeframe::H1 << utcMs(2026, 3, 8, 8) << utcMs(2026, 3, 8, 8)
                                << utcMs(2026, 3, 8, 9);
    }

    void intradayAlignment()
    {
        QFETCH(Timeframe, tf);
        QFETCH(TimeMs, t);
        QFETCH(TimeMs, start);
        QFETCH(TimeMs, end);
        const Bucket expected {start, end};
        QCOMPARE(bucketAt(tf, t, QTimeZone::utc()), expected);
        // Intraday buckets ignore the exchange zone: 4h is UTC-aligned in New York too.
        QCOMPARE(bucketAt(tf, t, newYork()), expected);
        QCOMPARE(bucketAt(tf, t, QTimeZone()), expected);
        QCOMPARE(TimeframeCalendar(tf, newYork()).bucketAt(t), expected);
        QCOMPARE((start % nominalDurationMs(tf)), TimeMs {0});
    }

    void utcDailyAndWeekly_data()
    {
        QTest::addColumn<Timeframe>("tf");
        QTest::addColumn<TimeMs>("t");
        QTest::addColumn<TimeMs>("start");
        QTest::addColumn<TimeMs>("end");

        QTest::newRow("1d epoch") << Timeframe::D1 << TimeMs {0} << TimeMs {0}
                                  << TimeMs {86'400'000};
        QTest::newRow("1d -1ms") << Timeframe::D1 << TimeMs {-1} << TimeMs {-86'400'000}
                                 << TimeMs {0};
        // 1969-12-31 (a Wednesday) is in the week Monday 1969-12-29 .. Monday
        // 1970-01-05: -3 days .. +4 days.
        QTest::newRow("1w -1ms") << Timeframe::W1 << TimeMs {-1} << TimeMs {-259'200'000}
                                 << TimeMs {345'600'000};
        // The epoch is a Thursday: same week.
        QTest::newRow("1w epoch") << Timeframe::W1 << TimeMs {0} << TimeMs {-259'200'000}
                                  << TimeMs {345'600'000};
        QTest::newRow("1w 1970-01-05") << Timeframe::W1 << TimeMs {345'600'000}
                                       << TimeMs {345'600'000} << TimeMs {950'400'000};
        // 2026-01-01 is a Thursday; its week starts Monday 2025-12-29.
        QTest::newRow("1w new year")
            << Timeframe::W1 << utcMs(2026, 1, 1, 12) << utcMs(2025, 12, 29) << utcMs(2026, 1, 5);
        QTest::newRow("1w Sunday last ms") << Timeframe::W1 << utcMs(2026, 1, 4, 23, 59, 59, 999)
                                           << utcMs(2025, 12, 29) << utcMs(2026, 1, 5);
        QTest::newRow("1w Monday 00:00")
            << Timeframe::W1 << utcMs(2026, 1, 5) << utcMs(2026, 1, 5) << utcMs(2026, 1, 12);
        QTest::newRow("1w Monday 2025-12-29")
            << Timeframe::W1 << utcMs(2025, 12, 29) << utcMs(2025, 12, 29) << utcMs(2026, 1, 5);
        QTest::newRow("1d new year eve") << Timeframe::D1 << utcMs(2025, 12, 31, 23, 59, 59, 999)
                                         << utcMs(2025, 12, 31) << utcMs(2026, 1, 1);
        // UTC days know no DST: 2026-03-08 is 24 hours.
        QTest::newRow("1d DST day utc")
            << Timeframe::D1 << utcMs(2026, 3, 8, 12) << utcMs(2026, 3, 8) << utcMs(2026, 3, 9);
    }

    void utcDailyAndWeekly()
    {
        QFETCH(Timeframe, tf);
        QFETCH(TimeMs, t);
        QFETCH(TimeMs, start);
        QFETCH(TimeMs, end);
        const Bucket expected {start, end};
        QCOMPARE(bucketAt(tf, t, QTimeZone::utc()), expected);
        // An invalid zone means UTC.
        QCOMPARE(bucketAt(tf, t, QTimeZone()), expected);
        // A zone that is UTC by another name goes through the QDateTime path.
        QCOMPARE(bucketAt(tf, t, QTimeZone(QByteArrayLiteral("Etc/UTC"))), expected);
    }

    void newYorkDaily_data()
    {
        QTest::addColumn<TimeMs>("t");
        QTest::addColumn<TimeMs>("start");
        QTest::addColumn<TimeMs>("end");
        QTest::addColumn<TimeMs>("hours");

        // 2026-03-07 is EST (UTC-5): local midnight = 05:00Z, 24 h.
        QTest::newRow("Mar 7") << utcMs(2026, 3, 7, 12) << utcMs(2026, 3, 7, 5)
                               << utcMs(2026, 3, 8, 5) << TimeMs {24};
        // 04:59:59.999Z on Mar 8 is still 23:59:59.999 EST on Mar 7.
        QTest::newRow("Mar 7 last ms") << utcMs(2026, 3, 8, 4, 59, 59, 999) << utcMs(2026, 3, 7, 5)
                                       << utcMs(2026, 3, 8, 5) << TimeMs {24};
        // 2026-03-08: clocks go 02:00 EST -> 03:00 EDT. Midnight EST = 05:00Z;
        // the next midnight is EDT (UTC-4) = 2026-03-09 04:00Z: 23 hours.
        QTest::newRow("Mar 8 open")
            << utcMs(2026, 3, 8, 5) << utcMs(2026, 3, 8, 5) << utcMs(2026, 3, 9, 4) << TimeMs {23};
        QTest::newRow("Mar 8 after jump") << utcMs(2026, 3, 8, 7, 30) << utcMs(2026, 3, 8, 5)
                                          << utcMs(2026, 3, 9, 4) << TimeMs {23};
        QTest::newRow("Mar 8 last ms") << utcMs(2026, 3, 9, 3, 59, 59, 999) << utcMs(2026, 3, 8, 5)
                                       << utcMs(2026, 3, 9, 4) << TimeMs {23};
        QTest::newRow("Mar 9") << utcMs(2026, 3, 9, 4) << utcMs(2026, 3, 9, 4)
                               << utcMs(2026, 3, 10, 4) << TimeMs {24};
        // 2026-11-01: clocks go 02:00 EDT -> 01:00 EST. Midnight EDT = 04:00Z;
        // the next midnight is EST = 2026-11-02 05:00Z: 25 hours.
        QTest::newRow("Nov 1 open") << utcMs(2026, 11, 1, 4) << utcMs(2026, 11, 1, 4)
                                    << utcMs(2026, 11, 2, 5) << TimeMs {25};
        // 05:30Z and 06:30Z are both 01:30 local (EDT, then EST): same day.
        QTest::newRow("Nov 1 01:30 EDT") << utcMs(2026, 11, 1, 5, 30) << utcMs(2026, 11, 1, 4)
                                         << utcMs(2026, 11, 2, 5) << TimeMs {25};
        QTest::newRow("Nov 1 01:30 EST") << utcMs(2026, 11, 1, 6, 30) << utcMs(2026, 11, 1, 4)
                                         << utcMs(2026, 11, 2, 5) << TimeMs {25};
        QTest::newRow("Nov 1 last ms")
            << utcMs(2026, 11, 2, 4, 59, 59, 999) << utcMs(2026, 11, 1, 4) << utcMs(2026, 11, 2, 5)
            << TimeMs {25};
        QTest::newRow("Nov 2") << utcMs(2026, 11, 2, 5) << utcMs(2026, 11, 2, 5)
                               << utcMs(2026, 11, 3, 5) << TimeMs {24};
    }

    void newYorkDaily()
    {
        QFETCH(TimeMs, t);
        QFETCH(TimeMs, start);
        QFETCH(TimeMs, end);
        QFETCH(TimeMs, hours);
        const Bucket b = bucketAt(Timeframe::D1, t, newYork());
        QCOMPARE(b, (Bucket {start, end}));
        QCOMPARE(b.end - b.start, hours * kHourMs);
        QVERIFY(b.contains(t));
        QCOMPARE(TimeframeCalendar(Timeframe::D1, newYork()).bucketAt(t), b);
    }

    void newYorkWeekly_data()
    {
        QTest::addColumn<TimeMs>("t");
        QTest::addColumn<TimeMs>("start");
        QTest::addColumn<TimeMs>("end");

        // Week of 2026-01-01 (Thursday): Monday 2025-12-29 00:00 EST = 05:00Z ..
        // Monday 2026-01-05 00:00 EST = 05:00Z, 7 x 24 h.
        QTest::newRow("new year") << utcMs(2026, 1, 1, 12) << utcMs(2025, 12, 29, 5)
                                  << utcMs(2026, 1, 5, 5);
        // 2026-01-05 03:00Z is Sunday 22:00 EST: still the old week in New York
        // although UTC has already started the next one.
        QTest::newRow("Sunday night")
            << utcMs(2026, 1, 5, 3) << utcMs(2025, 12, 29, 5) << utcMs(2026, 1, 5, 5);
        QTest::newRow("Monday 00:00 EST")
            << utcMs(2026, 1, 5, 5) << utcMs(2026, 1, 5, 5) << utcMs(2026, 1, 12, 5);
        // 2025-12-29 04:59Z is Sunday 23:59 EST, in the week of Monday 2025-12-22.
        QTest::newRow("Sunday before")
            << utcMs(2025, 12, 29, 4, 59) << utcMs(2025, 12, 22, 5) << utcMs(2025, 12, 29, 5);
        // The week with the March change: Monday 2026-03-02 00:00 EST = 05:00Z ..
        // Monday 2026-03-09 00:00 EDT = 04:00Z, one hour short of 7 days.
        QTest::newRow("spring week")
            << utcMs(2026, 3, 8, 12) << utcMs(2026, 3, 2, 5) << utcMs(2026, 3, 9, 4);
        // The week with the November change: Monday 2026-10-26 00:00 EDT = 04:00Z ..
        // Monday 2026-11-02 00:00 EST = 05:00Z, one hour over 7 days.
        QTest::newRow("autumn week")
            << utcMs(2026, 11, 1, 12) << utcMs(2026, 10, 26, 4) << utcMs(2026, 11, 2, 5);
    }

    void newYorkWeekly()
    {
        QFETCH(TimeMs, t);
        QFETCH(TimeMs, start);
        QFETCH(TimeMs, end);
        const Bucket b = bucketAt(Timeframe::W1, t, newYork());
        QCOMPARE(b, (Bucket {start, end}));
        QCOMPARE(TimeframeCalendar(Timeframe::W1, newYork()).bucketAt(t), b);
    }

    // FX: day D runs from 17:00 New York on D-1 to 17:00 on D (BarDays with a
    // 17:00 roll, Symbol::barDays of a Forex symbol).
    void fxDaily_data()
    {
        QTest::addColumn<TimeMs>("t");
        QTest::addColumn<TimeMs>("start");
        QTest::addColumn<TimeMs>("end");
        QTest::addColumn<QDate>("day");

        // Friday 2026-03-06 16:59 EST (21:59Z): Friday's day, from Thursday 17:00 EST.
        QTest::newRow("Friday before the close")
            << utcMs(2026, 3, 6, 21, 59) << utcMs(2026, 3, 5, 22) << utcMs(2026, 3, 6, 22)
            << QDate(2026, 3, 6);
        // Friday 17:00 EST opens Monday's day on the calendar's count (no
        // trades until Sunday 17:00): the session date is Saturday's here.
        QTest::newRow("Friday 17:00") << utcMs(2026, 3, 6, 22) << utcMs(2026, 3, 6, 22)
                                      << utcMs(2026, 3, 7, 22) << QDate(2026, 3, 7);
        // Sunday 2026-03-08 17:00 EDT (21:00Z, after the 02:00 change) opens Monday
        // 9 March; the Sunday day before it began Saturday 17:00 EST (22:00Z): 23 h.
        QTest::newRow("Sunday open") << utcMs(2026, 3, 8, 21) << utcMs(2026, 3, 8, 21)
                                     << utcMs(2026, 3, 9, 21) << QDate(2026, 3, 9);
        QTest::newRow("Sunday short day") << utcMs(2026, 3, 8, 20, 59) << utcMs(2026, 3, 7, 22)
                                          << utcMs(2026, 3, 8, 21) << QDate(2026, 3, 8);
        // Monday 10:00 EDT (14:00Z) is still Monday's day.
        QTest::newRow("Monday morning") << utcMs(2026, 3, 9, 14) << utcMs(2026, 3, 8, 21)
                                        << utcMs(2026, 3, 9, 21) << QDate(2026, 3, 9);
        // UTC midnight is no boundary: 23:30Z Monday is 19:30 EDT, Tuesday's day.
        QTest::newRow("UTC midnight") << utcMs(2026, 3, 9, 23, 30) << utcMs(2026, 3, 9, 21)
                                      << utcMs(2026, 3, 10, 21) << QDate(2026, 3, 10);
    }

    void fxDaily()
    {
        QFETCH(TimeMs, t);
        QFETCH(TimeMs, start);
        QFETCH(TimeMs, end);
        QFETCH(QDate, day);
        Symbol fx;
        fx.source = QStringLiteral("yahoo");
        fx.code = QStringLiteral("EURUSD=X");
        fx.assetClass = AssetClass::Forex;
        fx.timeZoneId = QByteArrayLiteral("UTC");  // what Yahoo names: the days are New York's
        const BarDays days = fx.barDays();
        QCOMPARE(days.rollMinute, 17 * 60);
        QCOMPARE(days.zone.id(), QByteArrayLiteral("America/New_York"));
        const Bucket b = bucketAt(Timeframe::D1, t, days);
        QCOMPARE(b, (Bucket {start, end}));
        QCOMPARE(TimeframeCalendar(Timeframe::D1, days).bucketAt(t), b);
        QCOMPARE(days.sessionDate(t), day);
        QCOMPARE(days.dayStart(day), start);
        // What the chart labels a daily bar with: its start's wall time moved
        // on by the label shift falls on the session date.
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(b.start, days.zone);
        QCOMPARE(local.addMSecs(days.labelShiftMs()).date(), day);
        // Every other symbol keeps midnight days.
        Symbol stock = fx;
        stock.assetClass = AssetClass::Equity;
        stock.timeZoneId = QByteArrayLiteral("America/New_York");
        QCOMPARE(stock.barDays().rollMinute, 0);
        QCOMPARE(
            bucketAt(Timeframe::D1, t, stock.barDays()), bucketAt(Timeframe::D1, t, newYork()));
    }

    void fxWeekly()
    {
        const BarDays days(newYork(), 17 * 60);
        // The week of Monday 2026-03-09 opens Sunday 8 March 17:00 EDT (21:00Z)
        // and ends Sunday 15 March 17:00 EDT: Friday's 17:00 close is inside it.
        const Bucket week {utcMs(2026, 3, 8, 21), utcMs(2026, 3, 15, 21)};
        QCOMPARE(bucketAt(Timeframe::W1, utcMs(2026, 3, 8, 21), days), week);
        QCOMPARE(bucketAt(Timeframe::W1, utcMs(2026, 3, 13, 21, 59), days), week);
        // Sunday 16:59 EDT belongs to the week before, which opened Sunday
        // 1 March 17:00 EST (22:00Z): one hour short of 7 days.
        const Bucket before = bucketAt(Timeframe::W1, utcMs(2026, 3, 8, 20, 59), days);
        QCOMPARE(before, (Bucket {utcMs(2026, 3, 1, 22), utcMs(2026, 3, 8, 21)}));
        QCOMPARE(TimeframeCalendar(Timeframe::W1, days).bucketAt(utcMs(2026, 3, 10)), week);
    }

    void weekStartsMonday()
    {
        // Every hour over five weeks around the new year and both DST changes:
        // the week opens on a Monday at local midnight, in UTC and New York.
        const QTimeZone zones[] = {QTimeZone::utc(), newYork()};
        const TimeMs starts[] = {utcMs(2025, 12, 15), utcMs(2026, 2, 23), utcMs(2026, 10, 19)};
        int checked = 0;
        for (const QTimeZone &zone : zones) {
            for (TimeMs from : starts) {
                for (TimeMs t = from; t < from + 35 * kDayMs; t += kHourMs) {
                    const Bucket b = bucketAt(Timeframe::W1, t, zone);
                    const QDateTime open = QDateTime::fromMSecsSinceEpoch(b.start, zone);
                    const QDateTime close = QDateTime::fromMSecsSinceEpoch(b.end, zone);
                    QCOMPARE(open.date().dayOfWeek(), 1);
                    QCOMPARE(open.time(), QTime(0, 0));
                    QCOMPARE(close.date(), open.date().addDays(7));
                    QCOMPARE(close.time(), QTime(0, 0));
                    QVERIFY(b.contains(t));
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 2 * 3 * 35 * 24);
    }

    void dayBucketsTileTime()
    {
        // Consecutive New York days over the whole of 2026: each starts where the
        // previous one ended, at local midnight; exactly one 23 h and one 25 h day.
        const QTimeZone zone = newYork();
        Bucket b = bucketAt(Timeframe::D1, utcMs(2026, 1, 1, 5), zone);
        QCOMPARE(b.start, utcMs(2026, 1, 1, 5));
        int short23 = 0;
        int long25 = 0;
        for (int i = 0; i < 365; ++i) {
            const TimeMs length = b.end - b.start;
            if (length == 23 * kHourMs)
                ++short23;
            else if (length == 25 * kHourMs)
                ++long25;
            else
                QCOMPARE(length, kDayMs);
            const Bucket next = bucketAt(Timeframe::D1, b.end, zone);
            QCOMPARE(next.start, b.end);
            b = next;
        }
        QCOMPARE(short23, 1);
        QCOMPARE(long25, 1);
        // 365 days after 2026-01-01 is 2027-01-01, EST again.
        QCOMPARE(b.start, utcMs(2027, 1, 1, 5));
    }

    void midnightInDstGap()
    {
        // Sao Paulo sprang forward at local midnight until 2019: on 2018-11-04
        // 00:00 -03 became 01:00 -02, so that day has no midnight. The bucket
        // still holds the instant, starts at the first local time of the day
        // (Qt moves a gap time forward: 01:00 -02 = 03:00Z) and ends at the
        // next midnight 2018-11-05 00:00 -02 = 02:00Z (23 h).
        const QTimeZone zone(QByteArrayLiteral("America/Sao_Paulo"));
        if (!zone.isValid())
            QSKIP("no America/Sao_Paulo in this system's zone database");
        const TimeMs t = utcMs(2018, 11, 4, 12);
        const Bucket b = bucketAt(Timeframe::D1, t, zone);
        QVERIFY(b.contains(t));
        QCOMPARE(b.start, utcMs(2018, 11, 4, 3));
        QCOMPARE(b.end, utcMs(2018, 11, 5, 2));
        // The day before ends where this one starts: no instant is in no day.
        QCOMPARE(bucketAt(Timeframe::D1, utcMs(2018, 11, 3, 12), zone).end, b.start);
    }

    void calendarCacheMatchesBucketAt()
    {
        // Random walks forward and backward in time (mostly small steps, so the
        // cache is hit, sometimes days, so it is refreshed) over both DST changes
        // and the new year: the cached answer equals the uncached one every time.
        std::mt19937_64 rng(20260308);
        const QTimeZone zones[] = {QTimeZone::utc(), newYork()};
        const TimeMs origins[] = {utcMs(2025, 12, 28), utcMs(2026, 3, 6), utcMs(2026, 10, 30)};
        std::uniform_int_distribution<TimeMs> small(-90'000, 600'000);
        std::uniform_int_distribution<TimeMs> large(-3 * kDayMs, 3 * kDayMs);
        std::uniform_int_distribution<int> coin(0, 19);
        int queries = 0;
        int refreshes = 0;
        for (const QTimeZone &zone : zones) {
            for (Timeframe tf : kAllTimeframes) {
                TimeframeCalendar calendar(tf, zone);
                QCOMPARE(calendar.timeframe(), tf);
                for (TimeMs origin : origins) {
                    TimeMs t = origin;
                    Bucket previous {1, 0};
                    for (int i = 0; i < 2000; ++i) {
                        t += coin(rng) == 0 ? large(rng) : small(rng);
                        const Bucket cached = calendar.bucketAt(t);
                        QCOMPARE(cached, bucketAt(tf, t, zone));
                        if (!(cached == previous))
                            ++refreshes;
                        previous = cached;
                        ++queries;
                    }
                }
            }
        }
        QCOMPARE(queries, 2 * 8 * 3 * 2000);
        // The walk really moved across buckets (each 1m walk alone changes bucket
        // on most steps), so the cache was exercised in both directions.
        QVERIFY(refreshes > 10'000);
    }
};

QTEST_APPLESS_MAIN(TestTimeframe)
#include "test_timeframe.moc"
