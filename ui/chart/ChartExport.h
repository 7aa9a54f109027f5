// ui/chart: exports of what a ChartView shows. The chart as an image at any
// size (File > Export Chart Image, and `wick --screenshot` draws the chart
// through the same function): the plot laid out and drawn at that size, with
// its legend and pane labels on it. The visible bars with every indicator
// column as CSV (RFC 4180 via CsvFields: a header, fields quoted when they hold
// commas): the rows are gathered as views on the UI thread and written on a
// pool thread, so a zoomed-out million bars never stalls the chart.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QImage>
#include <QPixmap>
#include <QSize>
#include <QString>

#include "chart/IndicatorPanes.h"
#include "chart/LodPyramid.h"

class QWidget;

namespace wick {

class ChartView;

// The chart drawn at size (device pixels), legend and labels included. The
// chart on screen is untouched (it is laid out again at its own size after).
QImage renderChartImage(ChartView &chart, const QSize &size);

// window grabbed, with the chart's plot in it drawn by renderChartImage at its
// own size (what `wick --screenshot` saves).
QPixmap grabWithChart(QWidget &window, ChartView &chart);

// What the CSV export writes: bars [first, last] and the indicator columns.
struct ChartCsvData {
    BarSource bars;
    std::size_t first = 0;
    std::size_t last = 0;
    std::vector<IndicatorPanes::Column> columns;
};
// The visible bars of chart (views: cheap); nullopt when there are none.
std::optional<ChartCsvData> visibleChartData(const ChartView &chart);
// time (ISO 8601 UTC), open, high, low, close, volume, then one column per
// indicator output (empty where it is not defined). Any thread.
QByteArray chartCsv(const ChartCsvData &data);
// Writes the visible bars of chart to path off the UI thread, then calls
// done(rows, error) on the chart's thread (error empty on success).
void exportChartCsv(
    ChartView &chart, const QString &path, std::function<void(qint64, QString)> done);

// File menu dialogs (non-blocking): the image's size and file, the CSV's file.
// status: one line for the status bar when the file is written or fails.
void openExportImageDialog(ChartView *chart, QWidget *parent, std::function<void(QString)> status);
void openExportVisibleCsvDialog(
    ChartView *chart, QWidget *parent, std::function<void(QString)> status);

}  // namespace wick
