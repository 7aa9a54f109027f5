// The ML feature set (core/features): every column against its definition,
// computed here independently on a crafted series of 260 hourly bars (RSI,
// MACD and BBANDS by TA-Lib's own formulas); warm-up rows empty; no row reads
// a later bar; market_open from the symbol's calendar.
#include <algorithm>
#include <cmath>

#include <QTest>

#include "FeatureReference.h"
#include "features/FeatureSet.h"
#include "feeds/CatalogueSymbol.h"
#include "model/Types.h"

using namespace wick;
using namespace wick::featureref;

namespace {

constexpr std::size_t kBars = 260;

const std::vector<double> &columnOf(const FeatureTable &table, Feature f)
{
    return table.column(f);
}

// Same value, or both empty; rel is relative to the larger magnitude (at least 1).
bool close(double got, double want, double rel = 1e-9)
{
    if (std::isnan(got) || std::isnan(want))
        return std::isnan(got) && std::isnan(want);
    return std::fabs(got - want) <= rel * std::max({1.0, std::fabs(got), std::fabs(want)});
}

QByteArray where(Feature f, std::size_t t, double got, double want)
{
    return QByteArray(featureColumn(f).name) + " row " + QByteArray::number(qulonglong(t)) + ": "
        + QByteArray::number(got, 'g', 17) + " vs " + QByteArray::number(want, 'g', 17);
}

void compareColumn(
    const FeatureTable &table, Feature f, const std::vector<double> &want, double rel = 1e-9)
{
    const std::vector<double> &got = columnOf(table, f);
    QCOMPARE(got.size(), want.size());
    for (std::size_t t = 0; t < want.size(); ++t)
        QVERIFY2(close(got[t], want[t], rel), where(f, t, got[t], want[t]).constData());
}

int countOf(const std::vector<double> &column, double value)
{
    return int(std::count(column.begin(), column.end(), value));
}

}  // namespace

class TestFeatures final : public QObject
{
    Q_OBJECT

private slots:
    void columnsAreTheDocumentedOnes();
    void priceFeatures();
    void volumeFeatures();
    void rsiZoneAndMacdCross();
    void bollingerFeatures();
    void smaFeatures();
    void warmUpRowsAreEmpty();
    void flatSeriesLeavesRatiosEmpty();
    void zeroDivisorsAreEmpty();
    void noRowReadsALaterBar();
    void calendarFeatures();
    void marketOpenFollowsTheSymbolsCalendar();
};

void TestFeatures::columnsAreTheDocumentedOnes()
{
    QCOMPARE(QByteArray(kFeatureSetVersion), QByteArray("wick-features/1"));
    // Warm-up by hand: a lag of N needs N earlier bars; an N-bar volatility needs
    // N returns (the first is at row 1); TA-Lib lookbacks RSI(14) 14, BBANDS(20) 19,
    // SMA(N) N-1, MACD(12,26,9) 33 plus one for the previous row; the squeeze 19 + 99.
    const std::vector<std::pair<QByteArray, int>> want
        = {{"return_1", 1}, {"return_5", 5}, {"return_10", 10}, {"log_return", 1},
            {"momentum_10", 10}, {"volatility_5", 5}, {"volatility_10", 10}, {"volatility_20", 20},
            {"range_ratio", 0}, {"volume_change", 1}, {"volume_ratio_20", 19}, {"vpt", 1},
            {"rsi_zone", 14}, {"macd_cross", 34}, {"bb_position", 19}, {"bb_squeeze", 118},
            {"sma_dist_20", 19}, {"sma_dist_50", 49}, {"sma_dist_200", 199}, {"above_sma_50", 49},
            {"above_sma_200", 199}, {"hour", 0}, {"day_of_week", 0}, {"market_open", 0}};
    QCOMPARE(featureColumns().size(), want.size());
    QCOMPARE(int(want.size()), kFeatureCount);
    for (std::size_t k = 0; k < want.size(); ++k) {
        QCOMPARE(QByteArray(featureColumns()[k].name), want[k].first);
        QCOMPARE(featureColumns()[k].warmUp, want[k].second);
        QVERIFY(QByteArray(featureColumns()[k].definition).size() > 10);
    }
}

