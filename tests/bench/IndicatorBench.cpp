// Indicator figures for wick-bench: batch ns per bar for every indicator over
// 1,000,000 bars (thread CPU time, best of 3), all of them together, and the streaming cost of
// 12 common indicators per closed bar and per forming-bar peek, and the memory
// floor of a batch loop over Bars. Indicators that read only the close are
// also timed over a column of closes (batchValues), the input TA-Lib's figures
// use (a double array). Prints, never fails. `wick-bench --only indicators [--indicator-bars N]`
// runs only this.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "indicators/IndicatorRegistry.h"

using namespace wick;

namespace {

using Clock = std::chrono::steady_clock;

// Nanoseconds of this thread's CPU time where the system has it: on a shared
// machine (other builds running) a 1M-bar run of a few milliseconds is often
// descheduled, and wall time would count the other processes' turns.
double cpuNs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
#else
    return std::chrono::duration<double, std::nano>(Clock::now().time_since_epoch()).count();
#endif
}

// Best of 3 of f(), in ns per bar.
template<class F>
double bestOf3(std::size_t n, F &&f)
{
    double best = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        const double start = cpuNs();
        f();
        best = std::min(best, (cpuNs() - start) / double(n));
    }
    return best;
}

std::vector<Bar> benchBars(std::size_t n)
{
    std::mt19937_64 rng(42);
    std::normal_distribution<double> step(0.0, 0.0012);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Bar> bars(n);
    double price = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
        Bar &b = bars[i];
        b.time = 1'700'000'000'000 + TimeMs(i) * 60'000;
        b.open = price;
        price *= std::exp(step(rng));
        b.close = std::round(price * 100.0) / 100.0;
        b.high = std::max(b.open, b.close) + std::round(unit(rng) * 10.0) / 100.0;
        b.low = std::min(b.open, b.close) - std::round(unit(rng) * 10.0) / 100.0;
        b.volume = std::round(5000.0 * std::exp(unit(rng)));
        price = b.close;
    }
    return bars;
}

std::unique_ptr<Indicator> make(const char *text)
{
    QString error;
    const auto spec = parseIndicatorSpec(QString::fromLatin1(text), &error);
    return spec ? createIndicator(*spec, &error) : nullptr;
}

struct Prepared {
    std::unique_ptr<Indicator> proto;
    std::vector<std::vector<double>> outs;
    std::vector<double *> pointers;
};

Prepared prepare(const char *spec, std::size_t n)
{
    Prepared p;
    p.proto = make(spec);
    const int k = p.proto->outputCount();
    p.outs.assign(std::size_t(k), std::vector<double>(n, 0.0));  // touched: no page faults timed
    for (auto &o : p.outs)
        p.pointers.push_back(o.data());
    return p;
}

// The load average when the figures were taken (the machine may be shared).
std::string loadAverage()
{
    std::FILE *f = std::fopen("/proc/loadavg", "r");
    if (!f)
        return "n/a";
    char text[64] = {};
    const bool ok = std::fgets(text, sizeof text, f) != nullptr;
    std::fclose(f);
    if (!ok)
        return "n/a";
    // "4.67 4.36 4.95 3/412 12345": the three averages.
    std::string s(text);
    std::size_t end = 0;
    for (int field = 0; field < 3 && end != std::string::npos; ++field)
        end = s.find(' ', end + (field > 0 ? 1 : 0));
    return s.substr(0, end);
}

double timeBatch(Prepared &p, const std::vector<Bar> &bars)
{
    std::unique_ptr<Indicator> ind;
    return bestOf3(bars.size(), [&] {
        ind = p.proto->clone();
        ind->batch(bars.data(), bars.size(), p.pointers.data());
    });
}

// batchValues() over a column of closes, best of 3; NaN for an indicator that
// needs full bars.
double timeColumn(Prepared &p, const std::vector<double> &closes)
{
    if (!p.proto->valueInput())
        return std::nan("");
    std::unique_ptr<Indicator> ind;
    return bestOf3(closes.size(), [&] {
        ind = p.proto->clone();
        ind->batchValues(closes.data(), closes.size(), p.pointers.data());
    });
}

