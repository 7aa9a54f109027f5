#include "IndicatorRegistry.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include <QLocale>

#include "indicators/Averages.h"
#include "indicators/Directional.h"
#include "indicators/Oscillators.h"
#include "indicators/Volatility.h"
#include "indicators/Volume.h"

namespace wick {

namespace {

constexpr double kMaxPeriod = 100000;  // TA-Lib's upper bound

IndicatorParam period(double def, double min = 2)
{
    return {QStringLiteral("period"), def, min, kMaxPeriod, true};
}

IndicatorParam named(const char16_t *name, double def, double min = 1)
{
    return {QString::fromUtf16(name), def, min, kMaxPeriod, true};
}

IndicatorParam real(const char16_t *name, double def, double min, double max)
{
    return {QString::fromUtf16(name), def, min, max, false};
}

const std::vector<IndicatorInfo> &catalogue()
{
    using P = IndicatorPlacement;
    const QStringList one {QStringLiteral("value")};
    static const std::vector<IndicatorInfo> infos = {
        {QStringLiteral("SMA"), QStringLiteral("Simple Moving Average"), {period(30)}, one,
            P::Overlay, true, {}},
        {QStringLiteral("EMA"), QStringLiteral("Exponential Moving Average"), {period(30)}, one,
            P::Overlay, true, {}},
        {QStringLiteral("WMA"), QStringLiteral("Weighted Moving Average"), {period(30)}, one,
            P::Overlay, true, {}},
        {QStringLiteral("DEMA"), QStringLiteral("Double Exponential Moving Average"), {period(30)},
            one, P::Overlay, true, {}},
        {QStringLiteral("TEMA"), QStringLiteral("Triple Exponential Moving Average"), {period(30)},
            one, P::Overlay, true, {}},
        {QStringLiteral("KAMA"), QStringLiteral("Kaufman Adaptive Moving Average"), {period(30)},
            one, P::Overlay, true, {}},
        {QStringLiteral("BBANDS"), QStringLiteral("Bollinger Bands"),
            {period(5), real(u"nbdevup", 2, 0, 100), real(u"nbdevdn", 2, 0, 100)},
            {QStringLiteral("upper"), QStringLiteral("middle"), QStringLiteral("lower")},
            P::Overlay, true, {}},
        {QStringLiteral("SAR"), QStringLiteral("Parabolic SAR"),
            {real(u"acceleration", 0.02, 0, 1), real(u"maximum", 0.2, 0, 1)}, one, P::Overlay,
            false, {}},
        {QStringLiteral("VWAP"), QStringLiteral("Volume-Weighted Average Price (session)"), {}, one,
            P::Overlay, false, {}},
        {QStringLiteral("RSI"), QStringLiteral("Relative Strength Index"), {period(14)}, one,
            P::Pane, true, {30, 70}},
        {QStringLiteral("MACD"), QStringLiteral("Moving Average Convergence/Divergence"),
            {named(u"fast", 12, 2), named(u"slow", 26, 2), named(u"signal", 9, 1)},
            {QStringLiteral("macd"), QStringLiteral("signal"), QStringLiteral("hist")}, P::Pane,
            true, {0}},
        {QStringLiteral("STOCH"), QStringLiteral("Stochastic"),
            {named(u"fastk", 5), named(u"slowk", 3), named(u"slowd", 3)},
            {QStringLiteral("slowk"), QStringLiteral("slowd")}, P::Pane, false, {20, 80}},
        {QStringLiteral("STOCHRSI"), QStringLiteral("Stochastic RSI"),
            {period(14), named(u"fastk", 5), named(u"fastd", 3)},
            {QStringLiteral("fastk"), QStringLiteral("fastd")}, P::Pane, true, {20, 80}},
        {QStringLiteral("ATR"), QStringLiteral("Average True Range"), {period(14, 1)}, one, P::Pane,
            false, {}},
        {QStringLiteral("NATR"), QStringLiteral("Normalized Average True Range"), {period(14, 1)},
            one, P::Pane, false, {}},
        {QStringLiteral("TRANGE"), QStringLiteral("True Range"), {}, one, P::Pane, false, {}},
        {QStringLiteral("ADX"), QStringLiteral("Average Directional Movement Index"), {period(14)},
            one, P::Pane, false, {25}},
        {QStringLiteral("PLUS_DI"), QStringLiteral("Plus Directional Indicator"), {period(14)}, one,
            P::Pane, false, {}},
        {QStringLiteral("MINUS_DI"), QStringLiteral("Minus Directional Indicator"), {period(14)},
            one, P::Pane, false, {}},
        {QStringLiteral("CCI"), QStringLiteral("Commodity Channel Index"), {period(14)}, one,
            P::Pane, false, {-100, 100}},
        {QStringLiteral("WILLR"), QStringLiteral("Williams' %R"), {period(14)}, one, P::Pane, false,
            {-80, -20}},
        {QStringLiteral("MFI"), QStringLiteral("Money Flow Index"), {period(14)}, one, P::Pane,
            false, {20, 80}},
        {QStringLiteral("ROC"), QStringLiteral("Rate of Change"), {period(10, 1)}, one, P::Pane,
            true, {0}},
        {QStringLiteral("MOM"), QStringLiteral("Momentum"), {period(10, 1)}, one, P::Pane, true,
            {0}},
        {QStringLiteral("STDDEV"), QStringLiteral("Standard Deviation"),
            {period(5), real(u"nbdev", 1, 0, 100)}, one, P::Pane, true, {}},
        {QStringLiteral("OBV"), QStringLiteral("On Balance Volume"), {}, one, P::Pane, false, {}},
        {QStringLiteral("AD"), QStringLiteral("Chaikin A/D Line"), {}, one, P::Pane, false, {}},
    };
    return infos;
}

// "14", "0.02", "100000": integers without an exponent, others as short as exact.
QString formatParam(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

bool validate(const IndicatorInfo &info, const std::vector<double> &p, QString *error)
{
    auto fail = [&](const QString &reason) {
        if (error)
            *error = info.name + QStringLiteral(": ") + reason;
        return false;
    };
    if (p.size() != info.params.size())
        return fail(
            QStringLiteral("takes %1 parameters, got %2").arg(info.params.size()).arg(p.size()));
    for (std::size_t i = 0; i < p.size(); ++i) {
        const IndicatorParam &d = info.params[i];
        const double v = p[i];
        const QString range
            = QStringLiteral("%1 must be %2 from %3 to %4, got %5")
                  .arg(d.name,
                      d.integer ? QStringLiteral("an integer") : QStringLiteral("a number"),
                      formatParam(d.min), formatParam(d.max), formatParam(v));
        if (!std::isfinite(v) || v < d.min || v > d.max || (d.integer && v != std::floor(v)))
            return fail(range);
    }
    if (info.name == u"MACD" && !(p[0] < p[1]))
        return fail(QStringLiteral("fast (%1) must be below slow (%2)")
                        .arg(formatParam(p[0]), formatParam(p[1])));
    if (info.name == u"SAR" && !(p[0] > 0.0 && p[0] <= p[1]))
        return fail(QStringLiteral("acceleration (%1) must be above 0 and at most maximum (%2)")
                        .arg(formatParam(p[0]), formatParam(p[1])));
    return true;
}

std::unique_ptr<Indicator> makeStage(
    const IndicatorInfo &info, const std::vector<double> &p, const IndicatorContext &context)
{
    using namespace ind;
    const QString &n = info.name;
    auto i = [&](std::size_t k) { return int(p[k]); };
    if (n == u"SMA")
        return makeSma(i(0));
    if (n == u"EMA")
        return makeEma(i(0));
    if (n == u"WMA")
        return makeWma(i(0));
    if (n == u"DEMA")
        return makeDema(i(0));
    if (n == u"TEMA")
        return makeTema(i(0));
    if (n == u"KAMA")
        return makeKama(i(0));
    if (n == u"BBANDS")
        return makeBbands(i(0), p[1], p[2]);
    if (n == u"SAR")
        return makeSar(p[0], p[1]);
    if (n == u"VWAP")
        return makeVwap(context.sessionAnchor);
    if (n == u"RSI")
        return makeRsi(i(0));
    if (n == u"MACD")
        return makeMacd(i(0), i(1), i(2));
    if (n == u"STOCH")
        return makeStoch(i(0), i(1), i(2));
    if (n == u"STOCHRSI")
        return makeStochRsi(i(0), i(1), i(2));
    if (n == u"ATR")
        return makeAtr(i(0));
    if (n == u"NATR")
        return makeNatr(i(0));
    if (n == u"TRANGE")
        return makeTrange();
    if (n == u"ADX")
        return makeAdx(i(0));
    if (n == u"PLUS_DI")
        return makePlusDi(i(0));
    if (n == u"MINUS_DI")
        return makeMinusDi(i(0));
    if (n == u"CCI")
        return makeCci(i(0));
    if (n == u"WILLR")
        return makeWillr(i(0));
    if (n == u"MFI")
        return makeMfi(i(0));
    if (n == u"ROC")
        return makeRoc(i(0));
    if (n == u"MOM")
        return makeMom(i(0));
    if (n == u"STDDEV")
        return makeStddev(i(0), p[1]);
    if (n == u"OBV")
        return makeObv();
    if (n == u"AD")
        return makeAd();
    return nullptr;
}

// An indicator over another's output: each later stage sees a bar whose OHLC
// are the previous stage's selected output (NaN during its warm-up, which the
// NaN rule skips, so the stages' lookbacks add up).
class IndicatorPipeline final : public Indicator
{
public:
    IndicatorPipeline(std::vector<std::unique_ptr<Indicator>> stages, std::vector<int> selected)
        : m_stages(std::move(stages))
        , m_selected(std::move(selected))
    { }

    int outputCount() const override { return m_stages.back()->outputCount(); }
    int lookback() const override
    {
        int total = 0;
        for (const auto &s : m_stages)
            total += s->lookback();
        return total;
    }

    void update(const Bar &bar, double *out) override
    {
        Bar b = bar;
        for (std::size_t i = 0; i + 1 < m_stages.size(); ++i) {
            double row[kMaxIndicatorOutputs];
            m_stages[i]->update(b, row);
            b = valueBar(bar.time, row[m_selected[i]]);
        }
        m_stages.back()->update(b, out);
    }

    void peek(const Bar &bar, double *out) const override
    {
        Bar b = bar;
        for (std::size_t i = 0; i + 1 < m_stages.size(); ++i) {
            double row[kMaxIndicatorOutputs];
            m_stages[i]->peek(b, row);
            b = valueBar(bar.time, row[m_selected[i]]);
        }
        m_stages.back()->peek(b, out);
    }

    // Stage after stage over chunks of bars: each stage runs its own batch loop
    // (same numbers as its update(), so as this update()), and the intermediate
    // arrays stay small and in cache (a 1M-bar history would spend more on page
    // faults than on arithmetic with whole intermediate series). Every stage
    // after the first takes a value series: it runs batchValues() on the
    // previous stage's selected output, with no Bars built.
    void batch(const Bar *bars, std::size_t n, double *const *outs) override { run(bars, n, outs); }

    bool valueInput() const override { return m_stages.front()->valueInput(); }

    bool batchValues(const double *x, std::size_t n, double *const *outs) override
    {
        if (!valueInput())
            return false;
        run(x, n, outs);
        return true;
    }

    void reset() override
    {
        for (auto &s : m_stages)
            s->reset();
    }

    std::unique_ptr<Indicator> clone() const override
    {
        std::vector<std::unique_ptr<Indicator>> stages;
        for (const auto &s : m_stages)
            stages.push_back(s->clone());
        return std::make_unique<IndicatorPipeline>(std::move(stages), m_selected);
    }

private:
    static constexpr std::size_t kChunk = 512;

    // In = Bar, or double when the first stage runs on a value column.
    template<class In>
    void run(const In *in, std::size_t n, double *const *outs)
    {
        // Two buffers in turn: a stage reads one while it writes the other.
        std::vector<double> values(2 * std::size_t(kMaxIndicatorOutputs) * kChunk);
        double *stageOuts[2][kMaxIndicatorOutputs];
        for (int b = 0; b < 2; ++b) {
            for (int k = 0; k < kMaxIndicatorOutputs; ++k)
                stageOuts[b][k]
                    = values.data() + (std::size_t(b * kMaxIndicatorOutputs + k)) * kChunk;
        }
        for (std::size_t start = 0; start < n; start += kChunk) {
            const std::size_t m = std::min(kChunk, n - start);
            if constexpr (std::is_same_v<In, Bar>)
                m_stages.front()->batch(in + start, m, stageOuts[0]);
            else
                m_stages.front()->batchValues(in + start, m, stageOuts[0]);
            const double *selected = stageOuts[0][m_selected.front()];
            for (std::size_t s = 1; s + 1 < m_stages.size(); ++s) {
                double *const *to = stageOuts[s % 2];
                m_stages[s]->batchValues(selected, m, to);
                selected = to[m_selected[s]];
            }
            double *last[kMaxIndicatorOutputs];
            for (int k = 0; k < outputCount(); ++k)
                last[k] = outs[k] + start;
            m_stages.back()->batchValues(selected, m, last);
        }
    }

    static Bar valueBar(TimeMs time, double v) { return Bar {time, v, v, v, v, 0.0, 0}; }

    std::vector<std::unique_ptr<Indicator>> m_stages;
    std::vector<int> m_selected;
};

}  // namespace

std::span<const IndicatorInfo> indicatorCatalogue()
{
    return catalogue();
}

const IndicatorInfo *findIndicator(const QString &name)
{
    for (const IndicatorInfo &info : catalogue()) {
        if (info.name.compare(name, Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

QString IndicatorSpec::label() const
{
    QString text;
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
        if (!text.isEmpty())
            text += QLatin1Char('@');
        text += it->info->name;
        if (!it->params.empty()) {
            QStringList params;
            for (double v : it->params)
                params << formatParam(v);
            text += QLatin1Char('(') + params.join(QLatin1Char(',')) + QLatin1Char(')');
        }
        if (it != stages.rbegin() && it->info->outputs.size() > 1)
            text += QLatin1Char('.') + it->info->outputs.at(it->output);
    }
    return text;
}

QStringList IndicatorSpec::columnNames() const
{
    const QString base = label();
    const IndicatorInfo &last = info();
    if (last.outputs.size() == 1)
        return {base};
    QStringList names;
    for (const QString &output : last.outputs)
        names << base + QLatin1Char('.') + output;
    return names;
}

std::optional<IndicatorSpec> parseIndicatorSpec(const QString &text, QString *error)
{
    auto fail = [&](const QString &reason) -> std::optional<IndicatorSpec> {
        if (error)
            *error = QStringLiteral("bad indicator spec \"%1\": %2").arg(text, reason);
        return std::nullopt;
    };
    const QStringList parts = text.trimmed().split(QLatin1Char('@'));
    IndicatorSpec spec;
    // The text lists the outer stage first; stages[0] is the innermost.
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        QString part = it->trimmed();
        const bool innermost = it == parts.rbegin();
        const bool outermost = it + 1 == parts.rend();
        QString outputName;
        const qsizetype dot = part.lastIndexOf(QLatin1Char('.'));
        if (dot >= 0 && dot + 1 < part.size() && part.at(dot + 1).isLetter()) {
            outputName = part.mid(dot + 1).toLower();
            part.truncate(dot);
        }
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        const QString name = (colon < 0 ? part : part.left(colon)).trimmed();
        if (name.isEmpty())
            return fail(QStringLiteral("missing indicator name"));
        const IndicatorInfo *info = findIndicator(name);
        if (!info)
            return fail(QStringLiteral("unknown indicator %1").arg(name));
        IndicatorStage stage;
        stage.info = info;
        if (colon >= 0) {
            const QStringList values = part.mid(colon + 1).split(QLatin1Char(','));
            if (qsizetype(values.size()) > qsizetype(info->params.size()))
                return fail(QStringLiteral("%1 takes at most %2 parameters, got %3")
                                .arg(info->name)
                                .arg(info->params.size())
                                .arg(values.size()));
            for (const QString &v : values) {
                bool ok = false;
                const double d = v.trimmed().toDouble(&ok);
                if (!ok || !std::isfinite(d))
                    return fail(
                        QStringLiteral("%1: parameter \"%2\" is not a number").arg(info->name, v));
                stage.params.push_back(d);
            }
        }
        for (std::size_t i = stage.params.size(); i < info->params.size(); ++i)
            stage.params.push_back(info->params[i].defaultValue);
        QString reason;
        if (!validate(*info, stage.params, &reason))
            return fail(reason);
        if (!outputName.isEmpty()) {
            if (outermost)
                return fail(QStringLiteral(".%1: an output is chosen only for an inner indicator")
                                .arg(outputName));
            stage.output = int(info->outputs.indexOf(outputName));
            if (stage.output < 0)
                return fail(
                    QStringLiteral("%1 has no output \"%2\" (it has %3)")
                        .arg(info->name, outputName, info->outputs.join(QStringLiteral(", "))));
            stage.outputNamed = true;
        }
        if (!innermost && !info->valueInput)
            return fail(QStringLiteral("%1 needs bars (high, low, volume) and cannot run on "
                                       "another indicator")
                            .arg(info->name));
        spec.stages.push_back(std::move(stage));
    }
    return spec;
}

std::unique_ptr<Indicator> createIndicator(
    const IndicatorSpec &spec, const IndicatorContext &context, QString *error)
{
    if (spec.stages.empty()) {
        if (error)
            *error = QStringLiteral("empty indicator spec");
        return nullptr;
    }
    std::vector<std::unique_ptr<Indicator>> stages;
    std::vector<int> selected;
    for (std::size_t i = 0; i < spec.stages.size(); ++i) {
        const IndicatorStage &s = spec.stages[i];
        if (!s.info || !validate(*s.info, s.params, error))
            return nullptr;
        if (i > 0 && !s.info->valueInput) {
            if (error)
                *error = s.info->name + QStringLiteral(": cannot run on another indicator");
            return nullptr;
        }
        if (s.output < 0 || s.output >= s.info->outputs.size()) {
            if (error)
                *error = s.info->name + QStringLiteral(": no such output");
            return nullptr;
        }
        stages.push_back(makeStage(*s.info, s.params, context));
        selected.push_back(s.output);
    }
    if (stages.size() == 1)
        return std::move(stages.front());
    return std::make_unique<IndicatorPipeline>(std::move(stages), std::move(selected));
}

std::unique_ptr<Indicator> createIndicator(const IndicatorSpec &spec, QString *error)
{
    return createIndicator(spec, IndicatorContext {}, error);
}

}  // namespace wick
