// ui/chart: IndicatorPanes draws a chart's indicators -- overlays on the price
// pane (moving averages, Bollinger Bands, SAR, VWAP) and one pane per other
// indicator under the volume pane, sharing the time axis of bar indices, with
// its fixed levels, its own value axis and a label with the last values. It
// folds the engine's IndicatorSnapshots in like CandleDataAdapter folds bars:
// new closed values are appended, the forming one replaced in place, and a new
// indicator generation redraws from scratch. UI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QColor>
#include <QStringList>
#include <QVector>

#include <qcustomplot.h>

#include "engine/MarketSnapshot.h"
#include "theme/Theme.h"

class QLabel;

namespace wick {

class BarTimeTicker;

class IndicatorPanes
{
public:
    // price, volume: the chart's panes; new panes go under volume and take over
    // the time labels from it.
    IndicatorPanes(QCustomPlot *plot, QCPAxisRect *price, QCPAxisRect *volume,
        QSharedPointer<BarTimeTicker> timeTicker, std::function<void(QCPAxisRect *)> paneCreated);
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
    void setPriceDecimals(int decimals) { m_priceDecimals = decimals; }
    void setTimeRange(const QCPRange &range);
    // Fits each pane's value axis to its values in bars [first, last] and its levels.
    void autoscale(std::size_t first, std::size_t last);
    // Low and high of the overlays' values in bars [first, last], for the price axis.
    std::optional<QCPRange> overlayRange(std::size_t first, std::size_t last) const;
    // Refreshes the labels' text (last values) and places them on their panes.
    void updateLabels();
    void placeLabels();

    // The overlay legend under the chart's legend line (overlays and refused specs).
    QLabel *overlayLegend() const { return m_overlayLegend; }
    int paneCount() const;
    QList<QCPAxisRect *> panes() const;
    // The graph of one output ("value" for single-output indicators); null if the
    // spec is not shown or that output is drawn as a histogram.
    QCPGraph *graph(const QString &spec, const QString &output) const;
    QCPBars *histogram(const QString &spec, bool positive) const;
    QCPAxisRect *paneOf(const QString &spec) const;  // null for overlays
    QString errorOf(const QString &spec) const;

private:
    struct Entry;

    void build(Entry &entry);
    void destroy(Entry &entry);
    void layoutPanes();
    void styleEntry(Entry &entry);
    void write(Entry &entry, std::size_t from);
    double lastValue(const Entry &entry, int output) const;
    QString formatValue(const Entry &entry, double value) const;

    QCustomPlot *m_plot;
    QCPAxisRect *m_price;
    QCPAxisRect *m_volume;
    QSharedPointer<BarTimeTicker> m_timeTicker;
    std::function<void(QCPAxisRect *)> m_paneCreated;  // the chart syncs the new pane's time axis
    QCPLayer *m_bandLayer = nullptr;  // under the candles: the Bollinger fill
    QLabel *m_overlayLegend = nullptr;
    QStringList m_specs;
    std::vector<std::unique_ptr<Entry>> m_entries;
    Theme m_theme;
    QFont m_tickFont;
    int m_priceDecimals = 2;
    QCPRange m_timeRange;
    std::uint64_t m_generation = 0;
    std::uint64_t m_barGeneration = 0;
    bool m_loaded = false;
    std::optional<SeriesSnapshot> m_last;  // views only: cheap to keep
    QVector<QCPGraphData> m_graphScratch;
    QVector<QCPBarsData> m_upScratch;
    QVector<QCPBarsData> m_downScratch;
};

}  // namespace wick
