// core/engine: MarketEngine owns the pipeline from trades to bars. It lives on
// its own worker thread ("wick-engine"): feeds hand it TickBatches, it builds the
// 1m bars of every symbol, rolls them up to every higher timeframe, and
// publishes immutable snapshots of the subscribed series -- only what changed,
// in one signal: at once when the last snapshot is at least the minimum publish
// interval old (4 ms: at most 250 a second), else at that boundary, with every
// change meanwhile coalesced. The UI coalesces its own repaints to 16 ms frames. Nothing outside
// the engine thread touches engine state; call the slots through queued connections or
// QMetaObject::invokeMethod.
#pragma once

#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include "bars/Aggregator.h"
#include "bars/BarBuilder.h"
#include "engine/MarketSnapshot.h"
#include "feeds/Feed.h"

class QThread;
class QTimer;

namespace wick {

class Clock;
class SymbolRegistry;

// Closed 1m bars of several symbols, in the order they closed: what the engine
// hands to the cache.
struct ClosedMinute {
    SymbolId symbol = kInvalidSymbol;
    Bar bar;
};
using ClosedMinutesPtr = std::shared_ptr<const std::vector<ClosedMinute>>;

class MarketEngine : public QObject
{
    Q_OBJECT

public:
    explicit MarketEngine(std::shared_ptr<SymbolRegistry> symbols, QObject *parent = nullptr);
    ~MarketEngine() override;

    // Moves a new engine to a new named thread and starts it; the thread deletes
    // the engine when it finishes. Stop it with shutdown().
    static MarketEngine *startOnThread(std::shared_ptr<SymbolRegistry> symbols, QThread **thread);
    // Quits the engine's thread and waits for it (call from the owning thread).
    static void shutdown(QThread *thread);

    // Wires a feed to the engine (queued), and registers its clock.
    void attachFeed(Feed *feed);

