// MarketEngine's bar listeners: registration, the view a call reads
// (ListenerView), holds, and the calls themselves (MarketEngine.h).
#include "engine/MarketEngineState.h"

#include <algorithm>

#include "engine/BarListener.h"
#include "engine/FormingHold.h"
#include "engine/SeriesView.h"

namespace wick {

using engine_detail::bit;

// What a BarListener reads during a call: views of the engine's series.
class MarketEngine::ListenerView final : public SeriesView
{
public:
    ListenerView(SymbolState &s, std::size_t tf, std::optional<Bar> forming)
        : m_state(s)
        , m_tf(tf)
        , m_forming(std::move(forming))
    { }

    // The listener the next call goes to (holdForming() is its).
    void setListener(BarListener *listener) { m_listener = listener; }

    SymbolId symbol() const override { return m_state.id; }
    Timeframe timeframe() const override { return kAllTimeframes[m_tf]; }
    BarSeries closed() const override { return m_state.closed[m_tf].view(); }
    std::size_t closedCount() const override { return m_state.closed[m_tf].size(); }
    const Bar *forming() const override { return m_forming ? &*m_forming : nullptr; }

    std::uint64_t runsVersion() const override { return m_state.runsVersion[m_tf]; }
    const std::shared_ptr<const Clock> &sourceClock() const override { return m_state.clock; }
    TimeMs sourceClockSetAt() const override { return m_state.clockSetAt; }

    int findIndicator(const QString &key) const override
    {
        const auto &runs = m_state.runs[m_tf];
        for (std::size_t r = 0; r < runs.size(); ++r) {
            if (runs[r]->key == key)
                return static_cast<int>(r);
        }
        return -1;
    }

    int outputCount(int indicator) const override
    {
        return static_cast<int>(run(indicator).values.size());
    }

    ValueSeries values(int indicator, int output) const override
    {
        return run(indicator).values[static_cast<std::size_t>(output)].view();
    }

    bool formingValues(int indicator, double *out) const override
    {
        const IndicatorRun &r = run(indicator);
        if (!m_forming || !r.indicator)
            return false;
        r.indicator->peek(*m_forming, out);
        return true;
    }

    void formingValuesOf(
        const int *indicators, std::size_t count, double *const *out) const override
    {
        peekAt(m_forming ? &*m_forming : nullptr, indicators, count, out);
    }

    void formingValuesAt(
        const Bar &bar, const int *indicators, std::size_t count, double *const *out) const override
    {
        peekAt(&bar, indicators, count, out);
    }

    CloseResponse closeResponse(int indicator, int output) const override
    {
        const IndicatorRun &r = run(indicator);
        return r.indicator ? r.indicator->closeResponse(output) : CloseResponse::OtherFields;
    }

    void holdForming(const FormingHold &hold) const override
    {
        // Found again: the call may have added or removed listeners.
        const std::size_t k = m_state.listeners.find(m_listener, m_tf);
        if (k < m_state.listeners.size())
            m_state.listeners[k].hold = hold;
    }

private:
    void peekAt(const Bar *bar, const int *indicators, std::size_t count, double *const *out) const
    {
        constexpr std::size_t kChunk = 16;
        const IndicatorRun *runs[kChunk];
        for (std::size_t from = 0; from < count; from += kChunk) {
            const std::size_t n = std::min(kChunk, count - from);
            // Every run's indicator, and the first lines of its state, before any peek.
            for (std::size_t k = 0; k < n; ++k)
                runs[k] = &run(indicators[from + k]);
            for (std::size_t k = 0; k < n; ++k) {
                const char *state = reinterpret_cast<const char *>(runs[k]->indicator.get());
                if (state)
                    for (int line = 0; line < 4; ++line)
                        __builtin_prefetch(state + 64 * line);
            }
            for (std::size_t k = 0; k < n; ++k) {
                double *values = out[from + k];
                if (bar && runs[k]->indicator)
                    runs[k]->indicator->peek(*bar, values);
                else
                    std::fill(values, values + runs[k]->values.size(), kNaN);
            }
        }
    }

