#include "quality/FeedScreen.h"

#include <spdlog/spdlog.h>

#include "model/Clock.h"
#include "model/SymbolRegistry.h"

namespace wick {

FeedScreen::FeedScreen(std::shared_ptr<SymbolRegistry> registry, QString source,
    std::shared_ptr<const Clock> clock, bool validate, QObject *parent)
    : QObject(parent)
    , m_registry(std::move(registry))
    , m_source(std::move(source))
    , m_clock(std::move(clock))
    , m_validate(validate)
{ }

FeedScreen::~FeedScreen() = default;

void FeedScreen::knowSymbol(SymbolId symbol)
{
    // Thresholds and session hours per asset class; caller holds m_mutex.
    if (symbol >= m_known.size())
        m_known.resize(std::size_t(symbol) + 1, false);
    if (m_known[symbol])
        return;
    m_known[symbol] = true;
    m_validator.setSymbol(symbol, m_registry->symbol(symbol));
}

void FeedScreen::screenTicks(const TickBatch &batch)
{
    if (!m_validate) {
        if (!batch.ticks.empty() || batch.feedTime > 0)
            emit ticksScreened(batch);
        return;
    }
    TickBatch kept = batch;
    const std::size_t before = m_quarantine.size();
    {
        std::lock_guard lock(m_mutex);
        for (const Tick &tick : kept.ticks)
            knowSymbol(tick.symbol);
        m_flagged += std::int64_t(m_validator.screen(kept.ticks, m_clock->now(), m_quarantine));
    }
    for (std::size_t i = before; i < m_quarantine.size(); ++i) {
        const QuarantineRecord &r = m_quarantine[i];
        spdlog::warn("{}: quarantined {} trade {}: {} ({})", m_source.toStdString(),
            m_registry->symbol(r.symbol).key().toStdString(), r.tradeId,
            qualityRuleName(r.rule).toStdString(), r.detail.toStdString());
    }
    if (!kept.ticks.empty() || kept.feedTime > 0)
        emit ticksScreened(kept);
    emitQuarantine();
}

void FeedScreen::screenBars(SymbolId symbol, Timeframe timeframe, const BarsPtr &bars)
{
    if (!bars || bars->empty())
        return;
    if (!m_validate) {
        emit barsScreened(symbol, timeframe, bars);
        return;
    }
    std::vector<Bar> kept;
    kept.reserve(bars->size());
    const TimeMs now = m_clock->now();
    const TimeMs span = nominalDurationMs(timeframe);
    {
        std::lock_guard lock(m_mutex);
        knowSymbol(symbol);
        for (const Bar &bar : *bars) {
            const Verdict v = m_validator.validateBar(symbol, bar, span, now);
            if (v.rejected) {
                m_quarantine.push_back(Validator::quarantine(symbol, bar, v, now));
                spdlog::warn("{}: quarantined {} bar {}: {}", m_source.toStdString(),
                    m_registry->symbol(symbol).key().toStdString(), bar.time,
                    qualityRuleName(v.rejectRule).toStdString());
                continue;
            }
            if (!v.isClean())
                ++m_flagged;
            kept.push_back(bar);
        }
    }
    emitQuarantine();
    if (kept.size() == bars->size())
        emit barsScreened(symbol, timeframe, bars);
    else if (!kept.empty())
        emit barsScreened(
            symbol, timeframe, std::make_shared<const std::vector<Bar>>(std::move(kept)));
}

void FeedScreen::screenFormingBar(SymbolId symbol, Timeframe timeframe, const Bar &bar)
{
    if (m_validate) {
        const TimeMs now = m_clock->now();
        bool rejected = false;
        {
            std::lock_guard lock(m_mutex);
            knowSymbol(symbol);
            const Verdict v
                = m_validator.validateBar(symbol, bar, nominalDurationMs(timeframe), now);
            rejected = v.rejected;
            if (rejected)
                m_quarantine.push_back(Validator::quarantine(symbol, bar, v, now));
            else if (!v.isClean())
                ++m_flagged;
        }
        if (rejected) {
            spdlog::warn("{}: quarantined {} forming bar {}", m_source.toStdString(),
                m_registry->symbol(symbol).key().toStdString(), bar.time);
            emitQuarantine();
            return;
        }
    }
    emit formingBarScreened(symbol, timeframe, bar);
}

void FeedScreen::emitQuarantine()
{
    if (m_quarantine.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_quarantined += std::int64_t(m_quarantine.size());
    }
    std::vector<QuarantineRecord> records;
    records.swap(m_quarantine);
    emit quarantined(records);
}

std::int64_t FeedScreen::quarantinedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_quarantined;
}

std::int64_t FeedScreen::flaggedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_flagged;
}

std::optional<QualityTally> FeedScreen::tally(SymbolId symbol) const
{
    if (!m_validate)
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    const std::int64_t checks = m_validator.validated(symbol);
    if (checks == 0)
        return std::nullopt;
    std::int64_t rejected = 0;
    for (int rule = 0; rule < kQualityRuleCount; ++rule) {
        if (isRejection(static_cast<QualityRule>(rule)))
            rejected += m_validator.count(symbol, static_cast<QualityRule>(rule));
    }
    return QualityTally {
        m_validator.qualityScore(symbol), checks, std::max<std::int64_t>(0, checks - rejected)};
}

std::int64_t FeedScreen::ruleCount(SymbolId symbol, QualityRule rule) const
{
    std::lock_guard lock(m_mutex);
    return m_validator.count(symbol, rule);
}

}  // namespace wick
