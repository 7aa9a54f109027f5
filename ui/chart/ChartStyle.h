// ui/chart: ChartStyle, the plain values a chart's look is saved as -- the
// chart type (how the price pane draws the bars) and each pane's value scale
// (auto or manual range, linear, log or percent labels, inverted) -- with
// their stable names for settings files. No behaviour: ChartView applies them
// (plain values, any thread).
#pragma once

#include <array>
#include <optional>

#include <QString>

namespace wick {

enum class ChartType {
    Candles,
    HollowCandles,
    OhlcBars,
    Line,  // the closes
    Area,  // the closes, filled down to the pane's bottom
    Baseline,  // the closes, filled above and below a level in the up and down colours
    HeikinAshi,  // candles of the Heikin-Ashi bars, computed from the real ones
};

inline constexpr std::array<ChartType, 7> kAllChartTypes {ChartType::Candles,
    ChartType::HollowCandles, ChartType::OhlcBars, ChartType::Line, ChartType::Area,
    ChartType::Baseline, ChartType::HeikinAshi};

// "candles", "hollow", "bars", "line", "area", "baseline", "heikin-ashi".
QString chartTypeKey(ChartType type);
std::optional<ChartType> chartTypeFromKey(const QString &key);
// What the toolbar shows ("Heikin-Ashi").
QString chartTypeName(ChartType type);

// How a pane's value axis labels its values. Log and Percent apply to the price
// pane only; the other panes (some cross zero) stay Linear.
enum class ScaleMode {
    Linear,
    Log,
    Percent,  // labels in % from the close of the first visible bar
};

QString scaleModeKey(ScaleMode mode);  // "linear", "log", "percent"
std::optional<ScaleMode> scaleModeFromKey(const QString &key);

// One pane's value scale.
struct PaneScale {
    ScaleMode mode = ScaleMode::Linear;
    // Fits the visible bars on every change; false once the trader stretched
    // the axis, until it is reset (double-click, context menu).
    bool autoFit = true;
    bool inverted = false;

    friend bool operator==(const PaneScale &, const PaneScale &) = default;
};

}  // namespace wick
