// MarketEngine's indicator runs: acquired and released by owners,
// computed over the history and streamed with the closed bars (MarketEngine.h).
#include "engine/MarketEngineState.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "indicators/IndicatorRegistry.h"

namespace wick {

using engine_detail::bit;
using engine_detail::nextRunsVersion;

std::uint64_t engine_detail::nextRunsVersion()
{
    static std::atomic<std::uint64_t> last {0};
    return ++last;
}

std::array<std::uint64_t, kTimeframeCount> engine_detail::newRunsVersions()
{
    std::array<std::uint64_t, kTimeframeCount> versions {};
    for (std::uint64_t &v : versions)
        v = nextRunsVersion();
    return versions;
}

std::unique_ptr<MarketEngine::IndicatorRun> MarketEngine::createRun(
    SymbolState &s, const QString &text)
{
    auto run = std::make_unique<IndicatorRun>();
    run->spec = text;
    const std::optional<IndicatorSpec> spec = parseIndicatorSpec(text, &run->error);
    run->key = spec ? spec->label() : text.trimmed();
    if (spec) {
        IndicatorContext context;
        if (!s.alwaysOpen) {
            // VWAP restarts with each session day in the exchange's zone.
            context.sessionAnchor = [calendar = TimeframeCalendar(Timeframe::D1, s.days)](
                                        TimeMs t) mutable { return calendar.bucketAt(t).start; };
        }
        run->indicator = createIndicator(*spec, context, &run->error);
        if (run->indicator && run->indicator->outputCount() > kMaxIndicatorOutputs) {
            run->error = QStringLiteral("%1 has more outputs than the engine ships (%2)")
                             .arg(text)
                             .arg(kMaxIndicatorOutputs);
            run->indicator.reset();
        }
        if (run->indicator) {
            run->label = spec->label();
            run->outputs = spec->info().outputs;
            run->values.resize(static_cast<std::size_t>(run->indicator->outputCount()));
        }
    }
    if (!run->indicator)
        spdlog::warn(
            "engine: indicator '{}' refused: {}", text.toStdString(), run->error.toStdString());
    return run;
}

void MarketEngine::acquireIndicators(
    OwnerId owner, SymbolId symbol, Timeframe timeframe, const QStringList &specs)
{
    SymbolState &s = state(symbol);
    const std::size_t i = timeframeIndex(timeframe);
    auto &runs = s.runs[i];
    std::vector<IndicatorRun *> wanted;
    for (const QString &text : specs) {
        const QString key = indicatorRunKey(text);
        IndicatorRun *run = nullptr;
        for (const auto &candidate : runs) {
            if (candidate->key == key) {
                run = candidate.get();
                break;
            }
        }
        if (!run) {
            runs.push_back(createRun(s, text));
            run = runs.back().get();
            startRun(s, i, *run);
            ++m_indicatorRunsCreated;
        }
        if (std::find(wanted.begin(), wanted.end(), run) == wanted.end()) {
            wanted.push_back(run);
            ++run->owners;
        }
    }
    // The old set goes after the new one is held: a run in both stays.
    auto &owned = s.owned[i];
    const auto held = std::find_if(
        owned.begin(), owned.end(), [owner](const auto &entry) { return entry.first == owner; });
    const bool heldBefore = held != owned.end();
    if (heldBefore) {
        for (IndicatorRun *run : held->second)
            --run->owners;
        if (wanted.empty())
            owned.erase(held);
        else
            held->second = std::move(wanted);
    } else if (!wanted.empty()) {
        owned.emplace_back(owner, std::move(wanted));
    }
    const bool holdsNow = std::any_of(
        owned.begin(), owned.end(), [owner](const auto &entry) { return entry.first == owner; });
    if (holdsNow != heldBefore) {
        auto &series = m_ownerSeries[owner];
        const std::pair<SymbolId, Timeframe> key {symbol, timeframe};
        if (holdsNow) {
            series.push_back(key);
        } else {
            series.erase(std::remove(series.begin(), series.end(), key), series.end());
            if (series.empty())
                m_ownerSeries.erase(owner);
        }
    }
    runs.erase(std::remove_if(runs.begin(), runs.end(),
                   [](const std::unique_ptr<IndicatorRun> &run) { return run->owners == 0; }),
        runs.end());
    s.runsVersion[i] = nextRunsVersion();
    ++m_runsChanges;
    markChanged(s, bit(timeframe));
}

void MarketEngine::releaseIndicators(OwnerId owner, SymbolId symbol, Timeframe timeframe)
{
    acquireIndicators(owner, symbol, timeframe, {});
}

void MarketEngine::releaseOwner(OwnerId owner)
{
    const auto it = m_ownerSeries.find(owner);
    if (it == m_ownerSeries.end())
        return;
    const std::vector<std::pair<SymbolId, Timeframe>> series = it->second;
    for (const auto &[symbol, timeframe] : series)
        releaseIndicators(owner, symbol, timeframe);
}

void MarketEngine::setIndicators(SymbolId symbol, Timeframe timeframe, const QStringList &specs)
{
    acquireIndicators(kDefaultOwner, symbol, timeframe, specs);
}

int MarketEngine::indicatorRunCount(SymbolId symbol, Timeframe timeframe) const
{
    if (symbol >= m_states.size() || !m_states[symbol])
        return 0;
    return static_cast<int>(m_states[symbol]->runs[timeframeIndex(timeframe)].size());
}

void MarketEngine::recomputeIndicators(SymbolState &s, Timeframe tf)
{
    const std::size_t i = timeframeIndex(tf);
    ++s.indicatorGeneration[i];
    const BarSeries bars = s.closed[i].view();
    // Every run reads the series' columns (only the fields it needs, without
    // the 56-byte Bar stride), filled once for all of them: the close alone
    // when no run reads more.
    bool closesOnly = true;
    bool anyRun = false;
    for (const auto &run : s.runs[i]) {
        if (run->indicator) {
            anyRun = true;
            closesOnly = closesOnly && run->indicator->valueInput();
        }
    }
    if (!anyRun)
        return;
    fillColumns(bars, bars.size(), closesOnly);
    for (const auto &run : s.runs[i])
        computeRun(*run, bars.size());
}

void MarketEngine::fillColumns(const BarSeries &bars, std::size_t count, bool closesOnly)
{
    if (closesOnly)
        m_columns.fillCloses(bars, count);
    else
        m_columns.fill(bars, count);
}

void MarketEngine::computeRun(IndicatorRun &run, std::size_t count)
{
    if (!run.indicator)
        return;
    run.indicator->reset();
    if (m_columns.allFields())
        run.indicator->batchColumns(m_columns.columns(), count, m_batchOuts);
    else
        run.indicator->batchValues(m_columns.columns().close, count, m_batchOuts);
    for (std::size_t k = 0; k < run.values.size(); ++k)
        run.values[k].assign(m_batchOuts[k].data(), m_batchOuts[k].size());
}

void MarketEngine::startRun(SymbolState &s, std::size_t i, IndicatorRun &run)
{
    if (!run.indicator)
        return;
    const BarSeries bars = s.closed[i].view();
    // With a tail checkpoint the run keeps its state there too, so that a
    // source's bar replacing the newest minute still rolls back instead of
    // rebuilding: the batch to the checkpoint, then the bars after it streamed
    // (the same numbers: batch == streaming).
    const std::size_t upto = s.tail ? std::min(s.tail->closedCount[i], bars.size()) : bars.size();
    fillColumns(bars, upto, run.indicator->valueInput());
    computeRun(run, upto);
    if (!s.tail)
        return;
    run.tailState = run.indicator->clone();
    double row[kMaxIndicatorOutputs];
    for (std::size_t j = upto; j < bars.size(); ++j) {
        run.indicator->update(bars[j], row);
        for (std::size_t k = 0; k < run.values.size(); ++k)
            run.values[k].append(row[k]);
    }
}

}  // namespace wick
