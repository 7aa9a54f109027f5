// Moving-average types (MaType.h): MaCore and MA agree bit for bit with the
// average functions they stand for, period 1 copies the input, MAMA is
// refused for now, and BBANDS follows TA-Lib with a non-SMA middle band.
#include <cmath>
#include <cstring>
#include <vector>

#include <QTest>

#include "indicators/IndicatorRegistry.h"
#include "indicators/MaType.h"

using namespace wick;

namespace {

std::vector<Bar> walk(std::size_t n)
{
    std::vector<Bar> bars(n);
    double p = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = std::sin(double(i) * 0.37) + 0.4 * std::cos(double(i) * 1.9);
        const double c = i >= 150 && i < 190 ? 97.25 : p + d * 0.3;  // a flat stretch
        bars[i] = Bar {TimeMs(i) * 60'000, p, std::max(p, c) + 0.1, std::min(p, c) - 0.1, c,
            1000.0 + double(i % 13), 0};
        p = c;
    }
    return bars;
}

std::vector<std::vector<double>> run(const QString &text, const std::vector<Bar> &bars)
{
    QString error;
    const auto spec = parseIndicatorSpec(text, &error);
    if (!spec)
        qFatal("%s", qPrintable(error));
    std::unique_ptr<Indicator> ind = createIndicator(*spec, &error);
    std::vector<std::vector<double>> outs;
    ind->batch(bars.data(), bars.size(), outs);
    return outs;
}

bool sameBits(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

int firstDifference(const std::vector<double> &a, const std::vector<double> &b)
{
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!sameBits(a[i], b[i]))
            return int(i);
    }
    return -1;
}

}  // namespace

class TestIndicatorsMaType final : public QObject
{
    Q_OBJECT

private slots:
    void maEqualsTheAverageFunction_data();
    void maEqualsTheAverageFunction();
    void coreStepsAsTheFunction();
    void periodOneCopiesTheInput();
    void mamaIsTypeSeven();
    void bbandsWithAnotherMiddleBand();
};

void TestIndicatorsMaType::maEqualsTheAverageFunction_data()
{
    QTest::addColumn<QString>("ma");
    QTest::addColumn<QString>("function");
    const char *functions[] = {"SMA", "EMA", "WMA", "DEMA", "TEMA", "TRIMA", "KAMA", "", "T3"};
    for (int n : {2, 3, 10, 30}) {
        for (int t = 0; t <= 8; ++t) {
            if (t == 7)
                continue;  // MAMA
            const QString name = QString::fromLatin1(functions[t]);
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(name).arg(n)))
                << QStringLiteral("MA:%1,%2").arg(n).arg(t)
                << (t == 8 ? QStringLiteral("T3:%1,0.7").arg(n)
                           : QStringLiteral("%1:%2").arg(name).arg(n));
        }
    }
}

void TestIndicatorsMaType::maEqualsTheAverageFunction()
{
    QFETCH(QString, ma);
    QFETCH(QString, function);
    const std::vector<Bar> bars = walk(400);
    QCOMPARE(firstDifference(run(ma, bars)[0], run(function, bars)[0]), -1);
}

// step<true> gives the function's values, step<false> the same value without
// changing anything.
void TestIndicatorsMaType::coreStepsAsTheFunction()
{
    using ind::MaType;
    const std::vector<Bar> bars = walk(300);
    for (int t = 0; t <= 8; ++t) {
        if (MaType(t) == MaType::Mama)
            continue;
        for (int n : {2, 5, 12}) {
            const std::vector<double> expected
                = run(QStringLiteral("MA:%1,%2").arg(n).arg(t), bars)[0];
            ind::MaCore core(MaType(t), n);
            const ind::MaCore before = core;
            int lookback = -1;
            for (std::size_t i = 0; i < bars.size(); ++i) {
                const double peeked = core.step<false>(bars[i].close);
                const double value = core.step<true>(bars[i].close);
                QVERIFY2(sameBits(peeked, value), qPrintable(QStringLiteral("type %1").arg(t)));
                QVERIFY2(
                    sameBits(value, expected[i]), qPrintable(QStringLiteral("type %1").arg(t)));
                if (lookback < 0 && !std::isnan(value))
                    lookback = int(i);
            }
            QCOMPARE(lookback, before.lookback());
        }
    }
}

void TestIndicatorsMaType::periodOneCopiesTheInput()
{
    using ind::MaType;
    const std::vector<Bar> bars = walk(50);
    for (int t = 0; t <= 8; ++t) {
        if (MaType(t) == MaType::Mama)
            continue;
        ind::MaCore core(MaType(t), 1);
        QCOMPARE(core.lookback(), 0);
        for (const Bar &b : bars)
            QVERIFY(sameBits(core.step<true>(b.close), b.close));
    }
}

// Type 7 is MAMA with TA-Lib's fixed limits (0.5, 0.05): the period is ignored
// (but for 1, which copies the input as every TA_MA type does).
void TestIndicatorsMaType::mamaIsTypeSeven()
{
    const std::vector<Bar> bars = walk(300);
    const std::vector<double> mama = run(QStringLiteral("MAMA:0.5,0.05"), bars)[0];
    for (int period : {2, 10, 30}) {
        const std::vector<double> ma = run(QStringLiteral("MA:%1,7").arg(period), bars)[0];
        QCOMPARE(ma.size(), mama.size());
        for (std::size_t i = 0; i < ma.size(); ++i)
            QVERIFY(std::memcmp(&ma[i], &mama[i], sizeof(double)) == 0);
    }
    QString error;
    QVERIFY(parseIndicatorSpec(QStringLiteral("BBANDS:5,2,2,7"), &error));
    QVERIFY(!parseIndicatorSpec(QStringLiteral("MA:10,9"), &error));
    QVERIFY(parseIndicatorSpec(QStringLiteral("SMA:9@MA:14,8"), &error));
}

// TA_BBANDS with a non-SMA type: middle = MA, deviation = STDDEV(n, 1) called
// from the MA's first row, so its running sums start n-1 rows before it.
void TestIndicatorsMaType::bbandsWithAnotherMiddleBand()
{
    const std::vector<Bar> bars = walk(300);
    const int n = 6;
    for (int t : {1, 3, 5, 6, 8}) {
        const auto bands = run(QStringLiteral("BBANDS:%1,1.5,2,%2").arg(n).arg(t), bars);
        const std::vector<double> middle = run(QStringLiteral("MA:%1,%2").arg(n).arg(t), bars)[0];
        QCOMPARE(firstDifference(bands[1], middle), -1);
        int maLookback = 0;
        while (std::isnan(middle[std::size_t(maLookback)]))
            ++maLookback;
        const std::size_t skip = std::size_t(maLookback - (n - 1));
        const std::vector<Bar> tail(bars.begin() + std::ptrdiff_t(skip), bars.end());
        const std::vector<double> sd = run(QStringLiteral("STDDEV:%1,1").arg(n), tail)[0];
        for (std::size_t i = std::size_t(maLookback); i < bars.size(); ++i) {
            QVERIFY(sameBits(bands[0][i], middle[i] + sd[i - skip] * 1.5));
            QVERIFY(sameBits(bands[2][i], middle[i] - sd[i - skip] * 2.0));
        }
        QVERIFY(std::isnan(bands[0][std::size_t(maLookback - 1)]));
    }
}

QTEST_APPLESS_MAIN(TestIndicatorsMaType)
#include "test_indicators_matype.moc"
