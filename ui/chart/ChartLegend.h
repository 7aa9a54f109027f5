// ui/chart: ChartLegend, the chart's legend line (symbol, timeframe, source
// badge, the last bar's OHLC, change and volume, a quarantine note) painted as
// coloured runs of plain text. It replaced a rich-text QLabel whose HTML parse
// and layout cost 3-5 ms per update, and the line changes with every trade.
// A line wider than its maximum width is elided at the right ("..."). A
// repaint draws the runs it touches, each from a cached sprite, and a change
// that moves no run repaints the changed runs only.
// UI thread only.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include <QColor>
#include <QFontMetrics>
#include <QHash>
#include <QRect>
#include <QString>
#include <QWidget>

#include "chart/ChartLegendText.h"

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
    // At most this wide (0: no limit); what does not fit is elided.
    void setMaxWidth(int width);
    // The full width the runs ask for, before eliding.
    int naturalWidth() const { return m_naturalWidth; }
    // The runs' text, joined by spaces (tests, accessibility).
    QString text() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fit();
    // Where run index sits (before eliding); after fit().
    QRect runBox(std::size_t index) const;
    // The font and metrics of a run (bold or not), made once per font.
    const QFont &runFont(bool bold);
    const QFontMetrics &metrics(bool bold);
    // A run's text width: measured once per text and font (a crosshair move
    // changes a few numbers, most of which were measured before).
    int textWidth(const QString &text, bool bold);

    std::vector<Run> m_runs;
    int m_maxWidth = 0;
    int m_naturalWidth = 0;
    std::vector<int> m_widths;  // per run, with its badge padding
    std::array<std::optional<QFont>, 2> m_fonts;
    std::array<std::optional<QFontMetrics>, 2> m_metrics;
    std::array<QHash<QString, int>, 2> m_widthCache;
    ChartLegendText m_text;  // the runs' sprites (font slot 1: bold)
    static constexpr qsizetype kWidthCacheSize = 2048;
};

}  // namespace wick