void TestFeatures::priceFeatures()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    QCOMPARE(table.rows, kBars);
    const std::vector<double> c = closesOf(bars);
    std::vector<double> r1(kBars, kNaN), r5(kBars, kNaN), r10(kBars, kNaN), lr(kBars, kNaN),
        mom(kBars, kNaN), range(kBars, kNaN);
    for (std::size_t t = 0; t < kBars; ++t) {
        if (t >= 1) {
            r1[t] = c[t] / c[t - 1] - 1.0;
            lr[t] = std::log(c[t] / c[t - 1]);
        }
        if (t >= 5)
            r5[t] = c[t] / c[t - 5] - 1.0;
        if (t >= 10) {
            r10[t] = c[t] / c[t - 10] - 1.0;
            mom[t] = c[t] - c[t - 10];
        }
        range[t] = (bars[t].high - bars[t].low) / c[t];
    }
    compareColumn(table, Feature::Return1, r1);
    compareColumn(table, Feature::Return5, r5);
    compareColumn(table, Feature::Return10, r10);
    compareColumn(table, Feature::LogReturn, lr);
    compareColumn(table, Feature::Momentum10, mom);
    compareColumn(table, Feature::RangeRatio, range);

    const std::pair<Feature, std::size_t> windows[]
        = {{Feature::Volatility5, 5}, {Feature::Volatility10, 10}, {Feature::Volatility20, 20}};
    for (const auto &[feature, n] : windows) {
        std::vector<double> want(kBars, kNaN);
        for (std::size_t t = n; t < kBars; ++t)
            want[t] = populationStd(r1, t + 1 - n, n);
        compareColumn(table, feature, want, 1e-9);
    }
}

void TestFeatures::volumeFeatures()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    std::vector<double> change(kBars, kNaN), ratio(kBars, kNaN), vpt(kBars, kNaN);
    double sum = 0.0;
    for (std::size_t t = 0; t < kBars; ++t) {
        if (t >= 1 && bars[t - 1].volume != 0.0)
            change[t] = bars[t].volume / bars[t - 1].volume - 1.0;
        if (t >= 19) {
            double total = 0.0;
            for (std::size_t k = t - 19; k <= t; ++k)
                total += bars[k].volume;
            if (total != 0.0)
                ratio[t] = bars[t].volume / (total / 20.0);
        }
        if (t >= 1) {
            sum += bars[t].volume * (bars[t].close / bars[t - 1].close - 1.0);
            vpt[t] = sum;
        }
    }
    compareColumn(table, Feature::VolumeChange, change);
    compareColumn(table, Feature::VolumeRatio20, ratio);
    compareColumn(table, Feature::Vpt, vpt);
    // Bar 60 has no volume: its change is -1, the next one's is empty.
    QCOMPARE(table.at(Feature::VolumeChange, 60), -1.0);
    QVERIFY(std::isnan(table.at(Feature::VolumeChange, 61)));
    QCOMPARE(table.at(Feature::VolumeRatio20, 60), 0.0);
}

void TestFeatures::rsiZoneAndMacdCross()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    const std::vector<double> rsi = taLibRsi(closesOf(bars), 14);
    std::vector<double> zone(kBars, kNaN);
    for (std::size_t t = 0; t < kBars; ++t) {
        if (!std::isnan(rsi[t])) {
            QVERIFY(std::fabs(rsi[t] - 30.0) > 1e-6 && std::fabs(rsi[t] - 70.0) > 1e-6);
            zone[t] = rsi[t] < 30.0 ? -1.0 : rsi[t] > 70.0 ? 1.0 : 0.0;
        }
    }
    compareColumn(table, Feature::RsiZone, zone, 0.0);
    const std::vector<double> &gotZone = columnOf(table, Feature::RsiZone);
    QVERIFY(countOf(gotZone, -1.0) > 0 && countOf(gotZone, 0.0) > 0 && countOf(gotZone, 1.0) > 0);

    const auto [line, signal] = taLibMacd(closesOf(bars), 12, 26, 9);
    std::vector<double> cross(kBars, kNaN);
    for (std::size_t t = 34; t < kBars; ++t) {
        const double now = line[t] - signal[t];
        const double before = line[t - 1] - signal[t - 1];
        QVERIFY(std::fabs(now) > 1e-9);  // no near-tie the two computations could split
        cross[t] = now > 0 && before <= 0 ? 1.0 : now < 0 && before >= 0 ? -1.0 : 0.0;
    }
    compareColumn(table, Feature::MacdCross, cross, 0.0);
    const std::vector<double> &gotCross = columnOf(table, Feature::MacdCross);
    QVERIFY(countOf(gotCross, 1.0) >= 3 && countOf(gotCross, -1.0) >= 3);
}

void TestFeatures::bollingerFeatures()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    const std::vector<double> c = closesOf(bars);
    std::vector<double> position(kBars, kNaN), width(kBars, kNaN), squeeze(kBars, kNaN);
    for (std::size_t t = 19; t < kBars; ++t) {
        const double middle = mean(c, t - 19, 20);
        const double sd = populationStd(c, t - 19, 20);
        const double upper = middle + 2.0 * sd;
        const double lower = middle - 2.0 * sd;
        position[t] = (c[t] - lower) / (upper - lower);
        width[t] = (upper - lower) / middle;
    }
    for (std::size_t t = 118; t < kBars; ++t) {
        int below = 0;
        for (std::size_t k = t - 99; k < t; ++k) {
            QVERIFY(std::fabs(width[k] - width[t]) > 1e-9 * width[t]);  // no near-ties
            below += width[k] < width[t] ? 1 : 0;
        }
        squeeze[t] = below / 99.0;
    }
    compareColumn(table, Feature::BbPosition, position, 1e-8);
    compareColumn(table, Feature::BbSqueeze, squeeze, 0.0);
    const std::vector<double> &got = columnOf(table, Feature::BbSqueeze);
    QVERIFY(countOf(got, 0.0) > 0 && countOf(got, 1.0) > 0);  // the series squeezes and widens
}

