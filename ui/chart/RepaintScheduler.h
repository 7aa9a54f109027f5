// ui/chart: RepaintScheduler, a chart's frame clock. Invalidations merge into
// one RepaintMask; the merged level is painted at most once a frame: when the
// last frame began a frame ago or more, a cursor move paints at once (from its
// event) and anything else on the next pass of the event loop (so the
// snapshots already queued join it); else at the next frame boundary, a frame
// after the last frame began -- not after its replot ended, which would add
// the replot's time to every frame and make a live bar wait longer than a
// frame. A burst of mouse moves or trades in one frame paints once more at its
// end, and a lone move or trade paints without waiting a frame. A cursor
// frame is a 60 Hz frame; a Light or Full frame lasts three times what the
// recent ones cost, between kMinFrameIntervalMs and kFrameIntervalMs: a cheap
// replot (a few ms) lets a live trade reach the screen sooner than a 60 Hz
// frame would (the wait for the frame boundary is most of a tick's way to the
// pixel), and frames never take more than a third of the UI thread until
// they are a 60 Hz frame apart. UI thread only.
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
    // A replot drew everything: what was pending is on screen. A replot the
    // scheduler did not ask for (QCustomPlot's own, on a drag or a wheel step)
    // also began a frame.
    void painted();
    Repaint pending() const { return m_mask.level(); }

    static constexpr int kFrameIntervalMs = 16;  // 60 Hz
    static constexpr int kMinFrameIntervalMs = 8;  // 125 Hz
    // What a Light or Full frame lasts now (ns).
    qint64 frameIntervalNs(Repaint level) const;

private:
    void fire();

    std::function<void(Repaint)> m_paint;
    RepaintMask m_mask;
    QTimer m_timer;
    QElapsedTimer m_sinceFrame;  // since the last frame began
    bool m_replotAsked = false;  // a Light or Full frame's replot has not ended yet
    qint64 m_frameCostNs = 0;  // recent Light/Full frames' cost: up at once, down slowly
};

}  // namespace wick
