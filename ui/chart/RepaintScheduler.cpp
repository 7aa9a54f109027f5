#include "chart/RepaintScheduler.h"

#include <algorithm>

namespace wick {

RepaintScheduler::RepaintScheduler(std::function<void(Repaint)> paint, QObject *parent)
    : QObject(parent)
    , m_paint(std::move(paint))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { fire(); });
}

void RepaintScheduler::invalidate(Repaint level)
{
    if (level == Repaint::None)
        return;
    m_mask.merge(level);
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceFrame.isValid() ? m_sinceFrame.elapsed() : kFrameIntervalMs;
    // A cursor move a frame after the last paint paints now (its pixels reach
    // the screen with this pass of the event loop); the rest of its frame waits.
    if (m_mask.level() == Repaint::Cursor && since >= kFrameIntervalMs) {
        fire();
        return;
    }
    m_timer.start(static_cast<int>(std::max<qint64>(0, kFrameIntervalMs - since)));
}

void RepaintScheduler::painted()
{
    m_mask.clear();
    m_timer.stop();
    m_sinceFrame.start();
}

void RepaintScheduler::fire()
{
    const Repaint level = m_mask.take();
    if (level == Repaint::None)
        return;
    m_sinceFrame.start();
    m_paint(level);
}

}  // namespace wick
