#include "feeds/binance/BinanceFormingMinute.h"

#include <algorithm>

#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include "feeds/binance/BinanceMessages.h"
#include "feeds/binance/BinanceRestParser.h"
#include "model/Clock.h"
#include "model/Timeframe.h"
#include "net/GapRecovery.h"
#include "net/RestClient.h"

namespace wick {

namespace {

constexpr int kTradesWeight = 25;
constexpr int kTradePageLimit = 1000;
// Binance pushes klines every 2 s: without one in 3 pushes, trades go on alone.
constexpr TimeMs kKlineWaitMs = 6000;

}  // namespace

BinanceFormingMinute::BinanceFormingMinute(RestClient &rest, GapRecovery &recovery,
    std::shared_ptr<const Clock> clock, bool fromKline, int fillQueueLimit, Callbacks callbacks)
    : m_rest(rest)
    , m_recovery(recovery)
    , m_clock(std::move(clock))
    , m_fromKline(fromKline)
    , m_fillQueueLimit(fillQueueLimit)
    , m_callbacks(std::move(callbacks))
{ }

void BinanceFormingMinute::track(SymbolId symbol, const QString &code)
{
    const auto [it, added] = m_states.try_emplace(symbol);
    if (added)
        m_order.push_back(symbol);
    State &s = it->second;
    s.code = code;
    s.id = symbol;
}

void BinanceFormingMinute::restart(SymbolId symbol)
{
    m_states.at(symbol).filling = false;
}

void BinanceFormingMinute::reset(SymbolId symbol)
{
    State &s = m_states.at(symbol);
    s.filling = false;
    s.awaitingKline = false;
    s.inFormingBar = -1;
}

void BinanceFormingMinute::caughtUp(SymbolId symbol)
{
    State &s = m_states.at(symbol);
    s.awaitingKline = m_fromKline;
    s.awaitingSince = m_clock->now();
    requestTradeFill(s);
}

void BinanceFormingMinute::onTrade(Tick trade)
{
    State &s = m_states.at(trade.symbol);
    if (s.inFormingBar >= 0) {
        if (trade.tradeId <= s.inFormingBar) {
            // In the kline's bar already: validated (a repeat is a duplicate), not added.
            trade.inSourceBar = true;
            m_callbacks.trade(trade);
            return;
        }
        s.inFormingBar = -1;
    }
    if (m_recovery.hold(s.id, trade)) {
        stopAwaitingKline(s);
        requestTradeFill(s);
        return;
    }
    s.lastTradeId = std::max(s.lastTradeId, trade.tradeId);
    m_callbacks.trade(trade);
}

void BinanceFormingMinute::onUnclosedKline(SymbolId symbol, const BinanceKline &kline)
{
    // Trades build the forming minute, except where it starts after a (re)connect.
    State &s = m_states.at(symbol);
    if (s.awaitingKline)
        startForming(s, kline);
}

void BinanceFormingMinute::checkKlineWaits()
{
    // A quiet symbol's held trades are not kept waiting for a kline.
    for (const SymbolId id : m_order) {
        State &s = m_states.at(id);
        if (stopAwaitingKline(s))
            requestTradeFill(s);
    }
}

bool BinanceFormingMinute::stopAwaitingKline(State &s)
{
    if (!s.awaitingKline || m_clock->now() - s.awaitingSince <= kKlineWaitMs)
        return false;
    // Klines push every 2 s; without one the minute's earlier trades come from
    // historicalTrades as before (its bar is whole once its kline closes).
    spdlog::warn("binance: {}: no unclosed kline within {} ms; the forming minute goes on "
                 "from its trades",
        s.code.toStdString(), kKlineWaitMs);
    s.awaitingKline = false;
    return true;
}

void BinanceFormingMinute::requestTradeFill(State &s)
{
    const std::vector<Tick> &held = m_recovery.held(s.id);
    if (s.filling || s.awaitingKline || m_recovery.phase(s.id) != GapRecovery::Phase::CaughtUp
        || held.empty())
        return;
    std::int64_t first = held.front().tradeId;
    for (const Tick &t : held)
        first = std::min(first, t.tradeId);
    // The trades between the last one we had (or the start of the forming minute)
    // and the first live one: the forming bar needs them too.
    std::int64_t from = s.lastTradeId >= 0 ? s.lastTradeId + 1 : first - kTradePageLimit;
    from = std::max<std::int64_t>({from, first - kTradePageLimit, 0});
    const TimeMs lastClosed = m_recovery.lastClosed(s.id);
    fillTrades(s, from, first, -1,
        lastClosed >= 0 ? lastClosed + kMinuteMs : minuteFloor(held.front().time));
}

void BinanceFormingMinute::startForming(State &s, const BinanceKline &kline)
{
    s.awaitingKline = false;
    m_callbacks.flush();
    if (kline.bar.tradeCount <= 0 || kline.lastTradeId < 0) {
        finishRecovery(s, {}, -1);  // no trade this minute yet
        return;
    }
    // The minute so far, through trade L; the engine merges later trades into it.
    m_callbacks.forming(s.id, kline.bar);
    const std::int64_t last = kline.lastTradeId;
    s.lastTradeId = std::max(s.lastTradeId, last);
    s.inFormingBar = last;
    std::int64_t first = -1;  // the first held trade after L
    for (const Tick &t : m_recovery.held(s.id)) {
        if (t.tradeId > last && (first < 0 || t.tradeId < first))
            first = t.tradeId;
    }
    // Trades between the kline and the first live one: ids L+1 .. first-1.
    fillTrades(s, last + 1, first, last, kline.bar.time);
}

void BinanceFormingMinute::fillTrades(
    State &s, std::int64_t from, std::int64_t before, std::int64_t after, TimeMs historyEnd)
{
    from = std::max<std::int64_t>(from, before - kTradePageLimit);
    if (from >= before) {
        finishRecovery(s, {}, after);
        return;
    }
    if (int(m_rest.pending()) >= m_fillQueueLimit) {
        // Live data is not held back behind a long REST queue.
        if (m_skippedFills++ % 1000 == 0)
            spdlog::warn("binance: {}: {} REST requests waiting; the forming minute's trades "
                         "{}..{} are not fetched (its bar is whole once its kline closes); {} "
                         "such symbols so far",
                s.code.toStdString(), m_rest.pending(), from, before - 1, m_skippedFills);
        finishRecovery(s, {}, after);
        return;
    }
    s.filling = true;
    const SymbolId id = s.id;
    RestRequest r;
    r.path = QStringLiteral("/api/v3/historicalTrades");
    r.query.addQueryItem(QStringLiteral("symbol"), s.code);
    r.query.addQueryItem(QStringLiteral("fromId"), QString::number(from));
    r.query.addQueryItem(QStringLiteral("limit"), QString::number(before - from));
    r.weight = kTradesWeight;
    r.onAnswer = [this, id, from, before, after, historyEnd](const RestAnswer &a) {
        State &s = m_states.at(id);
        if (!s.filling)
            return;  // removed, reconnected or restarted meanwhile
        std::vector<Tick> gap;
        const auto trades = parseBinanceHistoricalTrades(
            std::string_view(a.body.constData(), a.body.size()), s.code.toStdString());
        if (a.outcome != RestOutcome::Success || !trades) {
            // An auxiliary endpoint: without it the forming minute is whole once its
            // kline closes. Only exchangeInfo says whether a symbol exists.
            spdlog::warn("binance: {}: historicalTrades unusable ({}, HTTP {}): {}; the "
                         "forming minute goes on from the live trades",
                s.code.toStdString(), restOutcomeName(a.outcome).toStdString(), a.status,
                trades ? a.error.message.toStdString() : trades.error().toString().toStdString());
            ++m_auxiliaryFailures;
        } else {
            for (const BinanceTrade &t : trades.value()) {
                if (t.tradeId >= from && t.tradeId < before && t.tradeTime >= historyEnd)
                    gap.push_back(t.toTick(id));
            }
        }
        finishRecovery(s, std::move(gap), after);
    };
    m_rest.enqueue(std::move(r));
}

void BinanceFormingMinute::finishRecovery(State &s, std::vector<Tick> gapTrades, std::int64_t after)
{
    m_backfilledTrades += std::int64_t(gapTrades.size());
    s.filling = false;
    // In id order: the held trades the kline's bar holds already (validated, not
    // added again), the fetched gap, then the held ones after it.
    std::vector<Tick> trades;
    std::vector<Tick> held = m_recovery.release(s.id);
    for (Tick t : held) {
        t.inSourceBar = after >= 0 && t.tradeId <= after;
        if (t.inSourceBar)
            trades.push_back(t);
    }
    trades.insert(trades.end(), gapTrades.begin(), gapTrades.end());
    for (const Tick &t : held) {
        if (after < 0 || t.tradeId > after)
            trades.push_back(t);
    }
    for (const Tick &t : trades) {
        s.lastTradeId = std::max(s.lastTradeId, t.tradeId);
        m_callbacks.trade(t);
    }
    m_callbacks.flush();
    m_callbacks.changed();
}

}  // namespace wick
