// ui/chart: IndicatorPanes draws a chart's indicators -- overlays on the price
// pane (moving averages, Bollinger Bands, SAR, VWAP) and one pane per other
// indicator under the volume pane (candlestick patterns: marks, see
// markSeries), sharing the time axis of bar indices, with
// its fixed levels, its own value axis and a label with the last values. It
// picks its own runs by key from the series' IndicatorSnapshots (which carry
// every owner's runs) and folds them in like CandleDataAdapter folds bars,
// at the same level of detail and slice: each output keeps a ValuePyramid
// (built on the LOD worker for a new generation, updated in O(levels) for the
// forming and appended values), and QCustomPlot gets only the chart's slice of
// the chart's level. Its legends (PaneLegend) read legendLines(). UI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include <QColor>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QVector>

#include <qcustomplot.h>

#include "chart/LodPyramid.h"
#include "engine/MarketSnapshot.h"
#include "theme/Theme.h"

namespace wick {

class BarTimeTicker;
class LodWorker;

class IndicatorPanes
{
public:
    // price, volume: the chart's panes; new panes go under volume and take over
    // the time labels from it.
    // lodReady: an indicator's zoomed-out levels landed (the chart autoscales and replots).
    IndicatorPanes(QCustomPlot *plot, QCPAxisRect *price, QCPAxisRect *volume,
        QSharedPointer<BarTimeTicker> timeTicker, std::function<void(QCPAxisRect *)> paneCreated,
        LodWorker *worker = nullptr, std::function<void()> lodReady = {});
    ~IndicatorPanes();
    IndicatorPanes(const IndicatorPanes &) = delete;
    IndicatorPanes &operator=(const IndicatorPanes &) = delete;

    // Replaces the indicators drawn (specs as in indicators/IndicatorRegistry.h);
    // their values come with the next snapshot that carries them.
    void setSpecs(const QStringList &specs);
    const QStringList &specs() const { return m_specs; }
    // Forgets every value (the chart shows another series).
    void clearValues();
    // Takes the indicators of the shown series' snapshot; barsReloaded: the
    // candles were redrawn from scratch.
    void apply(const SeriesSnapshot &series, bool barsReloaded);

    void setTheme(const Theme &theme, const QFont &tickFont);
    // The trader's colours (per output; an invalid one keeps the palette's) and
    // line width (0: 1 px) for a spec, now and whenever it is drawn again.
    void setLineStyle(const QString &spec, const std::vector<QColor> &colors, double width);
    void setPriceDecimals(int decimals) { m_priceDecimals = decimals; }
    void setTimeRange(const QCPRange &range);
    // Hands buckets [first, last] of a level to the plottables (as the candles);
    // an indicator whose levels are still building shows nothing above level 0.
    void setSlice(int level, std::size_t first, std::size_t last);
    // Every indicator with values has its levels (tests, bench).
    bool lodReady() const;
    // Fits each pane's value axis to its values in bars [first, last] and its levels.
    void autoscale(std::size_t first, std::size_t last);
    // Low and high of the overlays' values in bars [first, last], for the price axis.
    std::optional<QCPRange> overlayRange(std::size_t first, std::size_t last) const;
    // Tells the legends that values or indicators changed: at once for a new
    // history or indicator, once a frame (flushLabels) for live values.
    void updateLabels();
    void flushLabels();
    void setLabelsChangedHandler(std::function<void()> handler)
    {
        m_labelsChanged = std::move(handler);
    }

    // One legend line per indicator: its label and its outputs' values at row
    // (the last row when none or past the end), each in its line's colour.
    struct LegendValue {
        QString text;
        QColor color;
    };
    struct LegendLine {
        QString spec;
        QString label;  // "RSI(14)"; the spec when it did not parse
        QCPAxisRect *pane = nullptr;  // null: an overlay on the price pane
        QString error;
        bool hidden = false;
        std::vector<LegendValue> values;
    };
    std::vector<LegendLine> legendLines(std::optional<std::size_t> row) const;
    // Hides or shows an indicator's lines (kept while the chart shows it).
    void setHidden(const QString &spec, bool hidden);
    bool isHidden(const QString &spec) const { return m_hidden.contains(spec); }
    // The plottable is one of a hidden indicator's lines.
    bool hides(const QCPAbstractPlottable *plottable) const;
    // An indicator's parameters changed (spec from -> to): its hidden state and
    // line style go with it. Before setSpecs.
    void renameSpec(const QString &from, const QString &to);
    // A value on an indicator pane's axis, compact ("1.2M", "0.0123").
    static QString paneValueText(double value);