void TestFeatures::smaFeatures()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    const std::vector<double> c = closesOf(bars);
    const struct {
        std::size_t n;
        Feature distance;
        std::optional<Feature> above;
    } averages[]
        = {{20, Feature::SmaDist20, std::nullopt}, {50, Feature::SmaDist50, Feature::AboveSma50},
            {200, Feature::SmaDist200, Feature::AboveSma200}};
    for (const auto &a : averages) {
        std::vector<double> distance(kBars, kNaN), above(kBars, kNaN);
        for (std::size_t t = a.n - 1; t < kBars; ++t) {
            const double sma = mean(c, t + 1 - a.n, a.n);
            QVERIFY(std::fabs(c[t] - sma) > 1e-9);
            distance[t] = (c[t] / sma - 1.0) * 100.0;
            above[t] = c[t] > sma ? 1.0 : 0.0;
        }
        compareColumn(table, a.distance, distance, 1e-9);
        if (a.above) {
            compareColumn(table, *a.above, above, 0.0);
            QVERIFY(countOf(above, 1.0) > 0 && countOf(above, 0.0) > 0);
        }
    }
}

void TestFeatures::warmUpRowsAreEmpty()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(
        bars, catalogueSymbol(QStringLiteral("binance"), QStringLiteral("BTCUSDT")));
    for (int f = 0; f < kFeatureCount; ++f) {
        const FeatureColumn &column = featureColumns()[std::size_t(f)];
        for (int t = 0; t < column.warmUp; ++t)
            QVERIFY2(std::isnan(table.columns[f][std::size_t(t)]), column.name);
        QVERIFY2(!std::isnan(table.columns[f][std::size_t(column.warmUp)]), column.name);
    }
}

void TestFeatures::flatSeriesLeavesRatiosEmpty()
{
    // 130 bars at 50 with no volume: no band width, no volume to compare with.
    std::vector<Bar> bars;
    for (std::size_t t = 0; t < 130; ++t)
        bars.push_back(Bar {kStartMs + TimeMs(t) * kHourMs, 50, 50, 50, 50, 0, 0});
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    for (std::size_t t = 0; t < bars.size(); ++t) {
        QVERIFY(std::isnan(table.at(Feature::BbPosition, t)));
        QVERIFY(std::isnan(table.at(Feature::VolumeChange, t)));
        QVERIFY(std::isnan(table.at(Feature::VolumeRatio20, t)));
        QCOMPARE(table.at(Feature::RangeRatio, t), 0.0);
        if (t >= 1) {
            QCOMPARE(table.at(Feature::Return1, t), 0.0);
            QCOMPARE(table.at(Feature::Vpt, t), 0.0);
        }
        if (t >= 20)
            QCOMPARE(table.at(Feature::Volatility20, t), 0.0);
        // Every width is 0: none is strictly below the current one.
        if (t >= 118)
            QCOMPARE(table.at(Feature::BbSqueeze, t), 0.0);
        else
            QVERIFY(std::isnan(table.at(Feature::BbSqueeze, t)));
    }
}

void TestFeatures::zeroDivisorsAreEmpty()
{
    // A close of 0 (which the bars CSV refuses, but a caller may hand over).
    const std::vector<Bar> bars
        = {Bar {kStartMs, 10, 11, 9, 10, 100, 0}, Bar {kStartMs + kHourMs, 10, 10, 0, 0, 100, 0},
            Bar {kStartMs + 2 * kHourMs, 5, 6, 4, 5, 100, 0}};
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    QCOMPARE(table.at(Feature::Return1, 1), -1.0);
    QVERIFY(std::isnan(table.at(Feature::LogReturn, 1)));  // ln 0
    QVERIFY(std::isnan(table.at(Feature::RangeRatio, 1)));  // 10 / 0
    QVERIFY(std::isnan(table.at(Feature::Return1, 2)));  // 5 / 0
    QVERIFY(std::isnan(table.at(Feature::Vpt, 2)));
    for (const std::vector<double> &column : table.columns) {
        for (double v : column)
            QVERIFY(!std::isinf(v));
    }
}

