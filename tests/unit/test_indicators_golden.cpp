// Parity with TA-Lib 0.6.4: every column of ../shared/golden/{gbm,edge}_talib.csv
// (or its byte-identical copy under tests/fixtures/golden when the checkout stands
// alone; WICK_GOLDEN_DIR says which), read at run time (never copied into this file). The rule is
// the golden README's: an empty cell must be NaN here; otherwise a == b, or |a - b| <= 1e-9*|b| +
// atol with atol per column kind. Bit-exact cells are counted and reported too.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

#include <QFile>
#include <QTest>

#include "GoldenCsv.h"
#include "indicators/IndicatorRegistry.h"

using namespace wick;
using namespace wick::test;

namespace {

enum class Scale { Oscillator, Price, Ad, Exact };

struct Golden {
    const char *spec;
    QStringList columns;  // golden column per output, in output order
    Scale scale;
};

std::vector<Golden> goldenSpecs()
{
    auto c = [](std::initializer_list<const char *> names) {
        QStringList l;
        for (const char *n : names)
            l << QString::fromLatin1(n);
        return l;
    };
    return {
        {"SMA:20", c({"sma_20"}), Scale::Price},
        {"EMA:20", c({"ema_20"}), Scale::Price},
        {"WMA:20", c({"wma_20"}), Scale::Price},
        {"RSI:14", c({"rsi_14"}), Scale::Oscillator},
        {"MACD:12,26,9", c({"macd", "macd_signal", "macd_hist"}), Scale::Price},
        {"BBANDS:20,2,2", c({"bb_upper", "bb_middle", "bb_lower"}), Scale::Price},
        {"STOCH:14,3,3", c({"stoch_slowk", "stoch_slowd"}), Scale::Oscillator},
        {"ATR:14", c({"atr_14"}), Scale::Price},
        {"NATR:14", c({"natr_14"}), Scale::Oscillator},
        {"ADX:14", c({"adx_14"}), Scale::Oscillator},
        {"PLUS_DI:14", c({"plus_di_14"}), Scale::Oscillator},
        {"MINUS_DI:14", c({"minus_di_14"}), Scale::Oscillator},
        {"CCI:20", c({"cci_20"}), Scale::Oscillator},
        {"WILLR:14", c({"willr_14"}), Scale::Oscillator},
        {"OBV", c({"obv"}), Scale::Exact},
        {"MFI:14", c({"mfi_14"}), Scale::Oscillator},
        {"ROC:10", c({"roc_10"}), Scale::Oscillator},
        {"MOM:10", c({"mom_10"}), Scale::Price},
        {"STDDEV:20,1", c({"stddev_20"}), Scale::Price},
        {"TRANGE", c({"trange"}), Scale::Price},
        {"AD", c({"ad"}), Scale::Ad},
        {"SAR:0.02,0.2", c({"sar"}), Scale::Price},
        {"KAMA:30", c({"kama_30"}), Scale::Price},
        {"DEMA:30", c({"dema_30"}), Scale::Price},
        {"TEMA:30", c({"tema_30"}), Scale::Price},
        {"STOCHRSI:14,5,3", c({"stochrsi_fastk", "stochrsi_fastd"}), Scale::Oscillator},
    };
}

// The same outputs, bit for bit (NaN payloads included).
bool sameBits(const std::vector<std::vector<double>> &a, const std::vector<std::vector<double>> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a[k].size() != b[k].size()
            || std::memcmp(a[k].data(), b[k].data(), a[k].size() * sizeof(double)) != 0)
            return false;
    }
    return true;
}

}  // namespace

class TestIndicatorsGolden final : public QObject
{
    Q_OBJECT

private slots:
    void everyColumnIsCovered();
    void fixtureCopyEqualsShared_data();
    void fixtureCopyEqualsShared();
    void parity_data();
    void parity();
};

void TestIndicatorsGolden::fixtureCopyEqualsShared_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file : {"gbm.csv", "gbm_talib.csv", "edge.csv", "edge_talib.csv",
             "all_functions.tsv", "gbm_talib_all.csv", "edge_talib_all.csv", "README.md"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestIndicatorsGolden::fixtureCopyEqualsShared()
{
    QFETCH(QString, file);
    const QString source = qEnvironmentVariable("WICK_SOURCE_DIR");
    QFile shared(source + QStringLiteral("/../shared/golden/") + file);
    QFile copy(source + QStringLiteral("/tests/fixtures/golden/") + file);
    QVERIFY2(copy.open(QIODevice::ReadOnly), qPrintable(copy.fileName()));
    if (!shared.open(QIODevice::ReadOnly))
        QSKIP(
            "../shared/golden is not beside this checkout; the copy is what the parity test reads");
    QVERIFY2(shared.readAll() == copy.readAll(),
        qPrintable(QStringLiteral("%1 differs from ../shared/golden: copy it again")
                       .arg(copy.fileName())));
}

void TestIndicatorsGolden::everyColumnIsCovered()
{
    const GoldenTable t = readGoldenCsv(goldenDir() + QStringLiteral("gbm_talib.csv"));
    QVERIFY2(!t.header.isEmpty(), "golden files not found: set WICK_GOLDEN_DIR");
    QStringList covered {QStringLiteral("ts")};
    for (const Golden &g : goldenSpecs())
        covered << g.columns;
    for (const QString &column : t.header)
        QVERIFY2(covered.contains(column), qPrintable(column));
    QCOMPARE(t.header.size(), 33);
}

void TestIndicatorsGolden::parity_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    const auto specs = goldenSpecs();
    for (const char *file : {"gbm", "edge"}) {
        for (std::size_t i = 0; i < specs.size(); ++i)
            QTest::addRow("%s %s", file, specs[i].spec) << QString::fromLatin1(file) << int(i);
    }
}

