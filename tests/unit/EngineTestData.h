// Test data for the MarketEngine tests (test_marketengine, test_engine_owners):
// symbols, trades and batches as a feed would hand them over.
#pragma once

#include <vector>

#include <QString>

#include "model/Symbol.h"
#include "model/Tick.h"

namespace wick::enginetest {

// A 24/7 symbol of a source (UTC, the Symbol defaults).
inline Symbol cryptoSymbol(const QString &source, const QString &code)
{
    Symbol s;
    s.source = source;
    s.code = code;
    s.displayName = code;
    return s;
}

inline Tick trade(SymbolId symbol, TimeMs time, double price, double size)
{
    Tick t;
    t.symbol = symbol;
    t.time = time;
    t.price = price;
    t.size = size;
    return t;
}

inline TickBatch batchOf(std::vector<Tick> ticks, TimeMs feedTime = 0)
{
    TickBatch batch;
    batch.ticks = std::move(ticks);
    batch.feedTime = feedTime;
    return batch;
}

}  // namespace wick::enginetest
