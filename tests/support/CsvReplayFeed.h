// tests/support: CsvReplayFeed, a throwaway source that proves a new source
// needs no code in app/, ui/ or the session: it replays a bars CSV (wick-cli's
// format) as one symbol, csvreplay:<code>. At start the first `historyBars`
// rows go out as closed 1m history; then one row per `intervalMs` as a closed
// bar (LiveBars), the last one first as the source's forming bar. Registered
// with SourceCatalog::instance().add(kCsvReplaySource, createCsvReplaySource).
// Lives on its feed thread like any feed.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "feeds/Feed.h"

class QTimer;

namespace wick {

struct SourceSettings;
class SymbolRegistry;

inline constexpr char kCsvReplaySource[] = "csvreplay";

class CsvReplayFeed final : public Feed
{
    Q_OBJECT

public:
    // Keys: file (the CSV), code (default: the file's base name), historyBars
    // (default: all but 5), intervalMs (default 50).
    CsvReplayFeed(std::shared_ptr<SymbolRegistry> registry, QString code, std::vector<Bar> bars,
        int historyBars, int intervalMs, QObject *parent = nullptr);
    ~CsvReplayFeed() override;

    Capabilities capabilities() const override { return LiveBars | FormingBars | DynamicSymbols; }
    QString source() const override { return QString::fromLatin1(kCsvReplaySource); }
    std::shared_ptr<const Clock> clock() const override { return m_clock; }
    FeedState state() const override { return m_state.load(); }
    FeedHealth health() const override;
    QStringList symbolCodes() const override;
    std::optional<Symbol> describeSymbol(const QString &code) const override;

public slots:
    void start() override;
    void stop() override;
    void addSymbols(const QStringList &codes) override;
    void removeSymbols(const QStringList &codes) override;
    void resumeFrom(const QHash<QString, wick::ResumePoint> &points) override;

private:
    void replayNext();
    void setState(FeedState state, const QString &detail);

    std::shared_ptr<SymbolRegistry> m_registry;
    std::shared_ptr<const Clock> m_clock;
    QString m_code;
    SymbolId m_id = kInvalidSymbol;
    std::vector<Bar> m_bars;
    std::size_t m_historyBars = 0;
    std::size_t m_next = 0;
    int m_intervalMs = 50;
    bool m_wanted = false;
    TimeMs m_resumeAfter = -1;
    QTimer *m_timer = nullptr;
    std::atomic<FeedState> m_state = FeedState::Offline;
    std::atomic<std::int64_t> m_sent = 0;
};

std::unique_ptr<Feed> createCsvReplaySource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error);

}  // namespace wick
