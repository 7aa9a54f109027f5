#include "alerts/AlertEngine.h"

#include <algorithm>
#include <array>

#include <QMetaObject>
#include <QTimeZone>

#include "alerts/AlertRuleRun.h"
#include "alerts/AlertSample.h"
#include "alerts/AlertSeriesData.h"
#include "alerts/AlertSeriesProgram.h"
#include "engine/FormingHold.h"
#include "engine/MarketEngine.h"
#include "engine/SeriesView.h"
#include "indicators/Indicator.h"
#include "model/Clock.h"
#include "session/CoreMetaTypes.h"

namespace wick {

struct alignas(64) AlertEngine::Series {
    // First what a forming update inside every gate reads (two cache lines).
    bool readsForming = false;  // some rule reads the forming bar
    TimeMs lastData = 0;
    // The source's clock (SeriesView::sourceClock) as last seen; null: m_clock.
    std::shared_ptr<const Clock> clock;
    AlertSeriesProgram program;  // rule r: runs[r]'s condition, what samples read
    SymbolId symbol = kInvalidSymbol;
    Timeframe timeframe = Timeframe::M1;
    std::vector<AlertRuleRun> runs;  // each rule, its state and its gates
    QStringList specs;  // per slot: acquired under m_owner
    QStringList keys;  // indicatorRunKey() of each spec
    double quality = kNaN;
    // Per slot: the run found for keys[k] and its outputs, while the view's
    // runsVersion() stays `resolvedVersion` (0: find them at the next call).
    struct SlotRun {
        int run = -1;
        int outputs = 0;
    };
    std::vector<SlotRun> slotRuns;
    std::uint64_t resolvedVersion = 0;
    TimeMs clockStart = 0;
    // The forming updates the engine skipped under this series' hold
    // (FormingHold) since the last call: an element of AlertEngine::m_covered.
    std::uint64_t *covered = nullptr;
    std::uint32_t heldRules = 0;  // the hold's rules (quietRules(); 0: bar-close only)
    bool watchesData = false;  // some rule reads the data status: every update counts
};

// A SeriesView read through the slots of one Series, for one call. Runs are
// found once per call; their closed values are fetched when first read (a
// forming-bar crossing reads only the forming values), the forming values
// when AlertSample first needs a slot (one peek per slot and call, none for
// slots that only idle or once-per-bar-close rules read): evaluate() asks for
// every slot the sample's rules read at once, and the engine peeks them in one
// call (SeriesView::formingValuesOf).
class AlertEngine::ViewData final : public AlertSeriesData
{
public:
    struct SlotValues {
        std::array<ValueSeries, kMaxIndicatorOutputs> closed;
        int run = -1;
        int outputs = 0;
        std::uint32_t fetched = 0;  // bit o: closed[o] holds the run's values
    };

    ViewData(
        const SeriesView &view, Series &series, bool atForming, std::vector<SlotValues> &scratch)
        : m_view(view)
        , m_closed(view.closed())
        , m_forming(view.forming())
        , m_atForming(atForming && m_forming)
        , m_slots(scratch)
    {
        const std::size_t slotCount = std::size_t(series.keys.size());
        const std::uint64_t version = view.runsVersion();
        if (version == 0 || version != series.resolvedVersion
            || series.slotRuns.size() != slotCount) {
            series.slotRuns.resize(slotCount);
            for (std::size_t k = 0; k < slotCount; ++k) {
                const int run = view.findIndicator(series.keys[qsizetype(k)]);
                series.slotRuns[k].run = run;
                series.slotRuns[k].outputs
                    = run < 0 ? 0 : std::min(view.outputCount(run), kMaxIndicatorOutputs);
            }
            series.resolvedVersion = version;
        }
        m_slots.resize(slotCount);
        for (std::size_t k = 0; k < slotCount; ++k) {
            SlotValues &slot = m_slots[k];
            slot.run = series.slotRuns[k].run;
            slot.outputs = series.slotRuns[k].outputs;
            slot.fetched = 0;
        }
    }