// TA-Lib 0.6.4's loops for SMA, EMA and RSI (TA_INT_SMA, TA_INT_EMA, TA_RSI
// with startIdx 0), over the same column: a control taken in the same run as
// our figures, since the machine's load moves them (the bracketed figures were
// measured apart). Returns ns per bar (best of 3), and the output stays in out.
double talibLoop(const char *spec, const std::vector<double> &in, double *out)
{
    const std::size_t n = in.size();
    const double *x = in.data();
    if (std::strcmp(spec, "SMA:20") == 0) {
        return bestOf3(n, [&] {
            const int period = 20;
            double periodTotal = 0.0;
            std::size_t i = 0;
            while (i < std::size_t(period - 1))
                periodTotal += x[i++];
            std::size_t trailingIdx = 0;
            std::size_t outIdx = 0;
            do {
                periodTotal += x[i++];
                const double tempReal = periodTotal;
                periodTotal -= x[trailingIdx++];
                out[outIdx++] = tempReal / period;
            } while (i < n);
        });
    }
    if (std::strcmp(spec, "EMA:20") == 0) {
        return bestOf3(n, [&] {
            const int period = 20;
            const double k = 2.0 / double(period + 1);
            double tempReal = 0.0;
            std::size_t today = 0;
            for (int i = period; i > 0; --i)
                tempReal += x[today++];
            double prevMA = tempReal / period;
            std::size_t outIdx = 0;
            out[outIdx++] = prevMA;
            while (today < n) {
                prevMA = ((x[today++] - prevMA) * k) + prevMA;
                out[outIdx++] = prevMA;
            }
        });
    }
    if (std::strcmp(spec, "RSI:14") == 0) {
        return bestOf3(n, [&] {
            const int period = 14;
            std::size_t today = 0;
            double prevValue = x[today++];
            double prevGain = 0.0;
            double prevLoss = 0.0;
            for (int i = period; i > 0; --i) {
                const double tempValue1 = x[today++];
                const double tempValue2 = tempValue1 - prevValue;
                prevValue = tempValue1;
                if (tempValue2 < 0)
                    prevLoss -= tempValue2;
                else
                    prevGain += tempValue2;
            }
            prevLoss /= period;
            prevGain /= period;
            std::size_t outIdx = 0;
            double tempValue1 = prevGain + prevLoss;
            out[outIdx++] = (-1e-14 < tempValue1 && tempValue1 < 1e-14)
                ? 0.0
                : 100.0 * (prevGain / tempValue1);
            while (today < n) {
                tempValue1 = x[today++];
                const double tempValue2 = tempValue1 - prevValue;
                prevValue = tempValue1;
                prevLoss *= (period - 1);
                prevGain *= (period - 1);
                if (tempValue2 < 0)
                    prevLoss -= tempValue2;
                else
                    prevGain += tempValue2;
                prevLoss /= period;
                prevGain /= period;
                tempValue1 = prevGain + prevLoss;
                out[outIdx++] = (-1e-14 < tempValue1 && tempValue1 < 1e-14)
                    ? 0.0
                    : 100.0 * (prevGain / tempValue1);
            }
        });
    }
    return std::nan("");
}

// The same floor for a column: read a double, write a double.
double columnFloor(const std::vector<double> &closes)
{
    std::vector<double> out(closes.size(), 0.0);
    const double *in = closes.data();
    double *to = out.data();
    const double best = bestOf3(closes.size(), [&] {
        // An opaque copy loop (memcpy would be faster than any indicator could use).
        for (std::size_t i = 0; i < closes.size(); ++i) {
            to[i] = in[i];
            std::atomic_signal_fence(std::memory_order_seq_cst);  // a compiler barrier
        }
    });
    volatile double sink = out[closes.size() / 2];
    (void)sink;
    return best;
}

// What any batch loop pays just to stream the input: read each Bar's close
// (one 56-byte Bar per bar, where TA-Lib's figures read 8-byte double arrays)
// and write one double. Best of 3, like timeBatch.
double memoryFloor(const std::vector<Bar> &bars)
{
    std::vector<double> out(bars.size(), 0.0);
    const double best = bestOf3(bars.size(), [&] {
        for (std::size_t i = 0; i < bars.size(); ++i)
            out[i] = bars[i].close;
    });
    volatile double sink = out[bars.size() / 2];
    (void)sink;
    return best;
}

}  // namespace

