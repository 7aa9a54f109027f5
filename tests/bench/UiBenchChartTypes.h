// wick-ui-bench's chart-type phase (UiBenchChartTypes.cpp).
#pragma once

#include <memory>

#include <QSize>
#include <QStringList>

#include "model/Types.h"

namespace wick {

class MarketEngine;
class SymbolRegistry;

// For each chart type, a new chart of the loaded series `id` (with specs)
// drawn in that type: the time from showSeries to its first replot with
// candles, and the median replot at full zoom-out; then the same replot with
// the log price scale. Prints one line each:
//   chart type T: first paint A ms, replot median B ms at full zoom-out
//   log scale: replot median B ms at full zoom-out
// png: when not empty, each chart at full zoom-out is saved beside it as
// png-<type>.png and png-log.png (through the chart image export).
void benchChartTypes(std::shared_ptr<SymbolRegistry> symbols, MarketEngine *engine, SymbolId id,
    QSize size, const QStringList &specs, const QString &png = QString());

}  // namespace wick
