// core/indicators: streaming technical indicators with TA-Lib 0.6.4 parity
// (../shared/golden/README.md is the numeric spec) and their registry. Pure
// computation, no threads of its own: an instance belongs to whichever thread
// feeds it (the engine's worker thread, the CLI's main thread).
//
// One implementation per indicator: update() folds a closed bar into the state,
// peek() computes the forming bar's tentative value without touching the state,
// and batch() is a tight loop over the same arithmetic, so batch == streaming
// bit for bit.
//
// Indicators that read only the close (SMA, EMA, RSI, MACD, BBANDS, ...) also
// run over a plain column of values: batchValues(x) is batch() over bars whose
// close is x[i], the same loop instantiated on `const double *` instead of
// `const Bar *`, so the two agree bit for bit. It is what TA-Lib's figures
// measure (a double array), and what a chained stage's input already is.
//
// Missing data rule: a bar with NaN in a field that the indicator reads (close
// for value indicators; high, low, close for range indicators; also volume for
// OBV, AD, MFI, VWAP; open too for candlestick patterns) yields NaN on every output for that row
// and leaves the state untouched: the next valid bar continues as if the NaN bar did not exist.
// Rows before the first valid value (lookback()) are NaN too.
#pragma once

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "indicators/BarColumns.h"
#include "indicators/IndicatorFields.h"
#include "model/Bar.h"

namespace wick {

// The most outputs an indicator may have (the widest today, MACD and BBANDS,
// have 3): callers size a row of outputs with it (double row[kMaxIndicatorOutputs]),
// and the engine refuses an indicator with more.
constexpr int kMaxIndicatorOutputs = 8;

// How an output's tentative value at the forming bar follows the forming
// close while the state held stays (what an alert's gate may assume between
// two closes, alerts/AlertSeriesProgram.h): OtherFields (it reads more of the
// bar than the close: it may move while the close stays); Unknown (a function
// of the close alone, of no known shape); Increasing (never falls as the close
// rises, computed without a jump); Affine (a + b * close for fixed a, b);
// AffineIncreasing (both). Anything but OtherFields promises that peek()
// reads nothing of the bar but its close (not its time either).
enum class CloseResponse { OtherFields, Unknown, Increasing, Affine, AffineIncreasing };

// f(g(close)): what a stage over another stage's output gives.
CloseResponse composeResponse(CloseResponse outer, CloseResponse inner);

class Indicator
{
public:
    virtual ~Indicator() = default;

    virtual int outputCount() const = 0;
    // Valid bars consumed before the first output (TA-Lib's TA_xxx_Lookback()).
    virtual int lookback() const = 0;
    // Folds a closed bar into the state; writes outputCount() values (NaN = none yet).
    virtual void update(const Bar &bar, double *out) = 0;
    // The forming bar's tentative values; the state stays at the last closed bar.
    virtual void peek(const Bar &bar, double *out) const = 0;
    // update() over n closed bars; outs[k] points at n doubles for output k.
    virtual void batch(const Bar *bars, std::size_t n, double *const *outs) = 0;
    // Reads only the close: batchValues() works.
    virtual bool valueInput() const { return false; }
    // How output `output` of peek() follows the close now (it may depend on
    // the state): Unknown for an indicator that reads only the close and says
    // no more, OtherFields for one that reads more.
    virtual CloseResponse closeResponse(int output) const
    {
        (void)output;
        return valueInput() ? CloseResponse::Unknown : CloseResponse::OtherFields;
    }
    // batch() over n bars whose close is x[i] (NaN: a missing bar), from the
    // same state and to the same state and doubles. False, and nothing done,
    // unless valueInput().
    virtual bool batchValues(const double *x, std::size_t n, double *const *outs)
    {
        (void)x;
        (void)n;
        (void)outs;
        return false;
    }
    // batch() over the bars the columns hold, the same doubles from the same
    // state: the path for a series' whole history (the engine, wick-bench),
    // where an indicator reads only the columns of the fields it needs.
    virtual void batchColumns(const BarColumns &columns, std::size_t n, double *const *outs) = 0;
    // Back to the state before the first bar.
    virtual void reset() = 0;
    virtual std::unique_ptr<Indicator> clone() const = 0;

