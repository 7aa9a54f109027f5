// core/quality/Validator: per-symbol validation state (rolling returns and
// volumes, last trade id, newest time), counts per rule and quality scores.
// Not thread-safe: it lives on the thread of the feed whose ticks and bars it
// screens (each feed's own thread, before the engine sees the data); readers
// on other threads go through the owner's lock.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/Bar.h"
#include "model/Symbol.h"
#include "model/Tick.h"
#include "quality/QualityRule.h"
#include "quality/QualityScore.h"
#include "quality/ValidationConfig.h"

namespace wick {

// What the validator decided about one tick or bar.
struct Verdict {
    bool rejected = false;
    QualityRule rejectRule = QualityRule::NonFinitePrice;  // when rejected
    double rawValue = 0.0;  // the offending value (price, size, trade id, high, ...)
    std::uint32_t flags = 0;  // one bit per flag rule (1 << rule)
    int checks = 0;  // checks that ran (for the quality score)

    bool isFlagged(QualityRule rule) const { return flags & (1u << unsigned(rule)); }
    bool isClean() const { return !rejected && flags == 0; }
    int failedChecks() const { return (rejected ? 1 : 0) + std::popcount(flags); }
};

// A rejected tick or bar as the quarantine table keeps it.
struct QuarantineRecord {
    SymbolId symbol = kInvalidSymbol;
    TimeMs time = 0;  // the tick's or the bar's own time
    TimeMs receivedAt = 0;
    QualityRule rule = QualityRule::NonFinitePrice;
    double rawValue = 0.0;
    std::int64_t tradeId = -1;
    QString detail;  // "price -61350.15", "high 99 < close 100"
};

// Validates ticks and bars per symbol with thresholds per asset class. A
// rejected item leaves the symbol's state untouched (it never happened); a
// flagged one is kept and counts like any other. Every outcome is counted per
// symbol and rule and feeds the symbol's quality score. On the feed's thread
// (see the top of this file).
class Validator
{
public:
    Validator();
    ~Validator();

    // Thresholds for every symbol of an asset class (defaults: forAssetClass).
    void setConfig(AssetClass assetClass, const ValidationConfig &config);
    const ValidationConfig &config(AssetClass assetClass) const;
    // Which asset class and trading session a symbol has (unknown: crypto, 24/7).
    // A missing bar is a gap (QualityRule::BarGap) only if the market was open
    // for it: by the symbol's MarketCalendar (calendarFor: holidays and early
    // closes included) where it has one, else by its session hours and zone.
    void setSymbol(SymbolId id, const Symbol &symbol);

    // `now`: the feed's clock when the tick arrived.
    Verdict validateTick(const Tick &tick, TimeMs now);
    // A bar of `timeframeMs`; the same open time again is an update of the
    // forming bar, not a duplicate.
    Verdict validateBar(SymbolId symbol, const Bar &bar, TimeMs timeframeMs, TimeMs now);
    // A feed's batch in arrival order: rejected ticks leave `ticks` (order kept)
    // and their records are appended to `quarantined`; flagged ticks stay.
    // Returns how many of the kept ticks were flagged.
    std::size_t screen(
        std::vector<Tick> &ticks, TimeMs now, std::vector<QuarantineRecord> &quarantined);

    double qualityScore(SymbolId symbol) const;
    std::int64_t count(SymbolId symbol, QualityRule rule) const;
    std::int64_t validated(SymbolId symbol) const;

    static QuarantineRecord quarantine(const Tick &tick, const Verdict &verdict, TimeMs now);
    static QuarantineRecord quarantine(
        SymbolId symbol, const Bar &bar, const Verdict &verdict, TimeMs now);

private:
    struct SymbolState;
    SymbolState &state(SymbolId id);
    const SymbolState *find(SymbolId id) const;
    void finish(SymbolState &s, const Verdict &verdict);

    std::array<ValidationConfig, 5> m_configs;
    std::unordered_map<SymbolId, std::unique_ptr<SymbolState>> m_symbols;
};

}  // namespace wick
