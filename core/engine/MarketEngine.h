// core/engine: MarketEngine owns every series: the 1m bars it builds from
// trades (or a source's forming and closed bars), the higher timeframes rolled
// up from them or a source's own (native daily bars), the indicator runs that
// owners (charts, alert rules, exporters) acquire and share, the BarListeners
// that watch series, and the quotes. It lives on its own worker thread
// ("wick-engine"), the single writer of all of it: nothing outside the engine
// thread touches engine state; call the slots through queued connections or
// QMetaObject::invokeMethod. It publishes immutable snapshots of the
// subscribed series -- only what changed, in one signal: at once when the last
// snapshot is at least the minimum publish interval old (kMinPublishIntervalMs,
// 2 ms: at most 500 a second), else at that boundary, with every change
// meanwhile coalesced; or, in manual mode (tests), only on publishNow(). The
// UI coalesces its own repaints to 16 ms frames.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include "bars/Aggregator.h"
#include "bars/BarBuilder.h"
#include "engine/MarketSnapshot.h"
#include "feeds/Feed.h"
#include "indicators/BarColumns.h"

class QThread;
class QTimer;

namespace wick {

class BarListener;
struct ListenerEntry;
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

    // Wires a feed straight to the engine (queued), and registers its clock: no
    // validation, for benchmarks and tests. A running terminal's feeds come
    // through the session's FeedHost (screened by FeedScreen) instead.
    void attachFeed(Feed *feed);

    // A new owner id, never 0 and never kDefaultOwner; any thread.
    static OwnerId newOwnerId();
    // The owner setIndicators() acquires for.
    static constexpr OwnerId kDefaultOwner = 1;

