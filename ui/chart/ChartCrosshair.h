// ui/chart: ChartCrosshair, the chart's crosshair -- one vertical line through
// every pane at the pixel x of the bar under the mouse, a horizontal line in
// the pane under the mouse, that pane's value on its value axis and the bar's
// time on the time axis. Magnet: off, weak (y snaps to the nearest of the bar's
// open, high, low and close within kWeakMagnetPx) or strong (always snaps);
// only on the price pane, whose bars have OHLC. Keys (on the plot): Left/Right
// move it bar by bar, Home/End to the first/last bar (the view follows), Esc
// hides it. It draws on its own buffered QCPLayer ("crosshair", above every
// other): a move asks the chart for a Cursor repaint, which replots that layer
// only. UI thread only.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>

#include <QColor>
#include <QFont>
#include <QFontMetrics>
#include <QLine>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QRect>
#include <QRegion>
#include <QString>

#include "chart/ChartLegendText.h"

class QCustomPlot;
class QCPAxisRect;
class QCPLayer;
class QToolButton;
class QWidget;

namespace wick {

class CrosshairItem;

class ChartCrosshair : public QObject
{
    Q_OBJECT

public:
    enum class Magnet { Off, Weak, Strong };

    // What the crosshair reads from its chart.
    struct Source {
        // The panes top to bottom; the first is the price pane.
        std::function<QList<QCPAxisRect *>()> panes;
        std::function<std::size_t()> barCount;
        // Open, high, low, close of bar i (the real bars, whatever the chart type).
        std::function<std::array<double, 4>(std::size_t)> ohlc;
        // The bar's time in the chart's zone, and a value on a pane's axis.
        std::function<QString(std::size_t)> timeText;
        std::function<QString(QCPAxisRect *, double)> valueText;
    };

    // repaint: asks the chart for a Cursor repaint (merged per frame).
    ChartCrosshair(QCustomPlot *plot, Source source, std::function<void()> repaint);
    ~ChartCrosshair() override;

    void setMagnet(Magnet magnet);
    Magnet magnet() const { return m_magnet; }
    // A toolbar button whose menu picks the magnet mode.
    QToolButton *createMagnetButton(QWidget *parent);
    void setStyle(const QColor &line, const QColor &labelBackground, const QColor &labelText,
        const QFont &font);

    // The mouse at a plot pixel; hidden outside every pane.
    void moveTo(const QPointF &pos);
    void hide();
    // Bar by bar from where it is (from the last bar when hidden); to a bar.
    void step(int bars);
    void moveToBar(std::size_t bar);
    // The bars changed (a new series: hidden; fewer bars: clamped).
    void barsChanged();

    bool isShown() const { return m_bar.has_value(); }
    std::optional<std::size_t> bar() const { return m_bar; }
    QCPAxisRect *pane() const { return m_pane; }  // the horizontal line's pane
    double value() const { return m_value; }  // on that pane's axis, after the magnet
    // Pixel x of the vertical line in a pane (the same in all of them), and y
    // of the horizontal one; NaN when hidden.
    double lineX(QCPAxisRect *pane = nullptr) const;
    double lineY() const;
    QCPLayer *layer() const { return m_layer; }
    // Repaints the layer alone (the chart calls it for a Cursor repaint).
    void paint();

    static constexpr double kWeakMagnetPx = 12.0;

signals:
    // Shown, hidden, or on another bar: the legends follow.
    void barChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    friend class CrosshairItem;
    // Where it draws, in plot pixels.
    struct Geometry {
        bool shown = false;
        QLine vertical;  // null: the bar is off screen
        QLine horizontal;  // null: no pane under the mouse
        QRect valueBox;
        QString valueText;
        QRect timeBox;
        QString timeText;
        QRegion region() const;  // the pixels drawn
        // A line's pixels and one either side (a 1 px pen may round either way).
        QRect verticalStrip() const;
        QRect horizontalStrip() const;
    };
    Geometry geometry() const;
    void place(std::size_t bar, QCPAxisRect *pane, double pixelY);
    void keepBarInView(std::size_t bar);
    void changed(bool barMoved);

    QCustomPlot *m_plot;
    Source m_source;
    std::function<void()> m_repaint;
    QCPLayer *m_layer = nullptr;
    CrosshairItem *m_item = nullptr;
    Magnet m_magnet = Magnet::Off;
    std::optional<std::size_t> m_bar;
    QCPAxisRect *m_pane = nullptr;
    double m_pixelY = 0.0;  // the mouse's, before the magnet
    double m_value = 0.0;
    QColor m_lineColor = Qt::gray;
    QColor m_labelBackground = Qt::darkGray;
    QColor m_labelText = Qt::white;
    QFont m_font;
    QFontMetrics m_metrics {m_font};
    mutable ChartLegendText m_labels;  // the labels' sprites
    mutable QRegion m_drawn;  // what the layer holds now
};

}  // namespace wick