void TestIndicatorsGolden::parity()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    const Golden g = goldenSpecs().at(std::size_t(index));
    const GoldenTable input = readGoldenCsv(goldenDir() + file + QStringLiteral(".csv"));
    const GoldenTable expected = readGoldenCsv(goldenDir() + file + QStringLiteral("_talib.csv"));
    QVERIFY(!input.columns.empty());
    const std::vector<Bar> bars = goldenBars(input);

    QString error;
    const auto spec = parseIndicatorSpec(QString::fromLatin1(g.spec), &error);
    QVERIFY2(spec, qPrintable(error));
    auto ind = createIndicator(*spec, &error);
    QVERIFY2(ind, qPrintable(error));
    QCOMPARE(ind->outputCount(), int(g.columns.size()));
    std::vector<std::vector<double>> outs;
    ind->batch(bars.data(), bars.size(), outs);
    // A close-only indicator gives the same doubles over a column of closes.
    if (ind->valueInput()) {
        std::vector<double> closes(bars.size());
        for (std::size_t i = 0; i < bars.size(); ++i)
            closes[i] = bars[i].close;
        auto column = createIndicator(*spec, &error);
        std::vector<std::vector<double>> columnOuts;
        QVERIFY(column->batchValues(closes.data(), closes.size(), columnOuts));
        QVERIFY2(sameBits(columnOuts, outs),
            "batchValues over the closes differs from batch over the bars");
    }

    // Over the OHLCV columns (the engine's and wick-bench's path): the same doubles.
    {
        BarColumnBuffer buffer;
        buffer.fill(bars, bars.size());
        auto columns = createIndicator(*spec, &error);
        std::vector<std::vector<double>> columnOuts;
        columns->batchColumns(buffer.columns(), bars.size(), columnOuts);
        QVERIFY2(sameBits(columnOuts, outs),
            "batchColumns over the columns differs from batch over the bars");
    }

    int totalMismatches = 0;
    for (qsizetype k = 0; k < g.columns.size(); ++k) {
        const qsizetype col = expected.header.indexOf(g.columns[k]);
        QVERIFY2(col > 0, qPrintable(g.columns[k]));
        const std::vector<double> &want = expected.columns[std::size_t(col)];
        const std::vector<double> &got = outs[std::size_t(k)];
        QCOMPARE(got.size(), want.size());
        int exact = 0;
        int mismatches = 0;
        int firstBad = -1;
        double worst = 0.0;
        for (std::size_t i = 0; i < want.size(); ++i) {
            const double a = got[i];
            const double b = want[i];
            bool ok;
            if (std::isnan(b) || std::isnan(a)) {
                ok = std::isnan(a) && std::isnan(b);
            } else if (a == b) {
                ok = true;
            } else {
                double atol = 0.0;
                switch (g.scale) {
                case Scale::Oscillator:
                    atol = 1e-9;
                    break;
                case Scale::Price:
                    atol = 1e-12 * std::fabs(bars[i].close);
                    break;
                case Scale::Ad:
                    atol = 1e-6;
                    break;
                case Scale::Exact:
                    break;
                }
                ok = g.scale != Scale::Exact && std::fabs(a - b) <= 1e-9 * std::fabs(b) + atol;
                worst = std::max(worst, std::fabs(a - b) / std::max(std::fabs(b), 1e-300));
            }
            if (!ok) {
                ++mismatches;
                if (firstBad < 0)
                    firstBad = int(i);
            }
            // Bit-exact: the same double, or both empty.
            if ((std::isnan(a) && std::isnan(b)) || a == b)
                ++exact;
        }
        qInfo("%s %s: %d/%zu cells bit-exact, %d outside tolerance (max rel diff %.3g)%s",
            qPrintable(file), qPrintable(g.columns[k]), exact, want.size(), mismatches, worst,
            firstBad >= 0 ? qPrintable(QStringLiteral(", first at row %1: %2 vs %3")
                                           .arg(firstBad)
                                           .arg(got[std::size_t(firstBad)], 0, 'g', 17)
                                           .arg(want[std::size_t(firstBad)], 0, 'g', 17))
                          : "");
        totalMismatches += mismatches;
    }
    QCOMPARE(totalMismatches, 0);
}

QTEST_APPLESS_MAIN(TestIndicatorsGolden)
#include "test_indicators_golden.moc"
