// core/indicators: an indicator over another's output ("SMA:9@RSI:14"), built by
// createIndicator() for a chained spec. Like every Indicator it belongs to the
// thread that feeds it.
#pragma once

#include <algorithm>
#include <memory>
#include <type_traits>
#include <vector>

#include "indicators/Indicator.h"

namespace wick {

// An indicator over another's output: each later stage sees a bar whose OHLC
// are the previous stage's selected output (NaN during its warm-up, which the
// NaN rule skips, so the stages' lookbacks add up).
class IndicatorPipeline final : public Indicator
{
public:
    IndicatorPipeline(std::vector<std::unique_ptr<Indicator>> stages, std::vector<int> selected)
        : m_stages(std::move(stages))
        , m_selected(std::move(selected))
    { }

    int outputCount() const override { return m_stages.back()->outputCount(); }
    int lookback() const override
    {
        int total = 0;
        for (const auto &s : m_stages)
            total += s->lookback();
        return total;
    }

    void update(const Bar &bar, double *out) override
    {
        Bar b = bar;
        for (std::size_t i = 0; i + 1 < m_stages.size(); ++i) {
            double row[kMaxIndicatorOutputs];
            m_stages[i]->update(b, row);
            b = valueBar(bar.time, row[m_selected[i]]);
        }
        m_stages.back()->update(b, out);
    }

    void peek(const Bar &bar, double *out) const override
    {
        Bar b = bar;
        for (std::size_t i = 0; i + 1 < m_stages.size(); ++i) {
            double row[kMaxIndicatorOutputs];
            m_stages[i]->peek(b, row);
            b = valueBar(bar.time, row[m_selected[i]]);
        }
        m_stages.back()->peek(b, out);
    }

    // Stage after stage over chunks of bars: each stage runs its own batch loop
    // (same numbers as its update(), so as this update()), and the intermediate
    // arrays stay small and in cache (a 1M-bar history would spend more on page
    // faults than on arithmetic with whole intermediate series). Every stage
    // after the first takes a value series: it runs batchValues() on the
    // previous stage's selected output, with no Bars built.
    void batch(const Bar *bars, std::size_t n, double *const *outs) override { run(bars, n, outs); }

    bool valueInput() const override { return m_stages.front()->valueInput(); }

    CloseResponse closeResponse(int output) const override
    {
        if (!valueInput())
            return CloseResponse::OtherFields;
        CloseResponse r = m_stages.back()->closeResponse(output);
        for (std::size_t i = m_stages.size() - 1; i-- > 0;)
            r = composeResponse(r, m_stages[i]->closeResponse(m_selected[i]));
        return r;
    }

    bool batchValues(const double *x, std::size_t n, double *const *outs) override
    {
        if (!valueInput())
            return false;
        run(x, n, outs);
        return true;
    }

    void batchColumns(const BarColumns &columns, std::size_t n, double *const *outs) override
    {
        run(columns, n, outs);
    }

    void reset() override
    {
        for (auto &s : m_stages)
            s->reset();
    }

    std::unique_ptr<Indicator> clone() const override
    {
        std::vector<std::unique_ptr<Indicator>> stages;
        for (const auto &s : m_stages)
            stages.push_back(s->clone());
        return std::make_unique<IndicatorPipeline>(std::move(stages), m_selected);
    }

private:
    static constexpr std::size_t kChunk = 512;

    // In: `const Bar *`, `const double *` when the first stage runs on a value
    // column, or BarColumns.
    template<class In>
    void run(const In &in, std::size_t n, double *const *outs)
    {
        // Two buffers in turn: a stage reads one while it writes the other.
        std::vector<double> values(2 * std::size_t(kMaxIndicatorOutputs) * kChunk);
        double *stageOuts[2][kMaxIndicatorOutputs];
        for (int b = 0; b < 2; ++b) {
            for (int k = 0; k < kMaxIndicatorOutputs; ++k)
                stageOuts[b][k]
                    = values.data() + (std::size_t(b * kMaxIndicatorOutputs + k)) * kChunk;
        }
        for (std::size_t start = 0; start < n; start += kChunk) {
            const std::size_t m = std::min(kChunk, n - start);
            if constexpr (std::is_same_v<In, BarColumns>)
                m_stages.front()->batchColumns(in.from(start), m, stageOuts[0]);
            else if constexpr (std::is_same_v<In, const Bar *>)
                m_stages.front()->batch(in + start, m, stageOuts[0]);
            else
                m_stages.front()->batchValues(in + start, m, stageOuts[0]);
            const double *selected = stageOuts[0][m_selected.front()];
            for (std::size_t s = 1; s + 1 < m_stages.size(); ++s) {
                double *const *to = stageOuts[s % 2];
                m_stages[s]->batchValues(selected, m, to);
                selected = to[m_selected[s]];
            }
            double *last[kMaxIndicatorOutputs];
            for (int k = 0; k < outputCount(); ++k)
                last[k] = outs[k] + start;
            m_stages.back()->batchValues(selected, m, last);
        }
    }

    static Bar valueBar(TimeMs time, double v) { return Bar {time, v, v, v, v, 0.0, 0}; }

    std::vector<std::unique_ptr<Indicator>> m_stages;
    std::vector<int> m_selected;
};

}  // namespace wick
