// core/storage stores: round trips of BarStore, SymbolStore, CoverageStore,
// WatchlistStore and DataSettingsStore; upsert replaces; coverage merges
// overlapping and touching ranges and lists the gaps.
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <QTemporaryDir>
#include <QTest>

#include "storage/BarStore.h"
#include "storage/CoverageStore.h"
#include "storage/DataSettingsStore.h"
#include "storage/Database.h"
#include "storage/QualityStore.h"
#include "storage/Schema.h"
#include "storage/SymbolStore.h"
#include "storage/WatchlistStore.h"

using namespace wick;

namespace {

constexpr TimeMs kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

// Bars whose prices need all 17 digits, plus extremes of the double range.
std::vector<Bar> awkwardBars(TimeMs start, int count)
{
    std::vector<Bar> bars;
    for (int i = 0; i < count; ++i) {
        const double o = 100.0 / 3.0 + i * 0.1;
        bars.push_back(Bar {start + i * kMinuteMs, o, o + 1e-13, o - 0.30000000000000004,
            std::nextafter(o, 0.0), i % 3 == 0 ? 0.0 : 1.0 / 7.0 * i, std::int64_t(i) * 1'000'003});
    }
    bars.push_back(Bar {start + count * kMinuteMs, std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(), 5e-324,
        1e308, std::numeric_limits<std::int64_t>::max()});
    return bars;
}

using Ranges = QList<QPair<qint64, qint64>>;

Symbol makeSymbol(const QString &source, const QString &code)
{
    Symbol s;
    s.source = source;
    s.code = code;
    s.displayName = QStringLiteral("Apple Inc. – NASDAQ");
    s.assetClass = AssetClass::Equity;
    s.timeZoneId = QByteArrayLiteral("America/New_York");
    s.session = SessionHours::weekdaysBetween(9 * 60 + 30, 16 * 60);
    s.tickSize = 0.0001;
    return s;
}

}  // namespace

class TestStorageStores final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void barsRoundTripBitwise();
    void upsertReplacesAnExistingBar();
    void rangeIsHalfOpenAndPerSymbolAndTimeframe();
    void lastAndPaging();
    void timesThatAreNotWholeMinutesRoundTripInOrder();
    void timeWithoutAnExactKeyIsRefused();
    void pricesFarFromTheOpenRoundTrip();
    void emptyBatchAndRemove();
    void barsReadThroughAReadOnlyConnection();
    void symbolsRoundTrip();
    void symbolSourceIsCaseInsensitive();
    void removingASymbolRemovesItsData();
    void coverageMerges_data();
    void coverageMerges();
    void coverageGaps_data();
    void coverageGaps();
    void watchlistsRoundTrip();
    void dataSettingsRoundTrip();
    void quarantineRoundTripsRawValuesExactly();
    void qualityScoresAndRetention();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    StoredSymbolId m_a = 0;
    StoredSymbolId m_b = 0;
};

void TestStorageStores::init()
{
    m_db.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = Database::open(m_dir->filePath(QStringLiteral("cache.db")));
    SymbolStore symbols(*m_db);
    m_a = symbols.ensure(QStringLiteral("demo"), QStringLiteral("AAA"));
    m_b = symbols.ensure(QStringLiteral("demo"), QStringLiteral("BBB"));
}

void TestStorageStores::barsRoundTripBitwise()
{
    BarStore bars(*m_db);
    const auto written = awkwardBars(kT0, 500);
    bars.upsert(m_a, Timeframe::M1, written);
    QCOMPARE(bars.count(m_a, Timeframe::M1), 501);
    const auto read = bars.range(m_a, Timeframe::M1, 0, kEndOfTime);
    QCOMPARE(read.size(), written.size());
    for (std::size_t i = 0; i < read.size(); ++i)
        QVERIFY2(
            std::memcmp(&read[i], &written[i], sizeof(Bar)) == 0, qPrintable(QString::number(i)));
    // And through a fresh connection, from the file.
    m_db.reset();
    m_db = Database::open(m_dir->filePath(QStringLiteral("cache.db")));
    QCOMPARE(BarStore(*m_db).range(m_a, Timeframe::M1, 0, kEndOfTime), written);
}

