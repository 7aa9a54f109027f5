// core/indicators: the indicator catalogue (names, groups, parameters, outputs,
// placement, levels) for the UI and wick-cli, the spec syntax, and the factory.
// Each family file (Averages.cpp, Oscillators.cpp, ...) lists its own entries
// next to its cores (see Catalogue.h); this file parses specs and builds chains. Constant data and
// pure functions: any thread; what the factory makes belongs to its caller's.
//
// Spec syntax (CLI, settings and the engine alike):
//   NAME                       defaults: "RSI" is RSI(14)
//   NAME:p1,p2,...             leading parameters, the rest default: "MACD:12,26,9"
//   OUTER@INNER                OUTER over INNER's output: "SMA:9@RSI:14"
//   OUTER@INNER.output         which output of a multi-output INNER: "EMA:5@MACD:12,26,9.hist"
// Chains nest to the right ("SMA:9@EMA:5@RSI:14"); every stage but the innermost
// must take a value series (IndicatorInfo::valueInput). Names are case-insensitive.
//
// For the engine (worker thread):
//   auto spec = parseIndicatorSpec(text, &error);          // std::nullopt + error if bad
//   auto ind = createIndicator(*spec, context, &error);     // context: session anchor for VWAP
//   std::vector<std::vector<double>> outs;                  // outputCount() arrays aligned with
//   bars ind->batch(bars.data(), bars.size(), outs);             // the history
//   ind->update(closedBar, row);  ind->peek(formingBar, row);   // then live, row[outputCount()]
//   if (ind->valueInput())                                  // reads only the close: the same
//       ind->batchValues(closes.data(), closes.size(), outs);  // doubles over a close column
// spec->columnNames() gives one label per output: "MACD(12,26,9).signal".
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <QString>
#include <QStringList>

#include "indicators/Indicator.h"
#include "indicators/Volume.h"

namespace wick {

enum class IndicatorPlacement { Overlay, Pane };  // on the price pane, or its own pane

// TA-Lib's function groups (the picker and `wick-cli indicators` list by them).
enum class IndicatorGroup {
    Overlap,  // Overlap Studies
    Momentum,
    Volume,
    Volatility,
    Cycle,
    PriceTransform,
    Statistic,
    Pattern,  // candlestick patterns: -100, 0, 100 (200 for some)
};
QString indicatorGroupName(IndicatorGroup group);  // TA-Lib's English name

struct IndicatorParam {
    QString name;  // "period"
    double defaultValue;
    double min;
    double max;
    bool integer;
    // Left out of labels while it has its default (moving-average types:
    // "BBANDS(20,2,2)" rather than "BBANDS(20,2,2,0)").
    bool quietDefault = false;
    // Named values (moving-average types: "SMA", "EMA", ...): the value is an
    // index into these, and the picker offers them by name. Empty: a number.
    QStringList choices = {};
};

struct IndicatorContext {
    ind::SessionAnchor sessionAnchor;  // VWAP's session; empty: the UTC day
};

// Builds one stage from complete, validated parameters (defaults filled in).
using IndicatorFactory = std::unique_ptr<Indicator> (*)(
    std::span<const double> params, const IndicatorContext &context);
// A rule across parameters (MACD's fast < slow): empty if fine, else the reason.
using IndicatorCheck = QString (*)(std::span<const double> params);

struct IndicatorInfo {
    QString name;  // "RSI"
    QString title;  // "Relative Strength Index"
    IndicatorGroup group;
    std::vector<IndicatorParam> params;
    QStringList outputs;  // {"macd", "signal", "hist"}; one entry for single-output indicators
    IndicatorPlacement placement;
    bool valueInput;  // reads only the close: can run on another indicator's output
    std::vector<double> levels;  // fixed guide lines: RSI {30, 70}
    IndicatorFactory make;
    IndicatorCheck check = nullptr;
};

// Every indicator, in a stable order.
std::span<const IndicatorInfo> indicatorCatalogue();
const IndicatorInfo *findIndicator(const QString &name);  // case-insensitive; null if unknown

struct IndicatorStage {
    const IndicatorInfo *info = nullptr;
    std::vector<double> params;  // complete: defaults filled in
    int output = 0;  // the output that feeds the next stage
    bool outputNamed = false;  // the spec named it (shown in labels)
};

struct IndicatorSpec {
    std::vector<IndicatorStage> stages;  // [0] runs on the bars, the last is what is shown

    QString label() const;  // "SMA(9)@RSI(14)"
    QStringList columnNames() const;  // label, or label + ".output" per output
    const IndicatorInfo &info() const { return *stages.back().info; }
};

// Parses and validates (known names, parameter count, ranges, integers,
// fast < slow, ...). On failure returns nullopt and a one-line reason.
std::optional<IndicatorSpec> parseIndicatorSpec(const QString &text, QString *error);

// A validated spec always gives an indicator; null (and error) only for a spec
// built by hand with bad parameters.
std::unique_ptr<Indicator> createIndicator(
    const IndicatorSpec &spec, const IndicatorContext &context, QString *error);
std::unique_ptr<Indicator> createIndicator(const IndicatorSpec &spec, QString *error);

}  // namespace wick
