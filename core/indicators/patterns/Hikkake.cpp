// Hikkake patterns, the stateful candlestick patterns: CDLHIKKAKE, CDLHIKKAKEMOD. An
// inside bar followed by a false breakout is a setup (+-100); a close beyond the inside
// bar's range within the next three bars confirms it (+-200).
#include "indicators/patterns/Candles.h"

namespace wick::ind {

namespace {

using S = CandleSetting;

// The setup bars and the pending setup's confirmation window.
struct HikkakeState {
    int result = 0;  // the last setup's +-100, 0 before any
    int barsSince = 4;  // bars since the pending setup; > 3: none pending
    double confirmAbove = 0.0;  // the inside bar's high and low
    double confirmBelow = 0.0;
};

// One bar's value and the state after it: a new setup at c[0], a confirmation of the
// pending one, or nothing.
template<class Setup>
int hikkakeStep(HikkakeState &st, const CandleView &c, Setup setup)
{
    st.barsSince = std::min(st.barsSince + 1, 4);
    if (setup(c)) {
        st.result = c[0].high < c[1].high ? 100 : -100;
        st.barsSince = 0;
        st.confirmAbove = c[1].high;
        st.confirmBelow = c[1].low;
        return st.result;
    }
    if (st.barsSince <= 3
        && ((st.result > 0 && c[0].close > st.confirmAbove)
            || (st.result < 0 && c[0].close < st.confirmBelow))) {
        st.barsSince = 4;
        return st.result + (st.result > 0 ? 100 : -100);
    }
    return 0;
}

// c[1] inside c[2], then c[0] breaking out of c[1] on both ends in one direction.
bool hikkakeSetup(const CandleView &c)
{
    // Bitwise: inside bars are common enough for a branch on each test to be
    // mispredicted (see unpredictable(), Candles.h).
    return (c[1].high < c[2].high) & (c[1].low > c[2].low)
        & (((c[0].high < c[1].high) & (c[0].low < c[1].low))
            | ((c[0].high > c[1].high) & (c[0].low > c[1].low)));
}

// CDLHIKKAKE: inside bar, false breakout, optional confirmation. The setup is searched
// from three bars before the first output on (TA-Lib's warm-up).
struct HikkakeCore {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Ohlc;
    static constexpr int kLookback = 5;

    int lookback() const { return kLookback; }

    template<bool Commit>
    void step(const Bar &b, double *out)
    {
        const Candle cur = candleOf(b);
        out[0] = kNaN;
        if (seen >= kLookback - 3) {
            HikkakeState next = state;
            const int value = hikkakeStep(next, CandleView(cur, history.newest()), hikkakeSetup);
            if (seen >= kLookback)
                out[0] = double(value);
            if constexpr (Commit)
                state = next;
        }
        if constexpr (Commit) {
            history.push(cur);
            if (seen < kLookback)
                ++seen;
        }
    }

    bool steady() const { return seen >= kLookback; }
    template<class Rows>
    std::size_t runSteady(Rows rows, std::size_t n, double *const *outs)
    {
        return runCandleColumns(*this, rows, n, outs[0], [this](const CandleView &view) {
            return double(hikkakeStep(state, view, hikkakeSetup));
        });
    }

    CandleHistory history;
    HikkakeState state;
    int seen = 0;
};

// CDLHIKKAKEMOD: two nested inside bars, the second closing near its low (high) before a
// downward (upward) false breakout, optional confirmation. Near is averaged over the
// bars before c[2], from the warm-up's first bar on.
struct HikkakeModCore {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Ohlc;
    static constexpr int kNear = candlePeriod(S::Near);
    static constexpr int kLookback = std::max(1, kNear) + 5;

    int lookback() const { return kLookback; }

    template<bool Commit>
    void step(const Bar &b, double *out)
    {
        const Candle cur = candleOf(b);
        out[0] = kNaN;
        const CandleView view(cur, history.newest());
        if (seen >= kLookback - 3) {
            const int value = stepView<Commit>(view);
            if (seen >= kLookback)
                out[0] = double(value);
        } else if constexpr (Commit) {
            if (kNear != 0 && seen >= kLookback - 5 - kNear && seen < kLookback - 5)
                totals(S::Near, 2) += cur.range(S::Near);
        }
        if constexpr (Commit) {
            history.push(cur);
            if (seen < kLookback)
                ++seen;
        }
    }

    // A row from kLookback - 3 on: its value, and with Commit the state and
    // the Near total after it.
    template<bool Commit>
    int stepView(const CandleView &view)
    {
        const CandleAverages avg(totals, view);
        const auto setup = [&avg](const CandleView &c) {
            const double near = avg(S::Near, 2);
            return c[2].high < c[3].high && c[2].low > c[3].low && c[1].high < c[2].high
                && c[1].low > c[2].low
                && ((c[0].high < c[1].high && c[0].low < c[1].low && c[2].close <= c[2].low + near)
                    || (c[0].high > c[1].high && c[0].low > c[1].low
                        && c[2].close >= c[2].high - near));
        };
        HikkakeState next = state;
        const int value = hikkakeStep(next, view, setup);
        if constexpr (Commit) {
            state = next;
            if (kNear != 0)
                totals(S::Near, 2) += view[2].range(S::Near) - view[2 + kNear].range(S::Near);
        }
        return value;
    }

    bool steady() const { return seen >= kLookback; }
    template<class Rows>
    std::size_t runSteady(Rows rows, std::size_t n, double *const *outs)
    {
        return runCandleColumns(*this, rows, n, outs[0],
            [this](const CandleView &view) { return double(stepView<true>(view)); });
    }

    CandleHistory history;
    CandleTotals totals;
    HikkakeState state;
    int seen = 0;
};

template<class Core>
IndicatorInfo hikkakeEntry(const char16_t *name, const char16_t *title)
{
    return {QString::fromUtf16(name), QString::fromUtf16(title), IndicatorGroup::Pattern, {},
        oneOutput(), IndicatorPlacement::Pane, false, {},
        [](Params, const Context &) { return makeIndicator(Core {}); }};
}

}  // namespace

std::vector<IndicatorInfo> hikkakeEntries()
{
    return {
        hikkakeEntry<HikkakeCore>(u"CDLHIKKAKE", u"Hikkake Pattern"),
        hikkakeEntry<HikkakeModCore>(u"CDLHIKKAKEMOD", u"Modified Hikkake Pattern"),
    };
}

}  // namespace wick::ind
