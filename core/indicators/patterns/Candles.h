// core/indicators/patterns: the candle toolkit behind every candlestick pattern (CDL*):
// TA-Lib's candle settings, a bar's geometry, the last bars, and the running averages
// ("period totals") a pattern compares its candles with. Pure computation; a pattern
// instance belongs to the thread that feeds it (see Indicator.h).
//
// Writing a pattern: a small copyable struct with
//   static constexpr std::array<CandleNeed, N> kNeeds{{{CandleSetting::BodyLong, 1}, ...}};
//   static constexpr int kLookback = candlePeriods({CandleSetting::BodyLong, ...}) + 1;
//   int evaluate(const CandleView &c, const CandleAverages &avg) const;
// and, where TA-Lib has one, a `double penetration` member. c[0] is the bar being
// evaluated (TA-Lib's i), c[1] the one before (i-1), ... up to c[kMaxCandleOffset].
// avg(setting, k) is TA-Lib's candle average of that setting for candle k: factor x
// (running total of the setting's range over the `period` bars before candle k) / period,
// halved for Shadows; a setting whose period is 0 uses candle k's own range. Every
// (setting, k) with a non-zero period that evaluate() reads must be listed in kNeeds
// (one entry per TA-Lib "PeriodTotal" variable, k = the candle offset it follows).
// kLookback is TA-Lib's TA_CDLxxx_Lookback() formula. evaluate() returns -100, 0, 100
// (or +-200 where TA-Lib does). makeCandlePattern(P{}) turns it into an Indicator, and
// patternEntry<P>(u"CDLXXX", u"Title") / penetrationPatternEntry<P>(..., 0.3) into a
// catalogue entry:
//
//   // Engulfing-like: a white body that covers the previous black one.
//   struct Example {
//       static constexpr std::array<CandleNeed, 1> kNeeds{{{CandleSetting::BodyShort, 1}}};
//       static constexpr int kLookback = candlePeriod(CandleSetting::BodyShort) + 1;
//       int evaluate(const CandleView &c, const CandleAverages &avg) const
//       {
//           return c[1].black() && c[1].body() > avg(CandleSetting::BodyShort, 1)
//                   && c[0].white() && c[0].close > c[1].open && c[0].open < c[1].close
//               ? 100
//               : 0;
//       }
//   };
//
// Parity with TA-Lib (called from row 0, so startIdx = kLookback = L): the total of
// (setting S with period P, offset k) starts at 0 and adds range(bar j) in order for
// j = L-P-k .. L-1-k; from row L on, after the row is evaluated, it becomes
// total + (range(bar i-k) - range(bar i-k-P)), the same operation order as TA-Lib's
// loops, so the averages (and the comparisons) are equal bit for bit. Rows before L
// are NaN; a bar with a NaN price is a NaN row and does not count (Indicator.h).
// peek() evaluates the forming bar as c[0] and changes nothing.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <memory>

#include "indicators/Catalogue.h"
#include "indicators/Indicator.h"

