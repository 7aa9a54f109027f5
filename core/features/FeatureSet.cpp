#include "features/FeatureSet.h"

#include <cmath>
#include <memory>

#include <QString>

#include "features/FeatureSpecs.h"
#include "indicators/IndicatorRegistry.h"

namespace wick {

namespace {

using Column = std::vector<double>;

// The outputs of an indicator spec over the bars (or over a value column when
// values is given). The specs are constants that parse; should one not, its
// outputs stay empty rather than wrong.
std::vector<Column> indicatorOutputs(
    const char *specText, std::span<const Bar> bars, const Column *values = nullptr)
{
    QString error;
    const auto spec = parseIndicatorSpec(QString::fromLatin1(specText), &error);
    std::unique_ptr<Indicator> indicator = spec ? createIndicator(*spec, &error) : nullptr;
    std::vector<Column> outs;
    if (indicator && values)
        indicator->batchValues(values->data(), values->size(), outs);
    else if (indicator)
        indicator->batch(bars.data(), bars.size(), outs);
    if (outs.empty())
        outs.assign(kMaxIndicatorOutputs, Column(bars.size(), kNaN));
    return outs;
}

// close[t]/close[t-lag]-1.
void fillReturn(Column &out, std::span<const Bar> bars, std::size_t lag)
{
    for (std::size_t t = lag; t < bars.size(); ++t)
        out[t] = bars[t].close / bars[t - lag].close - 1.0;
}

// Population standard deviation of r[t-n+1..t] (two passes: mean, then squares).
void fillVolatility(Column &out, const Column &r, std::size_t n)
{
    for (std::size_t t = n; t < r.size(); ++t) {
        double sum = 0.0;
        for (std::size_t k = t + 1 - n; k <= t; ++k)
            sum += r[k];
        const double mean = sum / double(n);
        double squares = 0.0;
        for (std::size_t k = t + 1 - n; k <= t; ++k)
            squares += (r[k] - mean) * (r[k] - mean);
        out[t] = std::sqrt(squares / double(n));
    }
}

void fillVolume(FeatureTable &table, std::span<const Bar> bars)
{
    Column &change = table.columns[int(Feature::VolumeChange)];
    Column &ratio = table.columns[int(Feature::VolumeRatio20)];
    Column &vpt = table.columns[int(Feature::Vpt)];
    const Column &r1 = table.column(Feature::Return1);
    Column volumes(bars.size());
    for (std::size_t t = 0; t < bars.size(); ++t)
        volumes[t] = bars[t].volume;
    const Column mean = indicatorOutputs(kVolumeMeanSpec, bars, &volumes).front();
    double trend = 0.0;
    for (std::size_t t = 0; t < bars.size(); ++t) {
        if (t > 0 && bars[t - 1].volume != 0.0)
            change[t] = bars[t].volume / bars[t - 1].volume - 1.0;
        if (mean[t] != 0.0)
            ratio[t] = bars[t].volume / mean[t];  // NaN in warm-up: NaN
        if (t > 0) {
            trend += bars[t].volume * r1[t];
            vpt[t] = trend;
        }
    }
}

void fillOscillators(FeatureTable &table, std::span<const Bar> bars)
{
    const Column rsi = indicatorOutputs(kRsiSpec, bars).front();
    Column &zone = table.columns[int(Feature::RsiZone)];
    for (std::size_t t = 0; t < bars.size(); ++t) {
        if (!std::isnan(rsi[t]))
            zone[t] = rsi[t] < 30.0 ? -1.0 : rsi[t] > 70.0 ? 1.0 : 0.0;
    }

    const std::vector<Column> macd = indicatorOutputs(kMacdSpec, bars);
    const Column &line = macd[0];
    const Column &signal = macd[1];
    Column &cross = table.columns[int(Feature::MacdCross)];
    for (std::size_t t = 1; t < bars.size(); ++t) {
        if (std::isnan(line[t]) || std::isnan(signal[t]) || std::isnan(line[t - 1])
            || std::isnan(signal[t - 1]))
            continue;
        if (line[t] > signal[t] && line[t - 1] <= signal[t - 1])
            cross[t] = 1.0;
        else if (line[t] < signal[t] && line[t - 1] >= signal[t - 1])
            cross[t] = -1.0;
        else
            cross[t] = 0.0;
    }
}

void fillBands(FeatureTable &table, std::span<const Bar> bars)
{
    const std::vector<Column> bands = indicatorOutputs(kBandsSpec, bars);
    const Column &upper = bands[0];
    const Column &middle = bands[1];
    const Column &lower = bands[2];
    Column &position = table.columns[int(Feature::BbPosition)];
    Column width(bars.size(), kNaN);
    for (std::size_t t = 0; t < bars.size(); ++t) {
        if (upper[t] != lower[t])
            position[t] = (bars[t].close - lower[t]) / (upper[t] - lower[t]);
        if (middle[t] != 0.0)
            width[t] = (upper[t] - lower[t]) / middle[t];
    }
    Column &squeeze = table.columns[int(Feature::BbSqueeze)];
    const std::size_t others = kSqueezeWindow - 1;
    for (std::size_t t = others; t < bars.size(); ++t) {
        if (std::isnan(width[t]))
            continue;
        int below = 0;
        bool complete = true;
        for (std::size_t k = t - others; k < t; ++k) {
            complete = complete && !std::isnan(width[k]);
            below += width[k] < width[t] ? 1 : 0;
        }
        if (complete)
            squeeze[t] = double(below) / double(others);
    }
}

void fillAverages(FeatureTable &table, std::span<const Bar> bars)
{
    struct Average {
        const char *spec;
        Feature distance;
        std::optional<Feature> above;
    };
    const Average averages[] = {
        {kSma20Spec, Feature::SmaDist20, std::nullopt},
        {kSma50Spec, Feature::SmaDist50, Feature::AboveSma50},
        {kSma200Spec, Feature::SmaDist200, Feature::AboveSma200},
    };
    for (const Average &a : averages) {
        const Column sma = indicatorOutputs(a.spec, bars).front();
        Column &distance = table.columns[int(a.distance)];
        for (std::size_t t = 0; t < bars.size(); ++t) {
            if (std::isnan(sma[t]) || std::isnan(bars[t].close))
                continue;
            distance[t] = (bars[t].close / sma[t] - 1.0) * 100.0;
            if (a.above)
                table.columns[int(*a.above)][t] = bars[t].close > sma[t] ? 1.0 : 0.0;
        }
    }
}

void fillCalendar(
    FeatureTable &table, std::span<const Bar> bars, const std::optional<Symbol> &symbol)
{
    Column &hour = table.columns[int(Feature::Hour)];
    Column &weekday = table.columns[int(Feature::DayOfWeek)];
    Column &open = table.columns[int(Feature::MarketOpen)];
    for (std::size_t t = 0; t < bars.size(); ++t) {
        const TimeMs time = bars[t].time;
        // Floored, so times before 1970 fall in the right day too.
        const TimeMs day = time / kDayMs - (time % kDayMs < 0 ? 1 : 0);
        const TimeMs inDay = time - day * kDayMs;
        hour[t] = double(inDay / kHourMs);
        // 1970-01-01 was a Thursday (ISO 4).
        weekday[t] = double(((day % 7) + 7 + 3) % 7 + 1);
        if (symbol)
            open[t] = symbol->isOpenAt(time) ? 1.0 : 0.0;
    }
}

}  // namespace

FeatureTable computeFeatures(std::span<const Bar> bars, const std::optional<Symbol> &symbol)
{
    FeatureTable table;
    table.rows = bars.size();
    for (Column &c : table.columns)
        c.assign(bars.size(), kNaN);

    fillReturn(table.columns[int(Feature::Return1)], bars, 1);
    fillReturn(table.columns[int(Feature::Return5)], bars, 5);
    fillReturn(table.columns[int(Feature::Return10)], bars, 10);
    Column &logReturn = table.columns[int(Feature::LogReturn)];
    Column &momentum = table.columns[int(Feature::Momentum10)];
    Column &range = table.columns[int(Feature::RangeRatio)];
    for (std::size_t t = 0; t < bars.size(); ++t) {
        if (t >= 1)
            logReturn[t] = std::log(bars[t].close / bars[t - 1].close);
        if (t >= 10)
            momentum[t] = bars[t].close - bars[t - 10].close;
        range[t] = (bars[t].high - bars[t].low) / bars[t].close;
    }
    const Column &r1 = table.column(Feature::Return1);
    fillVolatility(table.columns[int(Feature::Volatility5)], r1, 5);
    fillVolatility(table.columns[int(Feature::Volatility10)], r1, 10);
    fillVolatility(table.columns[int(Feature::Volatility20)], r1, 20);

    fillVolume(table, bars);
    fillOscillators(table, bars);
    fillBands(table, bars);
    fillAverages(table, bars);
    fillCalendar(table, bars, symbol);
    // A zero divisor (a close or a mean of 0) defines nothing: empty, not infinite.
    for (Column &c : table.columns) {
        for (double &v : c) {
            if (std::isinf(v))
                v = kNaN;
        }
    }
    return table;
}

}  // namespace wick
