#include "alerts/AlertSample.h"

namespace wick {

void AlertSample::beginProbe(const AlertSeriesData &data, const Bar &bar, int slotCount)
{
    begin(data, data.closedCount(), slotCount, &bar);
}

void AlertSample::begin(const AlertSeriesData &data, std::size_t i, int slotCount)
{
    begin(data, i, slotCount, nullptr);
}

void AlertSample::begin(const AlertSeriesData &data, std::size_t i, int slotCount, const Bar *probe)
{
    m_data = &data;
    m_n = data.closedCount();
    m_bars = data.closedBars();
    m_probe = probe;
    m_forming = probe ? probe : data.forming();
    m_i = i;
    m_slotCount = slotCount;
    m_filled = 0;
    m_values.resize(std::size_t(kFieldLeaves + slotCount * kMaxIndicatorOutputs));
    double *v = m_values.data();
    if (const Bar *b = bar(i)) {
        v[fieldLeaf(AlertField::Open)] = b->open;
        v[fieldLeaf(AlertField::High)] = b->high;
        v[fieldLeaf(AlertField::Low)] = b->low;
        v[fieldLeaf(AlertField::Close)] = b->close;
        v[fieldLeaf(AlertField::Volume)] = b->volume;
    } else {
        std::fill(v, v + kFieldLeaves, kNaN);
    }
}

void AlertSample::fill(std::uint64_t slotMask)
{
    if (m_i == m_n && m_forming) {
        fillForming(slotMask);
    } else {
        const int direct = std::min(m_slotCount, 63);
        for (int k = 0; k < direct; ++k)
            if (slotMask & slotBit(k))
                fillSlot(k);
        if (slotMask & slotBit(63))
            for (int k = 63; k < m_slotCount; ++k)
                fillSlot(k);
    }
    m_filled |= slotMask;
}

void AlertSample::fillForming(std::uint64_t slotMask)
{
    // The slots in groups, each one call of the data (formingIndicatorsOf).
    constexpr int kGroup = 16;
    int chosen[kGroup];
    double *outs[kGroup];
    std::size_t n = 0;
    for (int k = 0; k < m_slotCount; ++k) {
        if (!(slotMask & slotBit(k)))
            continue;
        double *out = m_values.data() + indicatorLeaf(k, 0);
        std::fill(out, out + kMaxIndicatorOutputs, kNaN);
        if (m_data->outputCount(k) <= 0)
            continue;
        chosen[n] = k;
        outs[n] = out;
        if (++n == kGroup) {
            fetchForming(chosen, n, outs);
            n = 0;
        }
    }
    if (n > 0)
        fetchForming(chosen, n, outs);
}

void AlertSample::fetchForming(const int *chosen, std::size_t n, double *const *outs)
{
    if (m_probe)
        m_data->probeIndicatorsOf(*m_probe, chosen, n, outs);
    else
        m_data->formingIndicatorsOf(chosen, n, outs);
}

void AlertSample::fillSlot(int slot)
{
    double *out = m_values.data() + indicatorLeaf(slot, 0);
    std::fill(out, out + kMaxIndicatorOutputs, kNaN);
    const int outputs = std::min(m_data->outputCount(slot), kMaxIndicatorOutputs);
    if (m_i < m_n) {
        for (int o = 0; o < outputs; ++o)
            out[o] = m_data->indicator(slot, o, m_i);
    } else if (m_i == m_n && m_forming && outputs > 0) {
        if (m_probe)
            m_data->probeIndicatorsOf(*m_probe, &slot, 1, &out);
        else
            m_data->formingIndicators(slot, out);
    }
}

}  // namespace wick
