// ui/chart: ChartView, the candlestick chart of one symbol and timeframe -- a
// price pane and a volume pane sharing a time axis of bar indices, the chart's
// indicators (overlays and panes, see IndicatorPanes), a toolbar with the
// timeframes and the indicator picker, and a legend line. It subscribes to its series on the engine
// (queued), holds its indicator runs there under its own owner id (acquired
// for the shown series, released when the series or the indicators change and
// when the chart goes; other charts on the series share equal runs), and
// folds the engine's snapshots in incrementally. It draws at a level
// of detail (LodPyramid): QCustomPlot gets only the visible slice, plus a screen
// either side, of the level with at most about one candle per pixel column; the
// levels of a new series are built on the chart's LOD worker thread while level
// 0 is shown. UI thread only; no work here grows with the history's length.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <qcustomplot.h>

#include "chart/ChartState.h"
#include "chart/ChartStyle.h"
#include "chart/ChartTimeZone.h"
#include "chart/PaneLayout.h"
#include "chart/RepaintMask.h"
#include "engine/MarketSnapshot.h"
#include "model/Symbol.h"
#include "model/Timeframe.h"
#include "theme/Theme.h"

class QButtonGroup;
class QHBoxLayout;
class QComboBox;
class QLabel;
class QMenu;
class QTimer;
class QToolButton;

namespace wick {

class BarTimeTicker;
class CandleDataAdapter;
class ChartCrosshair;
class ChartLegend;
class ChartPlot;
class ChartScales;
class IndicatorPanes;
class IndicatorPicker;
class LodWorker;
class PaneLegend;
class PriceAxisTicker;
class PricePlot;
class QualityMarks;
class PatternMarks;
class QualityOverlay;
class ExtendedHoursShade;
class SessionBreaks;
class TimeZoneButton;
struct QuarantineRecord;
class RepaintScheduler;
class MarketEngine;
class SymbolRegistry;

class ChartView : public QWidget
{
    Q_OBJECT

public:
    ChartView(
        std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine, QWidget *parent = nullptr);
    ~ChartView() override;

    // Shows a series: unsubscribes the old one and subscribes this one; the
    // engine's next snapshot carries its whole history.
    void showSeries(SymbolId symbol, Timeframe timeframe);
    void setTimeframe(Timeframe timeframe);
    SymbolId symbol() const { return m_symbol; }
    Timeframe timeframe() const { return m_timeframe; }

    // Takes what the snapshot holds for the shown series; ignores the rest.
    void applySnapshot(const MarketSnapshot &snapshot);
    void setTheme(const Theme &theme);

    // What is drawn, for the status bar and tests.
    int candleCount() const;
    std::optional<QCPFinancialData> lastCandle() const;
    QCPRange visibleRange() const;
    QColor backgroundColor() const { return m_theme.chartBackground; }
    QCustomPlot *plot() const;

    // Quarantined ticks and bars of any symbol (each symbol's newest
    // QualityMarks::kRecordsPerSymbol are kept): the shown symbol's are marked
    // under the bars that hold their time, with the rule and detail on hover.
    void addQuarantined(const std::vector<wick::QuarantineRecord> &records);
    // What is drawn, for tests: buckets with quarantine marks at the drawn
    // level (whole series), and the shown series' gaps (24/7 symbols only) as
    // [open time of the last bar before, open time of the first bar after].
    int quarantineMarkCount() const;
    std::vector<std::pair<TimeMs, TimeMs>> gapSpans() const;
    const QualityMarks *qualityMarks() const { return m_quality.get(); }
    // The candlestick patterns' marks (for tests).
    const PatternMarks *patternMarks() const { return m_patternMarks; }
    // The plot's context menu for a point of the plot (pixels): on the price
    // pane it offers "Add alert at <price>" (alertRequested). Shown by a right
    // click; tests take its actions.
    QMenu *contextMenuAt(const QPoint &pos);
    // The tooltip a point of the plot (plot pixels) shows (a quality mark or
    // gap, a pattern mark); empty when none.
    QString qualityToolTipAt(const QPointF &pos) const;
    // The legend line's text (symbol, the crosshair's bar or the last bar,
    // quarantine note), for tests.
    QString legendText() const;
    ChartCrosshair *crosshair() const { return m_crosshair; }
    PaneLegend *paneLegend() const { return m_paneLegend; }

    // The chart's indicators as spec strings ("RSI:14", "BBANDS:20,2,2"): they
    // stay with the chart across symbols and timeframes, and the engine is told
    // whenever they or the series change.
    void setIndicatorSpecs(const QStringList &specs);
    QStringList indicatorSpecs() const;
    // Opens the indicator dialog (non-blocking); its changes apply at once.
    void openIndicatorPicker();
    // What is drawn, for tests: indicator panes under the volume pane, and the
    // graph of one output ("value" for single-output indicators).
    int paneCount() const;
    QCPGraph *indicatorGraph(const QString &spec, const QString &output) const;
    IndicatorPanes *indicatorPanes() const { return m_indicators.get(); }
    const CandleDataAdapter *candleData() const { return m_data.get(); }
    // The level drawn (bucket of 2^level bars) and whether the levels above 0
    // of the candles and every indicator are built.
    int lodLevel() const { return m_slice.level; }
    bool lodReady() const;

