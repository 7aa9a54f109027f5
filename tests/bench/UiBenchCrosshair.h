// wick-ui-bench's crosshair phase (UiBenchCrosshair.cpp).
#pragma once

namespace wick {
class ChartView;
}

// Moves the mouse over the chart's panes `moves` times, a frame apart, and
// prints the time from each synthesized move event to the end of the paint
// that shows it, and how many full replots ran meanwhile. Adds indicator panes
// up to three first (ATR, CCI) and waits for them to be drawn.
void runCrosshairPhase(wick::ChartView &chart, int moves);