    // The shortest interval between two snapshots by default: 2 ms (at most 500
    // a second, only while something changes). A trade waits at most this long
    // behind the previous snapshot, so a frame's p99 from socket to snapshot
    // stays under 5 ms under a continuous flow on a loaded 2-core machine
    // (wick-bench --only binance: 4 ms gave p99 4.2-5.4 ms, 2 ms 3.0-3.9 ms);
    // 16 ms would hold snapshots to 60 a second at the cost of up to 16 ms of
    // added latency. The UI coalesces its repaints to frames either way.
    static constexpr int kMinPublishIntervalMs = 2;
    // The most outputs any indicator has (MACD, BBANDS: 3).
    static constexpr int kMaxIndicatorOutputs = 8;
    // How long closed minutes wait to be handed to the cache in one batch.
    static constexpr int kClosedFlushMs = 250;

public slots:
    void addTicks(const wick::TickBatch &batch);
    // A feed's screened trades: its feedTime closes the bars of every symbol of that source.
    void addFeedTicks(const QString &source, const wick::TickBatch &batch);
    // Closed bars from a feed: 1m bars merge as loadHistory; other timeframes are not taken yet.
    void loadBars(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    // A source's forming bar (not taken yet: the forming minute is built from trades).
    void mergeFormingBar(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::Bar &bar);
    // Merges closed 1m bars (oldest first) into a symbol's history and rebuilds
    // every timeframe from them: the minutes they span are replaced, older and
    // newer ones kept (so cached history, a feed's backfill after it and an older
    // page before it all add up). Later trades older than the last bar are late.
    // Minutes at the tail (after the newest closed one, or replacing it: a
    // feed's closed kline for a minute built from trades) are merged
    // incrementally, in O(minutes) for bars and indicators instead of
    // O(history); the result is bit for bit that of the rebuild.
    void loadHistory(wick::SymbolId symbol, const wick::BarsPtr &minutes);
    void subscribe(wick::SymbolId symbol, wick::Timeframe timeframe);
    void unsubscribe(wick::SymbolId symbol, wick::Timeframe timeframe);
    // Replaces the indicators computed on one series (specs as in
    // indicators/IndicatorRegistry.h: "RSI:14", "MACD:12,26,9", "SMA:9@RSI:14").
    // They run over the whole history here on the engine thread, then stream
    // with every closed and forming bar; each snapshot of the series carries
    // them. A refused spec comes back with its error instead of values.
    void setIndicators(wick::SymbolId symbol, wick::Timeframe timeframe, const QStringList &specs);
    // Publishes the current quote of each symbol that has one, changed or not
    // (a window that opens after the history arrived asks for them once).
    void requestQuotes(const std::vector<wick::SymbolId> &symbols);
    // The clock used for timer-driven closes of one source's symbols, and how long
    // after a bucket's end to wait for its last trades. A source without one is
    // closed by the wall clock: trades it sends with past timestamps are late.
    void setSourceClock(
        const QString &source, std::shared_ptr<const wick::Clock> clock, wick::TimeMs graceMs);
    // Closes every bar whose bucket has ended by each source's clock (timer-driven).
    void closeDueBars();
    // Emits minutesClosed now with whatever closed since the last emission.
    void flushClosedMinutes();
    // The shortest interval between two snapshots (>= 1 ms; kMinPublishIntervalMs by default).
    void setMinPublishInterval(int ms);

public:
    // Engine thread: the forming 1m bar of every symbol that has one.
    std::vector<ClosedMinute> formingMinutes() const;
    // How loadHistory() merged so far (engine thread): appended at the tail or
    // replaced the newest closed minute incrementally, or rebuilt everything.
    std::uint64_t incrementalHistoryLoads() const { return m_incrementalHistoryLoads; }
    std::uint64_t fullHistoryLoads() const { return m_fullHistoryLoads; }

signals:
    void snapshotReady(const wick::MarketSnapshotPtr &snapshot);
    // Trades older than their symbol's forming bar: not merged, passed on whole.
    void lateTicks(const std::vector<wick::Tick> &ticks);
    // The 1m bars closed from live trades (not history loaded through
    // loadHistory), batched: at most kClosedFlushMs after the first one closed.
    void minutesClosed(const wick::ClosedMinutesPtr &bars);

private:
    struct SymbolState;
    struct TailCheckpoint;
    struct SourceClock {
        std::shared_ptr<const Clock> clock;
        TimeMs graceMs = 0;
    };

    // Builds bars from a batch; when the batch names its source, its feedTime
    // closes the bars of every symbol of that source, else of the batch's symbols.
    void processBatch(const TickBatch &batch, const QString &source);
    SymbolState &state(SymbolId symbol);
    void closeDue(SymbolState &s, TimeMs now);
    // loadHistory()'s incremental path; false (nothing touched) when it does not apply.
    bool mergeHistoryAtTail(SymbolState &s, const std::vector<Bar> &bars);
    // Adds one closed minute and the higher bars it closes (history: not for the cache).
    void appendMinute(SymbolState &s, const Bar &bar);
    // Remembers the state before the newest closed minute is added, so that a
    // replacement of that minute rolls back to it instead of rebuilding.
    void saveTailCheckpoint(SymbolState &s);
    void absorbClosedMinutes(SymbolState &s);
    void absorbClosedHigher(SymbolState &s);
    // Appends a closed bar to a timeframe's series and streams it into its indicators.
    void appendClosed(SymbolState &s, Timeframe tf, const Bar &bar);
    // Runs a timeframe's indicators over its whole closed series (history-sized work,
    // on this thread only).
    void recomputeIndicators(SymbolState &s, Timeframe tf);
    void markChanged(SymbolState &s, std::uint32_t timeframeMask);
    void schedulePublish();
    void updateTickRate();
    void publish();

    std::shared_ptr<SymbolRegistry> m_symbols;
    std::vector<std::unique_ptr<SymbolState>> m_states;  // indexed by SymbolId
    QHash<QString, SourceClock> m_clocks;
    std::vector<SymbolId> m_dirty;  // symbols changed since the last publish
    std::vector<Bar> m_closedScratch;
    std::vector<double> m_closeColumn;  // recomputeIndicators(): the closes of one series
    std::vector<ClosedBar> m_closedHigherScratch;
    std::vector<Tick> m_lateScratch;
    QTimer *m_publishTimer = nullptr;
    QTimer *m_closeTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
    std::vector<ClosedMinute> m_closedForCache;
    QHash<QString, TimeMs> m_sourceSwept;  // per source: clock minute of the last close sweep
    QElapsedTimer m_rateWindow;
    QElapsedTimer m_sincePublish;
    std::uint64_t m_totalTicks = 0;
    std::uint64_t m_ticksInWindow = 0;
    double m_ticksPerSecond = 0.0;
    std::uint64_t m_incrementalHistoryLoads = 0;
    std::uint64_t m_fullHistoryLoads = 0;
    int m_minPublishIntervalMs = kMinPublishIntervalMs;
    bool m_publishScheduled = false;
    bool m_rateChanged = false;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::ClosedMinutesPtr)
