// ui/chart: ChartLegend, the chart's legend line (symbol, timeframe, source
// badge, the last bar's OHLC, change and volume, a quarantine note) painted as
// coloured runs of plain text. It replaced a rich-text QLabel whose HTML parse
// and layout cost 3-5 ms per update, and the line changes with every trade.
// UI thread only.
#pragma once

#include <vector>

#include <QColor>
#include <QString>
#include <QWidget>

namespace wick {

class ChartLegend : public QWidget
{
public:
    struct Run {
        QString text;
        QColor color;
        QColor background;  // invalid: none (a badge has one)
        bool bold = false;
        int spaceBefore = 0;  // pixels
        friend bool operator==(const Run &, const Run &) = default;
    };

    explicit ChartLegend(QWidget *parent = nullptr);

    // Resizes to fit and repaints, unless the runs are the same as shown.
    void setRuns(std::vector<Run> runs);
    void clear() { setRuns({}); }
    // The runs' text, joined by spaces (tests, accessibility).
    QString text() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<Run> m_runs;
};

}  // namespace wick