// Batch ns per bar of every indicator over n bars, and the streaming cost with
// 12 common indicators attached (called from main.cpp).
void runIndicatorBench(std::size_t n)
{
    const std::vector<Bar> bars = benchBars(n);
    std::vector<double> closes(n);
    for (std::size_t i = 0; i < n; ++i)
        closes[i] = bars[i].close;
    std::printf("indicators: %zu bars, batch ns per bar (thread CPU time, best of 3), TA-Lib "
                "0.6.4 reference in brackets (over a double array); load average %s\n",
        n, loadAverage().c_str());
    std::printf("  close-only indicators are timed twice: over Bars (56-byte structs, what "
                "batch() reads) and over a column of closes (batchValues(), the engine's path "
                "for them)\n");
    struct Row {
        const char *spec;
        double talib;  // 0: no reference figure
    };
    const Row rows[] = {{"SMA:20", 1.1}, {"EMA:20", 2.2}, {"RSI:14", 6.4}, {"MACD:12,26,9", 8.1},
        {"BBANDS:20,2,2", 5.2}, {"ATR:14", 6.2}, {"ADX:14", 10.2}, {"STOCH:14,3,3", 11.7},
        {"WMA:20", 0}, {"DEMA:30", 0}, {"TEMA:30", 0}, {"KAMA:30", 0}, {"STOCHRSI:14,5,3", 0},
        {"NATR:14", 0}, {"TRANGE", 0}, {"PLUS_DI:14", 0}, {"MINUS_DI:14", 0}, {"CCI:20", 0},
        {"WILLR:14", 0}, {"MFI:14", 0}, {"ROC:10", 0}, {"MOM:10", 0}, {"STDDEV:20,1", 0},
        {"OBV", 0}, {"AD", 0}, {"SAR:0.02,0.2", 0}, {"VWAP", 0}, {"SMA:9@RSI:14", 0}};
    double eight = 0.0;
    double all = 0.0;
    double columnWithReference = 0.0;
    double barsWithReference = 0.0;
    double talibColumn = 0.0;
    for (const Row &row : rows) {
        Prepared p = prepare(row.spec, n);
        const double ns = timeBatch(p, bars);
        const double column = timeColumn(p, closes);
        all += ns;
        if (row.talib > 0)
            eight += ns;
        if (row.talib > 0 && !std::isnan(column)) {
            columnWithReference += column;
            barsWithReference += ns;
            talibColumn += row.talib;
        }
        if (!std::isnan(column) && row.talib > 0) {
            const double here = talibLoop(row.spec, closes, p.pointers[0]);
            std::printf("  %-18s %7.2f ns over Bars, %5.2f ns over a close column  [TA-Lib %.1f "
                        "over a double array",
                row.spec, ns, column, row.talib);
            if (!std::isnan(here))
                std::printf("; its loop, here and now: %.2f", here);
            std::printf("]\n");
        } else if (!std::isnan(column))
            std::printf(
                "  %-18s %7.2f ns over Bars, %5.2f ns over a close column\n", row.spec, ns, column);
        else if (row.talib > 0)
            std::printf("  %-18s %7.2f ns  [%.1f]\n", row.spec, ns, row.talib);
        else
            std::printf("  %-18s %7.2f ns\n", row.spec, ns);
    }
    std::printf("  the eight above with a reference: %.1f ns per bar [52-96]; all %zu: %.1f ns "
                "per bar\n",
        eight, std::size(rows), all);
    std::printf("  the five of them that read only the close (SMA EMA RSI MACD BBANDS): %.1f ns "
                "per bar over Bars, %.1f over a close column [TA-Lib %.1f over a double array]\n",
        barsWithReference, columnWithReference, talibColumn);
    std::printf("  memory floor (read each Bar's close, write one double): %.2f ns per bar; over "
                "a column (read a double, write a double): %.2f\n",
        memoryFloor(bars), columnFloor(closes));

    // Streaming: the engine's path for live bars, a virtual call per indicator.
    const char *common[] = {"SMA:20", "EMA:20", "RSI:14", "MACD:12,26,9", "BBANDS:20,2,2", "ATR:14",
        "ADX:14", "STOCH:14,3,3", "CCI:20", "MFI:14", "OBV", "VWAP"};
    std::vector<std::unique_ptr<Indicator>> live;
    for (const char *s : common)
        live.push_back(make(s));
    double row[kMaxIndicatorOutputs];
    double checksum = 0.0;
    auto start = Clock::now();
    for (const Bar &bar : bars) {
        for (auto &ind : live) {
            ind->update(bar, row);
            checksum += std::isnan(row[0]) ? 0.0 : row[0];  // keeps the work observable
        }
    }
    const double updateNs
        = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / double(n);
    start = Clock::now();
    for (const Bar &bar : bars) {
        for (auto &ind : live) {
            ind->peek(bar, row);
            checksum += std::isnan(row[0]) ? 0.0 : row[0];
        }
    }
    const double peekNs
        = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / double(n);
    std::printf("  streaming, 12 indicators (SMA EMA RSI MACD BBANDS ATR ADX STOCH CCI MFI OBV "
                "VWAP): update %.1f ns per closed bar, peek %.1f ns per forming-bar tick "
                "(checksum %.6g)\n",
        updateNs, peekNs, checksum);
    std::printf("  load average after: %s\n", loadAverage().c_str());
    std::fflush(stdout);
}
