#include "chart/ChartCrosshair.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QActionGroup>
#include <QKeyEvent>
#include <QMenu>
#include <QPointer>
#include <QToolButton>

#include <qcustomplot.h>

#include "chart/ChartPlot.h"

namespace wick {

namespace {

constexpr int kLabelPaddingX = 6;
constexpr int kLabelPaddingY = 2;

}  // namespace

// Draws the crosshair on its layer; the plot owns it (a layerable is the plot's).
class CrosshairItem : public QCPLayerable
{
public:
    static void drawCrosshair(const ChartCrosshair &c, QCPPainter *painter);
    static void drawGeometry(
        const ChartCrosshair &c, const ChartCrosshair::Geometry &g, QCPPainter *painter);

    CrosshairItem(QCustomPlot *plot, const QString &layer, ChartCrosshair *owner)
        : QCPLayerable(plot, layer)
        , m_owner(owner)
    { }

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override
    {
        painter->setAntialiasing(false);
    }

    void draw(QCPPainter *painter) override
    {
        if (m_owner)
            drawCrosshair(*m_owner, painter);
    }

private:
    QPointer<ChartCrosshair> m_owner;
};

void CrosshairItem::drawCrosshair(const ChartCrosshair &c, QCPPainter *painter)
{
    const ChartCrosshair::Geometry g = c.geometry();
    c.m_drawn = g.region();
    if (auto *plot = dynamic_cast<ChartPlot *>(c.m_plot))
        plot->setOverlayExtent(c.m_drawn);
    drawGeometry(c, g, painter);
}

void CrosshairItem::drawGeometry(
    const ChartCrosshair &c, const ChartCrosshair::Geometry &g, QCPPainter *painter)
{
    if (!g.shown)
        return;
    QPen pen(c.m_lineColor, 1, Qt::CustomDashLine);
    pen.setCosmetic(true);
    pen.setDashPattern({4.0, 4.0});
    // Each piece clipped to its own strip or box: inside a partial repaint's
    // many-rectangle region that leaves one rectangle, which the raster
    // engine blits and strokes through its fast paths.
    painter->save();
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    if (!g.vertical.isNull()) {
        painter->setClipRect(g.verticalStrip());
        painter->drawLine(g.vertical);
    }
    if (!g.horizontal.isNull()) {
        painter->setClipRect(g.horizontalStrip());
        painter->drawLine(g.horizontal);
    }
    for (const auto &[box, text] :
        {std::pair(g.valueBox, g.valueText), std::pair(g.timeBox, g.timeText)}) {
        if (box.isEmpty())
            continue;
        painter->setClipRect(box);
        painter->fillRect(box, c.m_labelBackground);
        c.m_labels.draw(painter, box, text, 0, c.m_font, c.m_labelText, c.m_labelBackground);
    }
    painter->restore();
}

QRect ChartCrosshair::Geometry::verticalStrip() const
{
    return QRect(vertical.x1() - 1, vertical.y1(), 3, vertical.y2() - vertical.y1() + 1);
}

QRect ChartCrosshair::Geometry::horizontalStrip() const
{
    return QRect(horizontal.x1(), horizontal.y1() - 1, horizontal.x2() - horizontal.x1() + 1, 3);
}

QRegion ChartCrosshair::Geometry::region() const
{
    QRegion region;
    if (!shown)
        return region;
    // The lines' pixels and a pixel around (a 1 px pen may round either way).
    if (!vertical.isNull())
        region += verticalStrip();
    if (!horizontal.isNull())
        region += horizontalStrip();
    for (const QRect &box : {valueBox, timeBox}) {
        if (!box.isEmpty())
            region += box.adjusted(-1, -1, 1, 1);
    }
    return region;
}

ChartCrosshair::Geometry ChartCrosshair::geometry() const
{
    Geometry g;
    if (!m_bar)
        return g;
    const QList<QCPAxisRect *> panes = m_source.panes();
    if (panes.isEmpty())
        return g;
    g.shown = true;
    QCPAxisRect *lowest = panes.last();
    const int x = static_cast<int>(std::lround(lineX()));
    const bool xInside = x >= lowest->left() && x <= lowest->right();
    if (xInside)
        g.vertical = QLine(x, panes.first()->top(), x, lowest->bottom());
    const int labelHeight = m_metrics.height() + 2 * kLabelPaddingY;
    // A label is as wide as its sprite (laid out once per text).
    const auto labelWidth = [this](const QString &text) {
        const QPixmap &sprite = m_labels.sprite(
            text, 0, m_font, m_labelText, m_labelBackground, m_plot->devicePixelRatioF());
        return static_cast<int>(std::lround(sprite.width() / sprite.devicePixelRatio()))
            + 2 * kLabelPaddingX;
    };
    if (m_pane) {
        const int y = static_cast<int>(std::lround(lineY()));
        if (y >= m_pane->top() && y <= m_pane->bottom()) {
            g.horizontal = QLine(m_pane->left(), y, m_pane->right(), y);
            g.valueText = m_source.valueText(m_pane, m_value);
            const int width = labelWidth(g.valueText);
            const int top = std::clamp(y - labelHeight / 2, m_pane->top(),
                std::max(m_pane->top(), m_pane->bottom() - labelHeight + 1));
            g.valueBox = QRect(m_pane->right() + 1, top, width, labelHeight);
        }
    }
    if (xInside) {
        g.timeText = m_source.timeText(*m_bar);
        if (!g.timeText.isEmpty()) {
            const int width = labelWidth(g.timeText);
            const int left = std::clamp(x - width / 2, lowest->left(),
                std::max(lowest->left(), lowest->right() - width + 1));
            g.timeBox = QRect(left, lowest->bottom() + 1, width, labelHeight);
        }
    }
    return g;
}

ChartCrosshair::ChartCrosshair(QCustomPlot *plot, Source source, std::function<void()> repaint)
    : QObject(plot)
    , m_plot(plot)
    , m_source(std::move(source))
    , m_repaint(std::move(repaint))
{
    const QString name = QStringLiteral("crosshair");
    m_plot->addLayer(name, m_plot->layer(m_plot->layerCount() - 1), QCustomPlot::limAbove);
    m_layer = m_plot->layer(name);
    m_layer->setMode(QCPLayer::lmBuffered);
    m_item = new CrosshairItem(m_plot, name, this);
    if (auto *plot = dynamic_cast<ChartPlot *>(m_plot))
        plot->enableOverlayBuffer();
    m_plot->setMouseTracking(true);
    m_plot->setFocusPolicy(Qt::ClickFocus);
    m_plot->installEventFilter(this);
}

ChartCrosshair::~ChartCrosshair() = default;

void ChartCrosshair::setMagnet(Magnet magnet)
{
    if (magnet == m_magnet)
        return;
    m_magnet = magnet;
    if (m_bar && m_pane)
        place(*m_bar, m_pane, m_pixelY);
}

QToolButton *ChartCrosshair::createMagnetButton(QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(QStringLiteral("magnetButton"));
    button->setText(tr("Magnet"));
    button->setToolTip(tr("Crosshair magnet: snap to the bar's open, high, low or close"));
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus);
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    auto *group = new QActionGroup(menu);
    const auto add = [&](const QString &text, Magnet mode) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(mode == m_magnet);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] { setMagnet(mode); });
    };
    add(tr("Off"), Magnet::Off);
    add(tr("Weak (snap when near)"), Magnet::Weak);
    add(tr("Strong (always snap)"), Magnet::Strong);
    button->setMenu(menu);
    return button;
}

