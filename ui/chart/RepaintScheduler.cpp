#include "chart/RepaintScheduler.h"

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
    constexpr qint64 frameNs = qint64(kFrameIntervalMs) * 1'000'000;
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

void RepaintScheduler::fire()
{
    const Repaint level = m_mask.take();
    if (level == Repaint::None)
        return;
    m_sinceFrame.start();
    m_replotAsked = level != Repaint::Cursor;
    m_paint(level);
}

}  // namespace wick
