// ui/chart: PaneLayout arranges a chart's panes -- price, volume and the
// indicator panes, axis rects in one QCustomPlot sharing the time axis -- top
// to bottom in the plot's layout: their order, their heights (row stretch
// factors), collapsed panes (a thin strip) and a closed volume pane. The
// boundary between two panes is a drag handle (the cursor shows it on hover);
// a pane's menu (move up, move down, collapse, close) is part of the chart's
// context menu (addActions). The time labels go under the lowest pane shown.
// A collapsed or closed pane draws none of its lines; lines the legend hid
// stay hidden whatever the layout does. UI thread only.
#pragma once

#include <functional>
#include <vector>

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QRect>
#include <QSet>
#include <QStringList>

#include "chart/ChartState.h"
#include "chart/HoverCursor.h"

class QCPAbstractPlottable;
class QCPAxisRect;
class QCustomPlot;
class QMenu;

namespace wick {

class PaneLayout : public QObject
{
    Q_OBJECT

public:
    struct PaneRef {
        QString id;  // ChartState's pane id
        QCPAxisRect *rect = nullptr;
    };
    // panes: the chart's panes now, price and volume first, then indicator
    // panes in the order of the chart's indicators.
    PaneLayout(
        QCustomPlot *plot, std::function<std::vector<PaneRef>()> panes, QObject *parent = nullptr);

    // Re-arranges the plot's layout (after panes came or went); no replot.
    void apply();
    // Which lines the trader hid (the legend's Hide): they stay hidden when
    // their pane is expanded, moved or rebuilt.
    void setLineHidden(std::function<bool(const QCPAbstractPlottable *)> hidden);
    // Shows the lines of the panes shown, except the hidden ones (after a Hide or Show).
    void refreshVisibility();
    // The panes top to bottom with their current heights.
    std::vector<ChartState::Pane> state() const;
    // Takes order, heights and collapsed panes from a state (panes not shown
    // yet keep theirs until they come), then apply().
    void restore(const std::vector<ChartState::Pane> &panes);

    QStringList order() const;  // the panes shown now, top to bottom
    double height(const QString &id) const;  // its row stretch factor
    bool isCollapsed(const QString &id) const { return m_collapsed.contains(id); }
    bool isClosed(const QString &id) const { return m_closed.contains(id); }
    QCPAxisRect *rectOf(const QString &id) const;
    // The panes' plotting area together, top of the highest to bottom of the lowest shown.
    QRect shownArea() const;
    // The pane under a point of the plot (widget pixels); empty when none.
    QString paneAt(const QPointF &pos) const;
    // The y (widget pixels) of the handle between the pane and the one under
    // it; -1 when there is none.
    double handleY(const QString &id) const;

    void moveUp(const QString &id);
    void moveDown(const QString &id);
    void setCollapsed(const QString &id, bool collapsed);
    // The volume pane is hidden (shown again from any pane's menu); an indicator
    // pane asks the chart to remove its indicators (closeRequested).
    void closePane(const QString &id);
    void showVolume();
    void resetHeights();
    // A pane id now belongs to another (an indicator's parameters changed):
    // its place, height and collapsed state go with it.
    void renamePane(const QString &from, const QString &to);
    // The pane's menu (the caller owns it), and its actions added to a menu.
    QMenu *createMenu(const QString &id, QWidget *parent);
    void addActions(QMenu *menu, const QString &id);

    static constexpr double kHandlePx = 4.0;  // either side of the boundary
    static constexpr double kMinPanePx = 36.0;  // a drag leaves each pane this high
    static constexpr int kCollapsedPx = 18;

signals:
    // Order, heights, collapsed or closed panes changed (the chart's state).
    void changed();
    void closeRequested(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::vector<PaneRef> arranged() const;
    // Index i (into arranged()) of the pane whose bottom boundary is at pos; -1: none.
    int boundaryAt(const QPointF &pos, const std::vector<PaneRef> &panes) const;
    double defaultHeight(const QString &id, int indicatorPanes) const;
    void freezeHeights();
    void dragTo(double y);
    void applyVisibility(const std::vector<PaneRef> &panes);

    QCustomPlot *m_plot;
    std::function<std::vector<PaneRef>()> m_panes;
    std::function<bool(const QCPAbstractPlottable *)> m_lineHidden;
    QStringList m_order;  // every pane seen, in the trader's order
    QHash<QString, double> m_heights;  // set by a drag or a restored state
    QSet<QString> m_collapsed;
    QSet<QString> m_closed;  // the volume pane only
    struct Drag {
        QString upper;
        QString lower;
        double startY = 0.0;
        double upperPx = 0.0;
        double lowerPx = 0.0;
        double stretchSum = 0.0;
    };
    std::optional<Drag> m_drag;
    HoverCursor m_hoverCursor;
};

}  // namespace wick