namespace wick::ind {

// TA-Lib's candle settings (TA_CandleSettingType), in its order.
enum class CandleSetting {
    BodyLong,  // real body longer than the average body of the 10 previous candles
    BodyVeryLong,  // longer than 3x that average
    BodyShort,  // shorter than that average
    BodyDoji,  // shorter than 10% of the average high-low range of the 10 previous
    ShadowLong,  // shadow longer than the candle's own real body
    ShadowVeryLong,  // longer than 2x its real body
    ShadowShort,  // shorter than half the average sum of shadows of the 10 previous
    ShadowVeryShort,  // shorter than 10% of the average high-low range of the 10 previous
    Near,  // distance <= 20% of the average high-low range of the 5 previous
    Far,  // distance >= 60% of that average
    Equal,  // distance <= 5% of that average
};
constexpr int kCandleSettingCount = 11;

// What a setting measures on a candle (TA_RangeType).
enum class CandleRange {
    RealBody,  // |close - open|
    HighLow,  // high - low
    Shadows,  // upper + lower shadow (its average is halved)
};

struct CandleSettingInfo {
    CandleRange range;
    int period;  // candles averaged; 0: the candle itself
    double factor;
};

// TA-Lib's defaults (TA_RestoreCandleDefaultSettings).
constexpr std::array<CandleSettingInfo, kCandleSettingCount> kCandleSettings {{
    {CandleRange::RealBody, 10, 1.0},  // BodyLong
    {CandleRange::RealBody, 10, 3.0},  // BodyVeryLong
    {CandleRange::RealBody, 10, 1.0},  // BodyShort
    {CandleRange::HighLow, 10, 0.1},  // BodyDoji
    {CandleRange::RealBody, 0, 1.0},  // ShadowLong
    {CandleRange::RealBody, 0, 2.0},  // ShadowVeryLong
    {CandleRange::Shadows, 10, 1.0},  // ShadowShort
    {CandleRange::HighLow, 10, 0.1},  // ShadowVeryShort
    {CandleRange::HighLow, 5, 0.2},  // Near
    {CandleRange::HighLow, 5, 0.6},  // Far
    {CandleRange::HighLow, 5, 0.05},  // Equal
}};

constexpr const CandleSettingInfo &candleSetting(CandleSetting s)
{
    return kCandleSettings[std::size_t(s)];
}

constexpr int candlePeriod(CandleSetting s)
{
    return candleSetting(s).period;
}

// The largest period among settings: TA-Lib's max(max(...), ...) in a lookback.
constexpr int candlePeriods(std::initializer_list<CandleSetting> settings)
{
    int p = 0;
    for (CandleSetting s : settings)
        p = std::max(p, candlePeriod(s));
    return p;
}

// One bar's prices and its geometry.
struct Candle {
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;

    bool white() const { return close >= open; }  // TA-Lib's colour 1 (a doji is white)
    bool black() const { return close < open; }  // colour -1
    int color() const { return close >= open ? 1 : -1; }
    double body() const { return std::fabs(close - open); }
    double bodyTop() const { return close >= open ? close : open; }
    double bodyBottom() const { return close >= open ? open : close; }
    double upperShadow() const { return high - bodyTop(); }
    double lowerShadow() const { return bodyBottom() - low; }
    double range() const { return high - low; }
    // What `setting` measures on this candle.
    double range(CandleSetting s) const
    {
        switch (candleSetting(s).range) {
        case CandleRange::RealBody:
            return body();
        case CandleRange::HighLow:
            return high - low;
        case CandleRange::Shadows:
            return upperShadow() + lowerShadow();
        }
        return 0.0;
    }
};

inline Candle candleOf(const Bar &b)
{
    return {b.open, b.high, b.low, b.close};
}

// A condition as 0 or 1 that the compiler cannot branch on: what a pattern
// returns from one data-dependent test (100 * unpredictable(test)) is then
// computed without a jump per bar, which the data would mispredict about as
// often as the pattern occurs (TA-Lib's loops select the same way).
inline int unpredictable(bool condition)
{
    int flag = condition ? 1 : 0;
#if defined(__GNUC__) || defined(__clang__)
    asm("" : "+r"(flag));
#endif
    return flag;
}

// 100 times the candle's colour (+1 white, -1 black) when `shape` holds, else
// 0, without a jump on either (see unpredictable()).
inline int colourSigned(bool shape, const Candle &c)
{
    return 100 * (unpredictable(shape & c.white()) - unpredictable(shape & c.black()));
}

// Gaps between a later candle and an earlier one (TA_REALBODYGAPUP(later, earlier)...).
inline bool bodyGapUp(const Candle &later, const Candle &earlier)
{
    return std::min(later.open, later.close) > std::max(earlier.open, earlier.close);
}
inline bool bodyGapDown(const Candle &later, const Candle &earlier)
{
    return std::max(later.open, later.close) < std::min(earlier.open, earlier.close);
}
inline bool candleGapUp(const Candle &later, const Candle &earlier)
{
    return later.low > earlier.high;
}
inline bool candleGapDown(const Candle &later, const Candle &earlier)
{
    return later.high < earlier.low;
}

// The deepest candle offset a pattern may read or follow a total at.
constexpr int kMaxCandleOffset = 5;

// Candles in four columns: at(k) is the candle k rows before the one the
// pointers point at (k >= 0).
struct CandleColumns {
    const double *open;
    const double *high;
    const double *low;
    const double *close;

