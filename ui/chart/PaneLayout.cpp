#include "chart/PaneLayout.h"

#include <algorithm>

#include <QMenu>
#include <QMouseEvent>

#include <qcustomplot.h>

namespace wick {

using ::operator|;

namespace {

// The chart's first layout: the price pane dominant, volume a strip, each
// indicator pane about a fifth.
constexpr double kPriceAlone = 0.8;
constexpr double kVolumeAlone = 0.2;
constexpr double kVolumeWithPanes = 0.1;
constexpr double kIndicatorPane = 0.18;
constexpr double kMinPrice = 0.42;

bool isIndicatorPane(const QString &id)
{
    return id != ChartState::kPricePane && id != ChartState::kVolumePane;
}

}  // namespace

PaneLayout::PaneLayout(
    QCustomPlot *plot, std::function<std::vector<PaneRef>()> panes, QObject *parent)
    : QObject(parent)
    , m_plot(plot)
    , m_panes(std::move(panes))
    , m_hoverCursor(plot, Qt::SplitVCursor)
{
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
}

std::vector<PaneLayout::PaneRef> PaneLayout::arranged() const
{
    const std::vector<PaneRef> panes = m_panes();
    // Known panes in the trader's order; new ones after them, in the chart's order.
    std::vector<std::pair<qsizetype, std::size_t>> ranks;
    ranks.reserve(panes.size());
    for (std::size_t i = 0; i < panes.size(); ++i) {
        const qsizetype known = m_order.indexOf(panes[i].id);
        ranks.emplace_back(known >= 0 ? known : m_order.size() + static_cast<qsizetype>(i), i);
    }
    std::sort(ranks.begin(), ranks.end());
    std::vector<PaneRef> sorted;
    sorted.reserve(panes.size());
    for (const auto &rank : ranks)
        sorted.push_back(panes[rank.second]);
    return sorted;
}

double PaneLayout::defaultHeight(const QString &id, int indicatorPanes) const
{
    if (id == ChartState::kPricePane)
        return indicatorPanes == 0
            ? kPriceAlone
            : std::max(kMinPrice, 1.0 - kVolumeWithPanes - kIndicatorPane * indicatorPanes);
    if (id == ChartState::kVolumePane)
        return indicatorPanes == 0 ? kVolumeAlone : kVolumeWithPanes;
    return kIndicatorPane;
}

double PaneLayout::height(const QString &id) const
{
    const auto it = m_heights.constFind(id);
    if (it != m_heights.constEnd())
        return *it;
    int indicators = 0;
    for (const PaneRef &p : m_panes())
        indicators += isIndicatorPane(p.id) ? 1 : 0;
    return defaultHeight(id, indicators);
}

void PaneLayout::apply()
{
    const std::vector<PaneRef> panes = arranged();
    // Remember the order, new panes included, without forgetting panes that
    // are away for now (an indicator removed and added back).
    QStringList order;
    for (const PaneRef &p : panes)
        order.append(p.id);
    for (const QString &id : std::as_const(m_order)) {
        if (!order.contains(id))
            order.append(id);
    }
    m_order = order;

    QCPLayoutGrid *layout = m_plot->plotLayout();
    for (const PaneRef &p : panes) {
        if (p.rect->layout() == layout)
            layout->take(p.rect);
    }
    layout->simplify();
    QList<double> stretch;
    int lowest = -1;
    for (int row = 0; row < static_cast<int>(panes.size()); ++row) {
        const PaneRef &p = panes[static_cast<std::size_t>(row)];
        layout->addElement(row, 0, p.rect);
        const bool closed = m_closed.contains(p.id);
        const bool collapsed = !closed && m_collapsed.contains(p.id);
        stretch.append(height(p.id));
        const int maxHeight = closed ? 0 : collapsed ? kCollapsedPx : QWIDGETSIZE_MAX;
        p.rect->setMaximumSize(QWIDGETSIZE_MAX, maxHeight);
        p.rect->setMinimumSize(0, collapsed ? kCollapsedPx : 0);
        p.rect->setVisible(!closed);
        for (QCPAxis *axis : p.rect->axes()) {
            if (axis->axisType() == QCPAxis::atRight) {
                axis->setVisible(!closed);
                axis->setTickLabels(!collapsed);
            }
        }
        if (!closed)
            lowest = row;
    }
    if (!stretch.isEmpty())
        layout->setRowStretchFactors(stretch);
    applyVisibility(panes);
    layout->setRowSpacing(0);
    // The time labels belong under the lowest pane shown.
    for (int row = 0; row < static_cast<int>(panes.size()); ++row) {
        QCPAxisRect *rect = panes[static_cast<std::size_t>(row)].rect;
        const bool labels = row == lowest;
        QCPAxis *x = rect->axis(QCPAxis::atBottom);
        x->setTickLabels(labels);
        x->setTicks(labels);
        rect->setAutoMargins(labels ? (QCP::msRight | QCP::msBottom) : QCP::msRight);
        rect->setMargins(QMargins(0, 0, 0, 0));
    }
}

void PaneLayout::setLineHidden(std::function<bool(const QCPAbstractPlottable *)> hidden)
{
    m_lineHidden = std::move(hidden);
}

void PaneLayout::refreshVisibility()
{
    applyVisibility(m_panes());
}

void PaneLayout::applyVisibility(const std::vector<PaneRef> &panes)
{
    // A collapsed pane is a strip with its label: its lines and levels are not
    // drawn. The price pane is never collapsed: its overlays are the legend's.
    const auto shown = [&](const QCPAxisRect *rect, bool &found) {
        for (const PaneRef &p : panes) {
            if (p.rect == rect && p.id != ChartState::kPricePane) {
                found = true;
                return !m_collapsed.contains(p.id) && !m_closed.contains(p.id);
            }
        }
        found = false;
        return true;
    };
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = m_plot->plottable(i);
        const QCPAxis *key = plottable->keyAxis();
        bool found = false;
        const bool paneShown = key && shown(key->axisRect(), found);
        if (found)
            plottable->setVisible(paneShown && !(m_lineHidden && m_lineHidden(plottable)));
    }
    for (int i = 0; i < m_plot->itemCount(); ++i) {
        QCPAbstractItem *item = m_plot->item(i);
        bool found = false;
        const bool paneShown = shown(item->clipAxisRect(), found);
        if (found)
            item->setVisible(paneShown);
    }
}