    // batch(), batchValues() and batchColumns() into vectors (resized to outputCount() x n).
    void batch(const Bar *bars, std::size_t n, std::vector<std::vector<double>> &outs);
    bool batchValues(const double *x, std::size_t n, std::vector<std::vector<double>> &outs);
    void batchColumns(
        const BarColumns &columns, std::size_t n, std::vector<std::vector<double>> &outs);
};

// For runSteady(): step(in[i], i) on in[0..n) while they are valid; returns how
// many it stepped. Rows is `const Bar *`, `const double *` for a value column,
// or ColumnRows.
template<BarFields F, class Rows, class Step>
inline std::size_t stepWhileValid(Rows in, std::size_t n, Step &&step)
{
    std::size_t i = 0;
    for (; i < n; ++i) {
        decltype(auto) row = in[std::ptrdiff_t(i)];
        if (!barIsValid<F>(row))
            break;
        step(row, i);
    }
    return i;
}

// A core that reads the bar's time (VWAP's sessions) says so: its column rows
// carry the time column too.
template<class Core>
constexpr bool coreReadsTime()
{
    if constexpr (requires { Core::kReadsTime; })
        return Core::kReadsTime;
    else
        return false;
}

// Turns a core into an Indicator. A core is a copyable struct with
//   static constexpr int kOutputs; static constexpr BarFields kFields;
//   int lookback() const;
//   template <bool Commit> void step(const Bar &, double *out);
// where step<false> must not modify the core (it is peek()). Calls to step are
// direct (the core is a member, not a base), so batch() inlines them.
//
// A core may also have a steady-state loop for batch():
//   bool steady() const;   // warm-up done: every later valid bar gives a value
//   std::size_t runSteady(const Bar *bars, std::size_t n, double *const *outs);
// runSteady() does what step<true> would do bar after bar, without the warm-up
// branches, and writes outs[k][0..m). A core that reads more than the close
// writes runSteady as a template over Rows (`const Bar *` or ColumnRows, read
// as rows[i]), so that batchColumns() runs the same loop over columns. It stops at the latest at
// the first bar that fails barIsValid and returns m; the adapter steps bar m itself (a NaN row, or
// whatever runSteady left) and carries on.
//
// A core with kFields == Close takes its input as a template (`const In &`
// and `const In *`, In = Bar or double) and reads it through closeOf(): the
// adapter's batchValues() is then the batch() loop on a value column.
template<class Core>
concept SteadyRunCore = requires(Core &core, const Bar *bars, std::size_t n, double *const *outs)
{
    {
        std::as_const(core).steady()
        } -> std::convertible_to<bool>;
    {
        core.runSteady(bars, n, outs)
        } -> std::same_as<std::size_t>;
};

template<class Core>
class IndicatorAdapter final : public Indicator
{
public:
    explicit IndicatorAdapter(const Core &core)
        : m_initial(core)
        , m_core(core)
    { }

    int outputCount() const override { return Core::kOutputs; }
    int lookback() const override { return m_core.lookback(); }

    void update(const Bar &bar, double *out) override
    {
        if (!barIsValid<Core::kFields>(bar))
            return fillNaN(out);
        m_core.template step<true>(bar, out);
    }

    void peek(const Bar &bar, double *out) const override
    {
        if (!barIsValid<Core::kFields>(bar))
            return fillNaN(out);
        // step<false> only reads: the const_cast never writes through.
        const_cast<Core &>(m_core).template step<false>(bar, out);
    }

    void batch(const Bar *bars, std::size_t n, double *const *outs) override { run(bars, n, outs); }

    bool valueInput() const override { return Core::kFields == BarFields::Close; }

    // A close core that knows says so: `CloseResponse closeResponse(int) const`.
    CloseResponse closeResponse(int output) const override
    {
        if constexpr (Core::kFields != BarFields::Close)
            return CloseResponse::OtherFields;
        else if constexpr (requires(const Core &c) { c.closeResponse(output); })
            return m_core.closeResponse(output);
        else
            return CloseResponse::Unknown;
    }

    bool batchValues(const double *x, std::size_t n, double *const *outs) override
    {
        if constexpr (Core::kFields == BarFields::Close) {
            run(x, n, outs);
            return true;
        } else {
            (void)x;
            (void)n;
            (void)outs;
            return false;
        }
    }

    void batchColumns(const BarColumns &columns, std::size_t n, double *const *outs) override
    {
        if constexpr (Core::kFields == BarFields::Close)
            run(columns.close, n, outs);
        else
            run(ColumnRows<Core::kFields, coreReadsTime<Core>()>(columns), n, outs);
    }

    void reset() override { m_core = m_initial; }
    std::unique_ptr<Indicator> clone() const override
    {
        return std::make_unique<IndicatorAdapter>(*this);
    }

private:
    // batch() over Bars, a value column (`const double *`) or column rows.
    template<class Rows>
    WICK_BATCH_LOOP void run(Rows in, std::size_t n, double *const *outs)
    {
        Core core = m_core;  // a local copy lets the compiler keep the state in registers
        double row[Core::kOutputs];
        std::size_t i = 0;
        while (i < n) {
            if constexpr (SteadyRunCore<Core>) {
                if (core.steady()) {
                    double *at[Core::kOutputs];
                    for (int k = 0; k < Core::kOutputs; ++k)
                        at[k] = outs[k] + i;
                    i += core.runSteady(in + std::ptrdiff_t(i), n - i, at);
                    if (i == n)
                        break;
                }
            }
            // Warm-up, a NaN bar, or a core without a steady loop: one bar.
            decltype(auto) bar = in[std::ptrdiff_t(i)];
            if (barIsValid<Core::kFields>(bar))
                core.template step<true>(bar, row);
            else
                fillNaN(row);
            for (int k = 0; k < Core::kOutputs; ++k)
                outs[k][i] = row[k];
            ++i;
        }
        m_core = std::move(core);
    }

    static void fillNaN(double *out)
    {
        for (int k = 0; k < Core::kOutputs; ++k)
            out[k] = kNaN;
    }

    Core m_initial;
    Core m_core;
};

template<class Core>
std::unique_ptr<Indicator> makeIndicator(const Core &core)
{
    return std::make_unique<IndicatorAdapter<Core>>(core);
}

}  // namespace wick
