// Indicator figures for wick-bench: every function of the catalogue with its
// default parameters over the same 1,000,000 bars, batch ns per bar (thread CPU
// time, best of 3), side by side with TA-Lib's C library in the same run (the
// best of two such rounds on each side, taken in turn) when wick-bench was
// built against one (WICK_TALIB_DIR; TalibReference.h), with a
// check that the two agree; then the memory floors and the streaming cost of 12
// common indicators. Both sides read the same values from separate double
// arrays: Wick through batchColumns (the engine's path: the fields a function
// reads, from OHLCV columns), TA-Lib through its own arrays. Prints, never
// fails. `wick-bench --only indicators [--indicator-bars N] [--functions A,B]`
// runs only this.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <QStringList>

#include "BenchClock.h"
#include "TalibReference.h"
#include "indicators/IndicatorRegistry.h"

using namespace wick;
using namespace wick::bench;

namespace {

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

PriceColumns columnsOf(const std::vector<Bar> &bars)
{
    PriceColumns c;
    for (const Bar &b : bars) {
        c.open.push_back(b.open);
        c.high.push_back(b.high);
        c.low.push_back(b.low);
        c.close.push_back(b.close);
        c.volume.push_back(b.volume);
    }
    return c;
}

std::unique_ptr<Indicator> make(const QString &text)
{
    QString error;
    const auto spec = parseIndicatorSpec(text, &error);
    return spec ? createIndicator(*spec, &error) : nullptr;
}

struct WickRun {
    double nsPerBar = 0.0;
    std::vector<std::vector<double>> outs;
};

// The function with its defaults, on the engine's path: the series' columns.
WickRun runWick(const QString &name, const BarColumns &columns, std::size_t n)
{
    WickRun run;
    const std::unique_ptr<Indicator> proto = make(name);
    if (!proto)
        return run;
    run.outs.assign(std::size_t(proto->outputCount()), std::vector<double>(n, 0.0));
    std::vector<double *> pointers;
    for (auto &o : run.outs)
        pointers.push_back(o.data());
    std::unique_ptr<Indicator> ind;
    run.nsPerBar = bestOf3(n, [&] {
        ind = proto->clone();
        ind->batchColumns(columns, n, pointers.data());
    });
    return run;
}

// Cells where Wick and TA-Lib disagree (the golden README's rule with a price
// atol; rows before TA-Lib's first output must be NaN here), and the first one.
std::string agreement(const WickRun &wick, const TalibRun &ta, const PriceColumns &in)
{
    if (wick.outs.size() != ta.outputs.size())
        return "DIFFERS: " + std::to_string(wick.outs.size()) + " outputs against "
            + std::to_string(ta.outputs.size());
    std::size_t bad = 0;
    std::string first;
    for (std::size_t k = 0; k < wick.outs.size(); ++k) {
        const std::vector<double> &a = wick.outs[k];
        for (std::size_t i = 0; i < a.size(); ++i) {
            const bool inside
                = i >= std::size_t(ta.begin) && i - std::size_t(ta.begin) < ta.outputs[k].size();
            const double b = inside ? ta.outputs[k][i - std::size_t(ta.begin)] : std::nan("");
            const bool ok = (std::isnan(a[i]) && std::isnan(b)) || a[i] == b
                || std::fabs(a[i] - b)
                    <= 1e-9 * std::fabs(b) + 1e-9 + 1e-12 * std::fabs(in.close[i]);
            if (!ok && bad++ == 0) {
                char text[128];
                std::snprintf(text, sizeof text, " (first: output %zu row %zu, %.17g vs %.17g)", k,
                    i, a[i], b);
                first = text;
            }
        }
    }
    return bad == 0 ? std::string("agree") : "DIFFERS in " + std::to_string(bad) + " cells" + first;
}

// What any batch loop over Bars pays to stream its input: read each Bar's close
// (a 56-byte Bar per bar) and write one double.
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

// The engine's path for live bars: a virtual call per indicator and bar.
void streamingFigures(const std::vector<Bar> &bars)
{
    using Clock = std::chrono::steady_clock;
    const char *common[] = {"SMA:20", "EMA:20", "RSI:14", "MACD:12,26,9", "BBANDS:20,2,2", "ATR:14",
        "ADX:14", "STOCH:14,3,3", "CCI:20", "MFI:14", "OBV", "VWAP"};
    std::vector<std::unique_ptr<Indicator>> live;
    for (const char *s : common)
        live.push_back(make(QString::fromLatin1(s)));
    double row[kMaxIndicatorOutputs];
    double checksum = 0.0;
    const double n = double(bars.size());
    auto start = Clock::now();
    for (const Bar &bar : bars) {
        for (auto &ind : live) {
            ind->update(bar, row);
            checksum += std::isnan(row[0]) ? 0.0 : row[0];  // keeps the work observable
        }
    }
    const double updateNs
        = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / n;
    start = Clock::now();
    for (const Bar &bar : bars) {
        for (auto &ind : live) {
            ind->peek(bar, row);
            checksum += std::isnan(row[0]) ? 0.0 : row[0];
        }
    }
    const double peekNs
        = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / n;
    std::printf("  streaming, 12 indicators (SMA EMA RSI MACD BBANDS ATR ADX STOCH CCI MFI OBV "
                "VWAP): update %.1f ns per closed bar, peek %.1f ns per forming-bar tick "
                "(checksum %.6g)\n",
        updateNs, peekNs, checksum);
}

}  // namespace

