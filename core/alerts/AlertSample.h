// core/alerts/AlertSample: one sample of one series as the rules read it --
// the bar at the sample and every operand value there, in one flat table of
// "leaves" that AlertSeriesProgram's compiled steps index directly (no walk over
// the condition tree, no lookup by name, no virtual call per operand). The
// bar fields are read when the sample begins; an indicator slot's outputs
// only when a rule that reads the slot needs them (need()), once per sample
// however many rules share the slot -- so a forming-bar update peeks each
// indicator it needs once, and none that only idle rules read. The forming
// values of the slots one need() asks for are read in one call of the data
// (AlertSeriesData::formingIndicatorsOf: the engine fetches them together).
// Owned by the evaluator (AlertEngine, AlertBacktest), its thread, reused
// sample after sample.
//
// Leaves: 0..4 the bar's open, high, low, close, volume (AlertField's order);
// then kMaxIndicatorOutputs per slot: indicatorLeaf(slot, output). NaN where
// there is no bar, no value (warm-up) or no such output.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "alerts/AlertCondition.h"
#include "alerts/AlertSeriesData.h"
#include "indicators/Indicator.h"

namespace wick {

class AlertSample
{
public:
    static constexpr int kFieldLeaves = 5;
    static int fieldLeaf(AlertField field) { return int(field); }
    static int indicatorLeaf(int slot, int output)
    {
        return kFieldLeaves + slot * kMaxIndicatorOutputs + output;
    }
    // The bit of a slot in a slot mask (slots from 63 on share the last bit).
    static std::uint64_t slotBit(int slot) { return std::uint64_t(1) << std::min(slot, 63); }

    // Starts sample i of data (a closed bar, or the forming bar at i ==
    // data.closedCount()) over slotCount indicator slots.
    void begin(const AlertSeriesData &data, std::size_t i, int slotCount);
    // Starts a probe: the forming sample i == data.closedCount() as if the
    // forming bar were `bar` (kept by the caller while the sample is read);
    // its indicator values come from data.probeIndicatorsOf().
    void beginProbe(const AlertSeriesData &data, const Bar &bar, int slotCount);
    // Reads the slots of the mask that this sample has not read yet.
    void need(std::uint64_t slotMask)
    {
        if (slotMask & ~m_filled)
            fill(slotMask & ~m_filled);
    }

    const double *values() const { return m_values.data(); }
    const AlertSeriesData &data() const { return *m_data; }
    std::size_t index() const { return m_i; }
    int slotCount() const { return m_slotCount; }
    std::size_t closedCount() const { return m_n; }
    bool atClose() const { return m_i < m_n; }
    // The sample is a closed bar or an existing forming bar.
    bool haveBar() const { return m_i < m_n || (m_i == m_n && m_forming); }
    // Bar j (closed, or the forming bar at j == closedCount()); null when there is none.
    const Bar *bar(std::size_t j) const
    {
        if (j < m_n)
            return m_bars ? m_bars + j : &m_data->closedBar(j);
        return j == m_n ? m_forming : nullptr;
    }
    const Bar *forming() const { return m_forming; }

private:
    void begin(const AlertSeriesData &data, std::size_t i, int slotCount, const Bar *probe);
    void fill(std::uint64_t slotMask);
    void fillSlot(int slot);
    void fillForming(std::uint64_t slotMask);
    void fetchForming(const int *chosen, std::size_t n, double *const *outs);

    const AlertSeriesData *m_data = nullptr;
    const Bar *m_bars = nullptr;
    const Bar *m_forming = nullptr;
    const Bar *m_probe = nullptr;  // beginProbe()'s bar
    std::size_t m_i = 0;
    std::size_t m_n = 0;
    int m_slotCount = 0;
    std::uint64_t m_filled = 0;
    std::vector<double> m_values;
};

}  // namespace wick