    // The chart's state (ChartViewState.cpp): its series, type, panes with
    // their heights, indicators and time zone. applyState() takes all but the
    // symbol, which the caller shows (showSeries) after it.
    ChartState state() const;
    void applyState(const ChartState &state);
    // The zone the time axis, crosshair and legend show times in.
    void setTimeZone(const ChartTimeZone &zone);
    const ChartTimeZone &timeZone() const { return m_zone; }
    // A bar's open time as this chart shows it (ChartTimeZone::format in the
    // chart's zone, for its symbol and timeframe): the crosshair's time label.
    QString formatBarTime(TimeMs time) const;
    // The trader's colours (per output) and line width of an indicator (the
    // legend's settings call it); empty and 0: the palette's and 1 px.
    void setIndicatorStyle(const QString &spec, const std::vector<QColor> &colors, double width);
    // The legend's Settings: colour per output and line width (IndicatorStyleDialog, non-blocking).
    void openIndicatorStyle(const QString &spec);
    PaneLayout *paneLayout() const { return m_paneLayout; }
    const SessionBreaks *sessionBreaks() const { return m_sessionBreaks; }
    const ExtendedHoursShade *extendedHoursShade() const { return m_extendedHours; }

    // How many bars a new series shows, and the empty bars right of the last one.
    static constexpr double kInitialVisibleBars = 150.0;
    static constexpr double kRightMarginBars = 8.0;
    // Candles per pixel column the level of detail allows at most. Below one,
    // because a replot costs what is drawn: at half a candle per pixel (two to
    // four pixels a candle) each candle still shows its body, and a zoomed-out
    // 1080p chart with three indicators replots in well under a frame.
    static constexpr double kMaxCandlesPerPx = 0.5;
    // The handed slice reaches at least this many buckets beyond the screen either side.
    static constexpr double kMinSliceMarginBuckets = 1024.0;

    // How the price pane draws the bars (ChartViewStyle.cpp); the toolbar's
    // type box picks it. Heikin-Ashi keeps the real bars for the legend.
    void setChartType(ChartType type);
    ChartType chartType() const { return m_chartType; }
    // The baseline type's level (a price) for the shown symbol, kept per
    // symbol in the chart's state; NaN: the first visible close.
    void setBaselineLevel(double price);
    double baselineLevel() const;
    // The level the baseline is drawn at now (the set one or the first visible close).
    double drawnBaselineLevel() const;
    // The value scale of the price pane, and of any pane (price, volume, indicator).
    PaneScale priceScale() const;
    void setPriceScale(const PaneScale &scale);
    ChartScales *scales() const { return m_scales; }
    QCPAxisRect *pricePane() const { return m_priceRect; }
    QCPAxisRect *volumePane() const { return m_volumeRect; }
    // Every pane, the price pane first.
    QList<QCPAxisRect *> allPanes() const;

    // Navigation (ChartViewNavigation.cpp). Centres the view on the first bar
    // that opens at or after time (the last bar when none does), keeping the
    // zoom; false when there are no bars.
    bool goToTime(TimeMs time);
    // Opens the go-to-date dialog (Ctrl+G); non-blocking.
    void openGoToDate();
    // The newest bars at the default zoom, every scale back to auto.
    void resetView();
    // The last bar back on screen at the right edge, keeping the zoom: live bars are followed
    // again.
    void jumpToLive();
    // The last bar is on screen: new bars scroll the view.
    bool followingLive() const;
    // First and last bar index on screen (clamped to the bars); nullopt without bars.
    std::optional<std::pair<std::size_t, std::size_t>> visibleBars() const;

signals:
    void timeframeChanged(wick::Timeframe timeframe);
    void chartTypeChanged(wick::ChartType type);
    // The context menu's "Add alert at <price>" (the price rounded to the tick).
    void alertRequested(double price);
    // An indicator legend's "Add alert on <operand>" (PaneLegend::alertRequested).
    void indicatorAlertRequested(const QString &operand, double value);
    void indicatorSpecsChanged(const QStringList &specs);
    // Something state() holds changed (panes, zone, indicators, timeframe).
    void stateChanged();
    // The view came within a screen of the first bar: older history would be
    // shown next (at most once per generation of the series).
    void olderHistoryWanted(
        wick::SymbolId symbol, wick::Timeframe timeframe, qint64 firstBarTimeMs);

private:
    void buildTimeframeBar();
    void buildPlot();
    // ChartViewState.cpp: the zone button, the pane layout and session breaks.
    void addTimeZoneButton(QHBoxLayout *layout);
    void buildPaneLayout();
    void applyZone();
    std::vector<PaneLayout::PaneRef> paneRefs() const;
    // An indicator's parameters changed (and its guests' with it, each a
    // {from, to}): its pane keeps its place, height and scale, each its style.
    void keepPaneIdentity(const std::vector<std::pair<QString, QString>> &renames);
    // The shown symbol's baseline level (or none) on the price plot; the
    // context menu's "Set baseline at" and "Reset baseline".
    void applyBaseline();
    void rememberBaseline(double level);
    void addBaselineActions(QMenu *menu, double price);
    void subscribe(SymbolId symbol, Timeframe timeframe);
    void unsubscribe(SymbolId symbol, Timeframe timeframe);
    // Acquires the chart's indicators on the shown series (replacing what it held there).
    void sendIndicators();
    void releaseIndicators();
    void sendIndicatorSet(const QStringList &specs);
    void applySeries(const SeriesSnapshot &series);
    void onTimeRangeChanged(const QCPRange &range);
    // Re-slices when the view left the handed slice or needs another level.
    void updateSlice(bool force);
    int levelFor(const QCPRange &range) const;
    void checkOlderHistory();
    void showLatestBars();
    void autoscaleValues();
    void updateLegend();
    void flushText();
    void flushCursorLegends();
    void updateLastPrice();
    // Merges a repaint of this level into the frame's (see RepaintMask).
    void scheduleReplot(Repaint level = Repaint::Full);
    void paintFrame(Repaint level);
    void placeLegends();
    std::size_t legendBar() const;
    void showQualityToolTip(QMouseEvent *event);
    // ChartViewStyle.cpp: the type box, the scale menu and the live button in the toolbar.
    void buildStyleControls(QHBoxLayout *layout);
    void applyStyleTheme();
    void updateLiveButton();
    void updateScaleButton();

