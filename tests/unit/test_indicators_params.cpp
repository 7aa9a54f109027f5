// Spec parsing, parameter validation, the registry's descriptions, the NaN
// rule, series shorter than the lookback and indicator-on-indicator chains.
#include <cmath>
#include <vector>

#include <QSet>
#include <QTest>

#include "indicators/IndicatorRegistry.h"

using namespace wick;

namespace {

std::vector<Bar> walk(std::size_t n)
{
    std::vector<Bar> bars(n);
    double p = 50.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = std::sin(double(i) * 0.7) + 0.3 * std::cos(double(i) * 2.3);
        bars[i] = Bar {TimeMs(i) * 60'000, p, p + std::fabs(d) + 0.1, p - 0.2, p + d * 0.5,
            100.0 + double(i % 17), 0};
        bars[i].high = std::max(bars[i].high, bars[i].close);
        bars[i].low = std::min(bars[i].low, bars[i].close);
        p = bars[i].close;
    }
    return bars;
}

std::unique_ptr<Indicator> make(const QString &text)
{
    QString error;
    const auto spec = parseIndicatorSpec(text, &error);
    if (!spec)
        return nullptr;
    return createIndicator(*spec, &error);
}

}  // namespace

class TestIndicatorsParams final : public QObject
{
    Q_OBJECT

private slots:
    void badSpecsAreRejected_data();
    void badSpecsAreRejected();
    void labels_data();
    void labels();
    void registryDescribesEveryIndicator();
    void nanBarIsSkipped_data();
    void nanBarIsSkipped();
    void shorterThanLookbackIsAllNaN();
    void chainEqualsManualComposition();
    void vwapFollowsTheSessionAnchor();
};

void TestIndicatorsParams::badSpecsAreRejected_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("reason");  // a fragment of the message
    QTest::newRow("unknown") << QStringLiteral("FOO:3") << QStringLiteral("unknown indicator FOO");
    QTest::newRow("empty") << QString() << QStringLiteral("missing indicator name");
    QTest::newRow("period 1") << QStringLiteral(
        "RSI:1") << QStringLiteral("period must be an integer from 2 to 100000, got 1");
    QTest::newRow("period 0") << QStringLiteral("SMA:0") << QStringLiteral("got 0");
    QTest::newRow("negative") << QStringLiteral("EMA:-5") << QStringLiteral("got -5");
    QTest::newRow("fraction") << QStringLiteral("WMA:2.5") << QStringLiteral("an integer");
    QTest::newRow("nan") << QStringLiteral("SMA:nan") << QStringLiteral("is not a number");
    QTest::newRow("inf") << QStringLiteral("SMA:inf") << QStringLiteral("is not a number");
    QTest::newRow("text") << QStringLiteral("SMA:abc") << QStringLiteral("is not a number");
    QTest::newRow("too many") << QStringLiteral("RSI:14,3")
                              << QStringLiteral("takes at most 1 parameters, got 2");
    QTest::newRow("fast >= slow") << QStringLiteral("MACD:26,12,9")
                                  << QStringLiteral("fast (26) must be below slow (12)");
    QTest::newRow("fast == slow") << QStringLiteral("MACD:12,12")
                                  << QStringLiteral("must be below slow");
    QTest::newRow("sar accel > max")
        << QStringLiteral("SAR:0.5,0.2") << QStringLiteral("at most maximum");
    QTest::newRow("sar accel 0") << QStringLiteral("SAR:0,0.2") << QStringLiteral("above 0");
    QTest::newRow("bbands deviation")
        << QStringLiteral("BBANDS:20,-1") << QStringLiteral("nbdevup must be a number from 0");
    QTest::newRow("huge period") << QStringLiteral("SMA:1000000") << QStringLiteral("100000");
    QTest::newRow("bars on indicator")
        << QStringLiteral("STOCH@RSI:14") << QStringLiteral("cannot run on another indicator");
    QTest::newRow("bad output") << QStringLiteral("SMA:9@MACD.bogus")
                                << QStringLiteral("MACD has no output \"bogus\"");
    QTest::newRow("outer output") << QStringLiteral("MACD.signal")
                                  << QStringLiteral("only for an inner indicator");
    QTest::newRow("empty stage") << QStringLiteral("SMA:9@") << QStringLiteral("missing");
}

void TestIndicatorsParams::badSpecsAreRejected()
{
    QFETCH(QString, spec);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!parseIndicatorSpec(spec, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("bad indicator spec")), qPrintable(error));
}

