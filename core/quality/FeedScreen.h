// core/quality: FeedScreen, the one place a feed's output is validated before
// the engine sees it. It lives on its feed's thread (FeedHost moves it there and
// connects the feed to it directly): trades, closed bars and forming bars go
// through the Validator; rejected items leave the batch and come out as one
// quarantined() per batch, flagged ones stay and count. A Simulated feed's
// output passes through unscreened (and gets no score). Scores and counts are
// readable from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <QObject>

#include "feeds/Feed.h"
#include "quality/Validator.h"

namespace wick {

class SymbolRegistry;

// A symbol's score as the cache keeps it (checks run, checks passed).
struct QualityTally {
    double score = 1.0;
    std::int64_t checks = 0;
    std::int64_t passed = 0;
};

class FeedScreen final : public QObject
{
    Q_OBJECT

public:
    // `validate` false: pass everything through (a simulated source).
    FeedScreen(std::shared_ptr<SymbolRegistry> registry, QString source,
        std::shared_ptr<const Clock> clock, bool validate, QObject *parent = nullptr);
    ~FeedScreen() override;

    bool validates() const { return m_validate; }
    // Any thread.
    std::int64_t quarantinedCount() const;
    std::int64_t flaggedCount() const;
    // The symbol's tally; nullopt before its first check (or when not validating).
    std::optional<QualityTally> tally(SymbolId symbol) const;
    std::int64_t ruleCount(SymbolId symbol, QualityRule rule) const;

public slots:
    void screenTicks(const wick::TickBatch &batch);
    void screenBars(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    void screenFormingBar(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::Bar &bar);

signals:
    // What passed, in the order it came; never empty.
    void ticksScreened(const wick::TickBatch &batch);
    void barsScreened(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    void formingBarScreened(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::Bar &bar);
    // Rejected ticks and bars, batched; never empty.
    void quarantined(const std::vector<wick::QuarantineRecord> &records);

private:
    void knowSymbol(SymbolId symbol);
    void emitQuarantine();

    std::shared_ptr<SymbolRegistry> m_registry;
    QString m_source;
    std::shared_ptr<const Clock> m_clock;
    bool m_validate = true;
    mutable std::mutex m_mutex;  // guards m_validator and the counts for readers on other threads
    Validator m_validator;
    std::vector<bool> m_known;  // by SymbolId: setSymbol done
    std::vector<QuarantineRecord> m_quarantine;
    std::int64_t m_quarantined = 0;
    std::int64_t m_flagged = 0;
};

}  // namespace wick

Q_DECLARE_METATYPE(std::vector<wick::QuarantineRecord>)