    std::shared_ptr<SymbolRegistry> m_symbols;
    QPointer<MarketEngine> m_engine;
    OwnerId m_owner;  // what the chart's indicator runs are held under
    SymbolId m_symbol = kInvalidSymbol;
    Timeframe m_timeframe = Timeframe::M1;
    Symbol m_symbolInfo;
    int m_decimals = 2;
    Theme m_theme;

    QButtonGroup *m_timeframeButtons = nullptr;
    QWidget *m_timeframeBar = nullptr;
    ChartPlot *m_plot = nullptr;
    QCPAxisRect *m_priceRect = nullptr;
    QCPAxisRect *m_volumeRect = nullptr;
    QCPFinancial *m_candles = nullptr;
    PricePlot *m_pricePlot = nullptr;  // m_candles, as the chart type's plottable
    ChartType m_chartType = ChartType::Candles;
    ChartScales *m_scales = nullptr;
    QComboBox *m_typeBox = nullptr;
    QToolButton *m_scaleButton = nullptr;
    QToolButton *m_liveButton = nullptr;
    QCPBars *m_upVolume = nullptr;
    QCPBars *m_downVolume = nullptr;
    QCPItemStraightLine *m_lastPriceLine = nullptr;
    QCPItemText *m_lastPriceTag = nullptr;
    ChartLegend *m_legend = nullptr;
    QSharedPointer<BarTimeTicker> m_timeTicker;
    QSharedPointer<PriceAxisTicker> m_priceTicker;
    std::unique_ptr<CandleDataAdapter> m_data;
    std::unique_ptr<IndicatorPanes> m_indicators;
    std::unique_ptr<QualityMarks> m_quality;
    QualityOverlay *m_priceQuality = nullptr;
    QualityOverlay *m_volumeQuality = nullptr;
    PatternMarks *m_patternMarks = nullptr;
    bool m_qualityTipShown = false;
    // Live changes update the legend and labels once a frame, before the replot.
    bool m_legendDirty = false;
    bool m_cursorLegendDirty = false;  // the crosshair moved to another bar
    QPointer<IndicatorPicker> m_picker;  // one at a time
    PaneLayout *m_paneLayout = nullptr;
    SessionBreaks *m_sessionBreaks = nullptr;
    ExtendedHoursShade *m_extendedHours = nullptr;
    TimeZoneButton *m_zoneButton = nullptr;
    ChartTimeZone m_zone;
    std::vector<ChartState::Indicator> m_indicatorStyles;  // pane, colours, widths
    std::map<QString, double> m_baselines;  // ChartState::baselines
    RepaintScheduler *m_repaint = nullptr;
    ChartCrosshair *m_crosshair = nullptr;
    PaneLegend *m_paneLegend = nullptr;
    bool m_clampingRange = false;
    struct Slice {
        int level = -1;  // -1: nothing handed
        double spanLower = 0.0;  // the bars it covers (margins included)
        double spanUpper = 0.0;
    };
    Slice m_slice;
    bool m_olderHistoryAsked = false;  // for this generation
    // A view wider than level 0 allows, kept while a new generation's levels build.
    std::optional<QCPRange> m_rangeAfterLod;
    bool m_applyingSeries = false;
    // Last: destroyed first, so no build result lands on a half-destroyed chart.
    std::unique_ptr<LodWorker> m_lodWorker;
};

}  // namespace wick
