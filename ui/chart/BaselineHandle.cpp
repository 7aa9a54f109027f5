#include "chart/BaselineHandle.h"

#include <cmath>

#include <QMouseEvent>

#include <qcustomplot.h>

namespace wick {

namespace {

// The bottom of the price pane is the pane boundary's handle (PaneLayout).
constexpr double kBoundaryPx = 6.0;

}  // namespace

BaselineHandle::BaselineHandle(QCustomPlot *plot, QCPAxisRect *price, Hooks hooks)
    : QObject(plot)
    , m_plot(plot)
    , m_price(price)
    , m_hooks(std::move(hooks))
    , m_hoverCursor(plot, Qt::SizeVerCursor)
{
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
}

double BaselineHandle::priceAt(double y) const
{
    return m_price->axis(QCPAxis::atRight)->pixelToCoord(y);
}

bool BaselineHandle::overLine(const QPointF &pos) const
{
    if (!m_hooks.active || !m_hooks.active())
        return false;
    const QRect area = m_price->rect();
    if (pos.x() < area.left() || pos.x() > area.right() || pos.y() < area.top()
        || pos.y() > area.bottom() - kBoundaryPx)
        return false;
    const double level = m_hooks.level();
    if (!std::isfinite(level))
        return false;
    const double y = m_price->axis(QCPAxis::atRight)->coordToPixel(level);
    return std::abs(pos.y() - y) <= kGrabPx;
}

bool BaselineHandle::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton || !overLine(mouse->position()))
            return false;
        m_dragging = true;
        m_hoverCursor.set(true);
        return true;  // no pan
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (m_dragging) {
            const double price = priceAt(mouse->position().y());
            if (std::isfinite(price) && price > 0.0 && m_hooks.preview)
                m_hooks.preview(price);
            return true;
        }
        if (mouse->buttons() == Qt::NoButton)
            m_hoverCursor.set(overLine(mouse->position()));
        return false;
    }
    case QEvent::MouseButtonRelease: {
        if (!m_dragging)
            return false;
        m_dragging = false;
        auto *mouse = static_cast<QMouseEvent *>(event);
        const double price = priceAt(mouse->position().y());
        if (std::isfinite(price) && price > 0.0 && m_hooks.set)
            m_hooks.set(price);
        m_hoverCursor.set(overLine(mouse->position()));
        return true;
    }
    case QEvent::MouseButtonDblClick:
        return overLine(static_cast<QMouseEvent *>(event)->position());
    case QEvent::Leave:
        if (!m_dragging)
            m_hoverCursor.set(false);
        return false;
    default:
        return false;
    }
}

}  // namespace wick
