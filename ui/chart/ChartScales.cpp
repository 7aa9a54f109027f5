#include "chart/ChartScales.h"

#include <algorithm>
#include <cmath>

#include <QActionGroup>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>

#include "chart/PriceAxisTicker.h"

namespace wick {

namespace {

// Pixels of drag that double or halve the range.
constexpr double kDragPxPerDoubling = 200.0;

QCPAxis *valueAxis(QCPAxisRect *pane)
{
    return pane ? pane->axis(QCPAxis::atRight) : nullptr;
}

}  // namespace

ChartScales::ChartScales(QCustomPlot *plot, QCPAxisRect *price,
    QSharedPointer<PriceAxisTicker> ticker, std::function<std::vector<PaneLayout::PaneRef>()> panes,
    std::function<void()> changed, std::function<void()> resetTime)
    : QObject(plot)
    , m_plot(plot)
    , m_price(price)
    , m_ticker(std::move(ticker))
    , m_panes(std::move(panes))
    , m_changed(std::move(changed))
    , m_resetTime(std::move(resetTime))
{
    m_plot->installEventFilter(this);
}

ChartScales::~ChartScales() = default;

QString ChartScales::idOf(const QCPAxisRect *pane) const
{
    if (!pane)
        return {};
    for (const PaneLayout::PaneRef &p : m_panes()) {
        if (p.rect == pane)
            return p.id;
    }
    return {};
}

PaneScale ChartScales::scale(QCPAxisRect *pane) const
{
    const auto it = m_states.find(idOf(pane));
    return it == m_states.end() ? PaneScale() : it->second.scale;
}

void ChartScales::setScale(QCPAxisRect *pane, const PaneScale &wanted)
{
    const QString id = idOf(pane);
    if (id.isEmpty())
        return;
    PaneScale scale = wanted;
    if (pane != m_price)
        scale.mode = ScaleMode::Linear;
    State &state = m_states[id];
    const bool modeChanged = state.scale.mode != scale.mode;
    state.scale = scale;
    if (!scale.autoFit) {
        if (modeChanged)
            state.scale.autoFit = true;  // a range of another mode means nothing here
        else
            state.manualRange = valueAxis(pane)->range();
    }
    apply(pane);
    emit scaleChanged(pane);
    if (m_changed)
        m_changed();
}

std::optional<QCPRange> ChartScales::manualRange(QCPAxisRect *pane) const
{
    const auto it = m_states.find(idOf(pane));
    if (it == m_states.end() || it->second.scale.autoFit)
        return std::nullopt;
    return it->second.manualRange;
}

bool ChartScales::setManualRange(QCPAxisRect *pane, const QCPRange &range)
{
    const QString id = idOf(pane);
    const bool valid
        = std::isfinite(range.lower) && std::isfinite(range.upper) && range.lower < range.upper;
    if (id.isEmpty() || !valid || (scale(pane).mode == ScaleMode::Log && !(range.lower > 0.0)))
        return false;
    State &state = m_states[id];
    state.scale.autoFit = false;
    state.manualRange = range;
    valueAxis(pane)->setRange(range);
    emit scaleChanged(pane);
    if (m_changed)
        m_changed();
    return true;
}

void ChartScales::resetAuto(QCPAxisRect *pane)
{
    PaneScale s = scale(pane);
    s.autoFit = true;
    setScale(pane, s);
}

void ChartScales::resetAll()
{
    for (const PaneLayout::PaneRef &pane : m_panes()) {
        const auto it = m_states.find(pane.id);
        if (it != m_states.end() && !it->second.scale.autoFit) {
            it->second.scale.autoFit = true;
            emit scaleChanged(pane.rect);
        }
    }
    if (m_changed)
        m_changed();
}

void ChartScales::apply(QCPAxisRect *pane)
{
    QCPAxis *axis = valueAxis(pane);
    if (!axis)
        return;
    const PaneScale s = scale(pane);
    axis->setRangeReversed(s.inverted);
    if (pane != m_price)
        return;
    axis->setScaleType(s.mode == ScaleMode::Log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    m_ticker->setMode(s.mode);
}

void ChartScales::fitPrice(
    double low, double high, double firstClose, double topHeadroom, double bottomHeadroom)
{
    QCPAxis *axis = valueAxis(m_price);
    const PaneScale s = scale(m_price);
    if (firstClose > 0.0)
        m_ticker->setPercentBase(firstClose);
    if (!s.autoFit) {
        axis->setRange(m_states[idOf(m_price)].manualRange);
        return;
    }
    if (s.mode == ScaleMode::Log && low > 0.0 && high >= low) {
        // The same headroom as linear, in log space: the range never reaches zero.
        double span = std::log(high / low);
        if (!(span > 0.0))
            span = 0.004;
        axis->setRange(low * std::exp(-span * bottomHeadroom), high * std::exp(span * topHeadroom));
        return;
    }
    double span = high - low;
    if (!(span > 0.0))
        span = std::max(std::abs(high) * 0.002, 1e-9);
    axis->setRange(low - span * bottomHeadroom, high + span * topHeadroom);
}

void ChartScales::keepManualRanges()
{
    const std::vector<PaneLayout::PaneRef> panes = m_panes();
    for (auto it = m_states.begin(); it != m_states.end();) {
        const auto pane = std::find_if(panes.begin(), panes.end(),
            [&](const PaneLayout::PaneRef &p) { return p.id == it->first; });
        if (pane == panes.end()) {
            it = m_states.erase(it);  // the pane went (its indicator removed)
            continue;
        }
        QCPAxis *axis = valueAxis(pane->rect);
        axis->setRangeReversed(it->second.scale.inverted);
        if (pane->rect != m_price && !it->second.scale.autoFit)
            axis->setRange(it->second.manualRange);
        ++it;
    }
}

void ChartScales::renamePane(const QString &from, const QString &to)
{
    const auto it = m_states.find(from);
    if (from == to || it == m_states.end())
        return;
    State state = it->second;
    m_states.erase(it);
    m_states[to] = state;
}

void ChartScales::stretch(QCPAxisRect *pane, double factor)
{
    QCPAxis *axis = valueAxis(pane);
    if (!axis || !(factor > 0.0))
        return;
    QCPRange range = axis->range();
    if (axis->scaleType() == QCPAxis::stLogarithmic && range.lower > 0.0) {
        const double centre = std::sqrt(range.lower * range.upper);
        range = QCPRange(centre * std::pow(range.lower / centre, factor),
            centre * std::pow(range.upper / centre, factor));
    } else {
        const double centre = range.center();
        range = QCPRange(
            centre - (centre - range.lower) * factor, centre + (range.upper - centre) * factor);
    }
    axis->setRange(range);
    const QString id = idOf(pane);
    if (id.isEmpty())
        return;
    State &state = m_states[id];
    state.scale.autoFit = false;
    state.manualRange = axis->range();
    emit scaleChanged(pane);
    if (m_changed)
        m_changed();
}

QCPAxisRect *ChartScales::valueAxisPaneAt(const QPointF &pos) const
{
    for (const PaneLayout::PaneRef &pane : m_panes()) {
        if (!pane.rect->visible())
            continue;  // a closed pane
        const QRect inner = pane.rect->rect();
        const QRect outer = pane.rect->outerRect();
        if (pos.x() > inner.right() && pos.x() <= outer.right() + 1 && pos.y() >= inner.top()
            && pos.y() <= inner.bottom())
            return pane.rect;
    }
    return nullptr;
}

bool ChartScales::onTimeAxis(const QPointF &pos) const
{
    const std::vector<PaneLayout::PaneRef> panes = m_panes();
    const QCPAxisRect *lowest = nullptr;
    // The time labels sit under the lowest pane shown.
    for (const PaneLayout::PaneRef &pane : panes) {
        if (pane.rect->visible() && (!lowest || pane.rect->rect().top() > lowest->rect().top()))
            lowest = pane.rect;
    }
    if (!lowest)
        return false;
    return pos.y() > lowest->rect().bottom() && pos.x() >= lowest->rect().left()
        && pos.x() <= lowest->rect().right();
}

QMenu *ChartScales::createMenu(QCPAxisRect *pane, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const PaneScale current = scale(pane);
    QPointer<QCPAxisRect> target = pane;
    const auto change = [this, target](auto edit) {
        if (!target)
            return;
        PaneScale s = scale(target);
        edit(s);
        setScale(target, s);
    };
    QAction *autoFit = menu->addAction(tr("Auto (fit the visible bars)"));
    autoFit->setCheckable(true);
    autoFit->setChecked(current.autoFit);
    connect(autoFit, &QAction::triggered, this,
        [change] { change([](PaneScale &s) { s.autoFit = true; }); });
    if (pane == m_price) {
        menu->addSeparator();
        auto *modes = new QActionGroup(menu);
        const std::pair<ScaleMode, QString> items[] = {{ScaleMode::Linear, tr("Regular")},
            {ScaleMode::Log, tr("Logarithmic")}, {ScaleMode::Percent, tr("Percent")}};
        for (const auto &[mode, text] : items) {
            QAction *action = menu->addAction(text);
            action->setCheckable(true);
            action->setChecked(current.mode == mode);
            action->setData(scaleModeKey(mode));
            modes->addAction(action);
            connect(action, &QAction::triggered, this, [change, mode] {
                change([mode](PaneScale &s) {
                    s.mode = mode;
                    s.autoFit = true;
                });
            });
        }
    }
    menu->addSeparator();
    QAction *invert = menu->addAction(tr("Invert scale"));
    invert->setCheckable(true);
    invert->setChecked(current.inverted);
    connect(invert, &QAction::triggered, this,
        [change](bool on) { change([on](PaneScale &s) { s.inverted = on; }); });
    return menu;
}

bool ChartScales::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton)
            return false;
        QCPAxisRect *pane = valueAxisPaneAt(mouse->position());
        if (!pane)
            return false;
        m_dragPane = pane;
        m_dragStartY = mouse->position().y();
        m_dragStartRange = valueAxis(pane)->range();
        return true;
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (!m_dragPane)
            return false;
        if (!(mouse->buttons() & Qt::LeftButton)) {
            m_dragPane.clear();
            return false;
        }
        valueAxis(m_dragPane)->setRange(m_dragStartRange);
        const double dy = mouse->position().y() - m_dragStartY;
        stretch(m_dragPane, std::exp2(dy / kDragPxPerDoubling));
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (m_dragPane) {
            m_dragPane.clear();
            return true;
        }
        return false;
    case QEvent::MouseButtonDblClick: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (QCPAxisRect *pane = valueAxisPaneAt(mouse->position())) {
            resetAuto(pane);
            return true;
        }
        if (onTimeAxis(mouse->position()) && m_resetTime) {
            m_resetTime();
            return true;
        }
        return false;
    }
    case QEvent::ContextMenu: {
        auto *menuEvent = static_cast<QContextMenuEvent *>(event);
        QCPAxisRect *pane = valueAxisPaneAt(menuEvent->pos());
        if (!pane)
            return false;
        QMenu *menu = createMenu(pane, m_plot);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(menuEvent->globalPos());
        return true;
    }
    default:
        return false;
    }
}

}  // namespace wick
