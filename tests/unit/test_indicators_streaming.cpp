// One implementation, three ways to drive it: batch over an array, update()
// per closed bar, and peek() for the forming bar. All must give the same
// doubles, bit for bit, and peek() must never move the state.
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include <QTest>

#include "indicators/IndicatorRegistry.h"

using namespace wick;

namespace {

// A geometric random walk with flat stretches and zero volumes, so that every
// branch (ties, zero ranges, epsilon tests) is exercised.
std::vector<Bar> randomBars(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> step(0.0, 0.004);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Bar> bars(n);
    double price = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
        Bar &b = bars[i];
        b.time = 1'700'000'000'000 + TimeMs(i) * 3'600'000;  // hourly: VWAP sees new days
        const bool flat = (i / 50) % 7 == 3;
        b.open = price;
        if (!flat)
            price *= std::exp(step(rng));
        b.close = std::round(price * 100.0) / 100.0;
        b.high = flat ? b.open : std::max(b.open, b.close) + std::round(unit(rng) * 30.0) / 100.0;
        b.low = flat ? b.open : std::min(b.open, b.close) - std::round(unit(rng) * 30.0) / 100.0;
        if (flat)
            b.close = b.open;
        // Some zero volumes, but not on the first bar (VWAP's first value is row 0).
        b.volume = i > 0 && unit(rng) < 0.05 ? 0.0 : 1.0 + std::round(unit(rng) * 10000.0);
        price = b.close;
    }
    return bars;
}

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// A plausible forming-bar variant of b: any high/low/close/volume.
Bar variant(const Bar &b, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> d(-1.0, 1.0);
    Bar v = b;
    v.close = b.close + d(rng);
    v.high = std::max(b.high, v.close) + std::fabs(d(rng));
    v.low = std::min(b.low, v.close) - std::fabs(d(rng));
    v.volume = b.volume * (1.0 + d(rng));
    return v;
}

QStringList specsUnderTest()
{
    QStringList specs;
    for (const IndicatorInfo &info : indicatorCatalogue())
        specs << info.name;
    specs << QStringLiteral("SMA:20") << QStringLiteral("MACD:12,26,9")
          << QStringLiteral("BBANDS:20,2,2") << QStringLiteral("STOCH:14,3,3")
          << QStringLiteral("SAR:0.02,0.2") << QStringLiteral("ATR:1")
          << QStringLiteral("SMA:9@RSI:14") << QStringLiteral("EMA:5@MACD:12,26,9.hist")
          << QStringLiteral("BBANDS:10,1.5,2.5@SMA:3@RSI:7");
    // Smallest periods: windows of one or two bars, and CCI below, at and above
    // the four bars its batch loop takes at a time.
    specs << QStringLiteral("STOCH:1,1,1") << QStringLiteral("STOCH:2,1,2")
          << QStringLiteral("WILLR:2") << QStringLiteral("STOCHRSI:2,1,1")
          << QStringLiteral("CCI:2") << QStringLiteral("CCI:3") << QStringLiteral("CCI:4")
          << QStringLiteral("CCI:5") << QStringLiteral("MACD:2,3,1") << QStringLiteral("ATR:1")
          << QStringLiteral("NATR:1") << QStringLiteral("ROC:1") << QStringLiteral("MOM:1")
          << QStringLiteral("WMA:2") << QStringLiteral("KAMA:2") << QStringLiteral("DEMA:2")
          << QStringLiteral("TEMA:2") << QStringLiteral("BBANDS:2,0,0")
          << QStringLiteral("STDDEV:2,0") << QStringLiteral("ADX:2") << QStringLiteral("MFI:2")
          << QStringLiteral("PLUS_DI:2") << QStringLiteral("RSI:2") << QStringLiteral("SMA:2")
          << QStringLiteral("EMA:2");
    // Every moving-average type (SMA 0 ... T3 8, MAMA 7) where a function takes one.
    for (int type = 1; type <= 8; ++type) {
        specs << QStringLiteral("MA:10,%1").arg(type)
              << QStringLiteral("BBANDS:10,2,2,%1").arg(type);
    }
    specs << QStringLiteral("STOCH:14,3,3,1,8") << QStringLiteral("STOCHRSI:14,5,3,7")
          << QStringLiteral("MACDEXT:12,26,9,2,5,7") << QStringLiteral("APO:5,12,8")
          << QStringLiteral("STOCHF:5,3,6");
    return specs;
}

}  // namespace

