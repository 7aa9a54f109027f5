// ui/chart: ChartScales, the value scale of each of a chart's panes (the price
// pane, the volume pane, every indicator pane): auto (fit the visible bars) or
// manual (the trader dragged the value axis: up stretches, down compresses;
// fitting stops until a double-click on the axis or the menu resets it), log
// and percent labels (the price pane only: the others may cross zero and stay
// linear), and inverted. Each pane's scale is kept by the pane's id
// (ChartState's: "price", "volume", the indicator's spec), not by its axis
// rect, so an indicator pane rebuilt (another indicator added or removed, its
// parameters changed: renamePane) keeps its manual range and inverted flag.
// Owns the mouse on the value axes (drag, double-click, context menu) through
// an event filter on the plot; a double-click on the time axis asks the chart
// to reset its view. UI thread only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QSharedPointer>

#include <qcustomplot.h>

#include "chart/ChartStyle.h"
#include "chart/PaneLayout.h"

class QMenu;

namespace wick {

class PriceAxisTicker;

class ChartScales : public QObject
{
    Q_OBJECT

public:
    // panes: every pane now with its id, the price pane first; changed: refit
    // and replot; resetTime: the trader double-clicked the time axis.
    ChartScales(QCustomPlot *plot, QCPAxisRect *price, QSharedPointer<PriceAxisTicker> ticker,
        std::function<std::vector<PaneLayout::PaneRef>()> panes, std::function<void()> changed,
        std::function<void()> resetTime);
    ~ChartScales() override;

    PaneScale scale(QCPAxisRect *pane) const;
    // Log and Percent are refused (Linear kept) on a pane other than the price pane.
    void setScale(QCPAxisRect *pane, const PaneScale &scale);
    PaneScale priceScale() const { return scale(m_price); }
    void setPriceScale(const PaneScale &scale) { setScale(m_price, scale); }
    // The range a manual pane shows (the trader dragged its axis); nullopt
    // while the pane fits its bars.
    std::optional<QCPRange> manualRange(QCPAxisRect *pane) const;
    // Makes the pane manual at this range (a chart restored as it was left).
    // False, the pane fitting as before, when the range is empty, not finite
    // or (log) reaches zero.
    bool setManualRange(QCPAxisRect *pane, const QCPRange &range);
    // Back to fitting the visible bars.
    void resetAuto(QCPAxisRect *pane);
    void resetAll();

    // Sets the price axis to show [low, high] with headroom as the pane's mode
    // wants (multiplicative in log, never reaching zero), unless it is manual.
    // firstClose: the percent mode's base.
    void fitPrice(
        double low, double high, double firstClose, double topHeadroom, double bottomHeadroom);
    // Puts the dragged range back on the manual panes other than the price pane
    // (their owners fit them on every change) and the inverted flag on every
    // pane (a rebuilt pane's axis starts upright); forgets the panes that went.
    void keepManualRanges();
    // The pane's scale now belongs to another id (an indicator's parameters changed).
    void renamePane(const QString &from, const QString &to);

    // Stretches (factor < 1) or compresses a pane's value range around its middle,
    // as a drag on its axis does; the pane turns manual.
    void stretch(QCPAxisRect *pane, double factor);
    // The menu the value axis of pane shows (the caller owns it).
    QMenu *createMenu(QCPAxisRect *pane, QWidget *parent);
    // The pane whose value axis is at pos (plot pixels), or null.
    QCPAxisRect *valueAxisPaneAt(const QPointF &pos) const;

signals:
    void scaleChanged(QCPAxisRect *pane);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct State {
        PaneScale scale;
        QCPRange manualRange;
    };
    void apply(QCPAxisRect *pane);
    bool onTimeAxis(const QPointF &pos) const;
    QString idOf(const QCPAxisRect *pane) const;  // empty: not a pane of the chart

    QCustomPlot *m_plot;
    QCPAxisRect *m_price;
    QSharedPointer<PriceAxisTicker> m_ticker;
    std::function<std::vector<PaneLayout::PaneRef>()> m_panes;
    std::function<void()> m_changed;
    std::function<void()> m_resetTime;
    std::map<QString, State> m_states;  // by pane id; panes left at the default are absent
    QPointer<QCPAxisRect> m_dragPane;
    double m_dragStartY = 0.0;
    QCPRange m_dragStartRange;
};

}  // namespace wick
