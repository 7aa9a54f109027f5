// ui/chart: RepaintScheduler, a chart's frame clock. Invalidations merge into
// one RepaintMask; the merged level is painted at most once a frame: when the
// last paint is a frame old, a cursor move paints at once (from its event) and
// anything else on the next pass of the event loop; else at the next frame
// boundary. A burst of mouse moves or trades in one frame paints once more at
// its end, and a lone move paints without waiting a frame. UI thread only.
#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "chart/RepaintMask.h"

namespace wick {

class RepaintScheduler : public QObject
{
public:
    // paint: draws what the level calls for.
    explicit RepaintScheduler(std::function<void(Repaint)> paint, QObject *parent = nullptr);

    void invalidate(Repaint level);
    // Something drew everything (QCustomPlot's own replot on a drag or wheel
    // step): what was pending is on screen.
    void painted();
    Repaint pending() const { return m_mask.level(); }

    static constexpr int kFrameIntervalMs = 16;  // 60 Hz

private:
    void fire();

    std::function<void(Repaint)> m_paint;
    RepaintMask m_mask;
    QTimer m_timer;
    QElapsedTimer m_sinceFrame;
};

}  // namespace wick
