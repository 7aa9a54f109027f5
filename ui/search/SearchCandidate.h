// ui/search: one symbol the search box can offer. A plain value the app fills from a
// source's symbol list (Binance exchangeInfo, the demo instruments), on the UI thread.
#pragma once

#include <QString>

namespace wick {

struct SearchCandidate {
    QString key;  // "binance:BTCUSDT": what symbolChosen hands back
    QString source;  // "binance"
    QString code;  // "BTCUSDT"
    QString name;  // "BTC / USDT": base / quote for a pair, the company's name for a share
    QString detail;  // "Spot · TRADING", "Simulated"
};

}  // namespace wick