class TestIndicatorsStreaming final : public QObject
{
    Q_OBJECT

private slots:
    void streamingEqualsBatch_data();
    void streamingEqualsBatch();
    void formingBarNeverMovesState_data() { streamingEqualsBatch_data(); }
    void formingBarNeverMovesState();
    void cloneAndResetContinueIdentically_data() { streamingEqualsBatch_data(); }
    void cloneAndResetContinueIdentically();
    void batchInPiecesEqualsOneBatch_data() { streamingEqualsBatch_data(); }
    void batchInPiecesEqualsOneBatch();
    void batchWithNanBarsEqualsStreaming_data() { streamingEqualsBatch_data(); }
    void batchWithNanBarsEqualsStreaming();
    void columnBatchEqualsBarBatch_data() { streamingEqualsBatch_data(); }
    void columnBatchEqualsBarBatch();
    void barColumnsBatchEqualsBarBatch_data() { streamingEqualsBatch_data(); }
    void barColumnsBatchEqualsBarBatch();
};

void TestIndicatorsStreaming::streamingEqualsBatch_data()
{
    QTest::addColumn<QString>("spec");
    for (const QString &s : specsUnderTest())
        QTest::newRow(qPrintable(s)) << s;
}

void TestIndicatorsStreaming::streamingEqualsBatch()
{
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const std::vector<Bar> bars = randomBars(1500, seed);
        auto batchInd = createIndicator(*parsed, &error);
        auto streamInd = createIndicator(*parsed, &error);
        QVERIFY(batchInd && streamInd);
        std::vector<std::vector<double>> outs;
        batchInd->batch(bars.data(), bars.size(), outs);
        const int k = streamInd->outputCount();
        QCOMPARE(int(outs.size()), k);
        std::vector<double> row(static_cast<std::size_t>(k));
        int firstValid = -1;
        for (std::size_t i = 0; i < bars.size(); ++i) {
            streamInd->update(bars[i], row.data());
            for (int j = 0; j < k; ++j) {
                if (!same(row[std::size_t(j)], outs[std::size_t(j)][i]))
                    QFAIL(qPrintable(QStringLiteral("seed %1 row %2 output %3: stream %4, batch %5")
                                         .arg(seed)
                                         .arg(i)
                                         .arg(j)
                                         .arg(row[std::size_t(j)], 0, 'g', 17)
                                         .arg(outs[std::size_t(j)][i], 0, 'g', 17)));
            }
            if (firstValid < 0 && !std::isnan(row[0]))
                firstValid = int(i);
        }
        // Without NaN bars the first value lands exactly on lookback().
        QCOMPARE(firstValid, streamInd->lookback());
    }
}

void TestIndicatorsStreaming::formingBarNeverMovesState()
{
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    const std::vector<Bar> bars = randomBars(600, 7);
    auto reference = createIndicator(*parsed, &error);
    auto live = createIndicator(*parsed, &error);
    const int k = live->outputCount();
    std::vector<double> want(static_cast<std::size_t>(k));
    std::vector<double> got(static_cast<std::size_t>(k));
    std::vector<double> tentative(static_cast<std::size_t>(k));
    std::mt19937_64 rng(11);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        // The forming bar is updated 1,000 times on some bars, a few times on the others.
        const int peeks = i % 50 == 0 || i == std::size_t(live->lookback()) ? 1000 : 3;
        for (int p = 0; p < peeks; ++p)
            live->peek(variant(bars[i], rng), tentative.data());
        live->peek(bars[i], tentative.data());
        reference->update(bars[i], want.data());
        live->update(bars[i], got.data());
        for (int j = 0; j < k; ++j) {
            QVERIFY2(same(got[std::size_t(j)], want[std::size_t(j)]),
                qPrintable(QStringLiteral("row %1 output %2").arg(i).arg(j)));
            // The last tentative value, for the bar as it closed, is the closed value.
            QVERIFY2(same(tentative[std::size_t(j)], want[std::size_t(j)]),
                qPrintable(QStringLiteral("peek row %1 output %2").arg(i).arg(j)));
        }
    }
}

void TestIndicatorsStreaming::cloneAndResetContinueIdentically()
{
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    const std::vector<Bar> bars = randomBars(400, 5);
    auto ind = createIndicator(*parsed, &error);
    const int k = ind->outputCount();
    std::vector<double> a(static_cast<std::size_t>(k));
    std::vector<double> b(static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < 200; ++i)
        ind->update(bars[i], a.data());
    auto copy = ind->clone();
    for (std::size_t i = 200; i < bars.size(); ++i) {
        ind->update(bars[i], a.data());
        copy->update(bars[i], b.data());
        for (int j = 0; j < k; ++j)
            QVERIFY(same(a[std::size_t(j)], b[std::size_t(j)]));
    }
    ind->reset();
    auto fresh = createIndicator(*parsed, &error);
    for (const Bar &bar : bars) {
        ind->update(bar, a.data());
        fresh->update(bar, b.data());
        for (int j = 0; j < k; ++j)
            QVERIFY(same(a[std::size_t(j)], b[std::size_t(j)]));
    }
}

