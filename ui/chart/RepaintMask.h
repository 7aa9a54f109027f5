// ui/chart: repaint levels of a chart, merged per frame (the model is
// lightweight-charts' InvalidateMask: None < Cursor < Light < Full, and a merge
// keeps the highest). Cursor: the crosshair moved -- its own buffered layer is
// repainted (QCPLayer::replot), the plot's buffer stays as it is. Light: values
// changed on the handed data (a forming bar's trade) -- the plot replots, the
// legends refresh the values that changed. Full: what is drawn changed (a new
// series, indicators, a slice, a theme) -- the legends are rebuilt and placed
// again before the replot. Plain value; UI thread only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>

namespace wick {

enum class Repaint : std::uint8_t { None = 0, Cursor = 1, Light = 2, Full = 3 };

class RepaintMask
{
public:
    void merge(Repaint level) { m_level = std::max(m_level, level); }
    Repaint level() const { return m_level; }
    bool empty() const { return m_level == Repaint::None; }
    // The merged level, and the mask is empty again.
    Repaint take() { return std::exchange(m_level, Repaint::None); }
    void clear() { m_level = Repaint::None; }

private:
    Repaint m_level = Repaint::None;
};

}  // namespace wick
