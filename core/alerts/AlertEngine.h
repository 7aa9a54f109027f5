// core/alerts/AlertEngine: the alert rules evaluated live on the engine
// thread. A BarListener on every series a rule watches; it acquires the
// indicator runs its rules read through MarketEngine::acquireIndicators under
// its own owner id, and reads their values at the bar from the SeriesView --
// the very values the chart shows, so an alert and the chart never disagree.
// Lives on the engine thread (create it there, or on the thread of an engine
// that has no thread of its own); every method is engine-thread only, and it
// must be destroyed before the engine (it removes its listeners and releases
// its runs).
//
// Samples: barClosed evaluates every rule of the series at the closed bar;
// formingBarChanged evaluates the rules whose trigger reads the forming bar
// (once, once-per-bar) at it, except those idle on the bar or whose gate holds
// it (AlertSeriesProgram.h: a sample that could change nothing; setGating());
// seriesReset fires nothing and forgets the
// previous samples (history replaced). Time -- fire times, cooldowns, `stale`
// -- is the series' source's clock (MarketEngine::setSourceClock: a sped-up
// demo's, a replay's) when it has one, else the clock given here. Data
// conditions: `stale` counts from the last call of the series; `quality` reads
// setQuality(); a rule made only of data conditions is evaluated by
// checkDataConditions() (call it from a timer). Fires leave batched: one
// firesReady per engine event-loop turn, never one per fire, never empty.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QObject>
#include <QSet>

#include "alerts/AlertFire.h"
#include "alerts/AlertRule.h"
#include "alerts/AlertRuleState.h"
#include "engine/BarListener.h"
#include "engine/MarketSnapshot.h"

namespace wick {

class Clock;
class MarketEngine;

class AlertRuleRun;

class AlertEngine final : public QObject, public BarListener
{
    Q_OBJECT

public:
    AlertEngine(
        MarketEngine *engine, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~AlertEngine() override;

    // Adds a rule on one series of the engine (rule.timeframe); false and a
    // one-line reason when its id is taken or its symbol invalid.
    bool addRule(const AlertRule &rule, SymbolId symbol, QString *error);
    // Removes a rule; its series' runs and listener go with the last rule.
    bool removeRule(const QString &id);
    const AlertRuleState *ruleState(const QString &id) const;
    // Re-arms a rule (after once, max fires or an auto-pause).
    bool rearmRule(const QString &id);
    // Gives a rule back the state it had (a restart: AlertStateRecord from the cache).
    bool restoreRuleState(const QString &id, const AlertStateRecord &record);
    std::size_t ruleCount() const { return m_ruleCount; }
    // Rule samples so far: evaluated, skipped because they could change
    // nothing (once-per-bar-close rules at forming updates, idle rules:
    // AlertRuleRun.h), and gated: forming updates within the rule's gate
    // (AlertSeriesProgram.h). For benchmarks and diagnostics.
    struct Stats {
        std::uint64_t evaluated = 0;
        std::uint64_t skipped = 0;
        std::uint64_t gated = 0;
        std::uint64_t quiet = 0;  // forming updates every rule's gate held (not evaluated at all)
    };
    // (The forming updates the engine skipped under the alert engine's holds
    // included: the figures of an engine told every update.)
    Stats stats() const;
    OwnerId owner() const { return m_owner; }
    // Gates on (the default) or off: the same fires and states either way,
    // off evaluates every forming update (a check of the gates, a benchmark's
    // baseline).
    void setGating(bool on);

    // The quality score of a symbol's data, for `quality` conditions.
    void setQuality(SymbolId symbol, double score);
    // Evaluates the rules made only of data conditions (stale, quality) now.
    void checkDataConditions();
    // Emits what is pending now instead of at the end of the event-loop turn.
    void flushFires();

signals:
    void firesReady(const std::vector<wick::AlertFire> &fires);
    // Right after firesReady: the state of each rule after each of its fires, in order.
    void statesChanged(const std::vector<wick::AlertStateRecord> &states);

private:
    struct Series;
    class ViewData;
    struct Scratch;

    void barClosed(const SeriesView &series) override;
    void formingBarChanged(const SeriesView &series) override;
    void seriesReset(const SeriesView &series) override;

    static std::uint64_t seriesKey(SymbolId symbol, Timeframe timeframe);
    static constexpr SymbolId kDenseSymbols = 1u << 20;
    static std::size_t denseIndex(SymbolId symbol, Timeframe timeframe);
    void setDense(SymbolId symbol, Timeframe timeframe, Series *series);
    Series *findSeries(SymbolId symbol, Timeframe timeframe) const;
    // The series' time: its source's clock when the source has one, else m_clock.
    TimeMs now(const Series &series) const;
    static void adoptClock(Series &series, const SeriesView &view);
    // Starts fetching what a sample of the series reads (program, slots)
    // while the call does the rest: most of a sample's time is cache misses.
    static void prefetch(const Series &series);
    // A sample of the series at `at` (now(series)).
    void evaluate(Series &series, const SeriesView &view, bool atClose, TimeMs at);
    void queue(AlertFire &&fire, const Series &series, const AlertRuleRun &run);
    // Asks the engine not to call for the series' forming updates of the
    // view's forming bar within the program's quiet bounds (closeOnly:
    // anywhere, every rule being bar-close only): engine/FormingHold.h.
    void hold(Series &series, const SeriesView &view, bool closeOnly);
    // Adds the updates the engine skipped under the series' hold to m_stats.
    void settle(Series &series);
    // Ends every hold (a change outside a call: the engine must call again).
    void voidHolds();

    MarketEngine *m_engine;
    std::shared_ptr<const Clock> m_clock;
    TimeMs m_startedAt;  // m_clock's reading at construction
    OwnerId m_owner;
    std::unordered_map<std::uint64_t, std::unique_ptr<Series>> m_series;  // by seriesKey()
    // The same, by denseIndex() for symbol ids below kDenseSymbols (a listener
    // call finds its series without hashing); null where none.
    std::vector<Series *> m_dense;
    std::unique_ptr<Scratch> m_scratch;
    QSet<QString> m_ids;  // every rule's id
    std::vector<AlertFire> m_pending;
    std::vector<AlertStateRecord> m_pendingStates;  // each fire's rule, after it
    std::size_t m_ruleCount = 0;
    Stats m_stats;
    // Per series (Series::covered), the forming updates the engine skipped
    // under its hold since its last call: together, so that the engine's
    // counting stays in cache (a deque: the engine keeps pointers into it).
    std::deque<std::uint64_t> m_covered;
    std::vector<std::uint64_t *> m_freeCovered;
    std::uint32_t m_holdGeneration = 1;  // FormingHold::voided of every hold
    bool m_flushQueued = false;
    bool m_gating = true;
};

}  // namespace wick

Q_DECLARE_METATYPE(std::vector<wick::AlertFire>)
Q_DECLARE_METATYPE(std::vector<wick::AlertStateRecord>)