    Candle at(std::ptrdiff_t k) const { return {open[-k], high[-k], low[-k], close[-k]}; }
};

// The last closed bars as four columns. Each bar is written twice, at its slot
// and kCapacity further on, so the last kCapacity bars always lie contiguous
// up to newest(): a CandleView reads them as it reads a series' columns.
class CandleHistory
{
public:
    static constexpr int kCapacity = 16;  // >= the longest period + kMaxCandleOffset

    void push(const Candle &c)
    {
        m_head = (m_head + 1) & (kCapacity - 1);
        for (const int slot : {m_head, m_head + kCapacity}) {
            m_open[std::size_t(slot)] = c.open;
            m_high[std::size_t(slot)] = c.high;
            m_low[std::size_t(slot)] = c.low;
            m_close[std::size_t(slot)] = c.close;
        }
    }
    // The latest bar folded in; newest().at(k) is the one k bars before it (k < kCapacity).
    CandleColumns newest() const
    {
        const std::size_t at = std::size_t(m_head + kCapacity);
        return {&m_open[at], &m_high[at], &m_low[at], &m_close[at]};
    }
    Candle at(int back) const { return newest().at(back); }

private:
    std::array<double, 2 * kCapacity> m_open {};
    std::array<double, 2 * kCapacity> m_high {};
    std::array<double, 2 * kCapacity> m_low {};
    std::array<double, 2 * kCapacity> m_close {};
    int m_head = 0;
};

static_assert(
    candlePeriods({CandleSetting::BodyLong, CandleSetting::BodyVeryLong, CandleSetting::BodyShort,
        CandleSetting::BodyDoji, CandleSetting::ShadowLong, CandleSetting::ShadowVeryLong,
        CandleSetting::ShadowShort, CandleSetting::ShadowVeryShort, CandleSetting::Near,
        CandleSetting::Far, CandleSetting::Equal})
        + kMaxCandleOffset
    <= CandleHistory::kCapacity);

// What a pattern sees: c[0] the bar evaluated, c[k] the bar k rows before it,
// read from the columns that end at the bar before it (the history's, or a
// series' own in a batch over columns).
class CandleView
{
public:
    CandleView(const Candle &current, const CandleColumns &before)
        : m_current(current)
        , m_before(before)
    { }
    Candle operator[](int k) const { return k == 0 ? m_current : m_before.at(k - 1); }

private:
    const Candle &m_current;
    CandleColumns m_before;
};

// A running total per (setting, candle offset), TA-Lib's PeriodTotal variables.
struct CandleTotals {
    std::array<std::array<double, kMaxCandleOffset + 1>, kCandleSettingCount> sum {};

