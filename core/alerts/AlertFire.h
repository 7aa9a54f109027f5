// core/alerts/AlertFire: what one fire of a rule reports -- a plain value
// that the log, the notifier and the cache consume; made on the evaluator's
// thread (the engine thread, or a backtest's caller), sent across by value.
#pragma once

#include <cmath>

#include <QString>

#include "model/Timeframe.h"
#include "model/Types.h"

namespace wick {

struct AlertFire {
    QString ruleId;
    QString symbol;
    SymbolId symbolId = kInvalidSymbol;  // the engine's id; kInvalidSymbol off the engine
    Timeframe timeframe = Timeframe::M1;
    TimeMs barTime = 0;  // open time of the bar it fired on
    TimeMs fireTime = 0;  // when: the source's clock (the bar time in a backtest)
    // That clock's reading when this run started (AlertService: a bar that
    // ended before it was missed while offline); 0 off the engine.
    TimeMs clockStart = 0;
    double left = std::nan("");  // the left operand's value (stale: seconds since data)
    double right = std::nan("");  // the right operand, level or threshold (NaN if none)
    double close = std::nan("");  // the bar's close at the sample (NaN: a data condition)
    bool intrabar = false;  // on the forming bar, not at a close
};

}  // namespace wick
