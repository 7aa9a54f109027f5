// core/feeds/demo: DemoSymbolProcess, the trade-by-trade market of one demo
// symbol; pure and single-threaded, owned by DemoMarket.
#pragma once

#include <cstdint>
#include <vector>

#include <QTimeZone>

#include "feeds/demo/DemoInstrument.h"
#include "feeds/demo/DemoRandom.h"
#include "model/Bar.h"
#include "model/Tick.h"

namespace wick {

// The best bid and ask when a trade printed.
struct DemoQuote {
    double bid = 0.0;
    double ask = 0.0;
};

struct DemoTrade {
    Tick tick;
    DemoQuote quote;
};

// One demo symbol's market, trade by trade. A latent log price diffuses in
// trading time with GARCH(1,1) per-minute variance and Student-t minute shocks
// (each minute's Gaussian increments share one inverse-chi-squared variance
// scale, so a minute's return is exactly a unit-variance t times the GARCH
// volatility, however many trades it holds). Trades arrive as a Poisson process
// (exponential gaps in whole milliseconds, intensity = base rate x rate x
// intraday pattern); each prints at the ask (buyer) or the bid (seller) of a
// quote on the tick grid around the latent price. Session symbols only trade
// in session and open with an overnight gap. Deterministic: the same instrument,
// seed, origin and rate give the same trades on every platform.
class DemoSymbolProcess
{
public:
    // startPrice > 0 starts the latent price there instead of on the instrument's
    // reference path (a path resumed after bars cached by an earlier run).
    DemoSymbolProcess(DemoInstrument instrument, std::uint64_t seed, TimeMs origin, double rate,
        SymbolId symbol = kInvalidSymbol, double startPrice = 0.0);

    const DemoInstrument &instrument() const { return m_instrument; }
    // The next trade, not yet consumed.
    const DemoTrade &peek() const { return m_next; }
    // Consumes and returns the next trade.
    DemoTrade next();
    // Consumes the trades before `end` into closed 1m bars (oldest first).
    std::vector<Bar> barsUntil(TimeMs end);
    // Consumes the trades at or before `time`, appending them to out.
    void ticksThrough(TimeMs time, std::vector<Tick> &out);
    // Consumes the trades before `end` without keeping them.
    void skipUntil(TimeMs end);

private:
    struct Session {
        TimeMs open = 0;
        TimeMs close = 0;
    };

    Session sessionAfter(TimeMs time) const;
    void openSession(const Session &session, bool withGap);
    void startMinute(TimeMs minuteStart);
    void closeMinute();
    void diffuseTo(TimeMs time);
    void diffuse(TimeMs durationMs);
    double patternAt(TimeMs minuteStart) const;
    void generate();

    DemoInstrument m_instrument;
    QTimeZone m_zone;
    DemoRandom m_random;
    SymbolId m_symbol;
    double m_rate;
    std::vector<double> m_pattern;  // per minute of the session, or of the UTC day
    double m_longRunVariance;  // per minute, deseasonalised
    double m_omega;
    double m_gapVariance;
    double m_variance;  // GARCH conditional variance of the current minute
    double m_minuteScale = 1.0;  // the minute's Student-t variance scale
    double m_season = 1.0;  // the minute's intraday pattern
    double m_minuteReturn = 0.0;
    double m_logPrice;
    TimeMs m_time;
    TimeMs m_minuteEnd = 0;
    Session m_session;
    std::int64_t m_tradeId = 0;
    DemoTrade m_next;
};

}  // namespace wick