void TestIndicatorsStreaming::batchInPiecesEqualsOneBatch()
{
    // The engine runs a batch over the history, then streams: batch() continues
    // from the current state like update() does.
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    const std::vector<Bar> bars = randomBars(900, 9);
    auto whole = createIndicator(*parsed, &error);
    auto pieces = createIndicator(*parsed, &error);
    std::vector<std::vector<double>> all;
    whole->batch(bars.data(), bars.size(), all);
    std::vector<std::vector<double>> first;
    std::vector<std::vector<double>> second;
    pieces->batch(bars.data(), 333, first);
    pieces->batch(bars.data() + 333, bars.size() - 333, second);
    for (std::size_t j = 0; j < all.size(); ++j) {
        for (std::size_t i = 0; i < bars.size(); ++i) {
            const double v = i < 333 ? first[j][i] : second[j][i - 333];
            QVERIFY2(same(v, all[j][i]), qPrintable(QStringLiteral("row %1").arg(i)));
        }
    }
}

void TestIndicatorsStreaming::batchWithNanBarsEqualsStreaming()
{
    // batch() runs a steady-state loop that stops at a NaN bar and resumes after
    // it: holes during the warm-up, single and consecutive holes later, and holes
    // in one field only (which only some indicators read) must give what update()
    // gives, bit for bit.
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    std::vector<Bar> bars = randomBars(1500, 13);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        Bar &b = bars[i];
        if (i == 2 || i == 3 || i == 40 || (i >= 700 && i < 704) || i % 97 == 5) {
            b.high = b.low = b.close = b.volume = std::nan("");
        } else if (i % 131 == 7) {
            b.high = std::nan("");
        } else if (i % 151 == 9) {
            b.volume = std::nan("");
        } else if (i % 173 == 11) {
            b.close = std::nan("");
        }
    }
    auto batchInd = createIndicator(*parsed, &error);
    auto streamInd = createIndicator(*parsed, &error);
    QVERIFY(batchInd && streamInd);
    std::vector<std::vector<double>> outs;
    batchInd->batch(bars.data(), bars.size(), outs);
    const int k = streamInd->outputCount();
    std::vector<double> row(static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        streamInd->update(bars[i], row.data());
        for (int j = 0; j < k; ++j) {
            QVERIFY2(same(row[std::size_t(j)], outs[std::size_t(j)][i]),
                qPrintable(QStringLiteral("row %1 output %2: stream %3, batch %4")
                               .arg(i)
                               .arg(j)
                               .arg(row[std::size_t(j)], 0, 'g', 17)
                               .arg(outs[std::size_t(j)][i], 0, 'g', 17)));
        }
    }
}

void TestIndicatorsStreaming::columnBatchEqualsBarBatch()
{
    // batchValues() over a column of closes is batch() over the bars with those
    // closes, bit for bit: with NaN holes (single, consecutive, during the
    // warm-up), in pieces, and continuing from a Bar batch. Indicators that read
    // more than the close refuse a column.
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    auto probe = createIndicator(*parsed, &error);
    QVERIFY(probe);
    QCOMPARE(probe->valueInput(), parsed->stages.front().info->valueInput);
    for (std::uint64_t seed : {21u, 22u, 23u}) {
        std::vector<Bar> bars = randomBars(1500, seed);
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        for (std::size_t i = 0; i < bars.size(); ++i) {
            Bar &b = bars[i];
            // Seed 23 has only the fixed holes: runs of hundreds of valid values.
            if (i == 1 || i == 5 || i == 6 || (i >= 900 && i < 905)
                || (seed != 23 && unit(rng) < 0.02))
                b.close = std::nan("");
            // Other fields missing too: a close-only indicator must not care.
            if (i % 61 == 4)
                b.high = b.low = b.volume = std::nan("");
        }
        std::vector<double> x(bars.size());
        for (std::size_t i = 0; i < bars.size(); ++i)
            x[i] = bars[i].close;

        auto barInd = createIndicator(*parsed, &error);
        auto columnInd = createIndicator(*parsed, &error);
        auto streamInd = createIndicator(*parsed, &error);
        std::vector<std::vector<double>> want;
        barInd->batch(bars.data(), bars.size(), want);
        std::vector<std::vector<double>> got;
        if (!columnInd->valueInput()) {
            QVERIFY(!columnInd->batchValues(x.data(), x.size(), got));
            QVERIFY(got.empty());
            return;
        }
        QVERIFY(columnInd->batchValues(x.data(), x.size(), got));
        const int k = streamInd->outputCount();
        QCOMPARE(int(got.size()), k);
        std::vector<double> row(static_cast<std::size_t>(k));
        for (std::size_t i = 0; i < bars.size(); ++i) {
            streamInd->update(bars[i], row.data());
            for (int j = 0; j < k; ++j) {
                const std::size_t o = std::size_t(j);
                if (!same(got[o][i], want[o][i]) || !same(got[o][i], row[o]))
                    QFAIL(qPrintable(
                        QStringLiteral("seed %1 row %2 output %3: column %4, bars %5, stream %6")
                            .arg(seed)
                            .arg(i)
                            .arg(j)
                            .arg(got[o][i], 0, 'g', 17)
                            .arg(want[o][i], 0, 'g', 17)
                            .arg(row[o], 0, 'g', 17)));
            }
        }

        // In pieces, the first over Bars and the rest over the column (the
        // state carries across), then a column piece that starts in a hole.
        auto mixed = createIndicator(*parsed, &error);
        std::vector<std::vector<double>> first;
        std::vector<std::vector<double>> second;
        std::vector<std::vector<double>> third;
        mixed->batch(bars.data(), 333, first);
        QVERIFY(mixed->batchValues(x.data() + 333, 900 - 333, second));
        QVERIFY(mixed->batchValues(x.data() + 900, x.size() - 900, third));
        for (std::size_t j = 0; j < want.size(); ++j) {
            for (std::size_t i = 0; i < bars.size(); ++i) {
                const double v
                    = i < 333 ? first[j][i] : (i < 900 ? second[j][i - 333] : third[j][i - 900]);
                QVERIFY2(same(v, want[j][i]),
                    qPrintable(QStringLiteral("pieces: seed %1 row %2").arg(seed).arg(i)));
            }
        }
    }
}