std::vector<ChartState::Pane> PaneLayout::state() const
{
    std::vector<ChartState::Pane> panes;
    for (const PaneRef &p : arranged())
        panes.push_back(
            {p.id, height(p.id), m_collapsed.contains(p.id), {}, m_closed.contains(p.id)});
    return panes;
}

void PaneLayout::restore(const std::vector<ChartState::Pane> &panes)
{
    m_order.clear();
    m_heights.clear();
    m_collapsed.clear();
    m_closed.clear();
    for (const ChartState::Pane &p : panes) {
        m_order.append(p.id);
        if (p.height > 0.0)
            m_heights.insert(p.id, p.height);
        if (p.collapsed && p.id != ChartState::kPricePane)
            m_collapsed.insert(p.id);
        if (p.closed && p.id == ChartState::kVolumePane)
            m_closed.insert(p.id);
    }
    apply();
}

QStringList PaneLayout::order() const
{
    QStringList ids;
    for (const PaneRef &p : arranged())
        ids.append(p.id);
    return ids;
}

QCPAxisRect *PaneLayout::rectOf(const QString &id) const
{
    for (const PaneRef &p : m_panes()) {
        if (p.id == id)
            return p.rect;
    }
    return nullptr;
}

QRect PaneLayout::shownArea() const
{
    QRect area;
    for (const PaneRef &p : m_panes()) {
        if (!m_closed.contains(p.id))
            area = area.united(p.rect->rect());
    }
    return area;
}

QString PaneLayout::paneAt(const QPointF &pos) const
{
    for (const PaneRef &p : m_panes()) {
        if (!m_closed.contains(p.id) && p.rect->outerRect().contains(pos.toPoint()))
            return p.id;
    }
    return {};
}

double PaneLayout::handleY(const QString &id) const
{
    const std::vector<PaneRef> panes = arranged();
    for (std::size_t i = 0; i < panes.size(); ++i) {
        if (panes[i].id != id)
            continue;
        for (std::size_t j = i + 1; j < panes.size(); ++j) {
            if (m_closed.contains(panes[j].id))
                continue;
            return (panes[i].rect->outerRect().bottom() + panes[j].rect->outerRect().top() + 1)
                / 2.0;
        }
    }
    return -1.0;
}

int PaneLayout::boundaryAt(const QPointF &pos, const std::vector<PaneRef> &panes) const
{
    for (std::size_t i = 0; i + 1 < panes.size(); ++i) {
        const QString &id = panes[i].id;
        if (m_closed.contains(id) || m_collapsed.contains(id))
            continue;
        // The next pane shown; a collapsed one has no room to give.
        std::size_t j = i + 1;
        while (j < panes.size() && m_closed.contains(panes[j].id))
            ++j;
        if (j == panes.size() || m_collapsed.contains(panes[j].id))
            continue;
        const QRect upper = panes[i].rect->outerRect();
        const double y = handleY(id);
        if (pos.x() >= upper.left() && pos.x() <= upper.right() + 1
            && std::abs(pos.y() - y) <= kHandlePx)
            return static_cast<int>(i);
    }
    return -1;
}

void PaneLayout::freezeHeights()
{
    for (const PaneRef &p : m_panes())
        m_heights.insert(p.id, height(p.id));
}