    int paneCount() const;
    QList<QCPAxisRect *> panes() const;
    // The graph of one output ("value" for single-output indicators); null if the
    // spec is not shown or that output is drawn as a histogram.
    QCPGraph *graph(const QString &spec, const QString &output) const;
    QCPBars *histogram(const QString &spec, bool positive) const;
    // An indicator's outputs with the colour each is drawn in, and its line
    // width (the legend's settings start from them); empty for an unknown spec.
    struct OutputStyle {
        QString output;
        QColor color;
    };
    std::vector<OutputStyle> outputStyles(const QString &spec) const;
    // An output's value on the last bar (NaN before its first value or for an
    // unknown spec): where an alert on that line starts its level.
    double lastValue(const QString &spec, int output) const;
    double lineWidth(const QString &spec) const;
    QCPAxisRect *paneOf(const QString &spec) const;  // null for overlays
    // The candlestick patterns on the chart on their own ("CDLENGULFING", not
    // chained): no pane or line, PatternMarks marks their bars on the price
    // pane. The loaded ones the legend does not hide; the pointers live until
    // the next setSpecs, apply or clearValues.
    struct MarkSeries {
        QString spec;
        QString label;  // "CDLENGULFING"
        QString title;  // "Engulfing Pattern"
        const ValueSource *values = nullptr;
        const ValuePyramid *lod = nullptr;  // null while its levels build
    };
    std::vector<MarkSeries> markSeries() const;
    // Drawn on another indicator's pane: a chained spec ("SMA:9@RSI:14") whose
    // inner spec ("RSI:14") the chart shows too shares that pane and its scale.
    bool isGuest(const QString &spec) const;
    QString errorOf(const QString &spec) const;
    // Every output of every indicator with values, aligned with the bars:
    // "RSI(14)" for a single output, "BBANDS(20,2,2) upper" for one of several.
    struct Column {
        QString name;
        ValueSource values;
    };
    std::vector<Column> columns() const;

private:
    struct Entry;
    struct ValueScan;

    void build(Entry &entry, QCPAxisRect *hostPane);
    void destroy(Entry &entry);
    void layoutPanes();
    void styleEntry(Entry &entry);
    // Rewrites the entry's handed buckets from the one holding row from on
    // (replace: all of the slice).
    void write(Entry &entry, std::size_t from, bool replace);
    void startBuild(Entry &entry);
    // Adds the entry's values in rows [first, last] to scan; false when that
    // would be a history-sized scan (its levels are still building).
    bool scanValues(const Entry &entry, std::size_t first, std::size_t last, ValueScan &scan) const;
    double valueAt(const Entry &entry, int output, std::optional<std::size_t> row) const;
    void applyHidden(Entry &entry);
    QString formatValue(const Entry &entry, double value) const;

    QCustomPlot *m_plot;
    QCPAxisRect *m_price;
    QCPAxisRect *m_volume;
    QSharedPointer<BarTimeTicker> m_timeTicker;
    std::function<void(QCPAxisRect *)> m_paneCreated;  // the chart syncs the new pane's time axis
    QCPLayer *m_bandLayer = nullptr;  // under the candles: the Bollinger fill
    std::function<void()> m_labelsChanged;
    QSet<QString> m_hidden;  // specs whose lines are hidden
    QStringList m_specs;
    std::vector<std::unique_ptr<Entry>> m_entries;
    struct LineStyle {
        std::vector<QColor> colors;
        double width = 0.0;
    };
    QHash<QString, LineStyle> m_lineStyles;  // by spec
    Theme m_theme;
    QFont m_tickFont;
    int m_priceDecimals = 2;
    QCPRange m_timeRange;
    bool m_linesAntialiased = true;
    std::uint64_t m_generation = 0;
    std::uint64_t m_barGeneration = 0;
    bool m_loaded = false;
    bool m_labelsDirty = false;
    std::optional<SeriesSnapshot> m_last;  // views only: cheap to keep
    LodWorker *m_worker = nullptr;
    std::function<void()> m_lodReady;
    // Nothing is handed until the chart sets a slice.
    int m_sliceLevel = 0;
    std::size_t m_sliceFirst = 1;
    std::size_t m_sliceLast = 0;
    QVector<QCPGraphData> m_graphScratch;
    QVector<QCPBarsData> m_upScratch;
    QVector<QCPBarsData> m_downScratch;
};

}  // namespace wick
