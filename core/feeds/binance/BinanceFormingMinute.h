// core/feeds/binance: BinanceFormingMinute, where a symbol's forming minute
// starts after a (re)connect, and the way every live trade goes from the stream
// to the engine. A plain object on its feed's thread (no timers: the feed calls
// checkKlineWaits() from its state timer). Per symbol, once GapRecovery has
// caught up, the live trades held meanwhile wait for the stream's unclosed
// kline (at most 6 s of the feed clock): its OHLCV starts the forming bar, the
// trades between its last id and the first live one come from historicalTrades
// (weight 25), then the held trades go out in id order. Without a kline (or with
// formingFromKline off) up to 1000 historicalTrades before the first live trade
// rebuild the minute. historicalTrades is auxiliary: its failure degrades.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QString>

#include "model/Bar.h"
#include "model/Tick.h"

namespace wick {

class Clock;
class GapRecovery;
class RestClient;
struct BinanceKline;

class BinanceFormingMinute
{
public:
    struct Callbacks {
        // The kline's bar so far (formingBarChanged); trades after it merge into it.
        std::function<void(SymbolId symbol, const Bar &bar)> forming;
        // One trade for the engine, batched by the feed.
        std::function<void(const Tick &trade)> trade;
        // Send the batched trades now (before a forming bar, after a release).
        std::function<void()> flush;
        // A fill started or ended (the feed's state text may change).
        std::function<void()> changed;
    };

    // `fillQueueLimit`: trades are fetched only while fewer REST requests wait.
    BinanceFormingMinute(RestClient &rest, GapRecovery &recovery,
        std::shared_ptr<const Clock> clock, bool fromKline, int fillQueueLimit,
        Callbacks callbacks);

    // A symbol of the feed, by its Binance code ("BTCUSDT").
    void track(SymbolId symbol, const QString &code);
    // Recovery starts again: a fill in flight no longer counts.
    void restart(SymbolId symbol);
    // An outage or a removal: nothing is awaited or filled, the kline's trades are forgotten.
    void reset(SymbolId symbol);
    // GapRecovery has caught up: wait for the unclosed kline, or fill at once.
    void caughtUp(SymbolId symbol);
    // A live trade of a tracked symbol.
    void onTrade(Tick trade);
    // An unclosed 1m kline from the stream.
    void onUnclosedKline(SymbolId symbol, const BinanceKline &kline);
    // Symbols whose kline wait has run out go on from their trades.
    void checkKlineWaits();

    // Any thread.
    std::int64_t backfilledTrades() const { return m_backfilledTrades.load(); }
    std::int64_t auxiliaryFailures() const { return m_auxiliaryFailures.load(); }

private:
    struct State {
        QString code;
        SymbolId id = kInvalidSymbol;
        std::int64_t lastTradeId = -1;
        // Caught up: live trades are held until the stream's unclosed kline says
        // where the forming minute stands (since this clock time).
        bool awaitingKline = false;
        TimeMs awaitingSince = 0;
        bool filling = false;  // historicalTrades between the kline and the first live trade
        // The kline's trades (ids <= L) may still come on the trade stream after it:
        // they are in the forming bar already. Cleared by the first trade after L.
        std::int64_t inFormingBar = -1;
    };

    // The kline wait has run out: true when it just ended (the caller fills the trades).
    bool stopAwaitingKline(State &s);
    void requestTradeFill(State &s);
    void startForming(State &s, const BinanceKline &kline);
    // historicalTrades ids [from, before) not older than historyEnd, then finishRecovery.
    void fillTrades(
        State &s, std::int64_t from, std::int64_t before, std::int64_t after, TimeMs historyEnd);
    // Releases the held trades with ids above `after`, behind `gapTrades`.
    void finishRecovery(State &s, std::vector<Tick> gapTrades, std::int64_t after);

    RestClient &m_rest;
    GapRecovery &m_recovery;
    std::shared_ptr<const Clock> m_clock;
    bool m_fromKline;
    int m_fillQueueLimit;
    Callbacks m_callbacks;
    std::unordered_map<SymbolId, State> m_states;
    std::vector<SymbolId> m_order;  // as tracked: kline waits are checked in this order
    std::int64_t m_skippedFills = 0;
    std::atomic<std::int64_t> m_backfilledTrades {0};
    std::atomic<std::int64_t> m_auxiliaryFailures {0};
};

}  // namespace wick
