// ui/chart: QualityMarks, what the chart knows about the shown series' data
// quality -- quarantined ticks and bars (the engine's QuarantineRecords, kept
// per symbol, the newest kRecordsPerSymbol of each) placed on the bars that
// hold their time, and the gaps a 24/7 series still has after backfill (two
// adjacent bars further apart than one bucket). Gaps of a new series are found
// on the chart's LOD worker (history-sized), then kept up to date in
// O(changed bars) for the forming and appended bars. Marks are bounded, so
// placing them (a binary search each) is cheap on the UI thread. UI thread only;
// QualityOverlay draws them.
#pragma once

#include <QCoreApplication>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QString>

#include "chart/LodPyramid.h"
#include "model/Timeframe.h"
#include "quality/Validator.h"

namespace wick {

class LodWorker;

class QualityMarks
{
    Q_DECLARE_TR_FUNCTIONS(wick::QualityMarks)

public:
    // The quarantined records of one bar.
    struct BarMark {
        std::size_t bar = 0;  // index in the shown series
        int count = 0;
        std::vector<std::size_t> records;  // indices into the shown symbol's records, newest last
    };
    // Two adjacent bars further apart than one bucket.
    struct Gap {
        std::size_t before = 0;  // index of the last bar before the gap
        TimeMs lastBefore = 0;  // that bar's open time
        TimeMs firstAfter = 0;  // open time of the first bar after it
    };

    static constexpr std::size_t kRecordsPerSymbol = 2000;
    // Series of this many bars or fewer have their gaps found at once.
    static constexpr std::size_t kSyncScanBars = 4096;

    explicit QualityMarks(LodWorker *worker);
    ~QualityMarks();
    QualityMarks(const QualityMarks &) = delete;
    QualityMarks &operator=(const QualityMarks &) = delete;

    // Keeps records of any symbol; true when the shown symbol's marks changed.
    bool addQuarantined(const std::vector<QuarantineRecord> &records, const BarSource &bars);
    // Another series is shown: its marks are placed when its bars come;
    // alwaysOpen: the symbol trades 24/7, so a missing bucket is a gap.
    void setSeries(SymbolId symbol, Timeframe timeframe, bool alwaysOpen);
    // The shown series' bars changed (as CandleDataAdapter::Change says).
    void apply(const BarSource &bars, bool reloaded, std::size_t firstChanged);
    // Called on the UI thread when a worker's gap scan for the shown series lands.
    void setReadyHandler(std::function<void()> handler) { m_ready = std::move(handler); }

    // Marks by bar, in bar order.
    const std::vector<BarMark> &marks() const { return m_marks; }
    // Gaps in bar order; empty for sessions that close, and until a scan lands.
    const std::vector<Gap> &gaps() const { return m_gaps; }
    bool gapsReady() const { return m_gapsReady; }
    const QuarantineRecord &record(std::size_t index) const { return shownRecords()[index]; }
    // Buckets of 2^level bars that hold at least one mark.
    int markedBuckets(int level) const;
    // First mark (gap) at or after bar index `bar`.
    std::size_t firstMarkFrom(std::size_t bar) const;
    std::size_t firstGapFrom(std::size_t bar) const;

    // "quarantined: duplicate trade id -- trade id 12345 seen before".
    static QString describe(const QuarantineRecord &record);
    // "17m", "3h 5m", "2d 4h".
    static QString durationText(TimeMs ms);
    // The longest step between two adjacent bars that is not a gap.
    static TimeMs maxStepMs(Timeframe timeframe);

private:
    const std::deque<QuarantineRecord> &shownRecords() const;
    void placeMarks(const BarSource &bars);
    void startScan(const BarSource &bars);
    void scanFrom(const BarSource &bars, std::size_t first);

    LodWorker *m_worker;
    std::unordered_map<SymbolId, std::deque<QuarantineRecord>> m_records;
    SymbolId m_symbol = kInvalidSymbol;
    Timeframe m_timeframe = Timeframe::M1;
    bool m_alwaysOpen = false;
    const BarSource *m_bars = nullptr;  // the chart's, as last applied
    std::size_t m_placedBars = 0;  // bars the marks were placed over
    std::vector<BarMark> m_marks;
    std::vector<Gap> m_gaps;
    bool m_gapsReady = false;
    std::shared_ptr<CancelFlag> m_scanToken;
    std::function<void()> m_ready;
};

}  // namespace wick
