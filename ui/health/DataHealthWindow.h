// ui/health: the data-health window -- per source, the feed's state and counters
// now (a table at the top) and over the last ten minutes (small multiples in Qt
// Charts: messages per second, reconnects, rate-limit waits, quarantined, and a
// circuit band per source and channel). UI thread only.
//
// Feed it one FeedHealthSample per source per second with addSample; the window
// keeps the last kHistorySamples of each source. While hidden it only stores
// them; showing it rebuilds every chart once. A non-modal top-level window:
// create it once, show() / raise() it from a menu, keep it alive.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "health/FeedHealthSample.h"
#include "theme/Theme.h"

class QAreaSeries;
class QChart;
class QChartView;
class QCategoryAxis;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableWidget;
class QValueAxis;

namespace wick {

class DataHealthWindow : public QWidget
{
    Q_OBJECT

public:
    // One sample a second for ten minutes.
    static constexpr int kHistorySamples = 600;
    static constexpr qint64 kWindowMs = 10 * 60 * 1000;

    // The charts, in the order chart() takes them.
    enum class Metric { MessagesPerSecond, Reconnects, RateLimitWaits, Quarantined, Circuit };
    // The summary table's columns (one row per source, in the order sources first appeared).
    enum class Column {
        Source,
        State,
        MessagesPerSecond,
        Reconnects,
        RateLimitWaits,
        Weight,
        RestFailures,
        Quarantined,
        Flagged,
        Circuit,
    };

    // Top-level (Qt::Window) even with a parent, so it closes with the main window.
    explicit DataHealthWindow(QWidget *parent = nullptr);
    ~DataHealthWindow() override;

    // Appends one reading of sample.source (a new source gets a row and a colour).
    // Samples of a source should come in time order; an older one is dropped.
    void addSample(const FeedHealthSample &sample);
    // The state column's text ("Live", "Reconnecting in 4 s"), until the next
    // setFeedState or a sample with a non-empty state.
    void setFeedState(const QString &source, const QString &stateText);
    void setTheme(const Theme &theme);

    // For tests and the app.
    QStringList sources() const;
    int sampleCount(const QString &source) const;  // 0 for an unknown source
    double lastMessagesPerSecond(const QString &source) const;  // NaN when there is none
    QString summaryText(const QString &source, Column column) const;
    QChart *chart(Metric metric) const;
    // Points the source's line holds in the metric's chart right now: one per sample
    // for the rate, two per step for counters (a flat run keeps only its ends),
    // for Circuit the stream lane's "closed" band outline. Stays behind while hidden.
    int plottedPointCount(const QString &source, Metric metric) const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Track;

    Track &track(const QString &source);
    const Track *findTrack(const QString &source) const;
    void createSeries(Track &t);
    void plot(Track &t);
    void plotCircuit(Track &t);
    void updateSummary(const Track &t);
    void updateAxes();
    void relayoutCircuitLanes();
    int circuitLaneCount() const;  // two per source with circuits
    void alignWideCharts();
    void updateLegends();
    void applyTheme();
    void styleSeries(Track &t);

    Theme m_theme;
    std::vector<std::unique_ptr<Track>> m_tracks;  // in the order sources first appeared
    QTableWidget *m_summary = nullptr;
    QLabel *m_footer = nullptr;
    std::vector<QChartView *> m_views;  // by Metric
    std::vector<QChart *> m_charts;
    std::vector<QDateTimeAxis *> m_timeAxes;
    std::vector<QValueAxis *> m_valueAxes;  // by Metric, except Circuit
    QCategoryAxis *m_laneAxis = nullptr;
    qint64 m_latestMs = 0;
    bool m_stale = false;  // samples arrived while hidden
};

}  // namespace wick
