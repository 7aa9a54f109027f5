// core/feeds/demo: DemoFeed, the offline demo source as a Feed. It lives on its
// own thread ("wick-feed-demo", through the session's FeedHost): history first,
// then simulated trades on a timer. Simulated: the session does not validate it.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QHash>
#include <QStringList>

#include "feeds/Feed.h"
#include "feeds/demo/DemoMarket.h"

class QTimer;

namespace wick {

class SimulatedClock;
class SymbolRegistry;

struct DemoFeedConfig {
    std::uint64_t seed = 42;
    TimeMs start = 0;  // end of history, start of live ticks (the app: now, down to the minute)
    int historyDays = 30;
    double speed = 1.0;  // simulated time runs `speed` times the wall clock
    double rate = 1.0;  // multiplier on every symbol's trade intensity (history and live)
    int timerIntervalMs = 50;
    QStringList symbols;  // demo codes to run; empty: all of them
    std::shared_ptr<Clock> clock;  // null: a SimulatedClock(start, speed)
    // How long after a bucket's end the engine waits before closing it by the clock
    // alone; negative: two timer steps plus scheduling slack, in simulated time. A
    // test that jumps a manual clock sets it large and relies on feedTime instead.
    TimeMs closeGraceMs = -1;
    // By demo code: where an earlier run's cached bars end. Those symbols send only
    // the history after their last cached bar and continue from its close. A point
    // at or after `start` moves `start` (and the simulated clock) past it, so a run
    // that simulated ahead of the wall clock (--demo-speed) continues, never overlaps.
    QHash<QString, DemoResumePoint> resume;
};

// The offline demo feed (source "demo"): simulated markets for the demo
// catalogue, no account, no network. Construct it on the main thread: the
// constructor interns its symbols so their ids exist before any thread starts.
// start() runs on the feed's thread: it sends 30 days (historyDays) of closed 1m
// bars per symbol, goes Live, then a timer steps the market to the clock's now.
// All data is simulated; display names say so.
class DemoFeed final : public Feed
{
    Q_OBJECT

public:
    DemoFeed(
        std::shared_ptr<SymbolRegistry> symbols, DemoFeedConfig config, QObject *parent = nullptr);
    ~DemoFeed() override;

    QString source() const override;
    std::shared_ptr<const Clock> clock() const override;
    TimeMs closeGraceMs() const override;
    FeedState state() const override { return m_state.load(); }
    Capabilities capabilities() const override { return LiveTrades | Simulated; }
    FeedHealth health() const override;
    QStringList symbolCodes() const override;
    std::optional<Symbol> describeSymbol(const QString &code) const override;

    // The ids of the demo symbols, in catalogue order.
    const std::vector<SymbolId> &symbolIds() const { return m_ids; }
    const DemoFeedConfig &config() const { return m_config; }

    // Generates every trade of every symbol up to and including simTime and emits
    // them in one ticksReceived (feedTime = simTime); emits nothing if none.
    void advanceTo(TimeMs simTime);

public slots:
    void start() override;
    void stop() override;
    // Before start() only (the market is built for its symbols): codes of the
    // catalogue join or leave the run; unknown codes come back as symbolError.
    // Once running, the set is fixed (no DynamicSymbols) and a change is logged.
    void addSymbols(const QStringList &codes) override;
    void removeSymbols(const QStringList &codes) override;
    // Resumes symbols after an earlier run's cached bars (see DemoFeedConfig::resume).
    // Only before start(); ignored (logged) after it.
    void resumeFrom(const QHash<QString, wick::ResumePoint> &points) override;

private:
    void setState(FeedState state, const QString &detail);
    void sendHistory();
    void chooseInstruments();
    void buildMarket();
    bool canReconfigure(const char *what) const;

    std::shared_ptr<SymbolRegistry> m_registry;
    DemoFeedConfig m_config;
    std::shared_ptr<Clock> m_clock;
    std::shared_ptr<SimulatedClock> m_simulatedClock;  // the default clock, started when Live
    std::unique_ptr<DemoMarket> m_market;
    std::vector<SymbolId> m_ids;
    std::vector<DemoInstrument> m_instruments;  // the chosen ones, in catalogue order
    QTimer *m_timer = nullptr;
    std::atomic<FeedState> m_state = FeedState::Offline;
    std::atomic<std::int64_t> m_ticksSent = 0;
    bool m_historySent = false;
    TimeMs m_advancedTo = 0;
};

}  // namespace wick
