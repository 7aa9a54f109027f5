// core/model/Tick: one trade print and the batch a feed hands on per network
// read. Plain values, built on a feed's thread and moved to the engine's.
#pragma once

#include <cstdint>
#include <vector>

#include "model/Types.h"

namespace wick {

// Which side took liquidity: a buyer lifting the ask or a seller hitting the bid.
enum class Side : std::uint8_t { Unknown, Buy, Sell };

// One trade print.
struct Tick {
    SymbolId symbol = kInvalidSymbol;
    TimeMs time = 0;
    double price = 0.0;
    double size = 0.0;
    std::int64_t tradeId = -1;  // -1 when the source gives none
    Side side = Side::Unknown;
    // Already counted in the source's forming bar (Feed::formingBarChanged):
    // validated and scored like any trade, never added to a bar again.
    bool inSourceBar = false;
};

// What a feed hands the engine per network read (or per demo timer step): every
// tick it received, in arrival order (per symbol, in time order), plus the
// feed's clock at the moment of the batch so quiet symbols can close on time.
struct TickBatch {
    std::vector<Tick> ticks;
    TimeMs feedTime = 0;
};

}  // namespace wick
