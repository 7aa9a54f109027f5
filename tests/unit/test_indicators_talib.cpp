// Every TA-Lib function (134 functions, 151 columns: ../shared/golden/all_functions.tsv)
// against TA-Lib's own outputs with its default parameters (gbm_talib_all.csv,
// edge_talib_all.csv; the copies under tests/fixtures/golden when ../shared is not
// beside the checkout). Each function is built from its bare name ("CDLDOJI",
// "MACDEXT"), so Wick's defaults must be TA-Lib's; its group, output count and
// lookback must be TA-Lib's too. The cell rule is the golden README's: an empty
// cell (or TA-Lib's "nan") must be NaN here; otherwise a == b, or |a - b| <=
// 1e-9*|b| + atol with atol by the column's unit; integer columns (candlestick
// patterns) and OBV must be equal. Every function must be in Wick's catalogue
// (catalogueCoverage() names any that is not).
#include <cmath>
#include <map>
#include <vector>

#include <QSet>
#include <QTest>

#include "GoldenCsv.h"
#include "indicators/IndicatorRegistry.h"

using namespace wick;
using namespace wick::test;

namespace {

struct Function {
    QString name;
    QString group;
    QStringList columns;  // in TA-Lib's output order
    QStringList parameterNames;
    std::vector<double> parameters;
    int lookback = 0;
    bool integer = false;
};

std::vector<Function> functions()
{
    std::vector<Function> list;
    for (const GoldenFunctionColumn &row :
        readGoldenFunctions(goldenDir() + QStringLiteral("all_functions.tsv"))) {
        if (list.empty() || list.back().name != row.function) {
            Function f;
            f.name = row.function;
            f.group = row.group;
            f.parameterNames = row.parameterNames;
            f.parameters = row.parameters;
            f.lookback = row.lookback;
            f.integer = row.integer;
            list.push_back(f);
        }
        list.back().columns << row.column;
    }
    return list;
}

// Wick lists a moving-average type after every other parameter (so a spec
// written before the type existed, "BBANDS:20,2,2", keeps its meaning); TA-Lib
// interleaves them. Its defaults in Wick's order:
std::vector<double> defaultsInWickOrder(const Function &f)
{
    std::vector<double> plain;
    std::vector<double> types;
    for (qsizetype i = 0; i < f.parameterNames.size(); ++i)
        (f.parameterNames[i].contains(QLatin1String("MAType")) ? types : plain)
            .push_back(f.parameters[std::size_t(i)]);
    plain.insert(plain.end(), types.begin(), types.end());
    return plain;
}

enum class Unit { Ratio, Price, PriceSquared, Volume, Exact };

// The golden README's atol by unit: 1e-9 for 0-100 scales, ratios and angles;
// 1e-12 x |close| for prices; 1e-6 for the volume lines; exact for integers.
Unit unitOf(const Function &f)
{
    static const QSet<QString> price {QStringLiteral("ATR"), QStringLiteral("TRANGE"),
        QStringLiteral("MOM"), QStringLiteral("APO"), QStringLiteral("MACD"),
        QStringLiteral("MACDEXT"), QStringLiteral("MACDFIX"), QStringLiteral("STDDEV"),
        QStringLiteral("AVGDEV"), QStringLiteral("LINEARREG"),
        QStringLiteral("LINEARREG_INTERCEPT"), QStringLiteral("LINEARREG_SLOPE"),
        QStringLiteral("TSF"), QStringLiteral("PLUS_DM"), QStringLiteral("MINUS_DM"),
        QStringLiteral("HT_PHASOR")};
    if (f.integer || f.name == u"OBV")
        return Unit::Exact;
    if (f.name == u"AD" || f.name == u"ADOSC")
        return Unit::Volume;
    if (f.name == u"VAR")
        return Unit::PriceSquared;
    if (f.group == u"Overlap Studies" || f.group == u"Price Transform" || price.contains(f.name))
        return Unit::Price;
    return Unit::Ratio;
}

bool cellMatches(double a, double b, Unit unit, double close)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (a == b)
        return true;
    double atol = 0.0;
    switch (unit) {
    case Unit::Ratio:
        atol = 1e-9;
        break;
    case Unit::Price:
        atol = 1e-12 * std::fabs(close);
        break;
    case Unit::PriceSquared:
        atol = 1e-12 * close * close;
        break;
    case Unit::Volume:
        atol = 1e-6;
        break;
    case Unit::Exact:
        return false;
    }
    return std::fabs(a - b) <= 1e-9 * std::fabs(b) + atol;
}

}  // namespace

class TestIndicatorsTalib final : public QObject
{
    Q_OBJECT

private slots:
    void catalogueCoverage();
    void catalogueMatchesTalib_data();
    void catalogueMatchesTalib();
    void parity_data();
    void parity();
};