// Every function side by side with TA-Lib, the floors and the streaming cost
// (called from main.cpp).
void runIndicatorBench(std::size_t n, const QStringList &functions)
{
    const std::vector<Bar> bars = benchBars(n);
    const PriceColumns columns = columnsOf(bars);
    BarColumnBuffer wickColumns;
    wickColumns.fill(bars, n);
    const bool talib = TalibReference::available();
    std::printf("indicators: %zu bars, default parameters, batch ns per bar (thread CPU time, "
                "best of 3; of two rounds in turn beside TA-Lib), load average %s\n",
        n, loadAverage().c_str());
    if (talib)
        std::printf("  TA-Lib %s linked (WICK_TALIB_DIR): both timed in this run on the same "
                    "bars, each reading its own double arrays\n",
            TalibReference::version().c_str());
    else
        std::printf("  TA-Lib not linked: Wick's figures alone (configure with "
                    "-DWICK_TALIB_DIR=DIR, a build from ../shared/tools/talib/build.sh DIR)\n");

    std::map<int, std::vector<const IndicatorInfo *>> groups;
    for (const IndicatorInfo &info : indicatorCatalogue())
        groups[int(info.group)].push_back(&info);
    const std::vector<std::string> eightNames {
        "SMA", "EMA", "RSI", "MACD", "BBANDS", "ATR", "ADX", "STOCH"};
    double eightWick = 0.0;
    double eightTalib = 0.0;
    int eightFound = 0;
    int compared = 0;
    int atMostTalib = 0;
    int disagree = 0;
    std::string slower;
    for (auto &[group, infos] : groups) {
        std::sort(infos.begin(), infos.end(),
            [](const IndicatorInfo *a, const IndicatorInfo *b) { return a->name < b->name; });
        std::printf("  %s:\n", qPrintable(indicatorGroupName(IndicatorGroup(group))));
        for (const IndicatorInfo *info : infos) {
            if (!functions.isEmpty() && !functions.contains(info->name))
                continue;
            const std::string name = info->name.toStdString();
            WickRun wick = runWick(info->name, wickColumns.columns(), n);
            std::optional<TalibRun> ta = talib ? TalibReference::run(name, columns) : std::nullopt;
            if (ta) {
                // A second round of each, in turn: a burst of load on the
                // machine during one side's timing does not decide the ratio.
                wick.nsPerBar = std::min(
                    wick.nsPerBar, runWick(info->name, wickColumns.columns(), n).nsPerBar);
                if (const std::optional<TalibRun> again = TalibReference::run(name, columns))
                    ta->nsPerBar = std::min(ta->nsPerBar, again->nsPerBar);
            }
            if (!ta) {
                std::printf("    %-20s wick %7.2f ns%s\n", name.c_str(), wick.nsPerBar,
                    talib ? "  (not in TA-Lib)" : "");
                continue;
            }
            const double ratio = wick.nsPerBar / ta->nsPerBar;
            const std::string agree = agreement(wick, *ta, columns);
            std::printf("    %-20s wick %7.2f ns  ta-lib %7.2f ns  ratio %5.2f  %s\n", name.c_str(),
                wick.nsPerBar, ta->nsPerBar, ratio, agree.c_str());
            ++compared;
            if (ratio <= 1.0)
                ++atMostTalib;
            else
                slower += " " + name;
            if (agree != "agree")
                ++disagree;
            if (std::find(eightNames.begin(), eightNames.end(), name) != eightNames.end()) {
                eightWick += wick.nsPerBar;
                eightTalib += ta->nsPerBar;
                ++eightFound;
            }
        }
    }
    if (talib) {
        std::printf("  side by side: %d functions, %d at most TA-Lib's time (ratio <= 1.0), %d "
                    "disagree; slower:%s\n",
            compared, atMostTalib, disagree, slower.empty() ? " none" : slower.c_str());
        std::printf("  seed 002's eight (SMA EMA RSI MACD BBANDS ATR ADX STOCH, %d found): wick "
                    "%.1f ns, ta-lib %.1f ns per bar, ratio %.2f (goal <= 0.6)\n",
            eightFound, eightWick, eightTalib, eightTalib > 0 ? eightWick / eightTalib : 0.0);
    }
    std::printf("  memory floor (read each Bar's close, write one double): %.2f ns per bar; over "
                "a column (read a double, write a double): %.2f\n",
        memoryFloor(bars), columnFloor(columns.close));
    streamingFigures(bars);
    std::printf("  load average after: %s\n", loadAverage().c_str());
    std::fflush(stdout);
}
