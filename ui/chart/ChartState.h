// ui/chart: ChartState, everything a chart shows as one value -- the symbol
// and timeframe, the chart type, the panes (order, heights, collapsed, scale
// mode and manual range), the indicators with their parameters (the spec), pane, colours and
// line widths, the time zone, and the baseline type's level per symbol --
// with its JSON form, which the app keeps
// per chart (settings key "chart/state") and restores on restart. A plain value,
// made and read on the UI thread.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QColor>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace wick {

struct ChartState {
    // Pane ids: the price and volume panes; an indicator pane is named by the
    // spec of the indicator that made it ("RSI:14").
    static inline const QString kPricePane = QStringLiteral("price");
    static inline const QString kVolumePane = QStringLiteral("volume");

    struct Pane {
        QString id;
        double height = 0.0;  // share of the plot's height (row stretch factor); 0: default
        bool collapsed = false;
        QString scaleMode;  // as the chart's scale names it ("auto", "log", ...); empty: default
        bool closed = false;  // the volume pane only: hidden until shown again
        // The value range the trader set by dragging the axis (low, high);
        // nullopt: the pane fits its visible bars.
        std::optional<std::pair<double, double>> range = std::nullopt;
        friend bool operator==(const Pane &, const Pane &) = default;
    };
    struct Indicator {
        QString spec;  // with its parameters: "RSI:14", "SMA:9@RSI:14"
        QString pane;  // the pane it is drawn on; empty: its own (or the price pane)
        std::vector<QColor> colors;  // per output; empty: the chart's palette
        double lineWidth = 0.0;  // 0: the chart's default
        bool hidden = false;  // its lines hidden (the legend's Hide)
        friend bool operator==(const Indicator &, const Indicator &) = default;
    };

    static constexpr int kVersion = 1;

    QString symbol;  // "demo:BTCUSD"; empty: none
    QString timeframe;  // "5m"; empty: the app's default
    QString chartType;  // as the chart's type names it ("candles"); empty: default
    QString timeZone = QStringLiteral("exchange");  // ChartTimeZone::id()
    std::vector<Pane> panes;  // top to bottom; empty: the default layout
    std::vector<Indicator> indicators;
    // The baseline chart type's level (a price) per symbol key ("demo:BTCUSD")
    // where the trader set one; elsewhere it sits at the first visible close.
    std::map<QString, double> baselines;

    QStringList indicatorSpecs() const;
    // Replaces the indicators by these specs, keeping the settings of those that stay.
    void setIndicatorSpecs(const QStringList &specs);
    // The indicator whose parameters changed between two lists of specs (the
    // same place and name, other parameters: "RSI:14" -> "RSI:21"), as
    // {before, after}; nullopt when the change is anything else.
    static std::optional<std::pair<QString, QString>> changedParameters(
        const QStringList &before, const QStringList &after);
    // A parameter change (changedParameters) carried to the indicators chained
    // on the changed one, so a guest follows its host: with RSI:14 -> RSI:21,
    // "SMA:9@RSI:14" in after becomes "SMA:9@RSI:21" (and "EMA:5@MACD:12,26,9.hist"
    // follows MACD). Rewrites after; returns every rename, the changed
    // indicator's first. Empty when the change is not a parameter change.
    static std::vector<std::pair<QString, QString>> followParameters(
        const QStringList &before, QStringList &after);
    const Pane *pane(const QString &id) const;

    QJsonObject toJsonObject() const;
    QByteArray toJson() const;  // compact
    // Fields of unknown type or value are skipped (logged), the rest kept;
    // nullopt and why in error when the text is not a JSON object.
    static std::optional<ChartState> fromJson(const QByteArray &json, QString *error = nullptr);
    static ChartState fromJsonObject(const QJsonObject &object);

    friend bool operator==(const ChartState &, const ChartState &) = default;
};

}  // namespace wick