void TestStorageStores::upsertReplacesAnExistingBar()
{
    BarStore bars(*m_db);
    bars.upsert(m_a, Timeframe::M5,
        std::vector<Bar> {{kT0, 1, 2, 0.5, 1.5, 10, 4}, {kT0 + 300'000, 2, 3, 1, 2, 20, 5}});
    const Bar replacement {kT0 + 300'000, 2, 4, 1, 3.75, 27.5, 9};
    bars.upsert(
        m_a, Timeframe::M5, std::vector<Bar> {replacement, {kT0 + 600'000, 3, 3, 3, 3, 0, 0}});
    QCOMPARE(bars.count(m_a, Timeframe::M5), 3);
    const auto read = bars.range(m_a, Timeframe::M5, kT0, kEndOfTime);
    QCOMPARE(read.size(), 3u);
    QCOMPARE(read[0], (Bar {kT0, 1, 2, 0.5, 1.5, 10, 4}));
    QCOMPARE(read[1], replacement);
    QCOMPARE(read[2], (Bar {kT0 + 600'000, 3, 3, 3, 3, 0, 0}));

    // Within one batch (rows go in many to a statement) the later bar wins.
    std::vector<Bar> batch = awkwardBars(kT0, 199);
    Bar later = batch[150];
    later.time = batch[3].time;
    batch[150] = later;
    bars.upsert(m_b, Timeframe::M1, batch);
    QCOMPARE(bars.count(m_b, Timeframe::M1), 199);
    QCOMPARE(bars.range(m_b, Timeframe::M1, later.time, later.time + 1), std::vector<Bar> {later});
}

void TestStorageStores::rangeIsHalfOpenAndPerSymbolAndTimeframe()
{
    BarStore bars(*m_db);
    const auto a = awkwardBars(kT0, 100);
    bars.upsert(m_a, Timeframe::M1, a);
    bars.upsert(m_b, Timeframe::M1, awkwardBars(kT0, 10));
    bars.upsert(m_a, Timeframe::H1, awkwardBars(kT0, 7));
    const auto mid = bars.range(m_a, Timeframe::M1, kT0 + 10 * kMinuteMs, kT0 + 20 * kMinuteMs);
    QCOMPARE(mid, std::vector<Bar>(a.begin() + 10, a.begin() + 20));
    QCOMPARE(bars.range(m_a, Timeframe::M1, std::numeric_limits<TimeMs>::min(), kEndOfTime), a);
    QVERIFY(bars.range(m_a, Timeframe::M1, kT0 + 5, kT0 + 5).empty());
    QVERIFY(bars.range(m_a, Timeframe::M1, kT0 + 20, kT0 + 10).empty());
    QCOMPARE(bars.count(m_b, Timeframe::M1), 11);
    QCOMPARE(bars.count(m_a, Timeframe::H1), 8);
    QCOMPARE(bars.count(m_b, Timeframe::H1), 0);
}

void TestStorageStores::lastAndPaging()
{
    BarStore bars(*m_db);
    const auto a = awkwardBars(kT0, 99);  // 100 bars
    bars.upsert(m_a, Timeframe::M1, a);
    QCOMPARE(bars.last(m_a, Timeframe::M1, 3), std::vector<Bar>(a.end() - 3, a.end()));
    QCOMPARE(bars.last(m_a, Timeframe::M1, 1000), a);
    QVERIFY(bars.last(m_a, Timeframe::M1, 0).empty());
    // Paging back from the oldest loaded bar.
    std::vector<Bar> loaded = bars.last(m_a, Timeframe::M1, 30);
    while (true) {
        const auto page = bars.last(m_a, Timeframe::M1, 30, loaded.front().time);
        if (page.empty())
            break;
        loaded.insert(loaded.begin(), page.begin(), page.end());
    }
    QCOMPARE(loaded, a);
}

void TestStorageStores::timesThatAreNotWholeMinutesRoundTripInOrder()
{
    // Whole minutes are stored as INTEGER minutes, the rest as REAL ms / 60000:
    // both kinds mixed must keep their order, their exact ms and their bounds.
    const TimeMs edge = barcodec::kMaxFractionalMinute * kMinuteMs;
    std::vector<TimeMs> times {-edge + 1, -kDayMs - 1, -kMinuteMs, -1, 0, 1, 999, 59'999, kMinuteMs,
        kMinuteMs + 1, kT0 - 1, kT0, kT0 + 1, kT0 + 30'000, kT0 + 59'999, kT0 + kMinuteMs,
        edge - kMinuteMs, edge - 1, edge, 1000 * edge};
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < times.size(); ++i)
        bars.push_back(Bar {times[i], 1.0 + i, 2.0 + i, 0.5, 1.5 + i, 0.25 * i, std::int64_t(i)});
    BarStore store(*m_db);
    store.upsert(m_a, Timeframe::M1, bars);
    QCOMPARE(store.count(m_a, Timeframe::M1), qint64(bars.size()));
    const TimeMs min = std::numeric_limits<TimeMs>::min();
    QCOMPARE(store.range(m_a, Timeframe::M1, min, kEndOfTime), bars);
    // Every half-open range between any two of the times (and a millisecond off).
    for (std::size_t i = 0; i < times.size(); ++i) {
        for (const TimeMs from : {times[i] - 1, times[i], times[i] + 1}) {
            std::vector<Bar> tail;
            for (const Bar &bar : bars)
                if (bar.time >= from)
                    tail.push_back(bar);
            QCOMPARE(store.range(m_a, Timeframe::M1, from, kEndOfTime), tail);
            std::vector<Bar> head;
            for (const Bar &bar : bars)
                if (bar.time < from)
                    head.push_back(bar);
            QCOMPARE(store.range(m_a, Timeframe::M1, min, from), head);
            QCOMPARE(store.last(m_a, Timeframe::M1, 3, from),
                std::vector<Bar>(
                    head.end() - std::min<std::ptrdiff_t>(3, head.size()), head.end()));
        }
    }
    // Replacing a bar at a fractional time replaces, it does not add.
    Bar again = bars[6];
    again.close = 42.0;
    store.upsert(m_a, Timeframe::M1, std::vector<Bar> {again});
    QCOMPARE(store.count(m_a, Timeframe::M1), qint64(bars.size()));
    QCOMPARE(store.range(m_a, Timeframe::M1, again.time, again.time + 1), std::vector<Bar> {again});
    QCOMPARE(store.remove(m_a, Timeframe::M1, kT0 - 1, kT0 + kMinuteMs), 5);
    QCOMPARE(store.remove(m_a, Timeframe::M1, min, kEndOfTime), qint64(bars.size()) - 5);
}

void TestStorageStores::timeWithoutAnExactKeyIsRefused()
{
    BarStore store(*m_db);
    const TimeMs far = barcodec::kMaxFractionalMinute * kMinuteMs + 1;
    for (const TimeMs time : {far, -far, std::numeric_limits<TimeMs>::max()}) {
        try {
            store.upsert(m_a, Timeframe::M1,
                std::vector<Bar> {{kT0, 1, 1, 1, 1, 1, 1}, {time, 1, 1, 1, 1, 1, 1}});
            QFAIL("a time without an exact key must throw");
        } catch (const StorageError &error) {
            QVERIFY2(error.text().contains(QString::number(time)), qPrintable(error.text()));
        }
    }
    QCOMPARE(store.count(m_a, Timeframe::M1), 0);  // all or nothing
    // Whole minutes have a key however far they are.
    const TimeMs whole = std::numeric_limits<TimeMs>::max() / kMinuteMs * kMinuteMs;
    const std::vector<Bar> ends {{-whole, 1, 2, 0.5, 1, 0, 0}, {whole, 1, 2, 0.5, 1, 0, 0}};
    store.upsert(m_a, Timeframe::M1, ends);
    QCOMPARE(store.range(m_a, Timeframe::M1, std::numeric_limits<TimeMs>::min(), kEndOfTime), ends);
}

void TestStorageStores::pricesFarFromTheOpenRoundTrip()
{
    // high, low and close are stored as offsets from the open's bits: any
    // pair must come back, near or far, signed, zero, infinite or NaN.
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double values[] = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e300, 5e-324, inf, -inf, nan,
        std::bit_cast<double>(std::uint64_t(0x7ff0000000000001)), 100.0 / 3.0,
        std::nextafter(2.0, 0.0), 2.0, 123456789.0, 9007199254740993.0 - 1.0};
    std::vector<Bar> bars;
    TimeMs t = kT0;
    for (const double open : values) {
        if (std::isnan(open) || open == 0.0)
            continue;  // a NaN open is NULL to SQLite; -0.0 has its own check below
        for (const double other : values) {
            bars.push_back(Bar {t, open, other, -other, other, std::abs(open), 7});
            t += kMinuteMs;
        }
    }
    BarStore store(*m_db);
    store.upsert(m_a, Timeframe::M1, bars);
    const auto read = store.range(m_a, Timeframe::M1, 0, kEndOfTime);
    QCOMPARE(read.size(), bars.size());
    for (std::size_t i = 0; i < read.size(); ++i)
        QVERIFY2(std::memcmp(&read[i], &bars[i], sizeof(Bar)) == 0,
            qPrintable(
                QStringLiteral("%1: open %2 high %3").arg(i).arg(bars[i].open).arg(bars[i].high)));
    // An open of -0.0 reads as 0.0 (SQLite stores a whole REAL as an integer);
    // the other prices keep their bits all the same.
    const Bar negativeZero {t, -0.0, -0.0, -1e-300, 5e-324, -0.0, 1};
    store.upsert(m_b, Timeframe::M1, std::vector<Bar> {negativeZero});
    const Bar back = store.last(m_b, Timeframe::M1, 1).at(0);
    QCOMPARE(std::bit_cast<std::uint64_t>(back.open), std::uint64_t(0));
    QCOMPARE(std::bit_cast<std::uint64_t>(back.high), std::bit_cast<std::uint64_t>(-0.0));
    QCOMPARE(std::bit_cast<std::uint64_t>(back.low), std::bit_cast<std::uint64_t>(-1e-300));
    QCOMPARE(std::bit_cast<std::uint64_t>(back.close), std::bit_cast<std::uint64_t>(5e-324));
    QCOMPARE(back.volume, 0.0);
}

void TestStorageStores::emptyBatchAndRemove()
{
    BarStore bars(*m_db);
    bars.upsert(m_a, Timeframe::M1, {});
    QCOMPARE(bars.count(m_a, Timeframe::M1), 0);
    bars.upsert(m_a, Timeframe::M1, awkwardBars(kT0, 9));
    QCOMPARE(bars.remove(m_a, Timeframe::M1, kT0 + 2 * kMinuteMs, kT0 + 5 * kMinuteMs), 3);
    QCOMPARE(bars.count(m_a, Timeframe::M1), 7);
}

void TestStorageStores::barsReadThroughAReadOnlyConnection()
{
    const auto a = awkwardBars(kT0, 50);
    BarStore(*m_db).upsert(m_a, Timeframe::D1, a);
    auto reader = Database::open(
        m_dir->filePath(QStringLiteral("cache.db")), OpenOptions {OpenMode::ReadOnly, false});
    BarStore bars(*reader);
    QCOMPARE(bars.range(m_a, Timeframe::D1, 0, kEndOfTime), a);
    QCOMPARE(bars.last(m_a, Timeframe::D1, 5), std::vector<Bar>(a.end() - 5, a.end()));
    SymbolStore symbols(*reader);
    QCOMPARE(symbols.find(QStringLiteral("demo"), QStringLiteral("AAA")), m_a);
}

void TestStorageStores::symbolsRoundTrip()
{
    SymbolStore symbols(*m_db);
    const Symbol apple = makeSymbol(QStringLiteral("yahoo"), QStringLiteral("AAPL"));
    const StoredSymbolId id = symbols.save(apple);
    QCOMPARE(symbols.symbol(id), apple);
    QCOMPARE(symbols.find(QStringLiteral("yahoo"), QStringLiteral("AAPL")), id);
    QCOMPARE(symbols.find(QStringLiteral("yahoo"), QStringLiteral("aapl")), std::nullopt);
    QCOMPARE(symbols.symbol(9999), std::nullopt);

    // Saving again updates every field, same id.
    Symbol changed = apple;
    changed.displayName = QStringLiteral("Apple");
    changed.assetClass = AssetClass::Index;
    changed.timeZoneId = QByteArrayLiteral("Europe/Berlin");
    changed.session = SessionHours::twentyFourSeven();
    changed.session.weekdays = 0x7F;
    changed.tickSize = 0.5;
    QCOMPARE(symbols.save(changed), id);
    QCOMPARE(symbols.symbol(id), changed);
    // ensure() keeps the stored fields.
    QCOMPARE(symbols.ensure(QStringLiteral("yahoo"), QStringLiteral("AAPL")), id);
    QCOMPARE(symbols.symbol(id), changed);

    const auto all = symbols.all();
    QCOMPARE(all.size(), 3u);
    QCOMPARE(all[2], (StoredSymbol {id, changed}));
    QCOMPARE(all[0].symbol.code, QStringLiteral("AAA"));
    QCOMPARE(all[0].symbol.timeZoneId, QByteArrayLiteral("UTC"));
}

void TestStorageStores::symbolSourceIsCaseInsensitive()
{
    SymbolStore symbols(*m_db);
    const StoredSymbolId id = symbols.ensure(QStringLiteral("Binance"), QStringLiteral("BTCUSDT"));
    QCOMPARE(symbols.ensure(QStringLiteral("BINANCE"), QStringLiteral("BTCUSDT")), id);
    QCOMPARE(symbols.find(QStringLiteral("binance"), QStringLiteral("BTCUSDT")), id);
    QCOMPARE(symbols.symbol(id)->source, QStringLiteral("binance"));
    QVERIFY(symbols.ensure(QStringLiteral("binance"), QStringLiteral("btcusdt")) != id);
}

void TestStorageStores::removingASymbolRemovesItsData()
{
    BarStore(*m_db).upsert(m_a, Timeframe::M1, awkwardBars(kT0, 5));
    CoverageStore(*m_db).add(m_a, Timeframe::M1, {kT0, kT0 + kHourMs});
    WatchlistStore watchlists(*m_db);
    const auto list = watchlists.create(QStringLiteral("Main"));
    const std::vector<StoredSymbolId> items {m_b, m_a};
    watchlists.setSymbols(list, items);
    QVERIFY(SymbolStore(*m_db).remove(m_a));
    QCOMPARE(BarStore(*m_db).count(m_a, Timeframe::M1), 0);
    QVERIFY(CoverageStore(*m_db).ranges(m_a, Timeframe::M1).empty());
    QCOMPARE(watchlists.symbols(list), std::vector<StoredSymbolId> {m_b});
}

void TestStorageStores::coverageMerges_data()
{
    QTest::addColumn<Ranges>("added");
    QTest::addColumn<Ranges>("stored");
    QTest::newRow("one") << Ranges {{10, 20}} << Ranges {{10, 20}};
    QTest::newRow("disjoint, out of order")
        << Ranges {{30, 40}, {10, 20}} << Ranges {{10, 20}, {30, 40}};
    QTest::newRow("touching merges") << Ranges {{10, 20}, {20, 30}} << Ranges {{10, 30}};
    QTest::newRow("touching on the left") << Ranges {{20, 30}, {10, 20}} << Ranges {{10, 30}};
    QTest::newRow("overlapping") << Ranges {{10, 25}, {20, 30}} << Ranges {{10, 30}};
    QTest::newRow("contained") << Ranges {{10, 40}, {20, 30}} << Ranges {{10, 40}};
    QTest::newRow("containing") << Ranges {{20, 30}, {10, 40}} << Ranges {{10, 40}};
    QTest::newRow("bridges three")
        << Ranges {{10, 20}, {30, 40}, {50, 60}, {15, 55}} << Ranges {{10, 60}};
    QTest::newRow("bridges by touching")
        << Ranges {{10, 20}, {30, 40}, {20, 30}} << Ranges {{10, 40}};
    QTest::newRow("one apart stays apart")
        << Ranges {{10, 20}, {21, 30}} << Ranges {{10, 20}, {21, 30}};
    QTest::newRow("empty ignored") << Ranges {{10, 20}, {50, 50}, {60, 55}} << Ranges {{10, 20}};
}

void TestStorageStores::coverageMerges()
{
    QFETCH(Ranges, added);
    QFETCH(Ranges, stored);
    CoverageStore coverage(*m_db);
    for (const auto &[start, end] : added)
        coverage.add(m_a, Timeframe::M1, {start, end});
    std::vector<TimeRange> expected;
    for (const auto &[start, end] : stored)
        expected.push_back({start, end});
    QCOMPARE(coverage.ranges(m_a, Timeframe::M1), expected);
    // Other symbols and timeframes are untouched.
    QVERIFY(coverage.ranges(m_b, Timeframe::M1).empty());
    QVERIFY(coverage.ranges(m_a, Timeframe::M5).empty());
}

void TestStorageStores::coverageGaps_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<Ranges>("gaps");
    // Stored: [10, 20), [30, 40), [50, 60).
    QTest::newRow("all of it") << qint64(0) << qint64(100)
                               << Ranges {{0, 10}, {20, 30}, {40, 50}, {60, 100}};
    QTest::newRow("inside one range") << qint64(12) << qint64(18) << Ranges {};
    QTest::newRow("exactly a range") << qint64(30) << qint64(40) << Ranges {};
    QTest::newRow("exactly a gap") << qint64(20) << qint64(30) << Ranges {{20, 30}};
    QTest::newRow("starting inside") << qint64(15) << qint64(35) << Ranges {{20, 30}};
    QTest::newRow("before everything") << qint64(0) << qint64(5) << Ranges {{0, 5}};
    QTest::newRow("after everything") << qint64(70) << qint64(80) << Ranges {{70, 80}};
    QTest::newRow("ending at a range start") << qint64(0) << qint64(10) << Ranges {{0, 10}};
    QTest::newRow("empty") << qint64(40) << qint64(40) << Ranges {};
}

void TestStorageStores::coverageGaps()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(Ranges, gaps);
    CoverageStore coverage(*m_db);
    coverage.add(m_a, Timeframe::H1, {50, 60});
    coverage.add(m_a, Timeframe::H1, {10, 20});
    coverage.add(m_a, Timeframe::H1, {30, 40});
    std::vector<TimeRange> expected;
    for (const auto &[start, end] : gaps)
        expected.push_back({start, end});
    QCOMPARE(coverage.gaps(m_a, Timeframe::H1, {from, to}), expected);
    // No coverage at all: the whole range is a gap.
    if (to > from)
        QCOMPARE(
            coverage.gaps(m_b, Timeframe::H1, {from, to}), (std::vector<TimeRange> {{from, to}}));
    coverage.clear(m_a, Timeframe::H1);
    QVERIFY(coverage.ranges(m_a, Timeframe::H1).empty());
}

void TestStorageStores::watchlistsRoundTrip()
{
    WatchlistStore watchlists(*m_db);
    QVERIFY(watchlists.all().empty());
    const auto crypto = watchlists.create(QStringLiteral("Crypto"));
    const auto stocks = watchlists.create(QStringLiteral("Stocks – US"));
    const std::vector<StoredSymbolId> cryptoItems {m_b, m_a};
    watchlists.setSymbols(crypto, cryptoItems);
    watchlists.setSymbols(stocks, std::vector<StoredSymbolId> {m_a});
    QCOMPARE(watchlists.all(),
        (std::vector<Watchlist> {{crypto, QStringLiteral("Crypto"), cryptoItems},
            {stocks, QStringLiteral("Stocks – US"), {m_a}}}));
    // Replacing the items, renaming, a duplicate name, removing.
    watchlists.setSymbols(crypto, std::vector<StoredSymbolId> {m_a});
    QCOMPARE(watchlists.symbols(crypto), std::vector<StoredSymbolId> {m_a});
    watchlists.rename(crypto, QStringLiteral("Coins"));
    QCOMPARE(watchlists.all().front().name, QStringLiteral("Coins"));
    QVERIFY_THROWS_EXCEPTION(StorageError, watchlists.create(QStringLiteral("Coins")));
    QVERIFY(watchlists.remove(crypto));
    QVERIFY(!watchlists.remove(crypto));
    QCOMPARE(watchlists.all().size(), 1u);
    QCOMPARE(m_db->scalarInt("SELECT count(*) FROM watchlist_items"), 1);
    // A symbol that does not exist is refused.
    QVERIFY_THROWS_EXCEPTION(
        StorageError, watchlists.setSymbols(stocks, std::vector<StoredSymbolId> {m_a, 777}));
    QCOMPARE(watchlists.symbols(stocks), std::vector<StoredSymbolId> {m_a});
}

void TestStorageStores::dataSettingsRoundTrip()
{
    DataSettingsStore settings(*m_db);
    QCOMPARE(settings.value(QStringLiteral("last.symbol")), std::nullopt);
    settings.set(QStringLiteral("last.symbol"), QStringLiteral("binance:BTCUSDT"));
    settings.set(QStringLiteral("last.timeframe"), QStringLiteral("1h"));
    settings.set(QStringLiteral("last.symbol"), QStringLiteral("yahoo:AAPL"));
    settings.set(QStringLiteral("empty"), QString());
    QCOMPARE(settings.value(QStringLiteral("last.symbol")), QStringLiteral("yahoo:AAPL"));
    QCOMPARE(settings.value(QStringLiteral("empty")), QString());
    QCOMPARE(settings.all(),
        (std::vector<std::pair<QString, QString>> {{QStringLiteral("empty"), QString()},
            {QStringLiteral("last.symbol"), QStringLiteral("yahoo:AAPL")},
            {QStringLiteral("last.timeframe"), QStringLiteral("1h")}}));
    QVERIFY(settings.remove(QStringLiteral("empty")));
    QVERIFY(!settings.remove(QStringLiteral("empty")));
    QCOMPARE(settings.all().size(), 2u);
}

void TestStorageStores::quarantineRoundTripsRawValuesExactly()
{
    QualityStore quality(*m_db);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<QuarantinedItem> items {
        {0, 3 * kMinuteMs, 3 * kMinuteMs + 40, QStringLiteral("non_positive_price"), -61350.15, 17,
            QStringLiteral("price -61350.15")},
        {0, kMinuteMs, kMinuteMs + 5, QStringLiteral("non_finite_price"), nan, 18,
            QStringLiteral("price nan")},
        {0, 2 * kMinuteMs, 2 * kMinuteMs + 9, QStringLiteral("broken_ohlc"), 99.0, -1,
            QStringLiteral("high 99 < close 100")},
        {0, 2 * kMinuteMs, 2 * kMinuteMs + 9, QStringLiteral("non_finite_volume"),
            -std::numeric_limits<double>::infinity(), -1, QStringLiteral("volume -inf")},
    };
    const std::vector<std::int64_t> ids = quality.quarantine(m_a, items);
    QCOMPARE(ids.size(), items.size());
    QVERIFY(ids[0] > 0 && ids[1] > ids[0]);
    quality.quarantine(m_b, std::span(items).first(1));
    // Oldest first (by the item's own time, then as stored), per symbol.
    const std::vector<QuarantinedItem> back = quality.quarantined(m_a, 0, kEndOfTime);
    QCOMPARE(back.size(), items.size());
    const std::size_t order[] = {1, 2, 3, 0};
    for (std::size_t i = 0; i < back.size(); ++i) {
        const QuarantinedItem &want = items[order[i]];
        QCOMPARE(back[i].id, ids[order[i]]);
        QCOMPARE(back[i].time, want.time);
        QCOMPARE(back[i].receivedAt, want.receivedAt);
        QCOMPARE(back[i].rule, want.rule);
        QCOMPARE(std::bit_cast<std::uint64_t>(back[i].rawValue),
            std::bit_cast<std::uint64_t>(want.rawValue));  // NaN and -inf too
        QCOMPARE(back[i].tradeId, want.tradeId);
        QCOMPARE(back[i].detail, want.detail);
    }
    QCOMPARE(quality.quarantined(m_a, 2 * kMinuteMs, 3 * kMinuteMs).size(), std::size_t(2));
    QCOMPARE(quality.quarantined(m_a, 0, kEndOfTime, 1).size(), std::size_t(1));
    QCOMPARE(quality.quarantineCount(m_a), 4);
    QCOMPARE(quality.quarantineCount(m_b), 1);
    const auto byRule = quality.quarantineCountsByRule(m_a);
    QCOMPARE(byRule.size(), std::size_t(4));
    QCOMPARE(byRule.front(), (std::pair {QStringLiteral("broken_ohlc"), std::int64_t(1)}));
    // The record goes with its symbol.
    QVERIFY(SymbolStore(*m_db).remove(m_a));
    QCOMPARE(quality.quarantineCount(m_a), 0);
    QCOMPARE(quality.quarantineCount(m_b), 1);
}

void TestStorageStores::qualityScoresAndRetention()
{
    QualityStore quality(*m_db);
    QCOMPARE(quality.score(m_a), std::nullopt);
    const QualityScoreRecord first {0.9975, 4000, 3990, 123'456};
    quality.setScore(m_a, first);
    QCOMPARE(quality.score(m_a), first);
    const QualityScoreRecord later {1.0, 4000, 4000, 223'456};
    quality.setScore(m_a, later);
    QCOMPARE(quality.score(m_a), later);
    QCOMPARE(quality.score(m_b), std::nullopt);
    // Retention drops by arrival time.
    const std::vector<QuarantinedItem> items {
        {0, 10, 100, QStringLiteral("negative_volume"), -1.0, -1, {}},
        {0, 20, 200, QStringLiteral("negative_volume"), -2.0, -1, {}},
        {0, 30, 300, QStringLiteral("negative_volume"), -3.0, -1, {}},
    };
    quality.quarantine(m_b, items);
    QCOMPARE(quality.forgetQuarantinedBefore(250), 2);
    const auto left = quality.quarantined(m_b, 0, kEndOfTime);
    QCOMPARE(left.size(), std::size_t(1));
    QCOMPARE(left.front().rawValue, -3.0);
    QCOMPARE(SymbolStore(*m_db).remove(m_a), true);
    QCOMPARE(quality.score(m_a), std::nullopt);
}

QTEST_APPLESS_MAIN(TestStorageStores)
#include "test_storage_stores.moc"
