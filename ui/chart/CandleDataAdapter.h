// ui/chart: hands one engine series to QCustomPlot -- candles plus up and down
// volume bars, keyed by bar index -- at the chart's level of detail: only the
// visible slice (plus margins) of the level with at most about one candle per
// pixel column, so QCustomPlot never holds or scans the whole history. Keeps the
// series' OhlcPyramid: built on the LOD worker for a new series (until then
// only level 0 is shown), updated in O(levels) for the forming and appended
// bars. UI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QVector>

#include <qcustomplot.h>

#include "chart/HeikinAshi.h"
#include "chart/LodPyramid.h"
#include "engine/MarketSnapshot.h"

namespace wick {

class LodWorker;

class CandleDataAdapter
{
public:
    // candleWidth: of one bar's slot at level 0; a level-k candle is 2^k as wide.
    CandleDataAdapter(QCPFinancial *candles, QCPBars *upVolume, QCPBars *downVolume,
        double candleWidth, LodWorker *worker);
    ~CandleDataAdapter();

    struct Change {
        bool reloaded = false;  // everything was replaced (first load, new generation)
        std::size_t firstChanged = 0;  // bars from here on are new or were updated
    };

    // Applies the shown series' snapshot: appends new closed bars and replaces the
    // forming one; a first load or a new generation starts a pyramid build.
    // Does not touch the plottables: the chart re-slices or calls refreshTail().
    Change apply(const SeriesSnapshot &series);
    void clear();
    // Called on the UI thread when a pyramid build for the current series lands.
    void setLodReadyHandler(std::function<void()> handler) { m_lodReady = std::move(handler); }

    bool loaded() const { return m_loaded; }
    std::uint64_t generation() const { return m_generation; }
    // Closed bars plus the forming one.
    std::size_t size() const { return m_bars.size(); }
    const Bar &bar(std::size_t index) const { return m_bars[index]; }
    bool hasForming() const { return m_bars.forming.has_value(); }
    const BarSource &bars() const { return m_bars; }
    // Index of the bar that opens at time (closed bars, binary search).
    std::optional<std::size_t> indexOfTime(TimeMs time) const;

    // The levels above 0 are there (built, or the series is short).
    bool lodReady() const { return m_lodIsReady; }
    int levelCount() const { return m_lodIsReady ? m_pyramid.levelCount() : 1; }
    std::size_t bucketCount(int level) const;
    static double bucketKey(int level, std::size_t bucket);
    // Bucket index of a level (level 0: the bar itself); level < levelCount().
    OhlcPyramid::Bucket candle(int level, std::size_t index) const;

    // The candles drawn are the Heikin-Ashi bars (bar() and candle() stay the
    // real ones, and so do the volume bars). Built on the LOD worker for a long
    // series (the lodReady handler runs when they land; until then no candles
    // are handed); the chart re-slices after the switch.
    void setHeikinAshi(bool on);
    bool heikinAshi() const { return m_heikinAshi; }
    bool heikinAshiReady() const { return m_haReady; }
    // The drawn candle of a bucket: the Heikin-Ashi one when they are drawn
    // (nullopt while they build and the bucket is not in the preview).
    std::optional<OhlcPyramid::Bucket> drawnCandle(int level, std::size_t index) const;
    // While the Heikin-Ashi bars build, a level-0 slice shows a preview: the
    // slice's HA bars computed from kHeikinAshiWarmupBars before it. A wrong
    // start halves with every bar (HA open is the mean of the previous HA open
    // and close), so after the warm-up the preview equals the full computation
    // to the last bit and a long series' first paint needs no history-sized work.
    static constexpr std::size_t kHeikinAshiWarmupBars = 128;

    // Hands QCustomPlot buckets [first, last] of a level (last may lie past the
    // data: appended bars fill it later).
    void setSlice(int level, std::size_t first, std::size_t last);
    // Rewrites the handed buckets from the one holding bar firstChanged on.
    void refreshTail(std::size_t firstChanged);
    int sliceLevel() const { return m_sliceLevel; }

    struct PriceRange {
        double low;
        double high;
        double maxVolume;  // of the volume bars drawn at the slice's level
    };
    // Exact low and high of the drawn candles (Heikin-Ashi or real) of bars [first, last] (O(log n)
    // once the pyramid is there; before, a scan of at most the zoom cap), and the peak drawn
    // volume.
    std::optional<PriceRange> rangeOf(std::size_t first, std::size_t last) const;

    // Series of this many bars or fewer get their pyramid at once (microseconds).
    static constexpr std::size_t kSyncBuildBars = 4096;

private:
    void write(std::size_t from, bool replace);
    void startBuild();
    void startHeikinAshiBuild();
    void updateHeikinAshiPreview();

    QCPFinancial *m_candles;
    QCPBars *m_upVolume;
    QCPBars *m_downVolume;
    double m_candleWidth;
    LodWorker *m_worker;
    BarSource m_bars;
    std::uint64_t m_generation = 0;
    bool m_loaded = false;

    OhlcPyramid m_pyramid;
    bool m_lodIsReady = false;
    std::shared_ptr<CancelFlag> m_buildToken;  // the newest build; older ones stop
    std::function<void()> m_lodReady;

    bool m_heikinAshi = false;
    HeikinAshiBars m_ha;
    bool m_haReady = false;
    std::shared_ptr<CancelFlag> m_haToken;
    std::vector<Bar> m_haPreview;  // HA bars from m_haPreviewFirst on
    std::size_t m_haPreviewFirst = 0;

    int m_sliceLevel = -1;  // -1: nothing handed
    std::size_t m_sliceFirst = 0;
    std::size_t m_sliceLast = 0;
    // Reused between handovers: container handovers are mostly allocation.
    QVector<QCPFinancialData> m_candleScratch;
    QVector<QCPBarsData> m_upScratch;
    QVector<QCPBarsData> m_downScratch;
};

}  // namespace wick