void TestIndicatorsTalib::catalogueCoverage()
{
    const std::vector<Function> all = functions();
    QVERIFY2(all.size() == 134, "all_functions.tsv not found or changed: set WICK_GOLDEN_DIR");
    int columns = 0;
    int doneColumns = 0;
    QStringList missing;
    for (const Function &f : all) {
        columns += int(f.columns.size());
        if (findIndicator(f.name))
            doneColumns += int(f.columns.size());
        else
            missing << f.name;
    }
    QCOMPARE(columns, 151);
    QVERIFY2(missing.isEmpty(),
        qPrintable(QStringLiteral("not in Wick's catalogue: ") + missing.join(QLatin1Char(' '))));
    qInfo("%d of %zu TA-Lib functions (%d of %d columns) are in Wick's catalogue; missing: %s",
        int(all.size()) - int(missing.size()), all.size(), doneColumns, columns,
        missing.isEmpty() ? "none" : qPrintable(missing.join(QLatin1Char(' '))));
}

void TestIndicatorsTalib::catalogueMatchesTalib_data()
{
    QTest::addColumn<int>("index");
    const std::vector<Function> all = functions();
    for (std::size_t i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all[i].name)) << int(i);
}

void TestIndicatorsTalib::catalogueMatchesTalib()
{
    QFETCH(int, index);
    const Function f = functions().at(std::size_t(index));
    const IndicatorInfo *info = findIndicator(f.name);
    QVERIFY2(info, qPrintable(f.name + QStringLiteral(" is not in Wick's catalogue")));
    QCOMPARE(indicatorGroupName(info->group), f.group);
    QCOMPARE(info->outputs.size(), f.columns.size());
    std::vector<double> defaults;
    for (const IndicatorParam &p : info->params)
        defaults.push_back(p.defaultValue);
    QCOMPARE(defaults, defaultsInWickOrder(f));
    QString error;
    const auto spec = parseIndicatorSpec(f.name, &error);
    QVERIFY2(spec, qPrintable(error));
    const auto ind = createIndicator(*spec, &error);
    QVERIFY2(ind, qPrintable(error));
    QCOMPARE(ind->lookback(), f.lookback);
    QCOMPARE(ind->outputCount(), int(f.columns.size()));
}

void TestIndicatorsTalib::parity_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    const std::vector<Function> all = functions();
    for (const char *file : {"gbm", "edge"}) {
        for (std::size_t i = 0; i < all.size(); ++i)
            QTest::addRow("%s %s", file, qPrintable(all[i].name))
                << QString::fromLatin1(file) << int(i);
    }
}

void TestIndicatorsTalib::parity()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    const Function f = functions().at(std::size_t(index));
    QVERIFY2(
        findIndicator(f.name), qPrintable(f.name + QStringLiteral(" is not in Wick's catalogue")));
    static std::map<QString, GoldenTable> inputs;
    static std::map<QString, GoldenTable> expected;
    if (!inputs.count(file)) {
        inputs[file] = readGoldenCsv(goldenDir() + file + QStringLiteral(".csv"));
        expected[file] = readGoldenCsv(goldenDir() + file + QStringLiteral("_talib_all.csv"));
    }
    const std::vector<Bar> bars = goldenBars(inputs[file]);
    const GoldenTable &want = expected[file];
    QVERIFY(!bars.empty());

    QString error;
    const auto spec = parseIndicatorSpec(f.name, &error);
    QVERIFY2(spec, qPrintable(error));
    auto ind = createIndicator(*spec, &error);
    QVERIFY2(ind, qPrintable(error));
    QCOMPARE(ind->outputCount(), int(f.columns.size()));
    std::vector<std::vector<double>> outs;
    ind->batch(bars.data(), bars.size(), outs);

    const Unit unit = unitOf(f);
    int totalMismatches = 0;
    for (qsizetype k = 0; k < f.columns.size(); ++k) {
        const qsizetype col = want.header.indexOf(f.columns[k]);
        QVERIFY2(col > 0, qPrintable(f.columns[k]));
        const std::vector<double> &b = want.columns[std::size_t(col)];
        const std::vector<double> &a = outs[std::size_t(k)];
        QCOMPARE(a.size(), b.size());
        int exact = 0;
        int mismatches = 0;
        int firstBad = -1;
        for (std::size_t i = 0; i < b.size(); ++i) {
            if ((std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i])
                ++exact;
            if (!cellMatches(a[i], b[i], unit, bars[i].close)) {
                ++mismatches;
                if (firstBad < 0)
                    firstBad = int(i);
            }
        }
        qInfo("%s %s: %d/%zu cells bit-exact, %d outside tolerance%s", qPrintable(file),
            qPrintable(f.columns[k]), exact, b.size(), mismatches,
            firstBad >= 0 ? qPrintable(QStringLiteral(", first at row %1: %2 vs %3")
                                           .arg(firstBad)
                                           .arg(a[std::size_t(firstBad)], 0, 'g', 17)
                                           .arg(b[std::size_t(firstBad)], 0, 'g', 17))
                          : "");
        totalMismatches += mismatches;
    }
    QCOMPARE(totalMismatches, 0);
}

QTEST_APPLESS_MAIN(TestIndicatorsTalib)
#include "test_indicators_talib.moc"