void TestIndicatorsParams::labels_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("columns");
    QTest::newRow("defaults") << QStringLiteral("rsi") << QStringList {QStringLiteral("RSI(14)")};
    QTest::newRow("no params") << QStringLiteral("OBV") << QStringList {QStringLiteral("OBV")};
    QTest::newRow("macd") << QStringLiteral("MACD:12,26,9")
                          << QStringList {QStringLiteral("MACD(12,26,9).macd"),
                                 QStringLiteral("MACD(12,26,9).signal"),
                                 QStringLiteral("MACD(12,26,9).hist")};
    QTest::newRow("partial") << QStringLiteral("BBANDS:20")
                             << QStringList {QStringLiteral("BBANDS(20,2,2).upper"),
                                    QStringLiteral("BBANDS(20,2,2).middle"),
                                    QStringLiteral("BBANDS(20,2,2).lower")};
    QTest::newRow("sar") << QStringLiteral("SAR:0.02,0.2")
                         << QStringList {QStringLiteral("SAR(0.02,0.2)")};
    QTest::newRow("chain") << QStringLiteral("SMA:9@RSI:14")
                           << QStringList {QStringLiteral("SMA(9)@RSI(14)")};
    QTest::newRow("chain output") << QStringLiteral("EMA:5@MACD:12,26,9.hist")
                                  << QStringList {QStringLiteral("EMA(5)@MACD(12,26,9).hist")};
}

void TestIndicatorsParams::labels()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, columns);
    QString error;
    const auto parsed = parseIndicatorSpec(spec, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->columnNames(), columns);
    auto ind = createIndicator(*parsed, &error);
    QVERIFY(ind);
    QCOMPARE(ind->outputCount(), int(columns.size()));
}

void TestIndicatorsParams::registryDescribesEveryIndicator()
{
    const QStringList expected = QStringLiteral(
        "SMA EMA WMA DEMA TEMA KAMA BBANDS SAR VWAP RSI MACD STOCH STOCHRSI ATR NATR TRANGE ADX "
        "PLUS_DI MINUS_DI CCI WILLR MFI ROC MOM STDDEV OBV AD")
                                     .split(QLatin1Char(' '));
    QStringList names;
    for (const IndicatorInfo &info : indicatorCatalogue()) {
        names << info.name;
        QVERIFY(!info.title.isEmpty());
        QVERIFY(!info.outputs.isEmpty());
        for (const IndicatorParam &p : info.params) {
            QVERIFY(p.min <= p.defaultValue && p.defaultValue <= p.max);
        }
        // Defaults always make a valid indicator.
        QVERIFY2(make(info.name), qPrintable(info.name));
    }
    // Every name once; the golden test (test_indicators_talib) checks that every
    // TA-Lib function is here, this one the entries Wick has had since its first release.
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (const QString &name : expected)
        QVERIFY2(names.contains(name), qPrintable(name));
    QCOMPARE(findIndicator(QStringLiteral("MACD"))->group, IndicatorGroup::Momentum);
    QCOMPARE(findIndicator(QStringLiteral("BBANDS"))->group, IndicatorGroup::Overlap);
    QCOMPARE(findIndicator(QStringLiteral("STDDEV"))->group, IndicatorGroup::Statistic);
    QCOMPARE(indicatorGroupName(IndicatorGroup::Overlap), QStringLiteral("Overlap Studies"));
    QCOMPARE(findIndicator(QStringLiteral("rsi"))->levels, (std::vector<double> {30, 70}));
    QCOMPARE(findIndicator(QStringLiteral("STOCH"))->levels, (std::vector<double> {20, 80}));
    QCOMPARE(findIndicator(QStringLiteral("BBANDS"))->placement, IndicatorPlacement::Overlay);
    QCOMPARE(findIndicator(QStringLiteral("VWAP"))->placement, IndicatorPlacement::Overlay);
    QCOMPARE(findIndicator(QStringLiteral("MACD"))->placement, IndicatorPlacement::Pane);
    QCOMPARE(findIndicator(QStringLiteral("MACD"))->params.at(1).defaultValue, 26.0);
    QVERIFY(!findIndicator(QStringLiteral("nope")));
}

void TestIndicatorsParams::nanBarIsSkipped_data()
{
    QTest::addColumn<QString>("spec");
    for (const IndicatorInfo &info : indicatorCatalogue())
        QTest::newRow(qPrintable(info.name)) << info.name;
    QTest::newRow("chain") << QStringLiteral("SMA:5@RSI:7");
}

void TestIndicatorsParams::nanBarIsSkipped()
{
    // The rule: a NaN bar gives NaN outputs for its row and leaves the state as
    // it was, so the series equals the one computed without that bar.
    QFETCH(QString, spec);
    std::vector<Bar> bars = walk(200);
    std::vector<Bar> withoutNan;
    std::vector<Bar> withNan;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        withoutNan.push_back(bars[i]);
        withNan.push_back(bars[i]);
        if (i == 60 || i == 120) {
            Bar hole = bars[i];
            hole.close = std::nan("");
            hole.high = std::nan("");
            hole.low = std::nan("");
            hole.volume = std::nan("");
            withNan.push_back(hole);
        }
    }
    auto a = make(spec);
    auto b = make(spec);
    QVERIFY(a && b);
    std::vector<std::vector<double>> clean;
    std::vector<std::vector<double>> holes;
    a->batch(withoutNan.data(), withoutNan.size(), clean);
    b->batch(withNan.data(), withNan.size(), holes);
    std::size_t j = 0;
    for (std::size_t i = 0; i < withNan.size(); ++i) {
        if (std::isnan(withNan[i].close)) {
            for (const auto &out : holes)
                QVERIFY(std::isnan(out[i]));
            continue;
        }
        for (std::size_t k = 0; k < clean.size(); ++k) {
            const double x = clean[k][j];
            const double y = holes[k][i];
            QVERIFY2((std::isnan(x) && std::isnan(y)) || x == y,
                qPrintable(QStringLiteral("row %1 output %2").arg(i).arg(k)));
        }
        ++j;
    }
}

