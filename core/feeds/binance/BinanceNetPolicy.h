// core/feeds/binance: how Binance's limits and error shapes map onto core/net:
// the REST policy (REQUEST_WEIGHT window, X-MBX-USED-WEIGHT-1M, {"code","msg"}
// error bodies) and the stream policy (5 incoming messages per second, 24 h
// connections). Pure functions, any thread.
#pragma once

#include "net/RestClient.h"
#include "net/StreamConnection.h"

namespace wick {

struct BinanceFeedConfig;

RestPolicy binanceRestPolicy(const BinanceFeedConfig &config);
StreamPolicy binanceStreamPolicy(const BinanceFeedConfig &config, int connectionIndex);

}  // namespace wick
