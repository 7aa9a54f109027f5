// core/feeds: the one contract every source of market data speaks. A Feed lives
// on its own thread (FeedHost moves it there and calls its slots queued): it
// turns whatever its source speaks into trades (TickBatch) and bars of any
// timeframe -- closed bars (history, backfill, closed klines, polled bars) and
// the source's forming bar -- and reports its state, its health, the symbols it
// lists and per-symbol errors. It does not validate: the session screens every
// feed's output in one place (quality/FeedScreen) before the engine sees it.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include "feeds/FeedHealth.h"
#include "model/Bar.h"
#include "model/BarsPtr.h"
#include "model/SourceQuote.h"
#include "model/Symbol.h"
#include "model/Tick.h"
#include "model/Timeframe.h"

namespace wick {

class Clock;

enum class FeedState : std::uint8_t { Offline, Connecting, Live, Reconnecting, CircuitOpen };

QString feedStateName(FeedState state);

// Where the history already held (the cache) ends for one symbol: the open time
// of its newest closed 1m bar and that bar's close. A feed fetches or simulates
// only what comes after it.
struct ResumePoint {
    TimeMs lastClosed = 0;
    double lastClose = 0.0;
    friend bool operator==(const ResumePoint &, const ResumePoint &) = default;
};

// What a source that needs an account signs its requests with (Alpha
// Vantage: the key; Alpaca: key and secret). Never logged, never in settings
// or the cache: the app reads it from the OS keychain (or takes it for one
// session) and hands it to the feed with setCredentials().
struct Credentials {
    QString key;
    QString secret;
    bool isEmpty() const { return key.isEmpty(); }
    friend bool operator==(const Credentials &, const Credentials &) = default;
};

// One symbol a source lists (for the symbol search): the symbol as it would be
// interned, plus what the source says of it.
struct ListedSymbol {
    Symbol symbol;
    QString kind;  // "Spot", "Simulated", "Equity", ...
    QString status;  // empty when tradable; else the source's word ("BREAK", "HALT")
};

class Feed : public QObject
{
    Q_OBJECT

public:
    // What a source can do. The session reads them: it validates every feed
    // that is not Simulated (FeedScreen), follows the wanted symbols only on a
    // feed with DynamicSymbols, and shows "loading" in the symbol search until a
    // feed with SymbolSearch lists its symbols. The others describe the feed
    // (the data-health view and later sources' fallbacks read them).
    enum Capability : std::uint16_t {
        LiveTrades = 1 << 0,  // ticksReceived
        LiveBars = 1 << 1,  // closed bars from a stream or poll as they close
        FormingBars = 1 << 2,  // formingBarChanged
        RestHistory = 1 << 3,  // backfills history after a resume point and after outages
        SymbolSearch = 1 << 4,  // symbolsListed
        Simulated = 1 << 5,  // made up locally (the demo): not validated, no circuits
        DynamicSymbols = 1 << 6,  // addSymbols / removeSymbols while running
        NeedsCredentials = 1 << 7,  // asks nothing until setCredentials gives a key
        // Follows a symbol whose bars nobody needs by quotes alone (setBarCodes,
        // quotesReceived): one request per batch of symbols, not per symbol.
        QuoteOnly = 1 << 8,
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    using QObject::QObject;
    ~Feed() override;

    virtual Capabilities capabilities() const = 0;
    // The source name its symbols carry ("demo", "binance", ...).
    virtual QString source() const = 0;
    // The clock the feed's timestamps live in (wall clock, or the demo's simulated clock).
    virtual std::shared_ptr<const Clock> clock() const = 0;
    // How long after a bucket's end a trade of that bucket may still arrive.
    virtual TimeMs closeGraceMs() const { return 2000; }
    // Any thread. The session samples health() once a second.
    virtual FeedState state() const = 0;
    virtual FeedHealth health() const = 0;
    // Codes ("BTCUSDT") the feed streams or polls now, in the order added.
    virtual QStringList symbolCodes() const = 0;
    // The symbol a code of this source stands for, from the code alone (any
    // thread; a listed symbol from symbolsListed may say more); nullopt when the
    // code cannot be one of this source's.
    virtual std::optional<Symbol> describeSymbol(const QString &code) const = 0;

public slots:
    virtual void start() = 0;
    virtual void stop() = 0;
    // Codes of this source ("BTCUSDT", case as the source has it). Before start()
    // they are what start() streams; while running, a feed with DynamicSymbols
    // subscribes and unsubscribes on the fly. Unknown or refused codes come back
    // through symbolError, the others go on.
    virtual void addSymbols(const QStringList &codes) = 0;
    virtual void removeSymbols(const QStringList &codes) = 0;
    // Per code: where the history already held ends. Call before the symbols start.
    virtual void resumeFrom(const QHash<QString, wick::ResumePoint> &points) = 0;
    // The account's key (a feed with NeedsCredentials), before or while it
    // runs; an empty one takes it back. Others ignore it.
    virtual void setCredentials(const wick::Credentials &credentials) { (void)credentials; }
    // Of the codes it follows (addSymbols), those whose bars are wanted (a
    // chart, an alert rule); a feed with QuoteOnly keeps the others current by
    // quotesReceived alone, with no history and no bars. Until it is called
    // every code's bars are wanted. Call it before addSymbols of the same
    // change. Others ignore it.
    virtual void setBarCodes(const QStringList &codes) { (void)codes; }

signals:
    // One signal per network read or timer step, never per tick, never empty.
    void ticksReceived(const wick::TickBatch &batch);
    // Closed bars of one symbol and timeframe, oldest first: history, backfill,
    // a closed kline, a polled bar. 1m bars build every higher timeframe; bars of
    // a higher timeframe (a source's native daily bars) stand for themselves.
    void barsReceived(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::BarsPtr &bars);
    // The source's own forming bar (Binance's unclosed kline, a polled bar still
    // open): OHLCV so far. Trades after it (by the feed's own bookkeeping) merge into it.
    void formingBarChanged(wick::SymbolId symbol, wick::Timeframe timeframe, const wick::Bar &bar);
    // The price a symbol's change is measured against, when the source says
    // (Binance: the open of its rolling 24 h ticker), and what it is ("24 h").
    // Without one, the change is against the previous daily bar's close.
    void dayReferenceChanged(wick::SymbolId symbol, double price, const QString &what);
    // The source's quotes of some of its symbols (usable ones only: a price
    // above zero at a time), one signal per answer; they move the symbols'
    // quotes (MarketEngine::applySourceQuotes), never their bars.
    void quotesReceived(const wick::SourceQuotes &quotes);
    void stateChanged(wick::FeedState state, const QString &detail);
    // A symbol the source does not know or refused: dropped, the others go on.
    void symbolError(wick::SymbolId symbol, const QString &message);
    // Every symbol the source lists (for search); sent once it is known.
    void symbolsListed(const std::vector<wick::ListedSymbol> &symbols);
};

}  // namespace wick

// Outside the namespace: inside, its operator| would hide Qt's (and
// QCustomPlot's) for every file in namespace wick that includes this header.
Q_DECLARE_OPERATORS_FOR_FLAGS(wick::Feed::Capabilities)

Q_DECLARE_METATYPE(wick::TickBatch)
Q_DECLARE_METATYPE(wick::SourceQuotes)
Q_DECLARE_METATYPE(wick::FeedState)
Q_DECLARE_METATYPE(wick::ResumePoint)
Q_DECLARE_METATYPE(wick::Credentials)
Q_DECLARE_METATYPE(std::vector<wick::ListedSymbol>)