    double &operator()(CandleSetting s, int k) { return sum[std::size_t(s)][std::size_t(k)]; }
    double operator()(CandleSetting s, int k) const { return sum[std::size_t(s)][std::size_t(k)]; }
};

// The averages a pattern compares with: avg(setting, k) for candle c[k].
class CandleAverages
{
public:
    CandleAverages(const CandleTotals &totals, const CandleView &view)
        : m_totals(totals)
        , m_view(view)
    { }
    double operator()(CandleSetting s, int k) const
    {
        const CandleSettingInfo &info = candleSetting(s);
        const double base
            = info.period != 0 ? m_totals(s, k) / double(info.period) : m_view[k].range(s);
        return info.factor * base / (info.range == CandleRange::Shadows ? 2.0 : 1.0);
    }

private:
    const CandleTotals &m_totals;
    const CandleView &m_view;
};

// A (setting, candle offset) whose running total a pattern reads.
struct CandleNeed {
    CandleSetting setting;
    int offset;
};

// A pattern core's steady loop over a series' columns, in two parts. Each
// row's view reads the columns themselves instead of the history once the
// rows it reaches back to are rows of this call (all valid: the loops stop at
// the first NaN row). candleHead() steps the first kCapacity rows through
// core.step<true>() and returns how many it stepped; candleBody() takes the
// rows from `from` on through row(view), which returns the output and folds
// the row in, and gives the history the last rows back. Both want column
// rows (IsColumnRows).
template<class Core, class Rows>
std::size_t candleHead(Core &core, Rows rows, std::size_t n, double *__restrict out)
{
    const std::size_t end = std::min<std::size_t>(n, CandleHistory::kCapacity);
    for (std::size_t i = 0; i < end; ++i) {
        const Bar b = rows[std::ptrdiff_t(i)];
        if (!barIsValid<Core::kFields>(b))
            return i;
        core.template step<true>(b, out + i);
    }
    return end;
}

template<class Core, class Rows, class Row>
std::size_t candleBody(
    Core &core, Rows rows, std::size_t from, std::size_t n, double *__restrict out, Row &&row)
{
    constexpr std::size_t depth = CandleHistory::kCapacity;
    const BarColumns c = rows.columns();
    std::size_t i = from;
    for (; i < n; ++i) {
        const Bar b = rows[std::ptrdiff_t(i)];
        if (!barIsValid<Core::kFields>(b))
            break;
        const Candle cur = candleOf(b);
        out[i] = row(
            CandleView(cur, {c.open + i - 1, c.high + i - 1, c.low + i - 1, c.close + i - 1}));
    }
    if (i > from) {
        for (std::size_t j = std::max(from, i > depth ? i - depth : 0); j < i; ++j)
            core.history.push({c.open[j], c.high[j], c.low[j], c.close[j]});
    }
    return i;
}

// The steady loop of a core that keeps nothing but the history and what row()
// changes (over Bars it returns 0: the adapter steps bar by bar).
template<class Core, class Rows, class Row>
std::size_t runCandleColumns(Core &core, Rows rows, std::size_t n, double *out, Row &&row)
{
    if constexpr (!IsColumnRows<Rows>::value) {
        (void)core;
        (void)rows;
        (void)n;
        (void)out;
        (void)row;
        return 0;
    } else {
        const std::size_t head = candleHead(core, rows, n, out);
        if (head < CandleHistory::kCapacity)
            return head;
        return candleBody(core, rows, head, n, out, row);
    }
}

// The streaming core of a pattern P (see the top of this file).
template<class P>
struct CandleCore {
    static constexpr int kOutputs = 1;
    static constexpr BarFields kFields = BarFields::Ohlc;

    static constexpr bool needsFit()
    {
        for (const CandleNeed &n : P::kNeeds) {
            if (n.offset < 0 || n.offset > kMaxCandleOffset
                || candlePeriod(n.setting) + n.offset > P::kLookback)
                return false;
        }
        return P::kLookback <= CandleHistory::kCapacity;
    }
    static_assert(needsFit(), "a total's window must lie within the lookback and the history");

    explicit CandleCore(const P &p)
        : pattern(p)
    { }

    int lookback() const { return P::kLookback; }

