// wick-ui-bench: the pane phase (UiBenchPanes.cpp).
#pragma once

namespace wick {

class ChartView;

// Drags the boundary under the price pane down and back in steps, each step a
// layout change and an immediate replot, and zooms in each pane once; prints
//   panes  N drag steps: median X ms, p99 Y ms per step (layout + replot); K panes
//   panes  wheel zoom in each pane: range changes per pane [..] (one each expected)
void runPaneBench(ChartView &chart);

}  // namespace wick