void ChartCrosshair::setStyle(
    const QColor &line, const QColor &labelBackground, const QColor &labelText, const QFont &font)
{
    m_lineColor = line;
    m_labelBackground = labelBackground;
    m_labelText = labelText;
    m_font = font;
    m_metrics = QFontMetrics(font);
    m_labels.clear();
    if (m_bar)
        m_repaint();
}

void ChartCrosshair::moveTo(const QPointF &pos)
{
    const std::size_t count = m_source.barCount();
    QCPAxisRect *under = nullptr;
    for (QCPAxisRect *pane : m_source.panes()) {
        if (pane->rect().contains(pos.toPoint())) {
            under = pane;
            break;
        }
    }
    if (!under || count == 0) {
        hide();
        return;
    }
    const double key = under->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    const double last = static_cast<double>(count - 1);
    const auto bar = static_cast<std::size_t>(std::clamp(std::round(key), 0.0, last));
    place(bar, under, pos.y());
}

void ChartCrosshair::hide()
{
    if (!m_bar)
        return;
    m_bar.reset();
    m_pane = nullptr;
    changed(true);
}

void ChartCrosshair::step(int bars)
{
    const std::size_t count = m_source.barCount();
    if (count == 0)
        return;
    if (!m_bar) {
        moveToBar(count - 1);
        return;
    }
    const auto target = std::clamp<long long>(
        static_cast<long long>(*m_bar) + bars, 0, static_cast<long long>(count) - 1);
    moveToBar(static_cast<std::size_t>(target));
}