void TestFeatures::noRowReadsALaterBar()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable full
        = computeFeatures(bars, catalogueSymbol(QStringLiteral("yahoo"), QStringLiteral("AAPL")));
    for (const std::size_t cut : {0u, 1u, 19u, 33u, 34u, 117u, 118u, 150u, 199u, 230u}) {
        // Every later bar changed; and the bars cut off after row `cut`.
        std::vector<Bar> changed = bars;
        for (std::size_t t = cut + 1; t < kBars; ++t) {
            changed[t].close *= 1.5;
            changed[t].high *= 1.6;
            changed[t].low *= 0.9;
            changed[t].volume = 7.0 * double(t);
        }
        const std::vector<Bar> prefix(bars.begin(), bars.begin() + std::ptrdiff_t(cut + 1));
        const FeatureTable other = computeFeatures(
            changed, catalogueSymbol(QStringLiteral("yahoo"), QStringLiteral("AAPL")));
        const FeatureTable cutOff = computeFeatures(
            prefix, catalogueSymbol(QStringLiteral("yahoo"), QStringLiteral("AAPL")));
        for (int f = 0; f < kFeatureCount; ++f) {
            for (std::size_t t = 0; t <= cut; ++t) {
                const double want = full.columns[f][t];
                const auto same
                    = [want](double v) { return std::isnan(want) ? std::isnan(v) : v == want; };
                QVERIFY2(same(other.columns[f][t]),
                    where(Feature(f), t, other.columns[f][t], want).constData());
                QVERIFY2(same(cutOff.columns[f][t]),
                    where(Feature(f), t, cutOff.columns[f][t], want).constData());
            }
        }
    }
}

void TestFeatures::calendarFeatures()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const FeatureTable table = computeFeatures(bars, std::nullopt);
    for (std::size_t t = 0; t < kBars; ++t) {
        // Hourly from Friday 2026-01-02 00:00 UTC.
        QCOMPARE(table.at(Feature::Hour, t), double(t % 24));
        QCOMPARE(table.at(Feature::DayOfWeek, t), double((4 + t / 24) % 7 + 1));
        QVERIFY(std::isnan(table.at(Feature::MarketOpen, t)));  // no symbol, no calendar
    }
    // Before 1970: 1969-12-31 23:00 UTC was a Wednesday.
    const Bar early {-kHourMs, 1, 1, 1, 1, 1, 0};
    const FeatureTable before = computeFeatures(std::vector<Bar> {early}, std::nullopt);
    QCOMPARE(before.at(Feature::Hour, 0), 23.0);
    QCOMPARE(before.at(Feature::DayOfWeek, 0), 3.0);
}

void TestFeatures::marketOpenFollowsTheSymbolsCalendar()
{
    const std::vector<Bar> bars = craftedBars(kBars);
    const auto aapl = catalogueSymbol(QStringLiteral("yahoo"), QStringLiteral("AAPL"));
    QVERIFY(aapl);
    const FeatureTable stock = computeFeatures(bars, aapl);
    int open = 0;
    for (std::size_t t = 0; t < kBars; ++t) {
        // January: New York is UTC-5; the session is 09:30-16:00, Monday to Friday.
        const TimeMs local = bars[t].time - 5 * kHourMs;
        const int weekday = int((local / kDayMs + 3) % 7) + 1;
        const int minute = int(local % kDayMs / kMinuteMs);
        const bool want = weekday <= 5 && minute >= 9 * 60 + 30 && minute < 16 * 60;
        QCOMPARE(stock.at(Feature::MarketOpen, t), want ? 1.0 : 0.0);
        open += want ? 1 : 0;
    }
    QVERIFY(open > 0);
    // Saturday 2026-01-03 15:00 UTC (10:00 in New York): closed; Monday the 5th: open.
    QCOMPARE(stock.at(Feature::MarketOpen, 24 + 15), 0.0);
    QCOMPARE(stock.at(Feature::MarketOpen, 3 * 24 + 15), 1.0);
    QCOMPARE(stock.at(Feature::MarketOpen, 3 * 24 + 14), 0.0);  // 09:00 in New York

    const FeatureTable crypto = computeFeatures(
        bars, catalogueSymbol(QStringLiteral("binance"), QStringLiteral("BTCUSDT")));
    QCOMPARE(countOf(columnOf(crypto, Feature::MarketOpen), 1.0), int(kBars));
    const auto berlin = catalogueSymbol(QStringLiteral("demo"), QStringLiteral("rhein"));
    QVERIFY(berlin);
    QCOMPARE(berlin->timeZoneId, QByteArray("Europe/Berlin"));
    QVERIFY(!catalogueSymbol(QStringLiteral("csv"), QStringLiteral("MYDATA")));
    QVERIFY(!catalogueSymbol(QStringLiteral("demo"), QStringLiteral("AAPL")));
}

QTEST_APPLESS_MAIN(TestFeatures)
#include "test_features.moc"
