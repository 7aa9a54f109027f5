#include "chart/RepaintScheduler.h"

#include <algorithm>
#include <utility>

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
    const qint64 frameNs = frameIntervalNs(m_mask.level());
    const qint64 since = m_sinceFrame.isValid() ? m_sinceFrame.nsecsElapsed() : frameNs;
    if (since >= frameNs) {
        // A cursor move paints now (its pixels reach the screen with this pass
        // of the event loop); the rest of its frame waits.
        if (m_mask.level() == Repaint::Cursor) {
            fire();
            return;
        }
        m_timer.start(0);
        return;
    }
    // The next frame boundary, rounded up to the timer's whole milliseconds.
    m_timer.start(static_cast<int>((frameNs - since + 999'999) / 1'000'000));
}

void RepaintScheduler::painted()
{
    m_mask.clear();
    m_timer.stop();
    if (!std::exchange(m_replotAsked, false))
        m_sinceFrame.start();
}

qint64 RepaintScheduler::frameIntervalNs(Repaint level) const
{
    constexpr qint64 ms = 1'000'000;
    if (level == Repaint::Cursor)
        return kFrameIntervalMs * ms;
    return std::clamp(3 * m_frameCostNs, kMinFrameIntervalMs * ms, kFrameIntervalMs * ms);
}

void RepaintScheduler::fire()
{
    const Repaint level = m_mask.take();
    if (level == Repaint::None)
        return;
    m_sinceFrame.start();
    m_replotAsked = level != Repaint::Cursor;
    QElapsedTimer cost;
    cost.start();
    m_paint(level);
    if (level == Repaint::Cursor)
        return;
    const qint64 ns = cost.nsecsElapsed();
    m_frameCostNs = ns >= m_frameCostNs ? ns : (3 * m_frameCostNs + ns) / 4;
}

}  // namespace wick
