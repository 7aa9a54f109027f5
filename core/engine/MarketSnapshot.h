// core/engine: the immutable values MarketEngine publishes -- snapshots of the
// subscribed series with every indicator run on them, and quotes. Built on the
// engine thread, read on any (the views share the engine's append-only storage).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <QMetaType>
#include <QString>
#include <QStringList>

#include "model/BarSeries.h"
#include "model/Tick.h"
#include "model/Timeframe.h"

namespace wick {

// Who holds indicator runs on the engine: a chart, an alert rule, an exporter.
// Get one from MarketEngine::newOwnerId().
using OwnerId = std::uint64_t;

// What identifies an indicator run: the label of the parsed spec, with every
// parameter and output spelled out ("rsi" and "RSI:14" are both "RSI(14)"),
// or the trimmed text of a spec that does not parse. Runs with one
// key are one run, shared by every owner that asked for it.
QString indicatorRunKey(const QString &spec);

// One indicator run of a series, computed on the engine thread over the whole
// history and kept streaming: its outputs are aligned with the series' closed
// bars, plus a tentative value per output for the forming bar.
struct IndicatorSnapshot {
    QString key;  // indicatorRunKey(spec): what a consumer finds its run by
    QString spec;  // as the owner that created the run spelled it: "RSI:14", "SMA:9@RSI:14"
    QString label;  // "RSI(14)"; empty when the spec was refused
    QStringList outputs;  // output names: {"macd", "signal", "hist"}
    std::vector<ValueSeries> closed;  // one per output, closed[k].size() == bars' closed.size()
    std::vector<double> forming;  // one per output when the series has a forming bar
    QString error;  // why the spec was refused (then no values)
};

// One subscribed series as it stands at publish time.
struct SeriesSnapshot {
    SymbolId symbol = kInvalidSymbol;
    Timeframe timeframe = Timeframe::M1;
    BarSeries closed;  // every closed bar, oldest first (immutable view)
    std::optional<Bar> forming;  // the live bar, if its bucket has trades
    // Bumped whenever closed bars were replaced rather than appended (new history):
    // a reader that kept an older generation must redraw from scratch.
    std::uint64_t generation = 0;
    // Every indicator run of the series, each once: the union of what its
    // owners acquired (MarketEngine::acquireIndicators), in the order the runs
    // were created. Each consumer picks its own by key (findIndicator), so two
    // charts on one series share the views and the work.
    std::vector<IndicatorSnapshot> indicators;
    // Bumped whenever the runs' history was recomputed or rolled back: a reader
    // that kept an older one must redraw the indicators from scratch. A run
    // created or dropped for another owner does not bump it (a run a reader has
    // not seen yet is new to it anyway).
    std::uint64_t indicatorGeneration = 0;

    // The run of this key (indicatorRunKey()), or null when no owner holds it.
    const IndicatorSnapshot *findIndicator(const QString &key) const;
};

// The watchlist's view of a symbol.
struct Quote {
    SymbolId symbol = kInvalidSymbol;
    TimeMs time = 0;  // time of the last trade
    double last = 0.0;
    // Of the last trade's session (its daily bar, forming or, overnight, closed):
    double previousClose = 0.0;  // close of the daily bar before it (0 when unknown)
    double dayVolume = 0.0;  // its volume
    std::uint64_t tickCount = 0;  // trades seen live
    std::uint64_t lateTickCount = 0;  // trades older than the forming bar

    // Change against the previous close in percent; NaN when there is none.
    double changePercent() const;
};

// What the engine publishes at most every MarketEngine::kMinPublishIntervalMs
// (2 ms): only the series and quotes that changed since the previous snapshot.
struct MarketSnapshot {
    TimeMs time = 0;  // the engine's close clock at publish (the wall clock unless set)
    std::vector<SeriesSnapshot> series;
    std::vector<Quote> quotes;
    std::uint64_t totalTicks = 0;  // trades processed since start
    double ticksPerSecond = 0.0;  // over the last second or so
};

using MarketSnapshotPtr = std::shared_ptr<const MarketSnapshot>;

}  // namespace wick

Q_DECLARE_METATYPE(wick::MarketSnapshotPtr)
