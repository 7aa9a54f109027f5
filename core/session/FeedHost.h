// core/session: FeedHost runs one source for the session -- its Feed and the
// FeedScreen that validates the feed's output, both on the feed's own thread
// ("wick-feed-<source>"), wired to the engine (screened trades, bars and forming
// bars, queued to the engine thread) and back to the session (bars for the
// cache, quarantine, state, errors, listed symbols). It keeps the source's
// resume points and the codes it streams, and reads its health. The host itself
// lives on the session's thread (the UI thread in the app, main in wick-cli).
#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include "feeds/Feed.h"
#include "quality/FeedScreen.h"

class QThread;

namespace wick {

class MarketEngine;
class SymbolRegistry;

// One second of a source's health, as the session samples it.
struct FeedHealthReading {
    QString source;
    TimeMs timeMs = 0;  // wall clock
    FeedHealth health;  // the feed's counters with the screen's quarantined/flagged
    double messagesPerSecond = 0.0;  // growth of messagesReceived over the last reading
    FeedState state = FeedState::Offline;
    QString stateDetail;
    bool simulated = false;
};

// Messages per second between two readings of a cumulative counter: 0 when the
// interval is empty or the counter went back (a new feed object).
double messageRate(std::int64_t before, std::int64_t now, std::int64_t elapsedMs);

class FeedHost final : public QObject
{
    Q_OBJECT

public:
    // Takes the feed (made on this thread: it interns its symbols here) and
    // wires it to the engine; nothing runs until start().
    FeedHost(std::unique_ptr<Feed> feed, std::shared_ptr<SymbolRegistry> registry,
        MarketEngine *engine, QObject *parent = nullptr);
    // Stops the feed if it runs.
    ~FeedHost() override;

    QString source() const { return m_source; }
    Feed::Capabilities capabilities() const { return m_capabilities; }
    // Lives on the feed's thread once started: call its slots queued.
    Feed *feed() const { return m_feed; }
    const FeedScreen *screen() const { return m_screen; }
    bool isRunning() const { return m_running; }
    FeedState state() const { return m_state; }
    QString stateDetail() const { return m_stateDetail; }

    // Where the cache ends for one code; only before start().
    void setResumePoint(const QString &code, const ResumePoint &point);
    // The codes the session wants (watchlist, charts, rules). A feed with
    // DynamicSymbols streams exactly these, following every change; a feed
    // without streams its configured set and ignores them. `quoteOnly`: those
    // among them whose bars nobody needs (a watchlist row alone), which a feed
    // with QuoteOnly follows by quotes (Feed::setBarCodes).
    void setWantedCodes(const QSet<QString> &codes, const QSet<QString> &quoteOnly = {});
    // What the host has asked the feed to stream (sorted); a fixed-set feed: its own.
    QStringList streamedCodes() const;

    // Hands the feed its account's key (NeedsCredentials), queued when it runs.
    void setCredentials(const Credentials &credentials);

    // Hands the feed its resume points and codes, then starts its thread.
    void start();
    // Stops the feed on its thread (blocking) and ends the thread; the feed's
    // last output is queued to the engine before this returns. The screen's
    // tallies stay readable.
    void stop();

    // The symbol a key's code stands for (the listed one when the source listed it).
    std::optional<Symbol> describe(const QString &code) const;
    // Quality tally of a symbol streamed by this host (nullopt: none yet or simulated).
    std::optional<QualityTally> tally(SymbolId symbol) const { return m_screen->tally(symbol); }
    FeedHealthReading sampleHealth(TimeMs nowMs);

signals:
    void stateChanged(const QString &source, wick::FeedState state, const QString &detail);
    void symbolError(wick::SymbolId symbol, const QString &message);
    // The feed's reference price for a symbol's change (Feed::dayReferenceChanged).
    void dayReferenceChanged(wick::SymbolId symbol, double price, const QString &what);
    void symbolsListed(const QString &source, const std::vector<wick::ListedSymbol> &symbols);
    // Screened closed bars (for the cache), on the host's thread.
    void barsScreened(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    void quarantined(const std::vector<wick::QuarantineRecord> &records);

private:
    void syncSymbols();

    QString m_source;
    Feed::Capabilities m_capabilities;
    std::shared_ptr<SymbolRegistry> m_registry;
    Feed *m_feed = nullptr;  // owned through m_thread (deleteLater) once started
    FeedScreen *m_screen = nullptr;  // on the feed's thread; deleted here after it ends
    QThread *m_thread = nullptr;
    QHash<QString, ResumePoint> m_resume;
    QSet<QString> m_wanted;
    QSet<QString> m_quoteOnly;  // of m_wanted: no bars wanted
    QSet<QString> m_streamed;  // asked of the feed (DynamicSymbols)
    std::optional<QStringList> m_barCodes;  // told the feed (QuoteOnly), sorted
    QHash<QString, Symbol> m_listed;  // by code, from symbolsListed
    FeedState m_state = FeedState::Offline;
    QString m_stateDetail;
    std::optional<FeedHealth> m_lastHealth;
    TimeMs m_lastHealthAt = 0;
    bool m_running = false;
    bool m_stopped = false;
};

}  // namespace wick

Q_DECLARE_METATYPE(wick::FeedHealthReading)