void TestIndicatorsParams::shorterThanLookbackIsAllNaN()
{
    const std::vector<Bar> bars = walk(25);
    for (const QString &spec : {QStringLiteral("SMA:30"), QStringLiteral("MACD:12,26,9"),
             QStringLiteral("ADX:14"), QStringLiteral("TEMA:30"), QStringLiteral("KAMA:30")}) {
        auto ind = make(spec);
        QVERIFY(ind);
        QVERIFY(ind->lookback() >= 25);
        std::vector<std::vector<double>> outs;
        ind->batch(bars.data(), bars.size(), outs);
        for (const auto &out : outs) {
            QCOMPARE(out.size(), bars.size());
            for (double v : out)
                QVERIFY(std::isnan(v));
        }
    }
    // Empty input: nothing to write, nothing to crash on.
    auto ind = make(QStringLiteral("RSI"));
    std::vector<std::vector<double>> outs;
    ind->batch(bars.data(), 0, outs);
    QCOMPARE(outs.size(), std::size_t(1));
    QVERIFY(outs[0].empty());
    QCOMPARE(make(QStringLiteral("MACD:12,26,9"))->lookback(), 33);
    QCOMPARE(make(QStringLiteral("SMA:9@RSI:14"))->lookback(), 14 + 8);
}

void TestIndicatorsParams::chainEqualsManualComposition()
{
    const std::vector<Bar> bars = walk(300);
    auto rsi = make(QStringLiteral("RSI:14"));
    std::vector<std::vector<double>> r;
    rsi->batch(bars.data(), bars.size(), r);
    // SMA(9) over the RSI values, computed by hand in TA-Lib's running-sum order.
    std::vector<double> expected(bars.size(), std::nan(""));
    double sum = 0.0;
    for (std::size_t i = 14; i < bars.size(); ++i) {
        sum += r[0][i];
        if (i >= 14 + 8) {
            expected[i] = sum / 9;
            sum -= r[0][i - 8];
        }
    }
    auto chain = make(QStringLiteral("SMA:9@RSI:14"));
    std::vector<std::vector<double>> c;
    chain->batch(bars.data(), bars.size(), c);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        QVERIFY2((std::isnan(c[0][i]) && std::isnan(expected[i])) || c[0][i] == expected[i],
            qPrintable(QString::number(i)));
    }
    QVERIFY(!std::isnan(c[0][22]));
    QVERIFY(std::isnan(c[0][21]));
}

void TestIndicatorsParams::vwapFollowsTheSessionAnchor()
{
    QString error;
    const auto spec = parseIndicatorSpec(QStringLiteral("VWAP"), &error);
    // Sessions of 3 bars: the engine would pass the symbol's daily bucket instead.
    IndicatorContext context;
    context.sessionAnchor = [](TimeMs t) { return t / 180'000; };
    auto vwap = createIndicator(*spec, context, &error);
    std::vector<Bar> bars = {
        {0, 10, 12, 9, 11, 100, 0},  // tp 32/3
        {60'000, 11, 13, 10, 12, 300, 0},  // tp 35/3
        {120'000, 12, 12, 12, 12, 0, 0},  // no volume: unchanged
        {180'000, 20, 21, 19, 20, 0, 0},  // new session, no volume yet: undefined
        {240'000, 20, 22, 20, 21, 50, 0},  // tp 21
    };
    std::vector<std::vector<double>> outs;
    vwap->batch(bars.data(), bars.size(), outs);
    const double tp0 = (12.0 + 9.0 + 11.0) / 3.0;
    const double tp1 = (13.0 + 10.0 + 12.0) / 3.0;
    QCOMPARE(outs[0][0], tp0);
    QCOMPARE(outs[0][1], (tp0 * 100.0 + tp1 * 300.0) / 400.0);
    QCOMPARE(outs[0][2], outs[0][1]);
    QVERIFY(std::isnan(outs[0][3]));
    QCOMPARE(outs[0][4], 21.0);
    // Default anchor: the UTC day.
    auto daily = createIndicator(*spec, &error);
    std::vector<Bar> days
        = {{86'400'000 - 60'000, 1, 1, 1, 1, 10, 0}, {86'400'000, 5, 5, 5, 5, 10, 0}};
    daily->batch(days.data(), days.size(), outs);
    QCOMPARE(outs[0][1], 5.0);
}

QTEST_APPLESS_MAIN(TestIndicatorsParams)
#include "test_indicators_params.moc"