void TestIndicatorsStreaming::barColumnsBatchEqualsBarBatch()
{
    // batchColumns() over the OHLCV columns is batch() over the Bars, bit for
    // bit: with NaN holes in any field (a hole in a field the indicator does not
    // read changes nothing), and in pieces that mix Bars and columns.
    QFETCH(QString, spec);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    for (std::uint64_t seed : {31u, 32u}) {
        std::vector<Bar> bars = randomBars(1500, seed);
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        for (std::size_t i = 0; i < bars.size(); ++i) {
            Bar &b = bars[i];
            for (double *field : {&b.open, &b.high, &b.low, &b.close, &b.volume}) {
                if ((i >= 700 && i < 703) || unit(rng) < 0.005)
                    *field = std::nan("");
            }
        }
        BarColumnBuffer buffer;
        buffer.fill(bars, bars.size());
        QCOMPARE(buffer.size(), bars.size());
        const BarColumns columns = buffer.columns();

        auto barInd = createIndicator(*parsed, &error);
        auto columnInd = createIndicator(*parsed, &error);
        QVERIFY(barInd && columnInd);
        std::vector<std::vector<double>> want;
        barInd->batch(bars.data(), bars.size(), want);
        std::vector<std::vector<double>> got;
        columnInd->batchColumns(columns, bars.size(), got);
        QCOMPARE(got.size(), want.size());
        for (std::size_t k = 0; k < want.size(); ++k) {
            for (std::size_t i = 0; i < bars.size(); ++i) {
                if (!same(got[k][i], want[k][i]))
                    QFAIL(qPrintable(QStringLiteral("seed %1 row %2 output %3: columns %4, bars %5")
                                         .arg(seed)
                                         .arg(i)
                                         .arg(k)
                                         .arg(got[k][i], 0, 'g', 17)
                                         .arg(want[k][i], 0, 'g', 17)));
            }
        }

        // Columns, then Bars, then columns again from the middle of the hole.
        auto mixed = createIndicator(*parsed, &error);
        std::vector<std::vector<double>> first;
        std::vector<std::vector<double>> second;
        std::vector<std::vector<double>> third;
        mixed->batchColumns(columns, 401, first);
        mixed->batch(bars.data() + 401, 701 - 401, second);
        mixed->batchColumns(columns.from(701), bars.size() - 701, third);
        for (std::size_t k = 0; k < want.size(); ++k) {
            for (std::size_t i = 0; i < bars.size(); ++i) {
                const double v
                    = i < 401 ? first[k][i] : (i < 701 ? second[k][i - 401] : third[k][i - 701]);
                QVERIFY2(same(v, want[k][i]),
                    qPrintable(QStringLiteral("pieces: seed %1 row %2").arg(seed).arg(i)));
            }
        }
    }
}

QTEST_APPLESS_MAIN(TestIndicatorsStreaming)
#include "test_indicators_streaming.moc"
