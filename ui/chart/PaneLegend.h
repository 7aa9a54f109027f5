// ui/chart: PaneLegend, the indicators' legend lines -- one per overlay under
// the chart's price legend, one at the top left of each indicator pane: the
// indicator's label and its values at the bar under the crosshair (the last
// bar when there is none), painted as ChartLegend text runs and elided at the
// pane's right edge. A right click on a line opens its menu: hide/show,
// settings (the indicator dialog on that indicator), remove. UI thread only.
#pragma once

#include <map>
#include <optional>

#include <QFont>
#include <QObject>
#include <QPoint>
#include <QString>

#include "theme/Theme.h"

class QCustomPlot;
class QMenu;

namespace wick {

class ChartLegend;
class IndicatorPanes;

class PaneLegend : public QObject
{
    Q_OBJECT

public:
    PaneLegend(QCustomPlot *plot, IndicatorPanes *indicators);
    ~PaneLegend() override;

    void setTheme(const Theme &theme);
    // Shows the values at bar (the last bar when none).
    void refresh(std::optional<std::size_t> bar);
    void refresh() { refresh(m_bar); }
    // Places the lines: the overlays' from overlayTopLeft down (under the
    // price legend), each pane's at the pane's top left; priceRight: where
    // the overlay lines are elided.
    void place(QPoint overlayTopLeft, int priceRight);

    // What is shown, for tests: the overlay lines' text (one per line) and a
    // line's text and widget (null when the spec has none).
    QString overlayText() const;
    bool overlayShown() const;
    QString lineText(const QString &spec) const;
    ChartLegend *line(const QString &spec) const;
    // The menu a right click on spec's line opens (the caller owns it).
    QMenu *menuFor(const QString &spec, QWidget *parent);

signals:
    void settingsRequested(const QString &spec);
    void removeRequested(const QString &spec);
    // "Add alert on ...": operand in the rule grammar ("RSI:14",
    // "MACD:12,26,9.signal"), value its last value (NaN when it has none).
    void alertRequested(const QString &operand, double value);
    // A line was hidden or shown: the plot replots.
    void hiddenChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCustomPlot *m_plot;
    IndicatorPanes *m_indicators;
    Theme m_theme;
    std::optional<std::size_t> m_bar;
    std::map<QString, ChartLegend *> m_lines;  // by spec; children of the plot
    QPoint m_overlayTopLeft {10, 30};
    int m_priceRight = 0;
};

}  // namespace wick