void PaneLayout::dragTo(double y)
{
    const double total = m_drag->upperPx + m_drag->lowerPx;
    const double upperPx
        = std::clamp(m_drag->upperPx + (y - m_drag->startY), kMinPanePx, total - kMinPanePx);
    if (total <= 2.0 * kMinPanePx)
        return;
    m_heights.insert(m_drag->upper, m_drag->stretchSum * upperPx / total);
    m_heights.insert(m_drag->lower, m_drag->stretchSum * (total - upperPx) / total);
    apply();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool PaneLayout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (m_drag) {
            dragTo(mouse->position().y());
            return true;
        }
        if (mouse->buttons() == Qt::NoButton)
            m_hoverCursor.set(boundaryAt(mouse->position(), arranged()) >= 0);
        return false;
    }
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton)
            return false;
        const std::vector<PaneRef> panes = arranged();
        const int i = boundaryAt(mouse->position(), panes);
        if (i < 0)
            return false;
        std::size_t j = static_cast<std::size_t>(i) + 1;
        while (m_closed.contains(panes[j].id))
            ++j;
        freezeHeights();
        const PaneRef &upper = panes[static_cast<std::size_t>(i)];
        const PaneRef &lower = panes[j];
        m_drag = Drag {upper.id, lower.id, mouse->position().y(),
            static_cast<double>(upper.rect->outerRect().height()),
            static_cast<double>(lower.rect->outerRect().height()),
            height(upper.id) + height(lower.id)};
        m_hoverCursor.set(true);
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (m_drag) {
            dragTo(static_cast<QMouseEvent *>(event)->position().y());
            m_drag.reset();
            emit changed();
            return true;
        }
        return false;
    case QEvent::MouseButtonDblClick:
        return m_drag.has_value()
            || boundaryAt(static_cast<QMouseEvent *>(event)->position(), arranged()) >= 0;
    case QEvent::Leave:
        if (!m_drag)
            m_hoverCursor.set(false);
        return false;
    default:
        return false;
    }
}

void PaneLayout::moveUp(const QString &id)
{
    QStringList shown = order();
    const qsizetype i = shown.indexOf(id);
    if (i <= 0)
        return;
    shown.swapItemsAt(i, i - 1);
    for (const QString &other : std::as_const(m_order)) {
        if (!shown.contains(other))
            shown.append(other);
    }
    m_order = shown;
    apply();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit changed();
}

void PaneLayout::moveDown(const QString &id)
{
    const QStringList shown = order();
    const qsizetype i = shown.indexOf(id);
    if (i < 0 || i + 1 >= shown.size())
        return;
    moveUp(shown.at(i + 1));
}

void PaneLayout::setCollapsed(const QString &id, bool collapsed)
{
    if (id == ChartState::kPricePane || collapsed == m_collapsed.contains(id))
        return;
    if (collapsed)
        m_collapsed.insert(id);
    else
        m_collapsed.remove(id);
    apply();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit changed();
}

void PaneLayout::closePane(const QString &id)
{
    if (id == ChartState::kPricePane)
        return;
    if (id == ChartState::kVolumePane) {
        if (m_closed.contains(id))
            return;
        m_closed.insert(id);
        apply();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        emit changed();
        return;
    }
    m_collapsed.remove(id);
    m_heights.remove(id);
    m_order.removeAll(id);
    emit closeRequested(id);
}

void PaneLayout::showVolume()
{
    if (!m_closed.remove(ChartState::kVolumePane))
        return;
    apply();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit changed();
}

void PaneLayout::resetHeights()
{
    m_heights.clear();
    apply();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit changed();
}

void PaneLayout::renamePane(const QString &from, const QString &to)
{
    if (from == to || m_order.contains(to))
        return;
    const qsizetype at = m_order.indexOf(from);
    if (at >= 0)
        m_order[at] = to;
    if (m_heights.contains(from))
        m_heights.insert(to, m_heights.take(from));
    if (m_collapsed.remove(from))
        m_collapsed.insert(to);
}

QMenu *PaneLayout::createMenu(const QString &id, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    addActions(menu, id);
    return menu;
}

void PaneLayout::addActions(QMenu *menu, const QString &id)
{
    const QStringList shown = order();
    const qsizetype at = shown.indexOf(id);
    QAction *up = menu->addAction(tr("Move pane up"), this, [this, id] { moveUp(id); });
    up->setEnabled(at > 0);
    QAction *down = menu->addAction(tr("Move pane down"), this, [this, id] { moveDown(id); });
    down->setEnabled(at >= 0 && at + 1 < shown.size());
    if (id != ChartState::kPricePane) {
        const bool collapsed = isCollapsed(id);
        menu->addAction(collapsed ? tr("Expand pane") : tr("Collapse pane"), this,
            [this, id, collapsed] { setCollapsed(id, !collapsed); });
        menu->addAction(tr("Close pane"), this, [this, id] { closePane(id); });
    }
    menu->addSeparator();
    if (isClosed(ChartState::kVolumePane))
        menu->addAction(tr("Show volume pane"), this, [this] { showVolume(); });
    menu->addAction(tr("Reset pane heights"), this, [this] { resetHeights(); });
}

}  // namespace wick