    template<bool Commit>
    void step(const Bar &b, double *out)
    {
        const Candle cur = candleOf(b);
        if (seen < P::kLookback) {
            out[0] = kNaN;
            if constexpr (Commit) {
                for (const CandleNeed &n : P::kNeeds) {
                    const int period = candlePeriod(n.setting);
                    const int first = P::kLookback - period - n.offset;
                    if (period != 0 && seen >= first && seen < first + period)
                        totals(n.setting, n.offset) += cur.range(n.setting);
                }
                history.push(cur);
                ++seen;
            }
            return;
        }
        const CandleView view(cur, history.newest());
        out[0] = evaluate(view);
        if constexpr (Commit) {
            fold(view, totals);
            history.push(cur);
        }
    }

    bool steady() const { return seen >= P::kLookback; }

    // Over a series' columns, each row's view reads the columns themselves
    // instead of the history, once the rows it reaches back to are rows of
    // this call (all valid: the loop stops at the first NaN row). The first
    // kCapacity rows go through step(), and the history gets the last rows
    // back at the end. Over Bars the adapter steps bar by bar.
    template<class Rows>
    std::size_t runSteady(Rows rows, std::size_t n, double *const *outs)
    {
        if constexpr (!IsColumnRows<Rows>::value) {
            (void)rows;
            (void)n;
            (void)outs;
            return 0;
        } else {
            double *out = outs[0];
            const std::size_t head = candleHead(*this, rows, n, out);
            if (head < CandleHistory::kCapacity)
                return head;
            // The totals in a local for the loop (the compiler keeps the ones
            // used in registers: TA-Lib's PeriodTotal locals), back at the end.
            CandleTotals local = totals;
            const std::size_t done
                = candleBody(*this, rows, head, n, out, [this, &local](const CandleView &view) {
                      const double value = evaluate(view, local);
                      fold(view, local);
                      return value;
                  });
            totals = local;
            return done;
        }
    }

    double evaluate(const CandleView &view) const { return evaluate(view, totals); }
    double evaluate(const CandleView &view, const CandleTotals &t) const
    {
        return double(pattern.evaluate(view, CandleAverages(t, view)));
    }

    // The running totals move past view's bar (TA-Lib's PeriodTotal updates),
    // one need after the other at compile time: no loop over kNeeds and no
    // switch on a setting's range per row.
    template<std::size_t I = 0>
    static void fold(const CandleView &view, CandleTotals &t)
    {
        if constexpr (I < P::kNeeds.size()) {
            constexpr CandleNeed n = P::kNeeds[I];
            constexpr int period = candlePeriod(n.setting);
            if constexpr (period != 0) {
                const double added = view[n.offset].range(n.setting);
                const double dropped = view[n.offset + period].range(n.setting);
                t(n.setting, n.offset) += added - dropped;
            }
            fold<I + 1>(view, t);
        }
    }

    P pattern;
    CandleHistory history;
    CandleTotals totals;
    int seen = 0;  // valid bars folded in, up to the lookback
};

template<class P>
std::unique_ptr<Indicator> makeCandlePattern(const P &pattern)
{
    return makeIndicator(CandleCore<P>(pattern));
}

// A catalogue entry for pattern P: group Pattern, one output "value", its own pane.
template<class P>
IndicatorInfo patternEntry(const char16_t *name, const char16_t *title)
{
    return {QString::fromUtf16(name), QString::fromUtf16(title), IndicatorGroup::Pattern, {},
        oneOutput(), IndicatorPlacement::Pane, false, {},
        [](Params, const Context &) { return makeCandlePattern(P {}); }};
}

// The same for a pattern with TA-Lib's optInPenetration (P{penetration}).
template<class P>
IndicatorInfo penetrationPatternEntry(
    const char16_t *name, const char16_t *title, double defaultPenetration)
{
    return {QString::fromUtf16(name), QString::fromUtf16(title), IndicatorGroup::Pattern,
        {real(u"penetration", defaultPenetration, 0.0, 3e37)}, oneOutput(),
        IndicatorPlacement::Pane, false, {},
        [](Params p, const Context &) { return makeCandlePattern(P {p[0]}); }};
}

}  // namespace wick::ind