    std::size_t closedCount() const override { return m_closed.size(); }
    const Bar &closedBar(std::size_t i) const override { return m_closed[i]; }
    const Bar *closedBars() const override { return m_closed.begin(); }
    const Bar *forming() const override { return m_forming; }
    int outputCount(int slot) const override { return m_slots[std::size_t(slot)].outputs; }
    double indicator(int slot, int output, std::size_t i) const override
    {
        SlotValues &s = m_slots[std::size_t(slot)];
        if (output >= s.outputs)
            return kNaN;
        ValueSeries &values = s.closed[std::size_t(output)];
        if (!(s.fetched & (1u << output))) {
            values = m_view.values(s.run, output);
            s.fetched |= 1u << output;
        }
        return i < values.size() ? values[i] : kNaN;
    }
    double formingIndicator(int slot, int output) const override
    {
        double out[kMaxIndicatorOutputs];
        formingIndicators(slot, out);
        return output < m_slots[std::size_t(slot)].outputs ? out[output] : kNaN;
    }
    void formingIndicators(int slot, double *out) const override
    {
        const SlotValues &s = m_slots[std::size_t(slot)];
        if (!m_atForming || s.outputs == 0 || !m_view.formingValues(s.run, out))
            std::fill(out, out + s.outputs, kNaN);
    }
    void formingIndicatorsOf(
        const int *chosen, std::size_t count, double *const *out) const override
    {
        peek(nullptr, chosen, count, out);
    }
    void probeIndicatorsOf(
        const Bar &bar, const int *chosen, std::size_t count, double *const *out) const override
    {
        peek(&bar, chosen, count, out);
    }
    CloseResponse closeResponse(int slot, int output) const override
    {
        const SlotValues &s = m_slots[std::size_t(slot)];
        return output < s.outputs ? m_view.closeResponse(s.run, output)
                                  : CloseResponse::OtherFields;
    }

private:
    // The slots' runs peeked together at the forming bar, or as if it were `at`.
    void peek(const Bar *at, const int *chosen, std::size_t count, double *const *out) const
    {
        constexpr std::size_t kChunk = 16;
        int runs[kChunk];
        double *outs[kChunk];
        std::size_t n = 0;
        for (std::size_t k = 0; k < count; ++k) {
            const SlotValues &s = m_slots[std::size_t(chosen[k])];
            if (!m_atForming || s.outputs == 0) {
                std::fill(out[k], out[k] + s.outputs, kNaN);
                continue;
            }
            runs[n] = s.run;
            outs[n] = out[k];
            if (++n == kChunk) {
                peekRuns(at, runs, n, outs);
                n = 0;
            }
        }
        if (n > 0)
            peekRuns(at, runs, n, outs);
    }
    void peekRuns(const Bar *at, const int *runs, std::size_t n, double *const *outs) const
    {
        if (at)
            m_view.formingValuesAt(*at, runs, n, outs);
        else
            m_view.formingValuesOf(runs, n, outs);
    }

private:
    const SeriesView &m_view;
    BarSeries m_closed;
    const Bar *m_forming;
    bool m_atForming;  // a forming sample: the forming values are this call's
    std::vector<SlotValues> &m_slots;
};

// What ViewData and the samples reuse from call to call (engine thread).
struct AlertEngine::Scratch {
    std::vector<ViewData::SlotValues> slotValues;
    AlertSample sample;
    AlertSeriesProgram::GateProbes probes;  // AlertSeriesProgram::openGate()
    std::vector<int> rules;  // the rules a sample evaluates (AlertSeriesProgram::select)
};

AlertEngine::AlertEngine(MarketEngine *engine, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_clock(std::move(clock))
    , m_startedAt(m_clock->now())
    , m_owner(MarketEngine::newOwnerId())
    , m_scratch(std::make_unique<Scratch>())
{
    registerCoreMetaTypes();
}

AlertEngine::~AlertEngine()
{
    for (auto &[key, series] : m_series)
        m_engine->removeBarListener(this, series->symbol, series->timeframe);
    m_engine->releaseOwner(m_owner);
}

std::uint64_t AlertEngine::seriesKey(SymbolId symbol, Timeframe timeframe)
{
    return (std::uint64_t(symbol) << 8) | std::uint64_t(timeframe);
}

std::size_t AlertEngine::denseIndex(SymbolId symbol, Timeframe timeframe)
{
    return std::size_t(symbol) * kTimeframeCount + timeframeIndex(timeframe);
}

void AlertEngine::setDense(SymbolId symbol, Timeframe timeframe, Series *series)
{
    if (symbol >= kDenseSymbols)
        return;
    const std::size_t at = denseIndex(symbol, timeframe);
    if (at >= m_dense.size()) {
        if (!series)
            return;
        m_dense.resize(at + 1, nullptr);
    }
    m_dense[at] = series;
}

AlertEngine::Series *AlertEngine::findSeries(SymbolId symbol, Timeframe timeframe) const
{
    if (symbol < kDenseSymbols) {
        const std::size_t at = denseIndex(symbol, timeframe);
        return at < m_dense.size() ? m_dense[at] : nullptr;
    }
    const auto it = m_series.find(seriesKey(symbol, timeframe));
    return it == m_series.end() ? nullptr : it->second.get();
}

TimeMs AlertEngine::now(const Series &series) const
{
    return series.clock ? series.clock->now() : m_clock->now();
}

void AlertEngine::adoptClock(Series &series, const SeriesView &view)
{
    const std::shared_ptr<const Clock> &clock = view.sourceClock();
    if (clock.get() != series.clock.get()) {
        series.clock = clock;
        series.clockStart = view.sourceClockSetAt();
    }
}

bool AlertEngine::addRule(const AlertRule &rule, SymbolId symbol, QString *error)
{
    if (symbol == kInvalidSymbol) {
        *error = QStringLiteral("rule %1: no such symbol %2").arg(rule.id, rule.symbol);
        return false;
    }
    if (m_ids.contains(rule.id)) {
        *error = QStringLiteral("rule %1: the id is taken").arg(rule.id);
        return false;
    }
    if (rule.condition.root < 0) {
        *error = QStringLiteral("rule %1: no condition").arg(rule.id);
        return false;
    }
    auto &slot = m_series[seriesKey(symbol, rule.timeframe)];
    const bool fresh = !slot;
    if (fresh) {
        slot = std::make_unique<Series>();
        slot->symbol = symbol;
        slot->timeframe = rule.timeframe;
        setDense(symbol, rule.timeframe, slot.get());
        if (m_freeCovered.empty()) {
            slot->covered = &m_covered.emplace_back(0);
        } else {
            slot->covered = m_freeCovered.back();
            m_freeCovered.pop_back();
        }
    }
    Series &series = *slot;
    voidHolds();  // the new rule must see the next update
    std::vector<int> specSlots;
    bool newSpecs = false;
    for (const QString &text : rule.condition.specs) {
        const QString key = indicatorRunKey(text);
        qsizetype k = series.keys.indexOf(key);
        if (k < 0) {
            series.keys << key;
            series.specs << text;
            k = series.keys.size() - 1;
            newSpecs = true;
        }
        specSlots.push_back(int(k));
    }
    series.program.setGating(m_gating);
    series.program.add(rule, specSlots);
    series.runs.emplace_back(rule, std::move(specSlots));
    m_ids.insert(rule.id);
    series.readsForming = series.readsForming || series.runs.back().readsForming();
    series.watchesData = series.watchesData || rule.condition.usesDataStatus;
    ++m_ruleCount;
    if (newSpecs)
        m_engine->acquireIndicators(m_owner, symbol, rule.timeframe, series.specs);
    if (fresh)
        m_engine->addBarListener(this, symbol, rule.timeframe);
    return true;
}

bool AlertEngine::removeRule(const QString &id)
{
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        Series &series = *it->second;
        const auto run = std::find_if(series.runs.begin(), series.runs.end(),
            [&](const AlertRuleRun &r) { return r.rule().id == id; });
        if (run == series.runs.end())
            continue;
        voidHolds();
        series.program.remove(int(run - series.runs.begin()));
        series.runs.erase(run);
        series.watchesData = std::any_of(series.runs.begin(), series.runs.end(),
            [](const AlertRuleRun &r) { return r.rule().condition.usesDataStatus; });
        m_ids.remove(id);
        --m_ruleCount;
        if (series.runs.empty()) {
            m_engine->removeBarListener(this, series.symbol, series.timeframe);
            m_engine->releaseIndicators(m_owner, series.symbol, series.timeframe);
            setDense(series.symbol, series.timeframe, nullptr);
            settle(series);
            m_freeCovered.push_back(series.covered);
            m_series.erase(it);
        }
        // The runs of other rules keep their slots; an unused run stays held
        // until the series' last rule goes.
        return true;
    }
    return false;
}

const AlertRuleState *AlertEngine::ruleState(const QString &id) const
{
    for (const auto &[key, series] : m_series)
        for (const AlertRuleRun &run : series->runs)
            if (run.rule().id == id)
                return &run.state();
    return nullptr;
}

bool AlertEngine::rearmRule(const QString &id)
{
    for (auto &[key, series] : m_series)
        for (AlertRuleRun &run : series->runs)
            if (run.rule().id == id) {
                run.state().rearm();
                voidHolds();
                return true;
            }
    return false;
}

bool AlertEngine::restoreRuleState(const QString &id, const AlertStateRecord &record)
{
    for (auto &[key, series] : m_series)
        for (std::size_t r = 0; r < series->runs.size(); ++r) {
            AlertRuleRun &run = series->runs[r];
            if (run.rule().id == id) {
                run.state().restore(record);
                voidHolds();
                // As at a restart: what it sampled before is not its.
                run.resetSamples();
                series->program.resetSamples(int(r));
                series->program.setFiredBar(int(r), run.state().lastFiredBar());
                return true;
            }
        }
    return false;
}

void AlertEngine::setQuality(SymbolId symbol, double score)
{
    for (auto &[key, series] : m_series)
        if (series->symbol == symbol)
            series->quality = score;  // a quality rule watches data: no hold
}

void AlertEngine::checkDataConditions()
{
    for (auto &[key, series] : m_series) {
        const TimeMs at = now(*series);
        const AlertDataStatus status {at, series->lastData, series->quality};
        const TimeMs barTime = bucketAt(series->timeframe, at, QTimeZone::utc()).start;
        for (std::size_t r = 0; r < series->runs.size(); ++r) {
            AlertRuleRun &run = series->runs[r];
            const AlertCondition &c = run.rule().condition;
            if (!c.usesDataStatus || c.usesBars)
                continue;
            std::optional<AlertFire> fire = run.evaluateStatus(status, barTime, at);
            series->program.setFiredBar(int(r), run.state().lastFiredBar());
            if (fire)
                queue(std::move(*fire), *series, run);
        }
    }
}

void AlertEngine::prefetch(const Series &series)
{
    series.program.prefetch();
    __builtin_prefetch(series.slotRuns.data());
}

void AlertEngine::barClosed(const SeriesView &view)
{
    if (Series *series = findSeries(view.symbol(), view.timeframe())) {
        settle(*series);
        prefetch(*series);
        adoptClock(*series, view);
        evaluate(*series, view, true, now(*series));
    }
}

void AlertEngine::formingBarChanged(const SeriesView &view)
{
    Series *series = findSeries(view.symbol(), view.timeframe());
    const Bar *forming = view.forming();
    if (!series || !forming)
        return;
    settle(*series);
    adoptClock(*series, view);
    if (!series->readsForming) {
        series->lastData = now(*series);
        hold(*series, view, true);
        return;
    }
    AlertSeriesProgram &program = series->program;
    const TimeMs at = now(*series);
    if (program.gating()
        && program.quiet({forming->time, view.closedCount(), view.runsVersion()}, *forming, at)) {
        // No rule could change: the sample is as good as evaluated.
        series->lastData = at;
        m_stats.gated += program.quietRules();
        ++m_stats.quiet;
    } else {
        prefetch(*series);
        evaluate(*series, view, false, at);
    }
    if (program.gating())
        hold(*series, view, false);
}

void AlertEngine::hold(Series &series, const SeriesView &view, bool closeOnly)
{
    const AlertSeriesProgram::GateKey key {
        view.forming()->time, view.closedCount(), view.runsVersion()};
    // The stale condition reads when data last came: the engine must tell each update.
    if (series.watchesData || key.runs == 0)
        return;
    FormingHold h;
    if (!closeOnly) {
        if (!series.program.quietBounds(key, h.bounds))
            return;
    } else {  // no forming update matters
        constexpr double kInfinity = std::numeric_limits<double>::infinity();
        h.bounds.lo = -kInfinity;
        h.bounds.hi = kInfinity;
        h.bounds.volume = kInfinity;
        h.bounds.until = FormingBounds::kForever;
    }
    h.bar = key.bar;
    h.closed = key.closed;
    h.runs = key.runs;
    h.clock = series.clock ? series.clock.get() : m_clock.get();
    h.covered = series.covered;
    h.voided = &m_holdGeneration;
    h.generation = m_holdGeneration;
    series.heldRules = closeOnly ? 0 : std::uint32_t(series.program.quietRules());
    view.holdForming(h);
}

void AlertEngine::settle(Series &series)
{
    std::uint64_t &covered = *series.covered;
    if (covered == 0)
        return;
    m_stats.quiet += series.heldRules > 0 ? covered : 0;
    m_stats.gated += covered * series.heldRules;
    covered = 0;
}

void AlertEngine::voidHolds()
{
    ++m_holdGeneration;
}

AlertEngine::Stats AlertEngine::stats() const
{
    Stats total = m_stats;
    for (const auto &[key, series] : m_series) {
        const std::uint64_t covered = *series->covered;
        total.quiet += series->heldRules > 0 ? covered : 0;
        total.gated += covered * series->heldRules;
    }
    return total;
}

void AlertEngine::setGating(bool on)
{
    m_gating = on;
    for (auto &[key, series] : m_series) {
        voidHolds();
        series->program.setGating(on);
    }
}

void AlertEngine::seriesReset(const SeriesView &view)
{
    if (Series *series = findSeries(view.symbol(), view.timeframe())) {
        settle(*series);
        series->program.resetSamples();
    }
}

void AlertEngine::evaluate(Series &series, const SeriesView &view, bool atClose, TimeMs at)
{
    series.lastData = at;
    const ViewData data(view, series, !atClose, m_scratch->slotValues);
    if (atClose && data.closedCount() == 0)
        return;
    const std::size_t i = atClose ? data.closedCount() - 1 : data.closedCount();
    const AlertDataStatus status {at, series.lastData, series.quality};
    AlertSample &sample = m_scratch->sample;
    sample.begin(data, i, int(series.keys.size()));
    const Bar *bar = sample.bar(i);
    const TimeMs barTime = bar ? bar->time : 0;
    AlertSeriesProgram &program = series.program;
    std::vector<int> &rules = m_scratch->rules;
    const Bar *gateBar = nullptr;
    if (atClose)
        program.dropGates();
    else if (bar && program.beginGates({barTime, data.closedCount(), view.runsVersion()}))
        gateBar = bar;
    sample.need(program.select(atClose, barTime, at, rules, gateBar));
    m_scratch->probes.start();
    const std::size_t gated = gateBar ? program.lastGated() : 0;
    m_stats.evaluated += rules.size();
    m_stats.gated += gated;
    m_stats.skipped += std::size_t(program.ruleCount()) - rules.size() - gated;
    for (const int r : rules) {
        if (!program.hasSteps(r))
            continue;
        const AlertSeriesProgram::Result result = program.evaluate(r, sample, status);
        // Most samples hold nothing: the rule's state is not read then.
        if (!bar || program.inert(r, result, at)) {
            if (gateBar)
                program.openGate(r, sample, m_scratch->probes, data);
            continue;
        }
        AlertRuleRun &run = series.runs[std::size_t(r)];
        std::optional<AlertFire> fire = run.offer(result, *bar, at, !atClose);
        program.setFiredBar(r, run.state().lastFiredBar());
        if (fire)
            queue(std::move(*fire), series, run);
    }
    if (gateBar)
        program.summariseGates(barTime, at);
}

void AlertEngine::queue(AlertFire &&fire, const Series &series, const AlertRuleRun &run)
{
    fire.symbolId = series.symbol;
    fire.clockStart = series.clock ? series.clockStart : m_startedAt;
    m_pending.push_back(std::move(fire));
    m_pendingStates.push_back(run.state().record(run.rule().id));
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &AlertEngine::flushFires, Qt::QueuedConnection);
    }
}

void AlertEngine::flushFires()
{
    m_flushQueued = false;
    if (m_pending.empty())
        return;
    std::vector<AlertFire> fires;
    fires.swap(m_pending);
    std::vector<AlertStateRecord> states;
    states.swap(m_pendingStates);
    emit firesReady(fires);
    emit statesChanged(states);
}

}  // namespace wick