    const IndicatorRun &run(int indicator) const
    {
        return *m_state.runs[m_tf][static_cast<std::size_t>(indicator)];
    }

    SymbolState &m_state;  // holdForming() writes the listener's entry
    std::size_t m_tf;
    std::optional<Bar> m_forming;
    BarListener *m_listener = nullptr;
};

void MarketEngine::addBarListener(BarListener *listener, SymbolId symbol, Timeframe timeframe)
{
    SymbolState &s = state(symbol);
    const std::size_t tf = timeframeIndex(timeframe);
    if (s.listeners.find(listener, tf) < s.listeners.size())
        return;
    s.listeners.add(ListenerEntry {listener, tf, {}});
    ++s.listenerCount;
    s.listenerMask |= bit(timeframe);
}

void MarketEngine::removeBarListener(BarListener *listener, SymbolId symbol, Timeframe timeframe)
{
    if (symbol >= m_states.size() || !m_states[symbol])
        return;
    SymbolState &s = *m_states[symbol];
    const std::size_t tf = timeframeIndex(timeframe);
    const std::size_t k = s.listeners.find(listener, tf);
    if (k == s.listeners.size())
        return;
    endHold(s, s.listeners[k]);
    s.listeners.erase(k);
    --s.listenerCount;
    if (!s.listeners.hasTimeframe(tf))
        s.listenerMask &= ~bit(timeframe);
}

void MarketEngine::endHold(SymbolState &s, ListenerEntry &entry)
{
    entry.hold.runs = 0;
    // A trade of this batch may have found the update covered.
    if (s.touchedBatch == m_batches)
        m_formingTouched[s.touchedAt].covered = nullptr;
}

void MarketEngine::notifyListeners(SymbolState &s, std::size_t i, ListenerCall call)
{
    if (!(s.listenerMask & (1u << i)))
        return;
    ListenerView view(s, i, formingOf(s, i));
    const Bar *forming = view.forming();
    if (call == ListenerCall::Forming && !forming)
        return;  // closed by the clock meanwhile: barClosed said so
    // A listener is called unless its hold covers this forming update; any
    // call ends its hold.
    const auto tell = [&](ListenerEntry &entry) {
        if (call == ListenerCall::Forming
            && entry.hold.covers(*forming, s.closed[i].size(), s.runsVersion[i])) {
            ++*entry.hold.covered;
            return;
        }
        endHold(s, entry);
        BarListener *listener = entry.listener;
        view.setListener(listener);
        switch (call) {
        case ListenerCall::Closed:
            listener->barClosed(view);
            break;
        case ListenerCall::Forming:
            listener->formingBarChanged(view);
            break;
        case ListenerCall::Reset:
            listener->seriesReset(view);
            break;
        }
    };
    // One listener (the usual case): no list to copy.
    if (s.listeners.size() == 1)
        return tell(s.listeners[0]);
    // A call may add or remove listeners: call those listed before it and still listed.
    std::vector<BarListener *> listeners;
    for (std::size_t k = 0; k < s.listeners.size(); ++k)
        if (s.listeners[k].tf == i)
            listeners.push_back(s.listeners[k].listener);
    for (BarListener *listener : listeners) {
        const std::size_t k = s.listeners.find(listener, i);
        if (k < s.listeners.size())
            tell(s.listeners[k]);
    }
}

void MarketEngine::notifyForming(SymbolState &s)
{
    if (s.listenerCount == 0)
        return;
    for (std::size_t i = 0; i < kTimeframeCount; ++i) {
        // Timeframes without listeners cost one bit (the mask is read again:
        // a call may add or remove listeners). A higher timeframe with the
        // source's own forming bar does not move with trades.
        if (!(s.listenerMask & (1u << i)) || (i > 0 && s.nativeForming[i]))
            continue;
        notifyListeners(s, i, ListenerCall::Forming);
    }
}

}  // namespace wick