void ChartCrosshair::moveToBar(std::size_t bar)
{
    const std::size_t count = m_source.barCount();
    if (count == 0)
        return;
    bar = std::min(bar, count - 1);
    const QList<QCPAxisRect *> panes = m_source.panes();
    if (panes.isEmpty())
        return;
    keepBarInView(bar);
    if (!m_pane) {
        // Shown from the keyboard: the horizontal line at the bar's close.
        m_pane = panes.first();
        m_pixelY = m_pane->axis(QCPAxis::atRight)->coordToPixel(m_source.ohlc(bar)[3]);
    }
    place(bar, m_pane, m_pixelY);
}

void ChartCrosshair::barsChanged()
{
    const std::size_t count = m_source.barCount();
    if (!m_bar)
        return;
    if (count == 0) {
        hide();
        return;
    }
    if (*m_bar >= count)
        place(count - 1, m_pane, m_pixelY);
}

double ChartCrosshair::lineX(QCPAxisRect *pane) const
{
    if (!m_bar)
        return std::numeric_limits<double>::quiet_NaN();
    if (!pane) {
        const QList<QCPAxisRect *> panes = m_source.panes();
        if (panes.isEmpty())
            return std::numeric_limits<double>::quiet_NaN();
        pane = panes.first();
    }
    return pane->axis(QCPAxis::atBottom)->coordToPixel(static_cast<double>(*m_bar));
}

double ChartCrosshair::lineY() const
{
    if (!m_bar || !m_pane)
        return std::numeric_limits<double>::quiet_NaN();
    return m_pane->axis(QCPAxis::atRight)->coordToPixel(m_value);
}

void ChartCrosshair::paint()
{
    // The pixels it leaves and the pixels it takes, when the plot can repaint
    // part of the layer; else the whole layer.
    auto *plot = dynamic_cast<ChartPlot *>(m_plot);
    if (plot && plot->canPaintOverlay()) {
        const Geometry g = geometry();
        const QRegion now = g.region();
        const QRegion dirty = m_drawn + now;
        if (dirty.isEmpty())
            return;
        m_drawn = now;
        // This geometry until the next replot (the crosshair may move again
        // before the paint).
        plot->paintOverlay(dirty,
            [this, g](QCPPainter *painter) { CrosshairItem::drawGeometry(*this, g, painter); });
        return;
    }
    m_layer->replot();
}

void ChartCrosshair::place(std::size_t bar, QCPAxisRect *pane, double pixelY)
{
    const QList<QCPAxisRect *> panes = m_source.panes();
    if (!pane || !panes.contains(pane))
        pane = panes.isEmpty() ? nullptr : panes.first();
    if (!pane)
        return;
    QCPAxis *y = pane->axis(QCPAxis::atRight);
    double value = y->pixelToCoord(pixelY);
    if (m_magnet != Magnet::Off && pane == panes.first()) {
        double best = std::numeric_limits<double>::infinity();
        double snapped = value;
        for (double v : m_source.ohlc(bar)) {
            const double distance = std::abs(y->coordToPixel(v) - pixelY);
            if (distance < best) {
                best = distance;
                snapped = v;
            }
        }
        if (m_magnet == Magnet::Strong || best <= kWeakMagnetPx)
            value = snapped;
    }
    const bool barMoved = m_bar != bar;
    m_bar = bar;
    m_pane = pane;
    m_pixelY = pixelY;
    m_value = value;
    changed(barMoved);
}

void ChartCrosshair::keepBarInView(std::size_t bar)
{
    const QList<QCPAxisRect *> panes = m_source.panes();
    if (panes.isEmpty())
        return;
    QCPAxis *x = panes.first()->axis(QCPAxis::atBottom);
    const QCPRange range = x->range();
    const auto key = static_cast<double>(bar);
    double shift = 0.0;
    if (key < range.lower + 0.5)
        shift = key - 1.0 - range.lower;
    else if (key > range.upper - 0.5)
        shift = key + 1.0 - range.upper;
    if (shift == 0.0)
        return;
    x->setRange(range.lower + shift, range.upper + shift);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartCrosshair::changed(bool barMoved)
{
    // The legends learn of the bar first: the repaint may paint them at once.
    if (barMoved)
        emit barChanged();
    m_repaint();
}

bool ChartCrosshair::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseMove:
        moveTo(static_cast<QMouseEvent *>(event)->position());
        return false;
    case QEvent::Leave:
        hide();
        return false;
    case QEvent::KeyPress: {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Left:
            step(-1);
            return true;
        case Qt::Key_Right:
            step(1);
            return true;
        case Qt::Key_Home:
            moveToBar(0);
            return true;
        case Qt::Key_End:
            if (const std::size_t count = m_source.barCount(); count > 0)
                moveToBar(count - 1);
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            return false;
        }
    }
    default:
        return false;
    }
}

}  // namespace wick