    // The shortest interval between two snapshots by default: 2 ms (at most 500
    // a second, only while something changes). A trade waits at most this long
    // behind the previous snapshot, so a frame's p99 from socket to snapshot
    // stays under 5 ms under a continuous flow on a loaded 2-core machine
    // (wick-bench --only binance: 4 ms gave p99 4.2-5.4 ms, 2 ms 3.0-3.9 ms);
    // 16 ms would hold snapshots to 60 a second at the cost of up to 16 ms of
    // added latency. The UI coalesces its repaints to frames either way.
    static constexpr int kMinPublishIntervalMs = 2;
    // How long closed minutes wait to be handed to the cache in one batch.
    static constexpr int kClosedFlushMs = 250;

public slots:
    void addTicks(const wick::TickBatch &batch);
    // A source's trades: as addTicks(), and the batch's feedTime closes the bars
    // of every symbol of that source (what attachFeed() wires).
    void addFeedTicks(const QString &source, const wick::TickBatch &batch);
    // A source's closed bars of one timeframe, oldest first. 1m bars are
    // loadHistory(). Bars of a higher timeframe (a source's native daily bars)
    // stand for themselves: merged by open time into that timeframe's series
    // (times moved to their bucket's open in the symbol's zone; the newest copy
    // of a bar wins), and the bars rolled up from minutes never overwrite them.
    // A symbol with both: at an open time that has a native bar the series
    // shows it; at any other time the rolled-up bar (so live trades still build
    // the bars after the newest native one, and the forming bar). The
    // timeframe's indicators are recomputed and its listeners reset.
    void loadBars(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    // A source's own forming bar (Binance's unclosed kline: the bucket's OHLCV
    // so far). 1m: the forming minute becomes exactly that bar, replacing what
    // trades built; later trades of the minute fold into it; a bar of a later
    // minute closes the forming one first. Higher timeframes: shown as that
    // timeframe's forming bar instead of the roll-up from minutes, until a
    // closed bar of its bucket arrives or the clock passes its end (trades do
    // not move it). A bar of a bucket already closed is ignored, counted
    // (lateFormingBars()) and logged.
    void mergeFormingBar(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::Bar &bar);
    // Merges closed 1m bars (oldest first) into a symbol's history and rebuilds
    // every timeframe from them: the minutes they span are replaced, older and
    // newer ones kept (so cached history, a feed's backfill after it and an older
    // page before it all add up). Later trades older than the last bar are late.
    // Minutes at the tail (after the newest closed one, or replacing it: a
    // feed's closed kline for a minute built from trades) are merged
    // incrementally, in O(minutes) for bars and indicators instead of
    // O(history); the result is bit for bit that of the rebuild. Listeners: a
    // rebuild resets every series; an incremental merge tells each bar it adds
    // as closed and resets a series whose newest bar it replaced.
    void loadHistory(wick::SymbolId symbol, const wick::BarsPtr &minutes);
    void subscribe(wick::SymbolId symbol, wick::Timeframe timeframe);
    void unsubscribe(wick::SymbolId symbol, wick::Timeframe timeframe);
    // Replaces what one owner holds on one series with the runs of these specs
    // (as in indicators/IndicatorRegistry.h: "RSI:14", "MACD:12,26,9",
    // "SMA:9@RSI:14"). Runs are shared: specs with one key (indicatorRunKey():
    // "rsi" and "RSI:14") are one run, computed once for every owner of the
    // series, and dropped when its last owner lets go. A new run runs over the
    // whole history here on the engine thread, then streams with every closed
    // and forming bar; each snapshot of the series carries every run once
    // (MarketSnapshot.h). A refused spec is a run with its error instead of
    // values. The runs the owner held before go after the new ones are held, so
    // a run in both is kept, not recomputed. An empty list releases.
    void acquireIndicators(wick::OwnerId owner, wick::SymbolId symbol, wick::Timeframe timeframe,
        const QStringList &specs);
    void releaseIndicators(wick::OwnerId owner, wick::SymbolId symbol, wick::Timeframe timeframe);
    // Releases what the owner holds on every series.
    void releaseOwner(wick::OwnerId owner);
    // acquireIndicators() for kDefaultOwner.
    void setIndicators(wick::SymbolId symbol, wick::Timeframe timeframe, const QStringList &specs);
    // Publishes the current quote of each symbol that has one, changed or not
    // (a window that opens after the history arrived asks for them once).
    void requestQuotes(const std::vector<wick::SymbolId> &symbols);
    // A source's own quotes (Feed::quotesReceived): each one newer than the
    // symbol's last trade or bar becomes its quote -- price, time, and the
    // source's previous close and day volume while that price stands -- with
    // no bar touched. Unusable ones (no price, no time, an unknown symbol) are
    // counted in one log line.
    void applySourceQuotes(const wick::SourceQuotes &quotes);
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
    // Manual mode (tests): no snapshot leaves until publishNow(), which
    // publishes what changed since the last one, at once. Off by default.
    void setManualPublish(bool manual);
    void publishNow();
    // The clock that closes the bars of sources without their own clock
    // (setSourceClock) and stamps snapshots; the wall clock by default.
    void setCloseClock(std::shared_ptr<const wick::Clock> clock);

public:
    // Engine thread: the forming 1m bar of every symbol that has one.
    std::vector<ClosedMinute> formingMinutes() const;
    // Observes one series on the engine thread (engine/BarListener.h says
    // when it is called); the listener must stay alive until removed. Engine
    // thread only. The listener acquires the runs it reads itself.
    void addBarListener(BarListener *listener, SymbolId symbol, Timeframe timeframe);
    void removeBarListener(BarListener *listener, SymbolId symbol, Timeframe timeframe);

    // Engine thread, for tests and diagnostics: the runs on one series, how
    // many runs were created (computed over history) so far, and the forming
    // bars ignored because their bucket had closed.
    int indicatorRunCount(SymbolId symbol, Timeframe timeframe) const;
    std::uint64_t indicatorRunsCreated() const { return m_indicatorRunsCreated; }
    std::uint64_t lateFormingBars() const { return m_lateFormingBars; }

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
    struct IndicatorRun;
    class ListenerView;
    enum class ListenerCall { Closed, Forming, Reset };
    struct SourceClock {
        std::shared_ptr<const Clock> clock;
        TimeMs graceMs = 0;
        TimeMs setAt = 0;  // the clock's reading when it was set
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
    // Appends a closed bar to a timeframe's series, streams it into its
    // indicators and tells its listeners.
    void appendClosed(SymbolState &s, Timeframe tf, const Bar &bar);
    // Runs a timeframe's indicators over its whole closed series (history-sized work,
    // on this thread only).
    void recomputeIndicators(SymbolState &s, Timeframe tf);
    std::unique_ptr<IndicatorRun> createRun(SymbolState &s, const QString &text);
    // A new run over the series' history (and its tail checkpoint, if any).
    void startRun(SymbolState &s, std::size_t tf, IndicatorRun &run);
    // m_columns: bars [0, count) of a series, the close alone when closesOnly.
    void fillColumns(const BarSeries &bars, std::size_t count, bool closesOnly);
    // Resets the run and batches it over m_columns' first count bars into its
    // values (a run that reads more than the close needs every column).
    void computeRun(IndicatorRun &run, std::size_t count);
    // The series' forming bar as shown: native, or rolled up from minutes.
    std::optional<Bar> formingOf(const SymbolState &s, std::size_t tf) const;
    void notifyListeners(SymbolState &s, std::size_t tf, ListenerCall call);
    // Ends a listener's hold (FormingHold): a call, a clock, a removal.
    void endHold(SymbolState &s, ListenerEntry &entry);
    void notifyForming(SymbolState &s);
    void touchForming(SymbolState &s);
    void markChanged(SymbolState &s, std::uint32_t timeframeMask);
    void schedulePublish();
    void updateTickRate();
    void publish();

    std::shared_ptr<SymbolRegistry> m_symbols;
    std::vector<std::unique_ptr<SymbolState>> m_states;  // indexed by SymbolId
    QHash<QString, SourceClock> m_clocks;
    std::vector<SymbolId> m_dirty;  // symbols changed since the last publish
    std::vector<Bar> m_closedScratch;
    BarColumnBuffer m_columns;  // the indicator runs' input: one series' columns
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
    std::uint64_t m_indicatorRunsCreated = 0;
    std::uint64_t m_lateFormingBars = 0;
    // Per owner: the series it holds runs on.
    std::unordered_map<OwnerId, std::vector<std::pair<SymbolId, Timeframe>>> m_ownerSeries;
    // Symbols with listeners whose forming bar moved in this batch; `covered`:
    // the counter of the lone 1m listener's hold that covered it at its last
    // trade (ListenerList), while no run changed (m_runsChanges).
    struct FormingTouch {
        SymbolId symbol = kInvalidSymbol;
        std::uint64_t *covered = nullptr;
        std::uint64_t runsChanges = 0;
    };
    std::vector<FormingTouch> m_formingTouched;
    std::uint64_t m_batches = 1;  // processBatch() calls, plus one
    std::uint64_t m_runsChanges = 0;  // every change of any series' runs
    std::vector<std::vector<double>> m_batchOuts;
    std::shared_ptr<const Clock> m_closeClock;
    int m_minPublishIntervalMs = kMinPublishIntervalMs;
    bool m_manualPublish = false;
    bool m_publishScheduled = false;
    bool m_rateChanged = false;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::ClosedMinutesPtr)
